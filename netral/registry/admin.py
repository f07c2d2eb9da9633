"""The registry in /admin/: agencies (to tie one to its PPK institution) and a read view of
ASN and import runs. ASN are changed by imports and by the registry's own pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from netral.audit.admin import AuditedAdmin
from netral.registry.models import Agency, Asn, ImportRun


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "ppk"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["province", "regency"]
    readonly_fields = ["name_key"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        from netral.registry.agencies import agency_key

        obj.name_key = agency_key(obj.name)
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Asn)
class AsnAdmin(ReadOnlyAdmin):
    list_display = ["nip", "name", "agency", "position", "status", "listed"]
    list_filter = ["employment_type", "position_kind", "status", "listed"]
    search_fields = ["=nip", "name_plain"]
    list_select_related = ["agency"]
    show_full_result_count = False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "source_name", "state", "mode", "full", "agency", "created_at"]
    list_filter = ["state", "mode"]
