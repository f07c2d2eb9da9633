"""Monitoring items never promoted are deleted RETENTION_MONITORING_DAYS (default 180) after
their election's voting day, or after the post's own day when no election was found for it.
Promoted items stay with their case, and the demo's items stay (they are dated in 2024).
The count goes into the audit trail with the other
retention rules (netral.retention)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from netral.monitoring.models import Cluster, Item, Screenshot

CHUNK = 2000


def items_expire(*, today: dt.date | None = None) -> int:
    days = dt.timedelta(days=int(settings.RETENTION_MONITORING_DAYS))
    cutoff = (today or timezone.localdate()) - days
    due = Item.objects.filter(case__isnull=True, source__demo=False).filter(
        Q(election__voting_day__lt=cutoff) | Q(election__isnull=True, seen_at__date__lt=cutoff)
    )
    deleted = 0
    while True:
        ids = list(due.values_list("pk", flat=True)[:CHUNK])
        if not ids:
            break
        files = list(Screenshot.objects.filter(item_id__in=ids).values_list("original", "stripped"))
        with transaction.atomic():
            Item.objects.filter(pk__in=ids).delete()
        for original, stripped in files:
            for name in (original, stripped):
                if name:
                    default_storage.delete(name)
        deleted += len(ids)
    Cluster.objects.filter(items__isnull=True).delete()
    return deleted
