"""Personal data is kept only as long as docs/retention.md says, by scheduled jobs: the 24-hour
retry copy of a receipt, retry keys, login records, sessions, rate-limit counters, jobs given
up on, and a named reporter's identity after the case closed."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from netral.audit.models import AuditEntry
from netral.intake.models import IdempotencyRecord, Report
from netral.jobs.periodic import run_due
from netral.retention.rules import enforce

from .conftest import api_body

pytestmark = pytest.mark.django_db


def _ago(**kwargs: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(**kwargs)


def test_the_receipt_retry_copy_is_erased_on_schedule_after_24_hours(submit_api: Any) -> None:
    key = str(uuid.uuid4())
    first = submit_api(key=key)
    record = IdempotencyRecord.objects.get(report__case__number=first.json()["number"])
    assert record.receipt_sealed
    assert enforce()["receipt_copies"] == 0  # still inside its day
    IdempotencyRecord.objects.filter(pk=record.pk).update(created_at=_ago(hours=25))
    counts = enforce()  # no new report needed: the job alone erases it
    assert counts["receipt_copies"] == 1
    record.refresh_from_db()
    assert bytes(record.receipt_sealed) == b""
    again = submit_api(key=key)
    assert again.status_code == 200 and again.json()["receipt"] is None  # same report, no copy
    assert (
        AuditEntry.objects.filter(action="retention.enforce").latest("seq").data["receipt_copies"]
        == 1
    )


def test_retry_keys_are_deleted_after_their_retention(submit_api: Any) -> None:
    submit_api()
    IdempotencyRecord.objects.update(created_at=_ago(days=31))
    assert enforce()["idempotency_records"] >= 1
    assert not IdempotencyRecord.objects.exists()


def test_a_named_reporters_identity_is_erased_two_years_after_the_case_closed(
    submit_api: Any,
) -> None:
    body = api_body(
        anonymous=False, reporter={"name": "Joko Prasetyo", "address": "Jl. A 1", "contact": "0812"}
    )
    old = Report.objects.get(case__number=submit_api(body).json()["number"])
    recent = Report.objects.get(case__number=submit_api(body | {"place": "Lain"}).json()["number"])
    old.case.__class__.objects.filter(pk=old.case_id).update(closed_at=_ago(days=731))
    recent.case.__class__.objects.filter(pk=recent.case_id).update(closed_at=_ago(days=700))
    assert enforce()["reporter_identities"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert bytes(old.identity_sealed) == b"" and bytes(recent.identity_sealed) != b""
    entry = AuditEntry.objects.get(action="report.identity_erase")
    assert entry.object_id == str(old.pk) and entry.actor_label == "sistem"


def test_sessions_and_counters_expire() -> None:
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=_ago(minutes=1))
    cache.set("netral-test-counter", 1, timeout=60)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE netral_cache SET expires = %s", [_ago(minutes=1)])
    counts = enforce()
    assert (
        counts["sessions"] >= 1
        and not Session.objects.filter(session_key=store.session_key).exists()
    )
    assert counts["rate_limit_counters"] >= 1


@pytest.mark.skipif(not apps.is_installed("axes"), reason="login records kept in the cache")
def test_login_records_expire() -> None:
    from axes.models import AccessAttempt, AccessLog

    AccessAttempt.objects.create(
        username="x", ip_address="10.0.0.1", user_agent="a", failures_since_start=3
    )
    old = AccessLog.objects.create(username="y", ip_address="10.0.0.2", user_agent="b")
    AccessAttempt.objects.update(attempt_time=_ago(days=31))
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=_ago(days=31))
    fresh = AccessLog.objects.create(username="z", ip_address="10.0.0.3", user_agent="c")
    assert enforce()["login_records"] == 2
    assert not AccessAttempt.objects.exists() and list(AccessLog.objects.all()) == [fresh]


def test_without_a_broker_the_web_process_runs_the_schedule_once_per_period(settings: Any) -> None:
    from celery.schedules import crontab

    cache.clear()
    settings.CELERY_BEAT_SCHEDULE = {
        "retention": {"task": "netral.retention.enforce", "schedule": 3600.0},
        "jobs-drain": {"task": "netral.jobs.drain", "schedule": dt.timedelta(minutes=5)},
        "weekly": {
            "task": "netral.jobs.drain",
            "schedule": crontab(minute=0, hour=7, day_of_week=1),
        },
    }
    assert run_due() == ["retention", "jobs-drain"]  # a weekly entry never fires at start-up
    assert run_due() == []  # not due again within its period (nor in another process)
    cache.set("netral-periodic-last:weekly", _ago(days=8), timeout=None)
    assert run_due() == ["weekly"]  # its Monday-07:00 slot passed since it last ran
    assert run_due() == []
