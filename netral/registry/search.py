"""Finding ASN by NIP or by name, inside what the user may see.

A NIP (with or without spaces) is matched exactly, or by its start when shorter. A name is
folded like the registry's names (`names.query_key`: titles gone, old spellings folded), then
candidates are the ASN with every word of the query, each word widened to the register's
spellings of it (the vocabulary of name words: pg_trgm on PostgreSQL, rapidfuzz on SQLite), found
through the GIN index on a name's words (PostgreSQL) or the FTS5 trigram table (SQLite); only when
no name has them all does the whole-name trigram similarity look further. rapidfuzz
ranks them, so that word order and small spelling differences do not matter: "fauzi ahmad"
finds "Dr. H. Ahmad Fauzi, S.Pd., M.Si.".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

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
SPELLINGS = 12  # spellings of one query word searched for
WORD_RATIO = 80.0  # rapidfuzz ratio from which a register word is a spelling of a query word
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
    ranked = _ranked(key, _light(qs, key))
    page = ranked[offset : offset + limit]
    loaded = qs.in_bulk([row.pk for _, row in page])
    hits = [
        Hit(loaded[row.pk], value, [reason(key, row.name_key, value)])
        for value, row in page
        if row.pk in loaded
    ]
    return Result(hits, len(ranked), "name")


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


class _Row(NamedTuple):
    """A candidate before it is shown: enough to rank it, nothing joined."""

    pk: int
    name_key: str
    name_plain: str
    nip: str


def candidates(qs: QuerySet[Asn], key: str) -> list[Asn]:
    """Up to CANDIDATES ASN whose folded name shares enough with the folded query (see
    `_light`), loaded whole."""
    found = qs.in_bulk([row.pk for row in _light(qs, key)])
    return list(found.values())


def _light(qs: QuerySet[Asn], key: str) -> list[_Row]:
    """Up to CANDIDATES ASN with every word of the query, each word widened to the spellings
    of it the register holds (index-backed); only when none has them all, those whose whole
    name is similar by trigrams. Read without joins: a page loads only what it shows."""
    rows = qs.order_by().values_list("pk", "name_key", "name_plain", "nip")
    # `rank` orders them; sorting every match of a common name first would be slow.
    words = [w for w in dict.fromkeys(key.split()) if len(w) >= 3]
    if not words:
        return [_Row(*r) for r in rows.filter(name_key__contains=key)[:CANDIDATES]]
    strict = _every_word(rows, [spellings(w) for w in words])
    if strict:
        return strict
    if connection.vendor == "postgresql":
        return _similar_pg(rows, key)
    return _similar_sqlite(rows, words)


def spellings(word: str) -> list[str]:
    """`word` and the register's words spelt nearly like it ("rusi" → "rusdi"), from the
    vocabulary of name words (thousands of rows, not millions), judged by rapidfuzz's ratio so
    that a dropped or doubled letter in a short word still counts."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # pg_trgm's `%` (similarity >= 0.3, index-backed) gathers; the ratio decides.
            cursor.execute(
                "SELECT word FROM registry_nameword WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC LIMIT %s",
                [word, word, SPELLINGS * 4],
            )
        else:
            # Same first letter and a close length: SQLite has no trigram index on the
            # vocabulary, and the first letter is the one a reporter rarely gets wrong.
            cursor.execute(
                "SELECT word FROM registry_nameword WHERE word >= %s AND word < %s "
                "AND length(word) BETWEEN %s AND %s",
                [word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2],
            )
        near = [(w, fuzz.ratio(word, w)) for (w,) in cursor.fetchall()]
    near.sort(key=lambda pair: (-pair[1], pair[0]))
    return list(dict.fromkeys([word, *(w for w, v in near if v >= WORD_RATIO)]))[:SPELLINGS]


def _every_word(rows: QuerySet[Any], spelt: list[list[str]]) -> list[_Row]:
    if connection.vendor == "postgresql":
        # Answered by the GIN index on the name's words (migration 0003): one short posting
        # list per spelling, intersected.
        for options in spelt:
            rows = rows.extra(
                where=["string_to_array(registry_asn.name_key, ' ') && %s::text[]"],
                params=[options],
            )
        return [_Row(*r) for r in rows[:CANDIDATES]]
    every = " AND ".join("(" + " OR ".join(_fts_phrase(w) for w in o) + ")" for o in spelt)
    match = RawSQL("SELECT rowid FROM registry_asn_fts WHERE registry_asn_fts MATCH %s", [every])
    return [_Row(*r) for r in rows.filter(pk__in=match)[:CANDIDATES]]


def _similar_pg(rows: QuerySet[Any], key: str) -> list[_Row]:
    found = rows.extra(
        where=["registry_asn.name_key %% %s"],
        params=[key],
        select={"similar": "similarity(registry_asn.name_key, %s)"},
        select_params=[key],
    ).order_by("-similar")
    with transaction.atomic(), connection.cursor() as cursor:
        # Names sharing only a common first name ("ahmad …") stay below this threshold.
        cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [SIMILARITY])
        return [_Row(*r) for r in found[:CANDIDATES]]


def _similar_sqlite(rows: QuerySet[Any], words: list[str]) -> list[_Row]:
    grams = sorted({w[i : i + 3] for w in words for i in range(len(w) - 2)})
    loose = " OR ".join(_fts_phrase(g) for g in grams)
    near = RawSQL(
        "SELECT rowid FROM registry_asn_fts WHERE registry_asn_fts MATCH %s ORDER BY rank LIMIT %s",
        [loose, CANDIDATES * 10],
    )
    return [_Row(*r) for r in rows.filter(pk__in=near)[:CANDIDATES]]


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


def _ranked(key: str, rows: list[_Row]) -> list[tuple[float, _Row]]:
    scored = [(round(score(key, r.name_key), 1), r) for r in rows]
    kept = [(value, r) for value, r in scored if value >= MIN_SCORE]
    kept.sort(key=lambda pair: (-pair[0], pair[1].name_plain, pair[1].nip))
    return kept


def rank(key: str, found: list[Asn]) -> list[Hit]:
    rows = [_Row(a.pk, a.name_key, a.name_plain, a.nip) for a in found]
    by_pk = {a.pk: a for a in found}
    return [
        Hit(by_pk[r.pk], value, [reason(key, r.name_key, value)]) for value, r in _ranked(key, rows)
    ]
