"""Administrators correct cuti bersama and deadline rules here, with history and audit."""

from __future__ import annotations

from django.contrib import admin

from netral.audit.admin import AuditedHistoryAdmin
from netral.deadlines.models import CutiBersama, DeadlineRule


@admin.register(CutiBersama)
class CutiBersamaAdmin(AuditedHistoryAdmin):
    list_display = ["date", "name", "confirmed"]
    list_filter = ["confirmed"]
    date_hierarchy = "date"


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedHistoryAdmin):
    list_display = [
        "kind",
        "stage",
        "amount",
        "unit",
        "effective_from",
        "effective_until",
        "confirmed",
    ]
    list_filter = ["kind", "stage", "confirmed"]
