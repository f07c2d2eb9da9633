"""A neutrality case: one incident, the ASN it names, and its way from Bawaslu to the PPK.

`province`/`regency` on Case are the *handling* jurisdiction (the Bawaslu office in charge);
`netral.access` scopes by them. Where the incident happened is kept apart (`incident_*`), since
a provincial election's case is handled by the province's Bawaslu wherever it happened.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.accounts.models import Institution
from netral.cases.states import (
    DocumentKind,
    EmploymentType,
    EscalationStep,
    Origin,
    Outcome,
    SanctionLevel,
    State,
)
from netral.regions.models import District, Province, Regency


class Case(models.Model):
    number = models.CharField(_("nomor"), max_length=60, unique=True)
    origin = models.CharField(_("asal"), max_length=16, choices=Origin.choices)
    state = models.CharField(
        _("status"), max_length=32, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    # Optimistic concurrency: every transition is an UPDATE ... WHERE version = N.
    version = models.PositiveIntegerField(_("versi"), default=1)
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    discovered_date = models.DateField(_("tanggal diketahui"), null=True, blank=True)
    place = models.CharField(_("tempat kejadian"), max_length=300, blank=True)
    incident_province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provinsi kejadian"),
    )
    incident_regency = models.ForeignKey(
        Regency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kabupaten/kota kejadian"),
    )
    incident_district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kecamatan kejadian"),
    )
    # Handling jurisdiction (the Bawaslu office in charge): what netral.access scopes by.
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provinsi penanganan"),
    )
    regency = models.ForeignKey(
        Regency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kabupaten/kota penanganan"),
    )
    handling_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="handled_cases",
        verbose_name=_("Bawaslu penanganan"),
    )
    summary = models.TextField(_("uraian singkat"))
    election = models.ForeignKey(
        "elections.Election",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("pemilihan"),
    )
    violations = models.ManyToManyField(
        "catalogue.Violation", blank=True, related_name="cases", verbose_name=_("jenis pelanggaran")
    )
    phase = models.CharField(_("tahapan"), max_length=32, blank=True)
    # The body receiving the recommendation (catalogue.Authority code: KASN, BKN, ...).
    authority = models.CharField(_("lembaga berwenang"), max_length=20, blank=True)
    # Conflict of interest: the PPK is a contestant; the recommendation goes one level up.
    conflict_of_interest = models.BooleanField(_("konflik kepentingan PPK"), default=False)
    conflict_note = models.CharField(_("keterangan konflik"), max_length=300, blank=True)
    forwarded_to = models.CharField(_("diteruskan ke"), max_length=200, blank=True)
    criminal_track = models.BooleanField(_("jalur pidana (Gakkumdu)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("perkara")
        verbose_name_plural = _("perkara")
        indexes = [models.Index(fields=["province", "regency", "state"])]

    def __str__(self) -> str:
        return self.number


class CaseCounter(models.Model):
    """The last number given per office, register (LP/TM) and year; locked while numbering."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=4)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "prefix", "year"], name="unique_case_counter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}/{self.year}: {self.last}"


class CaseSubject(models.Model):
    """One ASN named in the case, with their own outcome and sanction."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subjects")
    name = models.CharField(_("nama ASN"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    agency_name = models.CharField(_("instansi"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    employment_type = models.CharField(
        _("status kepegawaian"),
        max_length=8,
        choices=EmploymentType.choices,
        default=EmploymentType.PNS,
    )
    ppk_institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ppk_subjects",
        verbose_name=_("instansi PPK"),
    )
    # The PPK was not given: it was taken from the incident's kab/kota and waits for a check.
    ppk_from_incident = models.BooleanField(_("PPK diduga dari tempat kejadian"), default=False)
    outcome = models.CharField(
        _("hasil"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    # The catalogue items proven against this ASN when Bawaslu decides "Terbukti"; the
    # sanction suggestion is read from them.
    proven_violations = models.ManyToManyField(
        "catalogue.Violation",
        blank=True,
        related_name="proven_subjects",
        verbose_name=_("pelanggaran terbukti"),
    )
    recommended_level = models.CharField(
        _("tingkat sanksi direkomendasikan"),
        max_length=8,
        choices=SanctionLevel.choices,
        blank=True,
    )
    recommended_sanction = models.CharField(
        _("sanksi direkomendasikan"), max_length=300, blank=True
    )
    sk_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    sk_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    sk_punishment = models.CharField(_("hukuman dalam SK"), max_length=300, blank=True)
    executed_date = models.DateField(_("tanggal pelaksanaan"), null=True, blank=True)
    personnel_block_requested_at = models.DateTimeField(null=True, blank=True)
    # The PPK is a contestant in the election concerned: the decision goes one level up.
    conflict_of_interest = models.BooleanField(_("konflik kepentingan"), default=False)
    decision_institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lembaga pemutus sanksi"),
    )
    # The registry's ASN this subject is, once known (netral.registry links it; audited).
    asn = models.ForeignKey(
        "registry.Asn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_subjects",
        verbose_name=_("ASN di register"),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("ASN terlapor")
        verbose_name_plural = _("ASN terlapor")

    def __str__(self) -> str:
        return self.name


class CaseStage(models.Model):
    """One clock: a stage of the case with its due date from the deadline engine."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("tahap"), max_length=40)
    started = models.DateField(_("mulai"))
    due = models.DateField(_("batas waktu"))
    rule = models.CharField(_("dasar"), max_length=300, blank=True)
    explanation = models.TextField(_("penjelasan"), blank=True)
    unconfirmed = models.BooleanField(_("belum terkonfirmasi"), default=False)
    working_days = models.BooleanField(_("hari kerja"), default=False)
    extended = models.BooleanField(_("diperpanjang"), default=False)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    overdue_marked_at = models.DateTimeField(_("ditandai lewat waktu"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # The institution whose clock this is (for the PPK stage: the PPK agency).
    responsible = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["started", "id"]
        verbose_name = _("tahap dan batas waktu")
        verbose_name_plural = _("tahap dan batas waktu")
        indexes = [models.Index(fields=["completed_at", "due"])]

    def __str__(self) -> str:
        return f"{self.stage} → {self.due}"


class Recommendation(models.Model):
    """A letter: Bawaslu to the authority, or the authority to the PPK (with its own deadline)."""

    class Kind(models.TextChoices):
        TO_AUTHORITY = "to_authority", _("Rekomendasi ke KASN/BKN")
        TO_PPK = "to_ppk", _("Rekomendasi ke PPK")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    addressee = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ditujukan kepada"),
    )
    letter_number = models.CharField(_("nomor surat"), max_length=100, blank=True)
    letter_date = models.DateField(_("tanggal surat"))
    due = models.DateField(_("batas tindak lanjut"), null=True, blank=True)
    # True when the due date is the configured default, not one written in the letter.
    due_is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["letter_date", "id"]

    def __str__(self) -> str:
        return self.letter_number or str(self.get_kind_display())


class CaseDocument(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    subject = models.ForeignKey(
        CaseSubject, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    kind = models.CharField(_("jenis dokumen"), max_length=32, choices=DocumentKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(_("berkas"), upload_to="cases/docs/%Y/")
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("dokumen perkara")
        verbose_name_plural = _("dokumen perkara")

    def __str__(self) -> str:
        return self.title


class CaseTransition(models.Model):
    """The case's timeline: every state change, who made it, and what they entered."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=32, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=32, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class Escalation(models.Model):
    """A step taken against a PPK past its deadline. One per (case, PPK, step): the sweep's
    idempotency rests on this constraint."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    ppk_institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    step = models.CharField(_("langkah"), max_length=16, choices=EscalationStep.choices)
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "ppk_institution", "step"], name="unique_case_escalation_step"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_step_display())
