"""The job backlog: jobs that failed or could not be handed to the broker, kept to retry."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingJob(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("menunggu dicoba lagi")
        FAILED = "failed", _("gagal, perlu tindakan")

    task = models.CharField(_("tugas"), max_length=200)
    # Jobs carry ids and short texts (see netral.jobs.enqueue), so JSON holds them.
    args_json = models.TextField(default="[]")
    kwargs_json = models.TextField(default="{}")
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.WAITING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    next_try_at = models.DateTimeField(_("dicoba lagi pada"), db_index=True)
    # Set while one process retries the job, so that two processes never run it twice.
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["next_try_at"]
        verbose_name = _("pekerjaan tertunda")
        verbose_name_plural = _("pekerjaan tertunda")

    def __str__(self) -> str:
        return f"{self.task} #{self.pk} ({self.get_state_display()})"

    @property
    def args(self) -> list[Any]:
        loaded: list[Any] = json.loads(self.args_json)
        return loaded

    @property
    def kwargs(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.kwargs_json)
        return loaded
