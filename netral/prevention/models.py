"""Prevention: integrity pacts (templates, signing rounds, invitations, signatures, paper
batches). Events, the quiz, circulars and pressure reports live in their own modules' models
below as they land.

A pact round is started by a PPK officer for their agency. Each ASN in it gets one invitation
with a personal code: stored as a digest (to find the invitation) and sealed (so reminders and
a reprinted list can show the same code again); never in clear. A signature records the pact
version and the time, never the signer's address.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PactTemplate(models.Model):
    """One version of an election's integrity pact text. Versions are never edited once
    saved: a change in /admin/ saves the next version, and each signature names its version."""

    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.PROTECT,
        related_name="pact_templates",
        verbose_name=_("pemilihan"),
    )
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    title = models.CharField(_("judul"), max_length=200)
    opening = models.TextField(_("pembuka"))
    # One point per line: what the ASN promises.
    points = models.TextField(_("butir pakta (satu butir per baris)"))
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by_label = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["election", "-version"]
        verbose_name = _("templat pakta integritas")
        verbose_name_plural = _("templat pakta integritas")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "version"], name="prevention_template_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def point_list(self) -> list[str]:
        return [line.strip() for line in self.points.splitlines() if line.strip()]


class PactRound(models.Model):
    """A signing round of one agency for one election."""

    class Scope(models.TextChoices):
        ALL = "semua", _("Semua ASN instansi")
        UNIT = "unit", _("Satu unit kerja")
        HEADS = "pimpinan", _("Pimpinan unit kerja lebih dahulu")

    agency = models.ForeignKey(
        "registry.Agency",
        on_delete=models.PROTECT,
        related_name="pact_rounds",
        verbose_name=_("instansi"),
    )
    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pemilihan"),
    )
    template = models.ForeignKey(
        PactTemplate, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("versi pakta")
    )
    scope = models.CharField(_("cakupan"), max_length=10, choices=Scope.choices, default=Scope.ALL)
    work_unit = models.ForeignKey(
        "registry.WorkUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit kerja"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("dimulai"), default=timezone.now)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("putaran penandatanganan pakta")
        verbose_name_plural = _("putaran penandatanganan pakta")

    def __str__(self) -> str:
        return f"{self.agency} · {self.election} · {self.get_scope_display()}"


class PactInvitation(models.Model):
    """One ASN invited in one round, with their personal code."""

    round = models.ForeignKey(PactRound, on_delete=models.CASCADE, related_name="invitations")
    asn = models.ForeignKey("registry.Asn", on_delete=models.PROTECT, related_name="+")
    # Heads of units sign first: a flag taken from the ASN's position when the round started.
    is_head = models.BooleanField(default=False)
    code_digest = models.CharField(max_length=64, unique=True)
    code_sealed = models.BinaryField()
    emailed_at = models.DateTimeField(null=True, blank=True)
    printed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-is_head", "asn__name_plain"]
        constraints = [
            models.UniqueConstraint(fields=["round", "asn"], name="prevention_invitation_once")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.asn_id}"


class PaperBatch(models.Model):
    """Signed paper sheets: the scan, and the NIPs it records as signed."""

    round = models.ForeignKey(PactRound, on_delete=models.CASCADE, related_name="paper_batches")
    scan = models.FileField(upload_to="prevention/paper/%Y/")
    scan_sha256 = models.CharField(max_length=64)
    signed_on = models.DateField(_("tanggal tanda tangan di kertas"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    recorded = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.uploaded_at:%Y-%m-%d}"


class PactSignature(models.Model):
    """A signed pact: who, which version, when, how. Never the signer's address."""

    class Method(models.TextChoices):
        ONLINE = "daring", _("Daring (tautan pribadi)")
        PAPER = "kertas", _("Kertas (pindaian)")

    invitation = models.OneToOneField(
        PactInvitation, on_delete=models.PROTECT, related_name="signature"
    )
    round = models.ForeignKey(PactRound, on_delete=models.PROTECT, related_name="signatures")
    asn = models.ForeignKey(
        "registry.Asn", on_delete=models.PROTECT, related_name="pact_signatures"
    )
    template = models.ForeignKey(PactTemplate, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("ditandatangani"), default=timezone.now)
    method = models.CharField(max_length=8, choices=Method.choices, default=Method.ONLINE)
    paper = models.ForeignKey(
        PaperBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="signatures"
    )
    # What the certificate and /verifikasi/ show; random, unique, safe to print.
    verification_code = models.CharField(max_length=14, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["round", "signed_at"], name="prevention_sig_round")]

    def __str__(self) -> str:
        return self.verification_code


class PressureReport(models.Model):
    """An ASN reports being pressured to support a contestant. Routed to Bawaslu and BKN of the
    place, never to the ASN's own agency or PPK (who may be the ones pressing); the identity is
    sealed as in intake; the reporter follows it with a receipt (intake's receipt scheme)."""

    class Source(models.TextChoices):
        SUPERIOR = "atasan", _("Atasan")
        CANDIDATE = "calon", _("Calon atau peserta pemilihan")
        TEAM = "tim", _("Tim kampanye atau tim sukses")
        OTHER = "lain", _("Pihak lain (tokoh setempat, dan sebagainya)")

    class Status(models.TextChoices):
        RECEIVED = "diterima", _("Diterima")
        HANDLING = "ditangani", _("Sedang ditangani")
        CLOSED = "selesai", _("Selesai")

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    province = models.ForeignKey("regions.Province", on_delete=models.PROTECT, related_name="+")
    regency = models.ForeignKey(
        "regions.Regency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kabupaten/kota"),
    )
    election = models.ForeignKey(
        "elections.Election",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pemilihan"),
    )
    source = models.CharField(_("yang menekan"), max_length=8, choices=Source.choices)
    description = models.TextField(_("apa yang terjadi"))
    anonymous = models.BooleanField(_("tanpa nama"), default=False)
    identity_sealed = models.BinaryField(blank=True, default=b"")
    receipt_lookup = models.CharField(max_length=8, unique=True)
    receipt_salt = models.BinaryField(max_length=16)
    receipt_digest = models.BinaryField(max_length=32)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    # What the handling office tells the reporter (shown on the receipt page).
    note = models.TextField(_("pesan untuk pelapor"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("laporan tekanan terhadap ASN")
        verbose_name_plural = _("laporan tekanan terhadap ASN")

    def __str__(self) -> str:
        return f"T-{self.pk}"


class Event(models.Model):
    """A socialization event: a webinar, an apel, a coordination meeting, a face-to-face
    session. Owned by the institution that entered it; attendance is matched to the registry."""

    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        APEL = "apel", _("Apel")
        RAKOR = "rakor", _("Rapat koordinasi")
        FACE = "tatap_muka", _("Sosialisasi tatap muka")

    title = models.CharField(_("judul"), max_length=300)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    owner = models.ForeignKey(
        "accounts.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    organisers = models.CharField(_("penyelenggara"), max_length=500)
    speakers = models.TextField(_("narasumber"), blank=True)
    date = models.DateField(_("tanggal"))
    province = models.ForeignKey(
        "regions.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("provinsi")
    )
    regency = models.ForeignKey(
        "regions.Regency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kabupaten/kota"),
    )
    election = models.ForeignKey(
        "elections.Election",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pemilihan"),
    )
    audience = models.CharField(_("sasaran peserta"), max_length=300, blank=True)
    materials = models.TextField(_("materi (satu tautan per baris)"), blank=True)
    recording_url = models.URLField(_("tautan rekaman"), blank=True)
    public = models.BooleanField(_("tampilkan di daftar publik"), default=True)
    # What the on-site QR code carries: /hadir/CODE/.
    checkin_code = models.CharField(max_length=14, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("kegiatan sosialisasi")
        verbose_name_plural = _("kegiatan sosialisasi")

    def __str__(self) -> str:
        return self.title

    @property
    def material_links(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class Attendance(models.Model):
    """One attendee row of an event, as imported or checked in, and its match in the registry."""

    class Match(models.TextChoices):
        MATCHED = "cocok", _("Cocok")
        UNCERTAIN = "ragu", _("Perlu diperiksa")
        UNMATCHED = "tidak", _("Tidak ditemukan")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    asn = models.ForeignKey(
        "registry.Asn", null=True, blank=True, on_delete=models.PROTECT, related_name="attendances"
    )
    raw_name = models.CharField(max_length=300, blank=True)
    raw_email = models.CharField(max_length=200, blank=True)
    raw_nip = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=10)  # zoom, sheet, checkin
    line = models.PositiveIntegerField(default=0)
    match = models.CharField(max_length=6, choices=Match.choices)
    matched_by = models.CharField(max_length=6, blank=True)  # nip, email, name, review
    score = models.FloatField(default=0)

    class Meta:
        ordering = ["event", "line", "id"]

    def __str__(self) -> str:
        return f"{self.event_id}:{self.line}"


# The quiz's models live in their own module; imported here so Django registers them.
from netral.prevention.models_quiz import (  # noqa: E402
    Quiz,
    QuizAnswer,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
)

__all__ = [
    "Attendance",
    "Event",
    "PactInvitation",
    "PactRound",
    "PactSignature",
    "PactTemplate",
    "PaperBatch",
    "PressureReport",
    "Quiz",
    "QuizAnswer",
    "QuizAttempt",
    "QuizOption",
    "QuizQuestion",
]
