"""Perbawaslu's formal and material requirements of a report (legal-notes.md §4.1, §9.3).

Formal (Perbawaslu 7/2022 Ps 15 ayat 3): the reporter's name and address, the reported party,
filed within the deadline. Material (ayat 4): time and place of the incident, a description,
and evidence. A report that misses some is still received; Bawaslu asks for completion (the
completion window is UNCONFIRMED for Pemilu; 2×24 hours is probable for Pilkada), and an
anonymous report is taken as informasi awal. The form shows the same list live (intake.js
mirrors `check`); this module is what the receipt page and staff see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

REPORT_DAYS = 7  # "paling lama 7 hari sejak diketahui" (Pemilu: hari kerja; Pilkada: hari)


@dataclass(frozen=True)
class Requirement:
    key: str
    kind: str  # "formal" or "material"
    label: str
    met: bool
    note: str = ""


LABELS = {
    "reporter": (_("formal"), _("Nama dan alamat pelapor")),
    "reported": (_("formal"), _("Pihak terlapor (ASN yang dilaporkan)")),
    "deadline": (_("formal"), _("Dilaporkan paling lama 7 hari sejak diketahui")),
    "when_where": (_("material"), _("Waktu dan tempat kejadian")),
    "description": (_("material"), _("Uraian kejadian")),
    "evidence": (_("material"), _("Bukti (foto, video, dokumen, atau tautan)")),
}


def _working_days_between(start: dt.date, end: dt.date) -> int:
    days, current = 0, start
    while current < end:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def within_deadline(known: dt.date | None, today: dt.date, *, pemilu: bool) -> bool | None:
    """None when no date is known. Pemilu counts working days (UU 7/2017 Ps 454 ayat 6;
    national holidays are not subtracted here, so this errs on the reporter's side)."""
    if known is None:
        return None
    if pemilu:
        return _working_days_between(known, today) <= REPORT_DAYS
    return (today - known).days <= REPORT_DAYS


def check(
    *,
    anonymous: bool,
    has_reporter: bool,
    subjects: int,
    incident_date: dt.date | None,
    discovered_date: dt.date | None,
    has_place: bool,
    has_description: bool,
    evidence: int,
    pemilu: bool,
    today: dt.date,
) -> list[Requirement]:
    timely = within_deadline(discovered_date or incident_date, today, pemilu=pemilu)
    met = {
        "reporter": not anonymous and has_reporter,
        "reported": subjects > 0,
        "deadline": bool(timely),
        "when_where": incident_date is not None and has_place,
        "description": has_description,
        "evidence": evidence > 0,
    }
    notes = {
        "reporter": str(_("Laporan tanpa nama diterima sebagai informasi awal."))
        if anonymous
        else "",
        "deadline": str(_("Tanggal belum diisi."))
        if timely is None
        else (
            ""
            if timely
            else str(
                _(
                    "Mungkin sudah lewat batas waktu (daluwarsa); Bawaslu tetap "
                    "dapat menjadikannya informasi awal."
                )
            )
        ),
    }
    return [
        Requirement(
            key=k,
            kind=str(LABELS[k][0]),
            label=str(LABELS[k][1]),
            met=met[k],
            note=notes.get(k, ""),
        )
        for k in LABELS
    ]


def for_report(
    report: object,
    *,
    today: dt.date | None = None,
    subjects: int | None = None,
    evidence: int | None = None,
) -> list[Requirement]:
    """What the report meets; `subjects` and `evidence` are the counts when the caller has
    just written them (a new report), else they are counted."""
    from django.utils import timezone

    from netral.intake.models import Report

    assert isinstance(report, Report)
    # What the reporter wrote: a merged report's own case keeps it (its ASN moved on, so they
    # are counted from the report's own rows).
    case = report.own_case
    election = getattr(case, "election", None)
    return check(
        anonymous=report.anonymous,
        has_reporter=bool(report.identity_sealed),
        subjects=subjects
        if subjects is not None
        else (report.asn.count() if report.merged_at else case.subjects.count()),
        incident_date=case.incident_date,
        discovered_date=case.discovered_date,
        has_place=bool(case.incident_regency_id or case.place),
        has_description=bool(case.summary.strip()),
        evidence=evidence if evidence is not None else report.evidence.count(),
        pemilu=getattr(election, "kind", "") == "pemilu",
        today=today or timezone.localdate(report.created_at),
    )
