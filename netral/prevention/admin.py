from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Max
from django.http import HttpRequest

from netral.audit.admin import AuditedAdmin
from netral.prevention.models import PactTemplate


@admin.register(PactTemplate)
class PactTemplateAdmin(AuditedAdmin):
    """Editing a pact saves its next version: signed versions stay exactly as signed."""

    list_display = ["title", "election", "version", "created_at"]
    list_filter = ["election"]
    readonly_fields = ["version", "created_at", "created_by_label"]
    fields = ["election", "title", "opening", "points", "version", "created_at", "created_by_label"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        latest = (
            PactTemplate.objects.filter(election=obj.election).aggregate(v=Max("version"))["v"] or 0
        )
        obj.pk = None
        obj._state.adding = True
        obj.version = latest + 1
        obj.created_by_label = request.user.get_username()
        super().save_model(request, obj, form, False)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
