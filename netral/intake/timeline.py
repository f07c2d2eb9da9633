"""What the reporter reads at /lapor/status/: the way their report has gone, in plain words.

Built from the case's own record, and only from what a reporter may see: each stage passed with
its date, what it means, what happens next and by when, and at the end the outcome for each ASN
they named (proven or not, the sanction imposed, when it was carried out). Never the officers'
names or notes, other reporters, letters, documents or the reasons entered on a move.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from netral.cases.states import FINAL_STATES, Outcome
from netral.cases.states import State as S

# State → (what it means for the reporter, what happens next). Final states have no "next".
MEANING: dict[str, tuple[Any, Any]] = {
    S.RECEIVED: (
        _("Laporan Anda diterima Bawaslu dan mendapat nomor perkara."),
        _("Petugas mengkaji awal: apakah syarat formal dan materiel laporan terpenuhi."),
    ),
    S.PRELIMINARY_REVIEW: (
        _("Petugas sedang mengkaji awal laporan Anda."),
        _("Bawaslu memutuskan laporan diregistrasi (diperiksa) atau tidak."),
    ),
    S.NEEDS_COMPLETION: (
        _(
            "Laporan perlu dilengkapi: baca pesan petugas di bawah dan tambahkan "
            "keterangan atau bukti."
        ),
        _("Setelah dilengkapi, kajian awal dilanjutkan."),
    ),
    S.REGISTERED: (
        _("Laporan diregistrasi: Bawaslu akan memeriksanya."),
        _("Bawaslu meminta keterangan (klarifikasi) dari pihak-pihak terkait."),
    ),
    S.NOT_REGISTERED: (
        _(
            "Laporan tidak diregistrasi karena tidak memenuhi syarat. Penanganan "
            "oleh Bawaslu selesai."
        ),
        None,
    ),
    S.FORWARDED: (_("Laporan diteruskan ke lembaga lain yang berwenang menanganinya."), None),
    S.EXAMINATION: (
        _("Bawaslu sedang melakukan klarifikasi dan pemeriksaan."),
        _("Bawaslu memutuskan apakah pelanggaran terbukti."),
    ),
    S.NOT_PROVEN: (_("Bawaslu memutuskan pelanggaran tidak terbukti. Penanganan selesai."), None),
    S.PROVEN: (
        _("Bawaslu memutuskan pelanggaran terbukti."),
        _("Bawaslu mengirim rekomendasi kepada BKN."),
    ),
    S.RECOMMENDED_TO_AUTHORITY: (
        _("Rekomendasi Bawaslu dikirim kepada BKN."),
        _("BKN memverifikasi rekomendasi dan menentukan sanksi yang direkomendasikan."),
    ),
    S.AUTHORITY_VERIFICATION: (
        _("BKN sedang memverifikasi rekomendasi Bawaslu."),
        _("BKN merekomendasikan sanksi kepada pejabat pembina kepegawaian (PPK) ASN."),
    ),
    S.RECOMMENDED_TO_PPK: (
        _(
            "BKN merekomendasikan sanksi kepada pejabat pembina kepegawaian "
            "(PPK), yaitu pimpinan instansi ASN."
        ),
        _("PPK menjatuhkan sanksi dengan Surat Keputusan (SK)."),
    ),
    S.PPK_DECIDED: (
        _("PPK telah menjatuhkan sanksi dengan Surat Keputusan."),
        _("Sanksi dilaksanakan oleh instansi ASN."),
    ),
    S.EXECUTED: (_("Sanksi telah dilaksanakan."), _("Perkara ditutup.")),
    S.CLOSED: (_("Penanganan perkara selesai."), None),
}
EXTENDED = _("Waktu pemeriksaan diperpanjang karena diperlukan keterangan tambahan.")
MERGED = "merged"
MERGED_MEANING = _(
    "Laporan Anda digabung dengan laporan lain tentang kejadian yang sama dan ditangani "
    "bersama dalam perkara %(n)s. Kode tanda terima Anda tetap berlaku."
)


@dataclass
class Step:
    state: str
    label: str
    on: dt.date
    meaning: str


@dataclass
class AsnOutcome:
    name: str
    outcome: str  # "pending" | "proven" | "not_proven"
    outcome_label: str
    sanction: str = ""  # the punishment in the PPK's SK, once decided
    executed: dt.date | None = None


@dataclass
class Timeline:
    steps: list[Step]
    next_step: str | None
    due: dt.date | None
    due_unconfirmed: bool
    finished: bool
    outcomes: list[AsnOutcome] = field(default_factory=list)


def _local_date(value: dt.datetime) -> dt.date:
    from django.utils import timezone

    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def _steps(transitions: Any) -> list[Step]:
    steps: list[Step] = []
    for t in transitions.order_by("at", "id").only("from_state", "to_state", "at"):
        meaning = MEANING.get(t.to_state, ("", None))[0]
        if t.from_state == t.to_state:
            meaning = EXTENDED
        steps.append(
            Step(
                state=t.to_state,
                label=str(S(t.to_state).label),
                on=_local_date(t.at),
                meaning=str(meaning),
            )
        )
    return steps


def _merged_steps(report: Any) -> list[Step]:
    """A merged report's way: its own case up to the merge, the merge, then the case it joined
    (the closing of its own case is staff's record, not a step of the reporter's report)."""
    at = report.merged_at
    merged = Step(
        state=MERGED,
        label=str(_("Digabung")),
        on=_local_date(at),
        meaning=str(MERGED_MEANING % {"n": report.case.number}),
    )
    return [
        *_steps(report.merged_from.transitions.filter(at__lt=at)),
        merged,
        *_steps(report.case.transitions.filter(at__gt=at)),
    ]


def reporter_timeline(report: Any) -> Timeline:
    case = report.case
    steps = _merged_steps(report) if report.merged_at else _steps(case.transitions)
    finished = case.state in FINAL_STATES
    next_step = None if finished else MEANING.get(case.state, (None, None))[1]
    stage = (
        case.stages.filter(completed_at__isnull=True).order_by("due").first()
        if not finished
        else None
    )
    outcomes = []
    decided = case.state not in {
        S.RECEIVED,
        S.PRELIMINARY_REVIEW,
        S.NEEDS_COMPLETION,
        S.REGISTERED,
        S.EXAMINATION,
    }
    # Only the ASN this reporter named (a merged case may hold others' ASN too).
    for row in report.asn.select_related("subject").order_by("subject_id"):
        s = row.subject
        outcome = s.outcome if decided else Outcome.PENDING
        outcomes.append(
            AsnOutcome(
                name=s.name,
                outcome=outcome,
                outcome_label=str(Outcome(outcome).label),
                sanction=s.sk_punishment if s.sk_number else "",
                executed=s.executed_date,
            )
        )
    return Timeline(
        steps=steps,
        next_step=str(next_step) if next_step else None,
        due=stage.due if stage else None,
        due_unconfirmed=bool(stage and stage.unconfirmed),
        finished=finished,
        outcomes=outcomes,
    )
