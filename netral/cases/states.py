"""The case's states and origins (vocabulary only; the transition table is in `transitions.py`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    REPORT = "report", _("Laporan masyarakat")
    FINDING = "finding", _("Temuan pengawas")
    MONITORING = "monitoring", _("Hasil pemantauan")
    REFERRAL = "referral", _("Pelimpahan")


# The register prefix in the case number: laporan (LP) vs temuan (TM), as Bawaslu numbers them.
ORIGIN_PREFIX = {
    Origin.REPORT: "LP",
    Origin.FINDING: "TM",
    Origin.MONITORING: "TM",
    Origin.REFERRAL: "LP",
}


class State(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    PRELIMINARY_REVIEW = "preliminary_review", _("Kajian awal")
    NEEDS_COMPLETION = "needs_completion", _("Perlu dilengkapi")
    REGISTERED = "registered", _("Diregistrasi")
    NOT_REGISTERED = "not_registered", _("Tidak diregistrasi")
    FORWARDED = "forwarded", _("Diteruskan")
    EXAMINATION = "examination", _("Klarifikasi/pemeriksaan")
    NOT_PROVEN = "not_proven", _("Tidak terbukti")
    PROVEN = "proven", _("Terbukti")
    RECOMMENDED_TO_AUTHORITY = "recommended_to_authority", _("Direkomendasikan ke KASN/BKN")
    AUTHORITY_VERIFICATION = "authority_verification", _("Verifikasi KASN/BKN")
    RECOMMENDED_TO_PPK = "recommended_to_ppk", _("Direkomendasikan ke PPK")
    PPK_DECIDED = "ppk_decided", _("Diputus PPK (SK)")
    EXECUTED = "executed", _("Sanksi dilaksanakan")
    CLOSED = "closed", _("Ditutup")


# States after which a case is finished: no clock runs any more.
FINAL_STATES = frozenset({State.NOT_REGISTERED, State.FORWARDED, State.NOT_PROVEN, State.CLOSED})

# The order in which the pipeline advances; used to decide "from stage X on" access rules.
PIPELINE = [
    State.RECEIVED,
    State.PRELIMINARY_REVIEW,
    State.NEEDS_COMPLETION,
    State.REGISTERED,
    State.EXAMINATION,
    State.PROVEN,
    State.RECOMMENDED_TO_AUTHORITY,
    State.AUTHORITY_VERIFICATION,
    State.RECOMMENDED_TO_PPK,
    State.PPK_DECIDED,
    State.EXECUTED,
    State.CLOSED,
]
AUTHORITY_STATES = frozenset(PIPELINE[PIPELINE.index(State.RECOMMENDED_TO_AUTHORITY) :])
PPK_STATES = frozenset(PIPELINE[PIPELINE.index(State.RECOMMENDED_TO_PPK) :])


class Outcome(models.TextChoices):
    PENDING = "pending", _("Belum diputus")
    PROVEN = "proven", _("Terbukti")
    NOT_PROVEN = "not_proven", _("Tidak terbukti")


class EmploymentType(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class SanctionLevel(models.TextChoices):
    MORAL = "moral", _("Sanksi moral (PP 42/2004)")
    LIGHT = "ringan", _("Hukuman disiplin ringan")
    MEDIUM = "sedang", _("Hukuman disiplin sedang")
    HEAVY = "berat", _("Hukuman disiplin berat")


class EscalationStep(models.TextChoices):
    REMINDER = "reminder", _("Teguran/pengingat kepada PPK")
    BLOCK_REQUEST = "block_request", _("Permintaan pemblokiran data kepegawaian ASN")
    NONCOMPLIANT = "noncompliant", _("Masuk daftar PPK tidak patuh")


ESCALATION_ORDER = [
    EscalationStep.REMINDER,
    EscalationStep.BLOCK_REQUEST,
    EscalationStep.NONCOMPLIANT,
]


class DocumentKind(models.TextChoices):
    REPORT_FORM = "report_form", _("Formulir laporan / temuan")
    PRELIMINARY_REVIEW = "preliminary_review", _("Formulir kajian awal")
    MINUTES_REPORTER = "minutes_reporter", _("Berita acara klarifikasi pelapor")
    MINUTES_WITNESS = "minutes_witness", _("Berita acara klarifikasi saksi")
    MINUTES_ASN = "minutes_asn", _("Berita acara klarifikasi ASN terlapor")
    EXAMINATION_RESULT = "examination_result", _("Kajian hasil pemeriksaan")
    RECOMMENDATION_AUTHORITY = "recommendation_authority", _("Surat rekomendasi ke KASN/BKN")
    RECOMMENDATION_PPK = "recommendation_ppk", _("Surat rekomendasi ke PPK")
    FORWARDING_LETTER = "forwarding_letter", _("Surat penerusan")
    SK = "sk", _("Surat Keputusan (SK) hukuman")
    EXECUTION = "execution", _("Bukti pelaksanaan sanksi")
    OTHER = "other", _("Lainnya")
