"""Admin integration: every add, change and delete made in /admin/ is in the audit trail, with
what changed (old and new values; secrets only named), inlines and bulk deletes included; and
the trail itself is read-only there.

`AuditedAdmin` does it for Netral's models. Admins that other packages register (groups, login
lockouts) are wrapped at start-up by `audit_every_admin`, so that no admin page escapes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from netral.audit.models import AuditEntry
from netral.audit.services import log_action

# Values of these fields are never copied into the trail: only the fact that they changed.
SECRET_FIELDS = ("password", "digest", "secret", "token", "key", "identity", "sealed")
_MAX_VALUE = 300
_AUDITED = "_netral_admin_audited"


def _plain(value: Any) -> Any:
    """A value as the trail keeps it: JSON-friendly, short, stable to the second."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)[:_MAX_VALUE]
    if isinstance(value, QuerySet | list | tuple | set):
        return sorted(str(v)[:_MAX_VALUE] for v in value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)[:_MAX_VALUE]


def _secret(name: str) -> bool:
    return any(part in name.lower() for part in SECRET_FIELDS)


def form_changes(form: ModelForm[Any], *, adding: bool) -> dict[str, Any]:
    """{field: [old, new]} for the fields the form really changed ({field: new} when adding)."""
    changes: dict[str, Any] = {}
    for name in form.changed_data:
        new = _plain(form.cleaned_data.get(name))
        if _secret(name):
            changes[name] = "(diubah)"
            continue
        if adding:
            changes[name] = new
            continue
        field = form.fields.get(name)
        old = form.initial.get(name)
        if field is not None and hasattr(field, "queryset") and isinstance(old, list | tuple):
            old = list(field.queryset.filter(pk__in=[getattr(o, "pk", o) for o in old]))
        elif (
            field is not None
            and hasattr(field, "queryset")
            and old is not None
            and not (isinstance(old, models.Model))
        ):
            old = field.queryset.filter(pk=old).first()
        old = _plain(old)
        if old != new:  # a datetime re-entered to the second is no change
            changes[name] = [old, new]
    return changes


def _verb(obj: models.Model, verb: str) -> str:
    return f"{obj._meta.model_name}.{verb}"


class AuditedMixin:
    """Audit every write of a ModelAdmin, in the transaction that makes it."""

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: ModelForm[Any], change: bool
    ) -> None:
        changes = form_changes(form, adding=not change)
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        setattr(request, _AUDITED, True)
        log_action(
            request.user,
            _verb(obj, "change" if change else "create"),
            obj,
            {"via": "admin", "fields": sorted(changes), "changes": changes},
        )

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Any],
        formset: BaseModelFormSet[Any, Any],
        change: bool,
    ) -> None:
        """Inline rows (a user's roles, an election's contestants): each add, change, delete."""
        parent = form.instance
        doomed = set(map(id, formset.deleted_forms))
        for row in formset.forms:
            if row.has_changed() and id(row) not in doomed and row.is_valid():
                changes = form_changes(row, adding=row.instance.pk is None)
                row.instance._netral_changes = changes
        deleted = [
            (obj, str(obj), obj.pk)
            for obj in (
                row.instance for row in formset.deleted_forms if row.instance.pk is not None
            )
        ]
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for obj, label, pk in deleted:
            log_action(
                request.user,
                _verb(obj, "delete"),
                parent,
                {"via": "admin inline", "id": pk, "object": label},
            )
        for obj in formset.new_objects:
            log_action(
                request.user,
                _verb(obj, "create"),
                obj,
                {
                    "via": "admin inline",
                    "parent": str(parent),
                    "changes": getattr(obj, "_netral_changes", {}),
                },
            )
        for obj, _fields in formset.changed_objects:
            changes = getattr(obj, "_netral_changes", {})
            log_action(
                request.user,
                _verb(obj, "change"),
                obj,
                {
                    "via": "admin inline",
                    "parent": str(parent),
                    "fields": sorted(changes),
                    "changes": changes,
                },
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        setattr(request, _AUDITED, True)
        log_action(request.user, _verb(obj, "delete"), obj, {"via": "admin", "object": str(obj)})
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        """The "delete selected" action: one entry per object, before it goes."""
        setattr(request, _AUDITED, True)
        for obj in queryset:
            log_action(
                request.user,
                _verb(obj, "delete"),
                obj,
                {"via": "admin bulk delete", "object": str(obj)},
            )
        super().delete_queryset(request, queryset)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        """Admin pages that change an object without save_model (a user's password page)."""
        if not getattr(request, _AUDITED, False):
            with transaction.atomic():
                log_action(
                    request.user,
                    _verb(obj, "change"),
                    obj,
                    {"via": "admin", "message": _plain(str(message))},
                )
        return super().log_change(request, obj, message)  # type: ignore[misc]


class AuditedAdmin(AuditedMixin, admin.ModelAdmin):
    pass


class AuditedHistoryAdmin(AuditedAdmin, SimpleHistoryAdmin):
    """For models with `history = HistoricalRecords()`: audited, with a history view."""


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["seq", "shard", "at", "actor_label", "action", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["object_id", "actor_label", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def audit_every_admin(site: admin.AdminSite) -> None:
    """Re-register any ModelAdmin that is not audited (django.contrib.auth's groups, axes'
    lockout records) as an audited subclass of itself."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, AuditedMixin | AuditEntryAdmin):
            continue
        cls = type(model_admin)
        audited = type(f"Audited{cls.__name__}", (AuditedMixin, cls), {"__module__": __name__})
        site.unregister(model)
        site.register(model, audited)
