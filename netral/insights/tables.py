"""Every table the insights pages show, as rows for CSV/XLSX exports and the PDF report.

A table is built from the same functions the pages use, for the same user and filters, so an
export never holds a figure the page would not show.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from netral.access import AnyUser
from netral.cases.queries import case_list
from netral.insights import figures, filters, league, risk

# Tables with more rows than this are produced in the background (ExportJob).
LARGE = 2000


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]]


def dashboard_tables(user: AnyUser, chosen: filters.Filters) -> list[Table]:
    board = figures.dashboard(user, chosen)
    return [
        Table(
            _("Ringkasan"),
            [_("Ukuran"), _("Jumlah")],
            [
                [_("Perkara"), board.total],
                [_("Lewat waktu"), board.overdue],
                [_("Media sosial"), board.social_media],
                *[[_("Asal: %(o)s") % {"o": o}, n] for o, n in board.by_origin.items()],
            ],
        ),
        Table(
            _("Alur"),
            [_("Langkah"), _("Perkara"), _("Porsi (%)"), _("Median hari")],
            [[str(s.label), s.count, s.kept, s.median_days] for s in board.funnel],
        ),
        Table(
            _("Status"),
            [_("Status"), _("Perkara")],
            [[str(label), n] for _c, label, n in board.by_state],
        ),
        Table(
            _("Jenis pelanggaran"),
            [_("Kode"), _("Jenis"), _("Media sosial"), _("Perkara"), _("Porsi (%)")],
            [
                [v["code"], v["title"], v["social_media"], v["n"], v["share"]]
                for v in board.violations
            ],
        ),
        Table(
            _("Tren mingguan"),
            [_("Minggu mulai"), _("Diterima"), _("Disanksi PPK")],
            [[w["week"], w["n"], w["sanctioned"]] for w in board.weekly],
        ),
        *[
            Table(
                str(p["label"]),
                [_("Ukuran"), _("Nilai")],
                [
                    [str(m["label"]), m["value"] if p["available"] else _("belum tersedia")]
                    for m in p["measures"]
                ],
            )
            for p in board.panels
        ],
    ]


def league_table(user: AnyUser, chosen: filters.Filters) -> Table:
    rows = league.league(user, chosen)
    return Table(
        _("Liga PPK"),
        [
            _("PPK"),
            _("Direkomendasikan"),
            _("Disanksi"),
            _("Lewat waktu"),
            _("Tingkat tindak lanjut (%)"),
            _("Median hari ke SK"),
            _("Acuan nasional 2020 (%)"),
        ],
        [
            [
                r.name,
                r.recommended,
                r.sanctioned,
                r.overdue,
                r.rate,
                r.median_days,
                league.NATIONAL_RATE_2020,
            ]
            for r in rows
        ],
    )


def map_table(user: AnyUser, chosen: filters.Filters, measure: str) -> Table:
    from netral.insights.views_maps import choropleth

    data = choropleth(user, chosen, measure)
    return Table(
        str(data["measure"].label),
        [_("Kode"), _("Wilayah"), _("Nilai")],
        [[r["code"], r["name"], r["value"]] for r in data["rows"]],
    )


def risk_table(user: AnyUser, chosen: filters.Filters) -> Table:
    heads = [_("Kode"), _("Kabupaten/kota"), _("Skor")]
    heads += [f"{f.label} ({_('nilai')})" for f in risk.FACTORS]
    heads += [f"{f.label} ({_('bobot')})" for f in risk.FACTORS]
    if chosen.election is None:
        return Table(_("Risiko"), heads, [])
    rows = []
    for r in risk.risk(user, chosen.election):
        rows.append(
            [
                r.code,
                r.name,
                r.score,
                *[f["value"] for f in r.factors],
                *[float(f["weight"]) for f in r.factors],
            ]
        )
    return Table(_("Risiko"), heads, rows)


CASE_HEADERS = (
    gettext_noop("Nomor"),
    gettext_noop("Asal"),
    gettext_noop("Status"),
    gettext_noop("Bawaslu penanganan"),
    gettext_noop("Wilayah"),
    gettext_noop("Diterima"),
)


def case_rows(user: AnyUser, chosen: filters.Filters) -> tuple[int, Iterator[list[Any]]]:
    """The cases behind a figure (count, rows): the one table that can be very large."""
    facts = filters.selected_facts(user, chosen)
    qs = case_list(user).filter(pk__in=facts.values("pk")).select_related("fact").order_by("number")

    def rows() -> Iterator[list[Any]]:
        for c in qs.iterator(chunk_size=2000):
            region = c.regency.name if c.regency else (c.province.name if c.province else "")
            yield [
                c.number,
                c.get_origin_display(),
                c.get_state_display(),
                c.handling_institution.name,
                region,
                c.fact.received_on,
            ]

    return qs.count(), rows()


def tables_for(
    user: AnyUser, name: str, chosen: filters.Filters, params: dict[str, str]
) -> list[Table]:
    if name == "league":
        return [league_table(user, chosen)]
    if name == "map":
        return [map_table(user, chosen, params.get("measure", "total"))]
    if name == "risk":
        return [risk_table(user, chosen)]
    return dashboard_tables(user, chosen)
