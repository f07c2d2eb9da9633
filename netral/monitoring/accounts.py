"""Authors as accounts, and their ties to ASN.

An account is tied automatically when an ASN declared it in the registry (`DeclaredAccount`,
same platform and handle). Otherwise `suggestions` proposes ASN of the item's region by name,
with a score and the reasons, and a person confirms (`account_tie`) or undoes (`account_untie`);
both are audited, and the account's items move to the ASN's jurisdiction and up the queue.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Model, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from netral import access
from netral.access.actors import actor_of
from netral.audit.services import log_action
from netral.monitoring.formats import Record
from netral.monitoring.models import Account, Item
from netral.registry.models import Asn, DeclaredAccount
from netral.registry.names import search_key

SUGGEST_MIN = 80  # rapidfuzz token_sort_ratio on folded names


def accounts_for(records: Iterable[Record]) -> dict[tuple[str, str], Account]:
    """The account of each (platform, handle) in the records, created when new and tied when
    an ASN declared it."""
    wanted: dict[tuple[str, str], Record] = {}
    for r in records:
        if r.author_handle:
            wanted.setdefault((r.platform, r.author_handle), r)
    if not wanted:
        return {}

    def fetch(keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], Account]:
        accounts = Account.objects.filter(_pairs(Account, keys)).select_related("asn")
        return {(a.platform, a.handle): a for a in accounts}

    found = fetch(wanted)
    missing = [key for key in wanted if key not in found]
    if missing:
        declared = _declared(missing)
        now = timezone.now()
        new = []
        for key in missing:
            r = wanted[key]
            asn_id = declared.get(key)
            new.append(
                Account(
                    platform=key[0],
                    handle=key[1],
                    name=r.author_name,
                    external_id=r.author_id,
                    asn_id=asn_id,
                    tie=Account.Tie.DECLARED if asn_id else "",
                    tied_at=now if asn_id else None,
                    tied_by_label="registri" if asn_id else "",
                )
            )
        Account.objects.bulk_create(new, ignore_conflicts=True)
        found.update(fetch(missing))
    return found


def _pairs(model: type[Model], keys: Collection[tuple[str, str]]) -> Q:
    """Rows of the model whose (platform, handle), unique in it, is one of these keys.

    PostgreSQL: one probe of the (platform, handle) index per key, the keys sent as two array
    parameters. An OR of "platform = p AND handle IN (...)" per platform, or a join, was
    planned as a read of the whole table once it outgrew the planner's last count (0.05 to
    0.12 s per query at 125,000 accounts, twice per batch, more as the import adds them)."""
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        pk_field: Any = model._meta.pk
        table, pk = quote(model._meta.db_table), quote(pk_field.column)
        platforms, handles = [p for p, _h in keys], [h for _p, h in keys]
        return Q(
            pk__in=RawSQL(  # noqa: S611 (names from the model, values as parameters)
                f"SELECT (SELECT t.{pk} FROM {table} AS t WHERE t.platform = w.p "  # noqa: S608
                "AND t.handle = w.h) FROM unnest(%s::text[], %s::text[]) AS w(p, h)",
                [platforms, handles],
            )
        )
    q = Q()
    for platform in {p for p, _h in keys}:
        q |= Q(platform=platform, handle__in=[h for p, h in keys if p == platform])
    return q


def _declared(keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    q = Q()
    for platform in {p for p, _h in keys}:
        q |= Q(platform=platform, handle__in=[h for p, h in keys if p == platform])
    rows = DeclaredAccount.objects.filter(q, removed_at__isnull=True).values_list(
        "platform", "handle", "asn_id"
    )
    return {(p, h): a for p, h, a in rows}


@dataclass(frozen=True)
class Suggestion:
    asn: Asn
    score: int
    reasons: list[str]


def suggestions(account: Account, user: Any, *, limit: int = 5) -> list[Suggestion]:
    """ASN the account may belong to: names alike, inside the regions of its items and the
    user's sight."""
    name = account.name or account.handle
    key = search_key(name)
    if not key:
        return []
    regions = set(account.items.exclude(regency=None).values_list("regency", flat=True)[:50])
    pool = access.visible_to(user, Asn).filter(status="aktif")
    pool = pool.filter(regency__in=regions) if regions else pool.none()
    candidates = {a.pk: a for a in pool.select_related("agency")[:5000]}
    if not candidates:
        return []
    matches = process.extract(
        key,
        {pk: a.name_key for pk, a in candidates.items()},
        scorer=fuzz.token_sort_ratio,
        limit=limit,
        score_cutoff=SUGGEST_MIN,
    )
    out = []
    for _choice, score, pk in matches:
        asn = candidates[pk]
        reasons = [
            _("nama mirip %(s)d%%") % {"s": round(score)},
            _("bekerja di %(r)s, wilayah unggahannya") % {"r": asn.regency_id},
        ]
        if account.handle.replace(".", "").replace("_", "") in asn.name_key.replace(" ", ""):
            reasons.append(_("nama akun memuat namanya"))
        out.append(Suggestion(asn=asn, score=round(score), reasons=reasons))
    return out


def _retie_items(account: Account) -> None:
    asn = account.asn
    items = Item.objects.filter(account=account, case__isnull=True)
    if asn is not None:
        items.update(tied=True, province_id=asn.province_id, regency_id=asn.regency_id)
    else:
        items.update(tied=False)


@transaction.atomic
def account_tie(*, actor: Any, account_id: int, nip: str) -> Account:
    """A person confirms that the account belongs to this ASN."""
    account = access.get_for_user(actor, Account, account_id, write=True)
    asn = access.visible_to(actor, Asn).filter(nip=nip.replace(" ", "")).first()
    if asn is None:
        raise ValidationError({"nip": _("ASN dengan NIP ini tidak ditemukan dalam wilayah Anda.")})
    before = account.asn.nip if account.asn else ""
    account.asn, account.tie = asn, Account.Tie.CONFIRMED
    account.tied_at, account.tied_by_label = timezone.now(), actor_of(actor).label
    account.save(update_fields=["asn", "tie", "tied_at", "tied_by_label"])
    _retie_items(account)
    log_action(
        actor,
        "monitoring.account_tie",
        account,
        {"account": str(account), "nip": asn.nip, "before": before},
        region=(asn.province_id, asn.regency_id or ""),
    )
    return account


@transaction.atomic
def account_untie(*, actor: Any, account_id: int) -> Account:
    """Undo a tie (a wrong confirmation, or a declaration the ASN withdrew)."""
    account = access.get_for_user(actor, Account, account_id, write=True)
    if account.asn is None:
        return account
    nip, region = account.asn.nip, (account.asn.province_id, account.asn.regency_id or "")
    account.asn, account.tie, account.tied_at = None, "", None
    account.tied_by_label = actor_of(actor).label
    account.save(update_fields=["asn", "tie", "tied_at", "tied_by_label"])
    _retie_items(account)
    log_action(
        actor,
        "monitoring.account_untie",
        account,
        {"account": str(account), "nip": nip},
        region=region,
    )
    return account
