"""The case register as XLSX (one row per ASN), streamed from a write-only workbook; the
reporter's and officers' text is written as text (netral.exports)."""

from __future__ import annotations

import io
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from netral.cases.models import Case, CaseSubject
from netral.cases.queries import CaseFilter, case_list
from netral.cases.states import Outcome, State
from netral.exports import xlsx_append


def headers() -> list[str]:
    return [
        _("Nomor"),
        _("Asal"),
        _("Status"),
        _("Bawaslu penanganan"),
        _("Wilayah"),
        _("Tanggal kejadian"),
        _("Lewat waktu"),
        _("Batas terdekat"),
        _("Konflik kepentingan"),
        _("Nama ASN"),
        _("NIP"),
        _("Instansi"),
        _("Instansi PPK"),
        _("Pemutus sanksi"),
        _("Hasil"),
        _("Sanksi direkomendasikan"),
        _("Nomor SK"),
        _("Tanggal SK"),
        _("Hukuman"),
        _("Dilaksanakan"),
        _("Pelanggaran dilaporkan"),
        _("Pelanggaran terbukti"),
    ]


def _filtered(user: Any, params: dict[str, str] | None) -> QuerySet[Case]:
    """The register as the page shows it: the same filter (an invalid one filters nothing,
    as on the page)."""
    qs = case_list(user)
    if params:
        fs = CaseFilter(params, queryset=qs)
        if fs.is_valid():
            return fs.qs
    return qs


def register_rows(user: Any, params: dict[str, str] | None = None) -> list[list[Any]]:
    cases = list(
        _filtered(user, params)
        .prefetch_related(
            "subjects__ppk_institution",
            "subjects__decision_institution",
            "subjects__proven_violations",
            "violations",
        )
        .order_by("number")
    )
    rows: list[list[Any]] = []
    for c in cases:
        base = [
            c.number,
            c.get_origin_display(),
            str(State(c.state).label),
            c.handling_institution.name,
            c.regency.name if c.regency else (c.province.name if c.province else "Nasional"),
            c.incident_date,
            _("ya") if c.is_overdue else "",  # type: ignore[attr-defined]
            c.next_due,  # type: ignore[attr-defined]
            _("YA") if c.conflict_of_interest else "",
        ]
        reported = ", ".join(v.code for v in c.violations.all())
        subjects: list[CaseSubject | None] = list(c.subjects.all()) or [None]
        for s in subjects:
            if s is None:
                rows.append([*base, *[""] * 11, reported, ""])
                continue
            rows.append(
                [
                    *base,
                    s.name,
                    s.nip,
                    s.agency_name,
                    s.ppk_institution.name if s.ppk_institution else "",
                    s.decision_institution.name if s.decision_institution else "",
                    str(Outcome(s.outcome).label),
                    s.recommended_sanction,
                    s.sk_number,
                    s.sk_date,
                    s.sk_punishment,
                    s.executed_date,
                    reported,
                    ", ".join(v.code for v in s.proven_violations.all()),
                ]
            )
    return rows


def register_xlsx(user: Any, params: dict[str, str] | None = None) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Register perkara"))
    xlsx_append(ws, headers())
    for row in register_rows(user, params):
        xlsx_append(ws, row)
    meta = wb.create_sheet(_("Keterangan"))
    xlsx_append(meta, [_("Diekspor"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    xlsx_append(meta, [_("Oleh"), user.get_username()])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
