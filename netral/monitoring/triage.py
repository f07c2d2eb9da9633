"""Triage, as Aggie does it: a queue in priority order, batches of 25 locked to one monitor
(free again after 10 minutes without a mark), marks on items or whole clusters.

The queue shows items still to triage that stand for themselves or head a cluster, highest
priority first: tied to an ASN, then score, then recency. Filters narrow the queue, and a batch
is taken from the filtered queue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache as shared_cache
from django.core.exceptions import EmptyResultSet, PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netral import access
from netral.access.actors import actor_of
from netral.audit.services import log_action
from netral.monitoring.models import Item, State, TriageBatch, Veracity
from netral.monitoring.policies import may_triage

BATCH_SIZE = 25
IDLE = dt.timedelta(minutes=10)
QUEUE_ORDER = ("-tied", "-score", "-seen_at", "-id")
MARKS = (State.RELEVANT, State.NOT_RELEVANT, State.ESCALATED, State.DUPLICATE, State.NEW)
FILTER_KEYS = (
    "region",
    "election",
    "platform",
    "source",
    "state",
    "min_score",
    "max_score",
    "tied",
    "date_from",
    "date_to",
)
# The filters' labels, written once: the filter form shows them, and a bad filter's message
# names its field by them, as the user saw it.
FILTER_LABELS = {
    "region": gettext_lazy("Wilayah (kode)"),
    "election": gettext_lazy("Pemilihan (id)"),
    "platform": gettext_lazy("Platform"),
    "state": gettext_lazy("Status"),
    "min_score": gettext_lazy("Skor minimal"),
    "max_score": gettext_lazy("Skor maksimal"),
    "tied": gettext_lazy("Terhubung ke ASN"),
    "date_from": gettext_lazy("Dari tanggal"),
    "date_to": gettext_lazy("Sampai tanggal"),
}


@dataclass(frozen=True)
class Filters:
    region: str = ""
    election: int | None = None
    platform: str = ""
    source: str = ""
    state: str = ""
    min_score: float | None = None
    max_score: float | None = None
    tied: bool | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def labels(self) -> dict[str, Any]:
        return FILTER_LABELS

    def apply(self, qs: QuerySet[Item]) -> QuerySet[Item]:
        if self.region:
            field = "regency_id" if "." in self.region else "province_id"
            qs = qs.filter(**{field: self.region})
        if self.election is not None:
            qs = qs.filter(election_id=self.election)
        if self.platform:
            qs = qs.filter(platform=self.platform)
        if self.source:
            qs = qs.filter(source__name=self.source)
        if self.state:
            qs = qs.filter(state=self.state)
        if self.min_score is not None:
            qs = qs.filter(score__gte=self.min_score)
        if self.max_score is not None:
            qs = qs.filter(score__lte=self.max_score)
        if self.tied is not None:
            qs = qs.filter(tied=self.tied)
        if self.date_from is not None:
            qs = qs.filter(seen_at__date__gte=self.date_from)
        if self.date_to is not None:
            qs = qs.filter(seen_at__date__lte=self.date_to)
        return qs

    def as_dict(self) -> dict[str, Any]:
        return {
            k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in self.__dict__.items()
            if v not in (None, "")
        }

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Filters:
        """From query parameters or a batch's stored filters; a bad value names its field."""
        values: dict[str, Any] = {}

        def bad(field: str) -> ValidationError:
            return ValidationError({field: _("Nilai tidak sah.")})

        for key in ("region", "platform", "source", "state"):
            if data.get(key):
                values[key] = str(data[key]).strip()[:40]
        if values.get("state") and values["state"] not in State.values:
            raise bad("state")
        for key in ("min_score", "max_score"):
            if data.get(key) not in (None, ""):
                try:
                    values[key] = float(data[key])
                except (TypeError, ValueError):
                    raise bad(key) from None
        if data.get("election") not in (None, ""):
            try:
                values["election"] = int(data["election"])
            except (TypeError, ValueError):
                raise bad("election") from None
        if data.get("tied") not in (None, ""):
            values["tied"] = str(data["tied"]).lower() in {"1", "true", "ya", "yes", "on"}
        for key in ("date_from", "date_to"):
            if data.get(key):
                try:
                    values[key] = dt.date.fromisoformat(str(data[key]))
                except ValueError:
                    raise bad(key) from None
        return cls(**values)


def queue(user: Any, filters: Filters | None = None) -> QuerySet[Item]:
    """Items still to triage, in priority order (a cluster once, through its head)."""
    qs = access.visible_to(user, Item).filter(state=State.NEW, primary=True)
    return (filters or Filters()).apply(qs).order_by(*QUEUE_ORDER)


def listing(user: Any, filters: Filters | None = None) -> QuerySet[Item]:
    """Every visible item (any state), in the queue's order: the API's list."""
    return (filters or Filters()).apply(access.visible_to(user, Item)).order_by(*QUEUE_ORDER)


def page_rows(qs: QuerySet[Item], start: int, size: int) -> list[Item]:
    """One page of `qs` in its order, sorting narrow rows first: the page's ids by the order's
    columns alone, then those rows whole (with `qs`'s related objects). The API's list in the
    queue's order covers items in every state, which no index holds in that order; at a
    million items, sorting whole rows joined to their source and account took 1.2 s, the
    ids alone about a fifth of that."""
    ids = list(qs.values_list("pk", flat=True)[start : start + size])
    found = {item.pk: item for item in qs.filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]  # (one deleted in between is left out)


# Counts over more items than this are kept in the shared cache (see `counts`).
COUNTS_KEPT_FROM = 50_000
COUNTS_KEPT_FOR = 60  # seconds


def counts(user: Any, filters: Filters | None = None) -> dict[str, int]:
    """Items per state in the user's jurisdiction, with the queue's filters.

    A national office's counts read every item (180 ms at a million items, most of its queue
    page's time), and they are asked for at each page of the queue. Counts over more than
    `COUNTS_KEPT_FROM` items are kept in the shared cache for up to a minute, keyed by the
    query and the item table's version (its newest item, mark and score): a new item, a mark
    or a score anywhere makes them counted again at once; only a deletion by retention or
    a placement by region waits out the minute."""
    qs = (filters or Filters(state="")).apply(access.visible_to(user, Item))
    # COUNT(*), not COUNT(id): PostgreSQL then counts from a (region, state) index alone.
    query = qs.order_by().values_list("state").annotate(n=Count("*"))
    try:
        sql, params = query.query.sql_with_params()
    except EmptyResultSet:  # a user who sees no item
        return dict.fromkeys(State.values, 0)
    key = (
        "monitoring:counts:"
        + hashlib.sha256(repr((sql, params, _items_version())).encode()).hexdigest()
    )
    found = shared_cache.get(key)
    if found is None:
        found = dict(query)
        if sum(found.values()) > COUNTS_KEPT_FROM:
            shared_cache.set(key, found, COUNTS_KEPT_FOR)
    return {s: int(found.get(s, 0)) for s in State.values}


def _items_version() -> tuple[Any, ...]:
    """The newest item, mark and score: three probes of the item table's indexes."""
    table = connection.ops.quote_name(Item._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(id) FROM {table}), "  # noqa: S608 (the model's table name)
            f"(SELECT max(triaged_at) FROM {table} WHERE triaged_at IS NOT NULL), "
            f"(SELECT max(scored_at) FROM {table})"
        )
        return tuple(cursor.fetchone() or ())


def _free(user: Any) -> Q:
    cutoff = timezone.now() - IDLE
    return (
        Q(batch__isnull=True)
        | Q(batch__released_at__isnull=False)
        | Q(batch__touched_at__lt=cutoff)
        | Q(batch__monitor=user)
    )


def open_batch(user: Any) -> TriageBatch | None:
    return (
        TriageBatch.objects.filter(
            monitor=user, released_at__isnull=True, touched_at__gte=timezone.now() - IDLE
        )
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def batch_take(*, actor: Any, filters: Filters | None = None) -> TriageBatch:
    """The monitor's open batch if it still has items to mark (a second click takes nothing
    more); else up to 25 free items of the filtered queue, locked to them."""
    if not may_triage(actor):
        raise PermissionDenied(_("Hanya petugas Bawaslu yang dapat menelaah hasil pemantauan."))
    filters = filters or Filters()
    current = open_batch(actor)
    if current is not None and current.items.filter(state=State.NEW).exists():
        return current
    if current is not None:
        _release(current)
    candidates = access.writable_by(actor, Item).filter(state=State.NEW, primary=True)
    candidates = filters.apply(candidates).filter(_free(actor)).order_by(*QUEUE_ORDER)
    if connection.features.has_select_for_update_skip_locked:
        # Two monitors taking at once get different items, not the same ones twice.
        candidates = candidates.select_for_update(skip_locked=True, of=("self",))
    ids = [i.pk for i in candidates.only("pk")[:BATCH_SIZE]]
    batch = TriageBatch.objects.create(monitor=actor, filters=filters.as_dict())
    Item.objects.filter(pk__in=ids).update(batch=batch)
    log_action(
        actor,
        "monitoring.batch_take",
        batch,
        {"items": ids, "filters": batch.filters},
        region=_region(actor),
    )
    return batch


def _region(user: Any) -> tuple[str, str]:
    inst = getattr(user, "institution", None)
    return (inst.province_id or "", inst.regency_id or "") if inst else ("", "")


def _release(batch: TriageBatch) -> None:
    TriageBatch.objects.filter(pk=batch.pk).update(released_at=timezone.now())
    Item.objects.filter(batch=batch, state=State.NEW).update(batch=None)


@transaction.atomic
def batch_release(*, actor: Any, batch_id: int) -> TriageBatch:
    batch = TriageBatch.objects.filter(pk=batch_id, monitor=actor).first()
    if batch is None:
        raise ValidationError({"batch": _("Paket tidak ditemukan.")})
    if batch.released_at is None:
        _release(batch)
        log_action(actor, "monitoring.batch_release", batch, {}, region=_region(actor))
    batch.refresh_from_db()
    return batch


def batch_items(batch: TriageBatch, user: Any) -> list[Item]:
    return list(
        access.visible_to(user, Item)
        .filter(batch=batch)
        .select_related("account__asn", "source")
        .order_by(*QUEUE_ORDER)
    )


def release_idle() -> int:
    """Mark batches idle for 10 minutes released (their items are free already: this keeps
    the table honest for the counts)."""
    cutoff = timezone.now() - IDLE
    return TriageBatch.objects.filter(released_at__isnull=True, touched_at__lt=cutoff).update(
        released_at=timezone.now()
    )


@transaction.atomic
def items_mark(
    *,
    actor: Any,
    item_ids: Sequence[int],
    state: str,
    veracity: str = "",
    tags: Sequence[str] = (),
    note: str = "",
) -> list[Item]:
    """Mark items (a cluster head marks its unmarked members too); audited one by one."""
    if state not in MARKS:
        raise ValidationError({"state": _("Status telaah tidak dikenal.")})
    if veracity and veracity not in Veracity.values:
        raise ValidationError({"veracity": _("Nilai kebenaran tidak dikenal.")})
    if not item_ids:
        raise ValidationError({"items": _("Pilih paling sedikit satu unggahan.")})
    clean_tags = sorted({t.strip().lower()[:40] for t in tags if t.strip()})[:10]
    if len(note) > 2000:
        raise ValidationError({"note": _("Catatan paling banyak 2000 karakter.")})
    items = list(
        access.writable_by(actor, Item)
        .filter(pk__in=list(item_ids))
        .select_related("batch")
        .select_for_update(of=("self",))
    )
    if len(items) != len(set(item_ids)):
        if not access.visible_to(actor, Item).filter(pk__in=list(item_ids)).count() == len(
            set(item_ids)
        ):
            raise ValidationError({"items": _("Sebagian unggahan tidak ditemukan.")})
        raise PermissionDenied(
            _("Anda dapat melihat unggahan ini tetapi tidak berwenang menelaahnya.")
        )
    cutoff = timezone.now() - IDLE
    for item in items:
        b = item.batch
        if (
            b is not None
            and b.monitor_id != actor.pk
            and b.released_at is None
            and b.touched_at >= cutoff
            and item.state == State.NEW
        ):
            raise ValidationError(
                {"items": _("Unggahan %(id)d sedang ditelaah petugas lain.") % {"id": item.pk}}
            )
        if item.case_id is not None:
            raise ValidationError(
                {"items": _("Unggahan %(id)d sudah menjadi temuan.") % {"id": item.pk}}
            )
    now, label = timezone.now(), actor_of(actor).label
    for item in items:
        before = item.state
        item.state, item.veracity, item.tags, item.note = state, veracity, clean_tags, note
        item.triaged_at, item.triaged_by_label = now, label
        item.save(
            update_fields=["state", "veracity", "tags", "note", "triaged_at", "triaged_by_label"]
        )
        followers = 0
        if item.cluster_id is not None and item.primary:
            followers = Item.objects.filter(
                cluster_id=item.cluster_id, primary=False, state__in=[before, State.NEW]
            ).update(state=state, triaged_at=now, triaged_by_label=label)
        log_action(
            actor,
            "monitoring.mark",
            item,
            {
                "from": before,
                "to": state,
                "veracity": veracity,
                "tags": clean_tags,
                "cluster_members": followers,
            },
        )
    TriageBatch.objects.filter(
        pk__in={i.batch_id for i in items if i.batch_id}, monitor=actor
    ).update(touched_at=now)
    return items
