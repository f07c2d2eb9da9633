"""Monitoring sources in /admin/: add a feed or an API source (its token shown once), see when
each feed was last polled and what came of it, poll chosen feeds now. Items are triaged on the
staff pages, not here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netral.audit.admin import AuditedAdmin
from netral.audit.services import log_action
from netral.monitoring.models import Source, SourceKind


class SourceForm(forms.ModelForm):
    feed_url = forms.URLField(
        label=gettext_lazy("alamat umpan"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Source
        fields = [
            "name",
            "kind",
            "description",
            "feed_url",
            "default_platform",
            "province",
            "regency",
            "mapping",
            "active",
        ]
        labels = {
            "default_platform": gettext_lazy("platform bawaan"),
            "province": gettext_lazy("provinsi"),
            "regency": gettext_lazy("kabupaten/kota"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == SourceKind.FEED and not data.get("feed_url"):
            self.add_error("feed_url", _("Umpan RSS/Atom memerlukan alamat http(s)."))
        regency, province = data.get("regency"), data.get("province")
        if regency is not None and province is not None and regency.province_id != province.pk:
            self.add_error("regency", _("Kabupaten/kota ini tidak berada di provinsi itu."))
        return data


@admin.register(Source)
class SourceAdmin(AuditedAdmin):
    form = SourceForm
    list_display = ["name", "kind", "feed_url", "region", "active", "last_poll", "outcome"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "description", "feed_url"]
    raw_id_fields = ["province", "regency"]
    readonly_fields = ["token_start", "last_poll", "outcome", "created"]
    actions = ["poll_now"]

    @admin.display(description=gettext_lazy("wilayah"))
    def region(self, obj: Source) -> str:
        return str(obj.regency or obj.province or "—")

    @admin.display(description=gettext_lazy("terakhir diambil"), ordering="polled_at")
    def last_poll(self, obj: Source) -> Any:
        return obj.polled_at or "—"

    @admin.display(description=gettext_lazy("hasil pengambilan terakhir"))
    def outcome(self, obj: Source) -> str:
        return obj.poll_status or "—"

    @admin.display(description=gettext_lazy("awal token"))
    def token_start(self, obj: Source) -> str:
        return f"{obj.token_prefix}…" if obj.token_prefix else "—"

    @admin.display(description=gettext_lazy("dibuat"))
    def created(self, obj: Source) -> Any:
        return obj.created_at

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A source's kind decides how its items arrive and is fixed once it exists.
        return [*self.readonly_fields, "kind"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and obj.kind == SourceKind.API:
            # The token the source's system sends: kept as a hash, shown this once.
            from netral.monitoring.sources import issue_token

            token = issue_token(obj)
            super().save_model(request, obj, form, change)
            self.message_user(
                request,
                _("Token sumber %(name)s (hanya ditampilkan sekali, simpan sekarang): %(token)s")
                % {"name": obj.name, "token": token},
                messages.WARNING,
            )
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Ambil umpan terpilih sekarang"))
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        from netral.monitoring.feeds import feed_poll

        feeds = list(queryset.filter(kind=SourceKind.FEED, active=True))
        if not feeds:
            self.message_user(
                request, _("Tidak ada umpan aktif di antara yang dipilih."), messages.WARNING
            )
            return
        for source in feeds:
            with transaction.atomic():
                log_action(request.user, "monitoring.source_poll", source, {"via": "admin"})
            result = feed_poll(source)
            level = messages.ERROR if result.startswith("error") else messages.SUCCESS
            self.message_user(request, f"{source.name}: {result}", level)
