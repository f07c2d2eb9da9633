"""Administrators correct the catalogue here; every change is kept (history) and audited."""

from __future__ import annotations

from django.contrib import admin

from netral.audit.admin import AuditedHistoryAdmin
from netral.catalogue.models import (
    Authority,
    CriminalProvision,
    LegalBasis,
    Regulation,
    Sanction,
    Violation,
)

_SOURCED = ("confidence", "confirmed", "confirmation_note", "sources")


@admin.register(Regulation)
class RegulationAdmin(AuditedHistoryAdmin):
    list_display = ["code", "short_name", "kind", "year", "in_force", "confirmed"]
    list_filter = ["kind", "in_force", "confidence"]
    search_fields = ["code", "short_name", "title"]
    readonly_fields = ["confirmed"]


@admin.register(Sanction)
class SanctionAdmin(AuditedHistoryAdmin):
    list_display = ["code", "name", "category", "level", "confirmed"]
    list_filter = ["category", "level", "confidence"]
    search_fields = ["code", "name"]
    readonly_fields = ["confirmed"]


@admin.register(CriminalProvision)
class CriminalProvisionAdmin(AuditedHistoryAdmin):
    list_display = ["code", "regulation", "prohibition_article", "penalty_article", "confirmed"]
    readonly_fields = ["confirmed"]


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    extra = 1


@admin.register(Violation)
class ViolationAdmin(AuditedHistoryAdmin):
    list_display = ["code", "kind", "phase", "level", "applies_to", "confirmed"]
    list_filter = ["kind", "phase", "level", "confidence", "confirmed"]
    search_fields = ["code", "title", "explanation"]
    readonly_fields = ["confirmed"]
    filter_horizontal = ["allowed_sanctions", "criminal_provisions"]
    inlines = [LegalBasisInline]


@admin.register(Authority)
class AuthorityAdmin(AuditedHistoryAdmin):
    list_display = ["code", "name", "valid_from", "valid_until", "confirmed"]
    readonly_fields = ["confirmed"]
