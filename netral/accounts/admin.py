from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from netral.accounts.models import ApiToken, Institution, StaffRole, User
from netral.audit.admin import AuditedAdmin, AuditedHistoryAdmin


@admin.register(Institution)
class InstitutionAdmin(AuditedHistoryAdmin):
    list_display = ["name", "kind", "province", "regency", "parent"]
    list_filter = ["kind", "province"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["regency"]


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    extra = 1


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "institution", "is_active"]
    list_filter = ["is_active", "institution__kind"]
    inlines = [StaffRoleInline]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Netral", {"fields": ("institution", "position")}),
    )
    autocomplete_fields = ["institution"]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # The new password and its audit entry (AuditedMixin.log_change) commit together.
        with transaction.atomic():
            return super().user_change_password(request, id, form_url)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = [
        "prefix",
        "user",
        "name",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["digest", "prefix", "created_at", "last_used_at"]


# django-otp's own device pages would show TOTP secrets and backup codes to any administrator
# (and copy them into the audit trail): devices are managed by their users at /staf/keamanan/,
# and reset with `netral twofactor reset --user USERNAME` when a phone is lost.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)
