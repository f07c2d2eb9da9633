"""Prevention's figures on the dashboards (the insights measure seam): pacts signed per day and
region, socialization reach, and quiz scores (a mean: the sum of scores and their count)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate

from netral.insights.measures import Bucket
from netral.prevention.models import Attendance, PactSignature, QuizAttempt


class PreventionMeasures:
    area = "prevention"

    def buckets(self, since: dt.datetime | None) -> Iterator[Bucket]:
        yield from self.pact_buckets(since)
        yield from self.reach_buckets()
        yield from self.quiz_buckets(since)

    def quiz_buckets(self, since: dt.datetime | None) -> Iterator[Bucket]:
        """Scores of identified ASN per day of submission, the quiz's election and the ASN's
        region: value = sum of scores, n = attempts (insights shows value / n). Attempts are
        only ever added, so the days submitted since `since` are the buckets to recount."""
        scored = QuizAttempt.objects.filter(score__isnull=False, asn__isnull=False).annotate(
            day=TruncDate("submitted_at")
        )
        if since is not None:
            days = set(
                scored.filter(submitted_at__gte=since).values_list("day", flat=True).distinct()
            )
            if not days:
                return
            scored = scored.filter(day__in=days)
        rows = scored.values("quiz__election_id", "asn__province_id", "asn__regency_id", "day")
        for r in rows.annotate(total=Sum("score"), n=Count("id")):
            yield Bucket(
                "prevention.quiz_score",
                r["quiz__election_id"],
                r["asn__province_id"],
                r["asn__regency_id"],
                r["day"],
                float(r["total"] or 0),
                r["n"],
            )

    def reach_buckets(self) -> Iterator[Bucket]:
        """Attendees matched to the registry, per event day and the ASN's region; every
        bucket each time (attendance is small and a review can move a row either way)."""
        rows = (
            Attendance.objects.filter(match=Attendance.Match.MATCHED)
            .values("event__election_id", "asn__province_id", "asn__regency_id", "event__date")
            .annotate(n=Count("asn_id", distinct=True))
        )
        for r in rows:
            yield Bucket(
                "prevention.socialization_reach",
                r["event__election_id"],
                r["asn__province_id"],
                r["asn__regency_id"],
                r["event__date"],
                r["n"],
            )

    def pact_buckets(self, since: dt.datetime | None) -> Iterator[Bucket]:
        # A signature changes its bucket when made or revoked: recount every bucket a
        # signature made or revoked since `since` touches (all of them on a full refresh).
        signatures = PactSignature.objects.filter(revoked_at__isnull=True)
        touched = PactSignature.objects.all()
        if since is not None:
            touched = touched.filter(signed_at__gte=since) | touched.filter(revoked_at__gte=since)
        keys = set(
            touched.annotate(day=TruncDate("signed_at")).values_list(
                "round__election_id", "asn__province_id", "asn__regency_id", "day"
            )
        )
        if not keys:
            return
        days = {k[3] for k in keys}
        rows = (
            signatures.annotate(day=TruncDate("signed_at"))
            .filter(day__in=days)
            .values("round__election_id", "asn__province_id", "asn__regency_id", "day")
            .annotate(n=Count("id"))
        )
        counted = set()
        for r in rows:
            key = (r["round__election_id"], r["asn__province_id"], r["asn__regency_id"], r["day"])
            if key in keys:
                counted.add(key)
                yield Bucket(
                    "prevention.pacts_signed",
                    r["round__election_id"],
                    r["asn__province_id"],
                    r["asn__regency_id"],
                    r["day"],
                    r["n"],
                )
        # Buckets whose every signature was revoked fall to zero.
        for election_id, province_id, regency_id, day in keys - counted:
            yield Bucket("prevention.pacts_signed", election_id, province_id, regency_id, day, 0)
