"""RSS and Atom feeds (news portals that report on ASN neutrality), polled on a schedule.

Each poll is a conditional request (If-None-Match / If-Modified-Since from the last answer's
ETag and Last-Modified), so an unchanged feed costs one 304 and nothing is parsed. The body is
parsed by feedparser; each entry becomes an item of platform "web", its id (or link) the
external id, so a repeated entry is a duplicate and stored once.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from typing import Any

import feedparser
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from netral.access.actors import SystemActor
from netral.monitoring.formats import Problem, Record, build
from netral.monitoring.ingest import items_ingest
from netral.monitoring.models import Source, SourceKind

log = logging.getLogger("netral.monitoring")
TIMEOUT = 20  # seconds: a hung portal must not hold the schedule
MAX_BYTES = 5 * 1024 * 1024
ACTOR = SystemActor("monitoring.feeds")


def _fetch(source: Source) -> tuple[int, bytes, dict[str, str]]:
    headers = {"User-Agent": "Netral/1 (+pemantauan netralitas ASN)"}
    if source.feed_etag:
        headers["If-None-Match"] = source.feed_etag
    if source.feed_modified:
        headers["If-Modified-Since"] = source.feed_modified
    request = urllib.request.Request(source.feed_url, headers=headers)  # noqa: S310  (http(s) only, checked at source_add)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return answer.status, answer.read(MAX_BYTES), dict(answer.headers.items())
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return 304, b"", dict(exc.headers.items())
        raise


def _when(entry: Any) -> str:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return ""
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC).isoformat()


def entry_record(n: int, entry: Any, source: Source) -> Record | Problem:
    title = strip_tags(entry.get("title", "")).strip()
    summary = strip_tags(entry.get("summary", "")).strip()
    values = {
        "platform": source.default_platform or "web",
        "external_id": str(entry.get("id") or entry.get("link") or "")[:200],
        "url": entry.get("link", ""),
        "author_name": entry.get("author", ""),
        "text": f"{title}\n\n{summary}".strip(),
        "posted_at": _when(entry),
        "region": source.regency_id or source.province_id or "",
    }
    raw = json.dumps(entry, ensure_ascii=False, default=str, sort_keys=True)
    return build(n, raw, values)


def feed_poll(source: Source) -> str:
    """Poll one feed; returns what happened in a few words (kept on the source)."""
    try:
        status, body, headers = _fetch(source)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        result = f"error: {getattr(exc, 'reason', exc)}"[:200]
        Source.objects.filter(pk=source.pk).update(polled_at=timezone.now(), poll_status=result)
        log.warning("feed %s: %s", source.name, result)
        return result
    lower = {k.lower(): v for k, v in headers.items()}
    if status == 304:
        result = "not modified"
        created = 0
    else:
        parsed = feedparser.parse(body)
        records = []
        bad = 0
        for n, entry in enumerate(parsed.entries, start=1):
            record = entry_record(n, entry, source)
            if isinstance(record, Problem):
                bad += 1
                log.warning("feed %s entry %d: %s", source.name, n, record)
            else:
                records.append(record)
        outcome = items_ingest(source=source, records=records, actor=ACTOR)
        created = len(outcome.created)
        result = f"{created} new, {len(outcome.duplicates)} known, {bad} unreadable"
    with transaction.atomic():
        fields: dict[str, Any] = {"polled_at": timezone.now(), "poll_status": result}
        if status != 304:
            fields["feed_etag"] = lower.get("etag", "")[:200]
            fields["feed_modified"] = lower.get("last-modified", "")[:100]
        Source.objects.filter(pk=source.pk).update(**fields)
    return result


def feeds_poll() -> dict[str, str]:
    return {s.name: feed_poll(s) for s in Source.objects.filter(kind=SourceKind.FEED, active=True)}
