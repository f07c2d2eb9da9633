"""Finding ASN by NIP or by name, inside what the user may see.

A NIP (with or without spaces) is matched exactly, or by its start when shorter. A name is
folded like the registry's names (`names.query_key`: titles gone, old spellings folded), then
candidates come from the trigram index (pg_trgm's `%` on PostgreSQL; on SQLite the FTS5 trigram
table kept by triggers, first every word as a substring, then any shared trigram) and rapidfuzz
ranks them, so that word order and small spelling differences do not matter: "fauzi ahmad"
finds "Dr. H. Ahmad Fauzi, S.Pd., M.Si.".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from netral import access
from netral.registry import identifiers, names
from netral.registry.models import Asn

CANDIDATES = 300
SIMILARITY = 0.45
MIN_SCORE = 60.0


@dataclass(frozen=True)
class Filters:
    agency: str = ""  # agency code
    unit: str = ""  # work unit id or a part of its name
    region: str = ""  # province "16" or kab/kota "16.01"
    kind: str = ""  # position kind
    status: str = ""  # "aktif", ...; "" for all


@dataclass
class Hit:
    asn: Asn
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Result:
    hits: list[Hit]
    total: int
    by: str  # "nip", "name" or "list"


def filtered(user: Any, filters: Filters, *, base: QuerySet[Asn] | None = None) -> QuerySet[Asn]:
    """The ASN the user sees (or `base`, for the operator's command line), filtered."""
    qs = (base if base is not None else access.visible_to(user, Asn)).select_related(
        "agency", "work_unit", "regency", "province"
    )
    if filters.agency:
        qs = qs.filter(agency__code__iexact=filters.agency)
    if filters.unit:
        qs = (
            qs.filter(work_unit_id=int(filters.unit))
            if filters.unit.isdigit()
            else qs.filter(work_unit__name__icontains=filters.unit)
        )
    if filters.region:
        code = filters.region.strip()
        qs = qs.filter(province_id=code) if "." not in code else qs.filter(regency_id=code)
    if filters.kind:
        qs = qs.filter(position_kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs


def looks_like_nip(text: str) -> bool:
    digits = identifiers.normalize(text)
    return len(digits) >= 8 and digits.isdigit()


def search(
    user: Any,
    text: str = "",
    filters: Filters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    base: QuerySet[Asn] | None = None,
) -> Result:
    qs = filtered(user, filters or Filters(), base=base)
    text = (text or "").strip()
    if not text:
        return Result(
            [Hit(a, 100.0) for a in qs.order_by("name_plain", "nip")[offset : offset + limit]],
            qs.count(),
            "list",
        )
    if looks_like_nip(text):
        return _by_nip(qs, identifiers.normalize(text), limit, offset)
    key = names.query_key(text)
    if not key:
        return Result([], 0, "name")
    hits = rank(key, candidates(qs, key))
    return Result(hits[offset : offset + limit], len(hits), "name")


def _by_nip(qs: QuerySet[Asn], nip: str, limit: int, offset: int) -> Result:
    if len(nip) == 18:
        found = list(qs.filter(nip=nip)[:1])
        return Result([Hit(a, 100.0, [_("NIP sama persis")]) for a in found], len(found), "nip")
    matches = qs.filter(nip__startswith=nip).order_by("nip")
    return Result(
        [
            Hit(a, 90.0, [_("NIP diawali angka yang dicari")])
            for a in matches[offset : offset + limit]
        ],
        matches.count(),
        "nip",
    )


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


def candidates(qs: QuerySet[Asn], key: str) -> list[Asn]:
    """Up to CANDIDATES ASN whose folded name shares enough with the folded query: first those
    with every word of it (index-backed substring match), then, when too few, those whose name
    is similar by trigrams (spelling differences)."""
    words = [w for w in key.split() if len(w) >= 3]
    if not words:
        return list(qs.filter(name_key__contains=key)[:CANDIDATES])
    strict = _every_word(qs, words)
    if len(strict) >= CANDIDATES // 3:
        return strict
    seen = {a.pk for a in strict}
    more = _similar_pg(qs, key) if connection.vendor == "postgresql" else _similar_sqlite(qs, words)
    return strict + [a for a in more if a.pk not in seen]


def _every_word(qs: QuerySet[Asn], words: list[str]) -> list[Asn]:
    if connection.vendor == "postgresql":
        # LIKE '%word%' on name_key is answered by the pg_trgm GIN index.
        for word in words:
            qs = qs.filter(name_key__contains=word)
        return list(qs[:CANDIDATES])
    every = " AND ".join(_fts_phrase(w) for w in words)
    match = RawSQL("SELECT rowid FROM registry_asn_fts WHERE registry_asn_fts MATCH %s", [every])
    return list(qs.filter(pk__in=match)[:CANDIDATES])


def _similar_pg(qs: QuerySet[Asn], key: str) -> list[Asn]:
    found = qs.extra(
        where=["registry_asn.name_key %% %s"],
        params=[key],
        select={"similar": "similarity(registry_asn.name_key, %s)"},
        select_params=[key],
    ).order_by("-similar")
    with transaction.atomic(), connection.cursor() as cursor:
        # Names sharing only a common first name ("ahmad …") stay below this threshold.
        cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [SIMILARITY])
        return list(found[:CANDIDATES])


def _similar_sqlite(qs: QuerySet[Asn], words: list[str]) -> list[Asn]:
    grams = sorted({w[i : i + 3] for w in words for i in range(len(w) - 2)})
    loose = " OR ".join(_fts_phrase(g) for g in grams)
    near = RawSQL(
        "SELECT rowid FROM registry_asn_fts WHERE registry_asn_fts MATCH %s ORDER BY rank LIMIT %s",
        [loose, CANDIDATES * 10],
    )
    return list(qs.filter(pk__in=near)[:CANDIDATES])


def score(key: str, name_key: str) -> float:
    """0–100: order-free, tolerant of a missing middle name and small spelling differences."""
    return max(
        fuzz.token_sort_ratio(key, name_key),
        0.95 * fuzz.token_set_ratio(key, name_key),
        0.9 * fuzz.WRatio(key, name_key),
    )


def reason(key: str, name_key: str, value: float) -> str:
    if key == name_key:
        return _("nama sama persis")
    if sorted(key.split()) == sorted(name_key.split()):
        return _("nama sama, urutan kata berbeda")
    if set(key.split()) <= set(name_key.split()):
        return _("semua kata nama ada")
    return _("nama mirip (%(s)d%%)") % {"s": round(value)}


def rank(key: str, found: list[Asn]) -> list[Hit]:
    hits = []
    for asn in found:
        value = score(key, asn.name_key)
        if value >= MIN_SCORE:
            hits.append(Hit(asn, round(value, 1), [reason(key, asn.name_key, value)]))
    hits.sort(key=lambda h: (-h.score, h.asn.name_plain, h.asn.nip))
    return hits
