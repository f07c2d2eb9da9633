"""The scheduled checkpoint jobs: beat writes one when the trail moved, and mails the daily one
only when asked to."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db import transaction

from netral.audit import anchors
from netral.audit.services import log_action
from netral.audit.tasks import checkpoint, checkpoint_mail

pytestmark = pytest.mark.django_db


def test_beat_runs_both_jobs() -> None:
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"netral.audit.checkpoint", "netral.audit.checkpoint_mail"} <= tasks


def test_the_job_writes_a_checkpoint_only_when_the_trail_moved() -> None:
    assert checkpoint.delay().get() == "checkpoint 1"
    assert checkpoint.delay().get() == "no change since the last checkpoint"
    with transaction.atomic():
        log_action(None, "test.event")
    assert checkpoint.delay().get() == "checkpoint 2"
    assert len(anchors.read().checkpoints) == 2


def test_the_daily_mail_is_off_unless_configured(
    settings: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert "mail off" in checkpoint_mail.delay().get()
    assert not anchors.path().exists() and not mailoutbox
    settings.AUDIT_CHECKPOINT_MAIL = True
    with django_capture_on_commit_callbacks(execute=True):
        result = checkpoint_mail.delay().get()
    assert result.startswith("checkpoint 1 mailed to") and mailoutbox
    assert "Titik periksa jejak audit Netral #1" in mailoutbox[0].subject
