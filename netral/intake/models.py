"""A public report (laporan): the reporter's side of a case.

The case itself (number, state, handling office, the ASN named) lives in `netral.cases`; a
Report adds what only a public report has: the receipt that lets the reporter come back, the
sealed identity, the evidence with its sealed originals, and the messages both ways.
Nothing here records the reporter's IP address or browser.

Reports on one incident can be merged into one case (services.merge): a merged report then
points at the surviving case, keeps its own receipt, messages, evidence and sealed identity,
and remembers the case it was filed under (`merged_from`), which keeps its text and dates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.regions.models import Regency

if TYPE_CHECKING:
    from netral.cases.models import Case


class Channel(models.TextChoices):
    WEB = "web", _("Formulir web")
    API = "api", _("API")
    DEMO = "demo", _("Data demo")


class Report(models.Model):
    # Usually one report per case; several once reports on the same incident are merged.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="reports", verbose_name=_("perkara")
    )
    channel = models.CharField(
        _("saluran"), max_length=8, choices=Channel.choices, default=Channel.WEB
    )
    # Receipt: a clear lookup id, and only a keyed hash of the secret part (see receipts.py;
    # the salt column marks the scheme: HMAC_MARK, or the scrypt salt of an older receipt).
    receipt_lookup = models.CharField(max_length=8, unique=True)
    receipt_salt = models.BinaryField(max_length=16)
    receipt_digest = models.BinaryField(max_length=32)
    anonymous = models.BooleanField(_("tanpa nama"), default=False)
    # Name, address and contact, encrypted with NETRAL_IDENTITY_KEY (see sealing.py); empty for
    # an anonymous report.
    identity_sealed = models.BinaryField(_("identitas tersegel"), blank=True, default=b"")
    other_violation = models.BooleanField(_("jenis lain"), default=False)
    created_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    # Set when the report was merged into another case: the case it was filed under (closed
    # by the merge; it keeps the report's own text, dates and place) and when.
    merged_from = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_reports",
        verbose_name=_("semula perkara"),
    )
    merged_at = models.DateTimeField(_("digabung"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("laporan masyarakat")
        verbose_name_plural = _("laporan masyarakat")

    def __str__(self) -> str:
        return str(_("Laporan %(n)s") % {"n": self.own_case.number})

    @property
    def own_case(self) -> Case:
        """The case opened for this report: what the reporter wrote (text, dates, place)."""
        return self.merged_from if self.merged_from is not None else self.case


class ReportedAsn(models.Model):
    """Where the reporter placed an ASN they named (the case subject holds the rest)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="asn")
    # Several reports may name the same ASN once merged: they then share the case's subject.
    subject = models.ForeignKey(
        "cases.CaseSubject", on_delete=models.CASCADE, related_name="reported"
    )
    regency = models.ForeignKey(
        Regency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah instansi"),
    )

    def __str__(self) -> str:
        return str(self.subject_id)


class Evidence(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("Berkas")
        LINK = "link", _("Tautan")

    class AddedBy(models.TextChoices):
        REPORTER = "reporter", _("Pelapor")
        STAFF = "staff", _("Petugas")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    url = models.URLField(_("tautan"), max_length=1000, blank=True)
    # The original as uploaded: sealed (opened only through evidence_original_open, audited).
    original = models.FileField(max_length=200, blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    # The name the file had on the sender's device (cleaned, see evidence.file_name): the
    # reporter recognises their files by it on the status page.
    file_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(_("SHA-256 asli"), max_length=64, blank=True)
    # Images re-encoded without EXIF/GPS: what staff see and download.
    stripped = models.FileField(max_length=200, blank=True)
    stripped_type = models.CharField(max_length=60, blank=True)
    stripped_sha256 = models.CharField(max_length=64, blank=True)
    added_by = models.CharField(max_length=8, choices=AddedBy.choices, default=AddedBy.REPORTER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")

    def __str__(self) -> str:
        return self.url or f"{self.content_type} {self.sha256[:12]}"

    @property
    def is_image(self) -> bool:
        return bool(self.stripped)


class Message(models.Model):
    class Direction(models.TextChoices):
        TO_REPORTER = "to_reporter", _("Petugas → pelapor")
        FROM_REPORTER = "from_reporter", _("Pelapor → petugas")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=16, choices=Direction.choices)
    body = models.TextField(_("pesan"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pesan")
        verbose_name_plural = _("pesan")

    def __str__(self) -> str:
        return f"{self.direction} {self.created_at:%Y-%m-%d %H:%M}"


class IdempotencyRecord(models.Model):
    """An API submission's Idempotency-Key (hashed) and the hash of its body: a retry with the
    same key and body finds the report made the first time instead of making a second one."""

    key_hash = models.CharField(max_length=64, unique=True)
    request_hash = models.CharField(max_length=64)
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="+")
    # The receipt was shown once; a retry may need it again, so it is kept sealed until the
    # first retry window closes (see services.IDEMPOTENCY_WINDOW) and then erased.
    receipt_sealed = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key_hash[:12]
