"""Scoring by the election of the item's region and date, idempotent chunks that resume,
alerts once to the jurisdiction's monitors, retention after the election, dashboard measures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from netral.monitoring import scoring
from netral.monitoring.models import Item, ScanChunk
from tests.monitoring.conftest import POST, post

pytestmark = pytest.mark.django_db


def test_items_are_scored_with_the_election_of_their_region_and_date(
    make_items: Callable[..., list[Any]],
) -> None:
    from netral.elections.models import Election

    oku, jatim, late = make_items(
        [
            post(1, region="16.01", text=POST, posted_at="2024-10-10T08:00:00+07:00"),
            post(2, region="35.78", text=POST, posted_at="2024-10-10T08:00:00+07:00"),
            post(3, region="16.01", text=POST + " lagi", posted_at="2026-06-01T08:00:00+07:00"),
        ]
    )
    assert oku.election == Election.objects.get(code="pilbup-oku-2024")
    assert jatim.election is not None and jatim.election.code != "pilbup-oku-2024"
    assert late.election is None
    assert oku.scored_at is not None and oku.label and oku.scored_version


def test_a_chunk_run_again_scores_nothing_twice(make_items: Callable[..., list[Any]]) -> None:
    items = make_items([post(n) for n in range(1, 4)])
    first = {i.pk: i.scored_at for i in items}
    chunk = ScanChunk.objects.create(
        first_id=items[0].pk,
        last_id=items[-1].pk,
        version=scoring.model_version(),
        status=ScanChunk.Status.RUNNING,
        started_at=timezone.now() - dt.timedelta(hours=1),
    )
    assert scoring.chunk_score(chunk.pk) == 0  # all already carry this model version
    assert {i.pk: i.scored_at for i in Item.objects.filter(pk__in=first)} == first
    assert ScanChunk.objects.get(pk=chunk.pk).status == ScanChunk.Status.DONE
    assert scoring.scan_resume() == 0  # a finished chunk is never queued again
    Item.objects.filter(pk=items[1].pk).update(scored_version="")  # a killed worker's leftover
    chunk2 = ScanChunk.objects.create(
        first_id=items[0].pk, last_id=items[-1].pk, version=scoring.model_version()
    )
    assert scoring.chunk_score(chunk2.pk) == 1
    assert scoring.chunk_score(chunk2.pk) == 0  # done chunks are not run again


def test_a_high_score_post_by_a_tied_account_alerts_the_monitors_once(
    make_items: Callable[..., list[Any]], demo_asn: Any
) -> None:
    from netral.monitoring.scoring import items_score

    handle = demo_asn.accounts.first().handle
    mail.outbox.clear()
    text = (
        "Ayo coblos nomor 2 Teddy Meilwansyah - Marjito Bachri, pilih Teddy untuk OKU lebih "
        "maju! Salam 2 jari #TeddyMarjito"
    )
    (item,) = make_items(
        [post(1, author_handle=handle, region="", text=text, posted_at="2024-11-01T08:00:00+07:00")]
    )
    assert item.tied and item.score >= 0.85, item.score
    assert item.alerted_at is not None
    to = {m.to[0] for m in mail.outbox if "Peringatan pemantauan" in m.subject}
    assert to and all("@" in t for t in to)
    sent = len(mail.outbox)
    Item.objects.filter(pk=item.pk).update(scored_version="")
    items_score(list(Item.objects.filter(pk=item.pk)))
    assert len(mail.outbox) == sent  # scored again, not alerted again


def test_retention_deletes_old_unpromoted_items_and_keeps_promoted_and_demo(
    make_items: Callable[..., list[Any]], persona: Callable[[str], Any]
) -> None:
    from netral.monitoring.promotion import item_promote
    from netral.monitoring.triage import items_mark
    from netral.retention.rules import enforce

    old, kept, recent = make_items(
        [
            post(1, posted_at="2024-10-10T08:00:00+07:00"),
            post(2, posted_at="2024-10-11T08:00:00+07:00"),
            post(3, posted_at=timezone.now().isoformat()),
        ]
    )
    monitor = persona("monitor_oku")
    items_mark(actor=monitor, item_ids=[kept.pk], state="relevant")
    item_promote(actor=monitor, item_id=kept.pk)
    demo_before = Item.objects.filter(source__name="demo-ekspor").count()
    counts = enforce()
    assert counts["monitoring_items"] >= 1
    assert not Item.objects.filter(pk=old.pk).exists()
    assert Item.objects.filter(pk__in=[kept.pk, recent.pk]).count() == 2
    assert Item.objects.filter(source__name="demo-ekspor").count() == demo_before


def test_the_dashboard_counts_monitoring_figures(make_items: Callable[..., list[Any]]) -> None:
    from netral.insights.measures import is_available, providers

    assert is_available("monitoring")
    make_items([post(1, posted_at="2024-10-10T08:00:00+07:00")])
    buckets = list(providers()["monitoring"].buckets(timezone.now() - dt.timedelta(minutes=5)))
    day = [
        b
        for b in buckets
        if b.measure == "monitoring.items"
        and b.day == dt.date(2024, 10, 10)
        and b.regency_id == "16.01"
    ]
    assert day and day[0].value >= 1


def test_an_incremental_recount_equals_a_full_count_at_the_edges_of_a_day(
    make_items: Callable[..., list[Any]],
) -> None:
    """The incremental refresh recounts the touched days through a `seen_at` range: posts at
    00:00 and 23:59 Jakarta time belong to that day, one a minute later to the next, exactly
    as a full count has them."""
    from netral.insights.measures import providers

    since = timezone.now() - dt.timedelta(minutes=5)
    make_items(
        [
            post(1, posted_at="2024-10-10T00:00:00+07:00"),
            post(2, posted_at="2024-10-10T23:59:00+07:00"),
            post(3, posted_at="2024-10-11T00:00:00+07:00"),
            post(4, posted_at="2024-10-09T23:59:00+07:00"),
        ]
    )
    provider = providers()["monitoring"]

    def counts(buckets: Any) -> dict[tuple[Any, ...], int]:
        return {
            (b.regency_id, b.day): b.value
            for b in buckets
            if b.measure == "monitoring.items" and b.regency_id == "16.01"
        }

    days = {dt.date(2024, 10, d) for d in (9, 10, 11)}

    def on_days(found: dict[tuple[Any, ...], int]) -> dict[tuple[Any, ...], int]:
        return {k: v for k, v in found.items() if k[1] in days}

    incremental = on_days(counts(provider.buckets(since)))
    assert incremental == on_days(counts(provider.buckets(None)))
    assert set(incremental) == {("16.01", day) for day in days}


def test_a_mail_server_down_parks_the_alert_with_one_log_line_and_no_traceback(
    make_items: Callable[..., list[Any]], demo_asn: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """SMTP refused while a tied account's post is scored: the post is kept and scored, the
    alert waits in the job backlog, and the log says so in one line (a command run at the
    default log level printed a Python traceback)."""
    from django.test import override_settings

    from netral.jobs.models import PendingJob

    handle = demo_asn.accounts.first().handle
    text = (
        "Ayo coblos nomor 2 Teddy Meilwansyah - Marjito Bachri, pilih Teddy untuk OKU lebih "
        "maju! Salam 2 jari #TeddyMarjito"
    )
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=9,  # discard: nothing listens, the connection is refused
            EMAIL_TIMEOUT=2,
        ),
        caplog.at_level("WARNING", logger="netral.jobs"),
    ):
        (item,) = make_items(
            [
                post(
                    1,
                    author_handle=handle,
                    region="",
                    text=text,
                    posted_at="2024-11-01T08:00:00+07:00",
                )
            ]
        )
    assert item.tied and item.score >= 0.85
    assert PendingJob.objects.filter(task__contains="notify").exists()
    failed = [r for r in caplog.records if "failed" in r.getMessage()]
    assert failed and not any(r.exc_info for r in failed)
