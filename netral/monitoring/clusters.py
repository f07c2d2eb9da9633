"""Near-duplicate clusters: grouped as items arrive, shown together, undone by a person.

A cluster is triaged through its head (its oldest item, the only one in the queue); a mark on
the head is a mark on every member still unmarked, and a member that joins later takes the
head's mark. `cluster_remove` takes a wrongly grouped item out (audited); its band keys are
dropped so that it is never regrouped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils.translation import gettext as _

from netral import access
from netral.audit.services import log_action
from netral.monitoring import dedup
from netral.monitoring.bulk import rows_update, values_insert
from netral.monitoring.models import Cluster, Item, ItemBand, State

_KEY_QUERY = 5000  # keys per IN (...) query
_BANDS = ItemBand._meta.db_table
_ITEMS = Item._meta.db_table


class _Stored(NamedTuple):
    cluster_id: int | None
    state: str


def _bands_find(wanted: list[int]) -> tuple[dict[int, int], dict[int, _Stored]]:
    """The oldest stored item of each of these band keys (one per key, however many items
    share it: a reposted campaign text shares its keys with thousands), and the cluster and
    mark of those items."""
    if not wanted:
        return {}, {}
    first: dict[int, int] = {}
    old: dict[int, _Stored] = {}
    if connection.vendor == "postgresql":
        # One array parameter instead of thousands (Django's IN list is costly to build), and
        # the items read in the same query as their keys.
        with connection.cursor() as cursor:
            # One probe of the (key, item) index per key for its oldest item.
            sql = (  # table names from the models, never from input
                "SELECT b.key, i.id, i.cluster_id, i.state FROM unnest(%s::bigint[]) AS k "  # noqa: S608
                f"CROSS JOIN LATERAL (SELECT key, item_id FROM {_BANDS} WHERE key = k "
                f"ORDER BY item_id LIMIT 1) AS b JOIN {_ITEMS} AS i ON i.id = b.item_id"
            )
            cursor.execute(sql, [wanted])
            for key, pk, cluster_id, state in cursor.fetchall():
                first[key] = pk
                old[pk] = _Stored(cluster_id, state)
        return first, old
    for i in range(0, len(wanted), _KEY_QUERY):
        first.update(
            ItemBand.objects.filter(key__in=wanted[i : i + _KEY_QUERY])
            .order_by()
            .values("key")
            .annotate(first=Min("item_id"))
            .values_list("key", "first")
        )
    ids = sorted(set(first.values()))
    for i in range(0, len(ids), _KEY_QUERY):
        for pk, cluster_id, state in Item.objects.filter(
            pk__in=ids[i : i + _KEY_QUERY]
        ).values_list("pk", "cluster_id", "state"):
            old[pk] = _Stored(cluster_id, state)
    return first, old


def _bands_add(rows: list[tuple[int, int]]) -> None:
    if not rows:
        return
    values_insert(ItemBand, ["key", "item"], rows)


def heads_of(cluster_ids: Collection[int]) -> dict[int, tuple[int, str]]:
    """Each cluster's head (its oldest primary item) and the head's mark, in one query.

    PostgreSQL: one probe per cluster of the partial index of heads. An IN list over the
    item table was planned as a read of the whole table whenever its statistics were older
    than the import (0.3 s per batch at 640,000 items with autovacuum off, more as it grew)."""
    if not cluster_ids:
        return {}
    heads: dict[int, tuple[int, str]] = {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_HEADS_SQL, [sorted(cluster_ids)])
            for cluster_id, pk, state in cursor.fetchall():
                heads[cluster_id] = (pk, state)
        return heads
    for cluster_id, pk, state in (
        Item.objects.filter(cluster_id__in=cluster_ids, primary=True, cluster__isnull=False)
        .order_by("-pk")
        .values_list("cluster_id", "pk", "state")
    ):
        heads[cluster_id] = (pk, state)
    return heads


_HEADS_SQL = (  # table name from the model, values as a parameter
    "SELECT c, h.id, h.state FROM unnest(%s::bigint[]) AS c CROSS JOIN LATERAL "  # noqa: S608
    f'(SELECT id, state FROM {_ITEMS} WHERE cluster_id = c AND "primary" ORDER BY id LIMIT 1) '
    "AS h"
)


# Stand-in ids of a batch's new items while they are placed before their insert: above every
# stored id and in batch order, as the ids the insert then gives them.
_NEW = 1 << 62


@dataclass
class Placement:
    """What `place` decided before the insert, for `settle` to write after it."""

    keys: list[list[int]] = field(default_factory=list)  # band keys of each new item
    moved: list[tuple[int, int, bool]] = field(default_factory=list)  # stored (item, cluster, head)
    joined: int = 0  # new items that joined a cluster


def place(items: Sequence[Item], keys: Sequence[list[int]] | None = None) -> Placement:
    """Group the new items (not yet inserted) with each other and with stored items (`keys`:
    their band keys when already worked out).

    Sets each new item's cluster, whether it heads it and, joining a triaged cluster, the
    head's mark, so the insert writes them: an update after it rewrote every clustered item
    and all its index entries again. Stored items that change place are left to `settle`.
    Runs inside the ingesting transaction."""
    if keys is None:
        keys = [dedup.band_keys(item.text) for item in items]
    plan = Placement(keys=list(keys))
    new_keys = {_NEW + n: ks for n, ks in enumerate(plan.keys)}
    wanted = sorted({k for ks in new_keys.values() for k in ks})
    stored, old = _bands_find(wanted)
    seeds = [(old, [k]) for k, old in stored.items()]
    roots = dedup.group(seeds + list(new_keys.items())) if new_keys else {}
    members: dict[int, list[int]] = defaultdict(list)
    for item_id, root in roots.items():
        members[root].append(item_id)
    groups = [sorted(ids) for ids in members.values() if len(ids) > 1]
    if not groups:
        return plan
    # Each stored cluster's head (its oldest primary item) and the head's mark, in one query.
    known_clusters = {
        c for ids in groups for i in ids if i in old and (c := old[i].cluster_id) is not None
    }
    heads = heads_of(known_clusters)
    fresh = [ids for ids in groups if not any(old[i].cluster_id for i in ids if i in old)]
    made = iter(Cluster.objects.bulk_create([Cluster() for _ in fresh]))
    for ids in groups:
        known = [old[i] for i in ids if i in old]
        cluster_id = next((i.cluster_id for i in known if i.cluster_id), None) or next(made).pk
        head_id, head_state = heads.get(cluster_id, (ids[0], ""))
        if not head_state:
            head_state = old[head_id].state if head_id in old else State.NEW
            heads[cluster_id] = (head_id, head_state)
        for i in ids:
            if i in old:
                if old[i].cluster_id != cluster_id:
                    plan.moved.append((i, cluster_id, i == head_id))
                continue
            item = items[i - _NEW]
            item.cluster_id, item.primary = cluster_id, i == head_id
            if i != head_id and head_state != State.NEW:
                # A new member takes the head's mark.
                item.state, item.triaged_by_label = head_state, _("ikut kelompok")
            plan.joined += 1
    return plan


def settle(items: Sequence[Item], plan: Placement) -> int:
    """After the insert: the new items' band keys, and the stored items `place` moved into a
    cluster. Returns how many new items joined a cluster."""
    _bands_add([(k, item.pk) for item, ks in zip(items, plan.keys, strict=True) for k in set(ks)])
    rows_update(Item, ["cluster", "primary"], plan.moved)
    return plan.joined


@transaction.atomic
def cluster_remove(*, actor: Any, item_id: int) -> Item:
    """Take an item out of its cluster (a wrong grouping). A removed head hands the cluster to
    the next member; a cluster left with one item is dissolved."""
    item = access.get_for_user(actor, Item, item_id, write=True)
    cluster_id = item.cluster_id
    if cluster_id is None:
        return item
    Item.objects.filter(pk=item.pk).update(cluster=None, primary=True, unclustered=True)
    ItemBand.objects.filter(item_id=item.pk).delete()
    rest = list(Item.objects.filter(cluster_id=cluster_id).order_by("pk"))
    if len(rest) <= 1:
        Item.objects.filter(cluster_id=cluster_id).update(cluster=None, primary=True)
        Cluster.objects.filter(pk=cluster_id).delete()
    elif not any(i.primary for i in rest):
        Item.objects.filter(pk=rest[0].pk).update(primary=True)
    log_action(actor, "monitoring.cluster_remove", item, {"cluster": cluster_id, "left": len(rest)})
    item.refresh_from_db()
    return item


def members(item: Item, user: Any) -> list[Item]:
    if item.cluster_id is None:
        return []
    return list(
        access.visible_to(user, Item)
        .filter(cluster_id=item.cluster_id)
        .exclude(pk=item.pk)
        .order_by("pk")
    )


LARGEST = 200  # clusters listed: the largest are what a monitor looks for; the rest wait


def overview(items: QuerySet[Item], *, limit: int = LARGEST) -> list[dict[str, Any]]:
    """The `limit` largest clusters among `items` (already scoped to a user and filtered),
    then the most recently active: a caption copied by many accounts, or by ASN, is a
    coordinated campaign a monitor should see whole. Sizes count the members in `items` only,
    so a cluster reaching past a user's jurisdiction shows what that user may see.

    One grouping pass ranks the clusters; `details` then reads only the members of the
    clusters shown (a distinct count over every clustered item doubled the page's time)."""
    ranked = (
        items.filter(cluster__isnull=False)
        .order_by()
        .values("cluster_id")
        .annotate(size=Count("*"), last=Max("seen_at"))
        .filter(size__gte=2)
        .order_by("-size", "-last", "cluster_id")
    )
    return [dict(row) for row in ranked[:limit]]


def details(items: QuerySet[Item], cluster_ids: Collection[int]) -> dict[int, dict[str, Any]]:
    """Accounts, posts by accounts tied to an ASN, top score and first sighting per cluster,
    and its representative (`head`): the head when `items` holds it, else the oldest member
    there."""
    found: dict[int, dict[str, Any]] = {
        row["cluster_id"]: dict(row)
        for row in items.filter(cluster_id__in=cluster_ids)
        .order_by()
        .values("cluster_id")
        .annotate(
            accounts=Count("account", distinct=True),
            tied=Count("pk", filter=Q(tied=True)),
            top=Max("score"),
            first=Min("seen_at"),
            head_pk=Min("pk", filter=Q(primary=True)),
            oldest_pk=Min("pk"),
        )
    }
    wanted = {row["head_pk"] or row["oldest_pk"]: cid for cid, row in found.items()}
    for item in Item.objects.filter(pk__in=wanted):
        found[wanted[item.pk]]["head"] = item
    return found
