"""Admin integration: `AuditedAdmin` records every add, change and delete made in /admin/ in the
audit trail (Django's admin already runs each save in a transaction), and the trail itself is
read-only there."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from netral.audit.models import AuditEntry
from netral.audit.services import log_action


class AuditedAdmin(admin.ModelAdmin):
    def save_model(
        self, request: HttpRequest, obj: models.Model, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        verb = "change" if change else "create"
        log_action(
            request.user,
            f"{obj._meta.model_name}.{verb}",
            obj,
            {"via": "admin", "fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        log_action(request.user, f"{obj._meta.model_name}.delete", obj, {"via": "admin"})
        super().delete_model(request, obj)


class AuditedHistoryAdmin(AuditedAdmin, SimpleHistoryAdmin):
    """For models with `history = HistoricalRecords()`: audited, with a history view."""


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["seq", "at", "actor_label", "action", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["object_id", "actor_label", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
