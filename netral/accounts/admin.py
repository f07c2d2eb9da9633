from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["digest", "prefix", "created_at", "last_used_at"]
