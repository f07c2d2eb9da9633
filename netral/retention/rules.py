"""How long personal data is kept, enforced: each rule deletes or erases what has outlived its
purpose. docs/retention.md is the same list in words; `enforce()` runs them all (hourly, from
Celery beat or, with no broker, from the web process: see netral.jobs.periodic).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from netral.audit.services import log_action


def _days(name: str) -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, name)))


def receipt_copies() -> int:
    """The sealed copy of a receipt kept for retries (24 hours) is erased after its window."""
    from netral.intake.models import IdempotencyRecord
    from netral.intake.services import IDEMPOTENCY_WINDOW

    return (
        IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - IDEMPOTENCY_WINDOW)
        .exclude(receipt_sealed=b"")
        .update(receipt_sealed=b"")
    )


def idempotency_records() -> int:
    """A retry key's record (hashes only) after RETENTION_IDEMPOTENCY_DAYS."""
    from netral.intake.models import IdempotencyRecord

    cutoff = timezone.now() - _days("RETENTION_IDEMPOTENCY_DAYS")
    return IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()[0]


def login_records() -> int:
    """Failed logins and lockouts (username, address, browser) after RETENTION_LOGIN_DAYS,
    where a login throttle keeps them in tables (django-axes)."""
    from django.apps import apps

    if not apps.is_installed("axes"):
        return 0
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = timezone.now() - _days("RETENTION_LOGIN_DAYS")
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def sessions() -> int:
    """Expired login sessions."""
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]


def rate_limit_counters() -> int:
    """Expired rate-limit counters (keyed by a keyed hash of the client's address) in the
    database cache; a Redis cache expires them by itself."""
    cache = settings.CACHES["default"]
    if not cache["BACKEND"].endswith("DatabaseCache"):
        return 0
    table = connection.ops.quote_name(cache["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE expires < %s",  # noqa: S608 (setting name)
            [timezone.now().replace(microsecond=0)],
        )
        return max(cursor.rowcount, 0)


def failed_jobs() -> int:
    """Jobs given up on (they hold user ids and message subjects) after RETENTION_JOBS_DAYS."""
    from netral.jobs.models import PendingJob

    cutoff = timezone.now() - _days("RETENTION_JOBS_DAYS")
    return PendingJob.objects.filter(state=PendingJob.State.FAILED, created_at__lt=cutoff).delete()[
        0
    ]


def reporter_identities() -> int:
    """A named reporter's sealed identity, RETENTION_IDENTITY_DAYS after the case closed:
    nobody needs to contact the reporter any more. Each erasure is audited."""
    from netral.intake.models import Report

    cutoff = timezone.now() - _days("RETENTION_IDENTITY_DAYS")
    due = (
        Report.objects.select_related("case")
        .exclude(identity_sealed=b"")
        .filter(case__closed_at__lt=cutoff)
    )
    erased = 0
    for report in due.iterator(chunk_size=500):
        with transaction.atomic():
            Report.objects.filter(pk=report.pk).update(identity_sealed=b"")
            log_action(
                None,
                "report.identity_erase",
                report,
                {
                    "case": report.case.number,
                    "closed_at": report.case.closed_at,
                    "rule": "RETENTION_IDENTITY_DAYS",
                },
            )
        erased += 1
    return erased


def monitoring_items() -> int:
    """Monitoring items never promoted, RETENTION_MONITORING_DAYS after their election."""
    from netral.monitoring.retention import items_expire

    return items_expire()


RULES: dict[str, Callable[[], int]] = {
    "receipt_copies": receipt_copies,
    "idempotency_records": idempotency_records,
    "login_records": login_records,
    "sessions": sessions,
    "rate_limit_counters": rate_limit_counters,
    "failed_jobs": failed_jobs,
    "reporter_identities": reporter_identities,
    "monitoring_items": monitoring_items,
}


def enforce() -> dict[str, int]:
    """Run every rule; one audit entry says what was removed (when anything was)."""
    counts = {name: rule() for name, rule in RULES.items()}
    if any(counts.values()):
        with transaction.atomic():
            log_action(None, "retention.enforce", None, counts)
    return counts
