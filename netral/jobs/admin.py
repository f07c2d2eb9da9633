"""The job backlog for administrators: what failed, why, when it is tried again."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netral.audit.admin import AuditedAdmin
from netral.audit.services import log_action
from netral.jobs.backlog import retry_one
from netral.jobs.models import PendingJob


@admin.register(PendingJob)
class PendingJobAdmin(AuditedAdmin):
    list_display = ["task", "state", "attempts", "next_try_at", "short_error", "created_at"]
    list_filter = ["state", "task"]
    readonly_fields = [
        "task",
        "args_json",
        "kwargs_json",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "next_try_at",
        "claimed_until",
    ]
    actions = ["retry_now"]

    @admin.display(description=gettext_lazy("galat terakhir"))
    def short_error(self, obj: PendingJob) -> str:
        return obj.last_error[:120]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=gettext_lazy("Coba lagi sekarang"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[PendingJob]) -> None:
        done = failed = 0
        for job in queryset:
            with transaction.atomic():
                log_action(
                    request.user,
                    "pendingjob.retry",
                    job,
                    {"via": "admin", "task": job.task, "attempts": job.attempts},
                )
            job.state = PendingJob.State.WAITING
            job.next_try_at = timezone.now()
            if retry_one(job):
                done += 1
            else:
                failed += 1
        self.message_user(
            request,
            _("%(done)d pekerjaan berhasil, %(failed)d masih gagal.")
            % {"done": done, "failed": failed},
            messages.SUCCESS if not failed else messages.WARNING,
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(self.readonly_fields)
