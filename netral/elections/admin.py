"""Administrators add and correct elections here (or import a YAML file with
`netral election import`); every change is kept (history) and audited."""

from __future__ import annotations

from django.contrib import admin

from netral.audit.admin import AuditedHistoryAdmin
from netral.elections.models import Contestant, Election, ElectionParty, Party


class ElectionPartyInline(admin.TabularInline):
    model = ElectionParty
    extra = 0
    autocomplete_fields = ["party"]


class ContestantInline(admin.StackedInline):
    model = Contestant
    extra = 0
    filter_horizontal = ["parties"]
    raw_id_fields = ["incumbent_of"]


@admin.register(Election)
class ElectionAdmin(AuditedHistoryAdmin):
    list_display = [
        "code",
        "name",
        "kind",
        "level",
        "candidate_determination",
        "voting_day",
        "data_status",
    ]
    list_filter = ["kind", "level", "data_status"]
    search_fields = ["code", "name"]
    raw_id_fields = ["regency"]
    inlines = [ElectionPartyInline, ContestantInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "name",
                    "kind",
                    "level",
                    "province",
                    "regency",
                    "data_status",
                    "notes",
                    "sources",
                )
            },
        ),
        (
            "Tahapan",
            {
                "fields": (
                    "registration",
                    "candidate_determination",
                    "campaign_start",
                    "campaign_end",
                    "quiet_period_start",
                    "quiet_period_end",
                    "voting_day",
                )
            },
        ),
    )


@admin.register(Party)
class PartyAdmin(AuditedHistoryAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Contestant)
class ContestantAdmin(AuditedHistoryAdmin):
    list_display = ["election", "number", "name"]
    list_filter = ["election"]
    search_fields = ["name"]
    filter_horizontal = ["parties"]
    raw_id_fields = ["incumbent_of"]
