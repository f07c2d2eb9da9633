"""The ASN registry: agencies, work units, civil servants, their declared accounts, the history
of every change and the import runs that brought them in.

An `Asn` is keyed by its NIP (or NI PPPK). Birth date, gender, appointment and employment type
are decoded from it (`identifiers.decode`), never typed. Its region is the region of its work
unit: that is what Bawaslu, Inspektorat and the BKN regional offices see by (`policies.py`).
Its agency (instansi) names the PPK institution that sanctions it.

History: every change of an ASN's fields, by an import or by a person, is one `AsnChange` row
(field, old, new, who, which import), written in the same transaction as the change; an import
is one audit entry naming its counts and its file's hash.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.accounts.models import Institution
from netral.regions.models import Province, Regency
from netral.registry.vocab import EmploymentType, Gender, PositionKind, Status, tags_list


class Agency(models.Model):
    """An instansi: a ministry or national body, a Pemprov, a Pemkab/Pemkot."""

    class Kind(models.TextChoices):
        CENTRAL = "pusat", _("Instansi pusat")
        PROVINCE = "provinsi", _("Pemerintah provinsi")
        REGENCY = "kabkota", _("Pemerintah kabupaten/kota")

    code = models.CharField(_("kode instansi"), max_length=20, unique=True)
    name = models.CharField(_("nama instansi"), max_length=200)
    # How import files may name it: the name folded (see `agencies.agency_key`).
    name_key = models.CharField(max_length=200, db_index=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provinsi"),
    )
    regency = models.ForeignKey(
        Regency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kabupaten/kota"),
    )
    # The PPK institution whose head sanctions this agency's ASN (a Pemkab, a Pemprov, a
    # ministry). Empty until that institution is registered in Netral.
    ppk = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registry_agencies",
        verbose_name=_("institusi PPK"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self) -> str:
        return self.name


class WorkUnit(models.Model):
    """A unit kerja / OPD of an agency (a dinas, a kecamatan office, a school)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("instansi")
    )
    name = models.CharField(_("unit kerja"), max_length=200)
    name_key = models.CharField(max_length=200)

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name_key"], name="registry_unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Asn(models.Model):
    """One civil servant (PNS or PPPK)."""

    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    employment_type = models.CharField(
        _("jenis kepegawaian"), max_length=4, choices=EmploymentType.choices
    )
    name = models.CharField(_("nama (dengan gelar)"), max_length=200)
    name_plain = models.CharField(_("nama tanpa gelar"), max_length=200)
    # The folded key the search indexes (names.search_key); never shown.
    name_key = models.CharField(max_length=200)
    birth_date = models.DateField(_("tanggal lahir"))
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    appointment_year = models.PositiveSmallIntegerField(_("tahun pengangkatan"))
    appointment_month = models.PositiveSmallIntegerField(
        _("bulan pengangkatan"), null=True, blank=True
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="staff", verbose_name=_("instansi")
    )
    work_unit = models.ForeignKey(
        WorkUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("unit kerja"),
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_kind = models.CharField(
        _("jenis jabatan"), max_length=16, blank=True, choices=PositionKind.choices
    )
    # ",camat,guru,": see vocab.tags_field; filter with tags__contains=",guru,".
    tags = models.CharField(_("penanda jabatan"), max_length=100, blank=True)
    rank = models.CharField(_("golongan/pangkat"), max_length=8, blank=True)
    # The region of the work unit (what jurisdictions see by); indexed together below.
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("provinsi unit kerja"),
    )
    regency = models.ForeignKey(
        Regency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("kabupaten/kota unit kerja"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # False once a full import of its agency no longer lists it (never deleted).
    listed = models.BooleanField(_("tercantum dalam data instansi"), default=True)
    email = models.CharField(_("surel"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)

    class Meta:
        ordering = ["name_plain", "nip"]
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")
        indexes = [
            models.Index(fields=["province", "regency"], name="registry_asn_region"),
            models.Index(fields=["agency", "status"], name="registry_asn_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"

    @property
    def tag_list(self) -> list[str]:
        return tags_list(self.tags)

    @property
    def appointment_label(self) -> str:
        if self.appointment_month:
            return f"{self.appointment_month:02d}/{self.appointment_year}"
        return str(self.appointment_year)

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE and self.listed


# The fields an import or an edit may change, in the order the history lists them.
TRACKED_FIELDS = (
    "name",
    "name_plain",
    "employment_type",
    "agency_id",
    "work_unit_id",
    "position",
    "position_kind",
    "tags",
    "rank",
    "province_id",
    "regency_id",
    "status",
    "listed",
    "email",
)


class AsnChange(models.Model):
    """One field of one ASN changed: old and new value, who changed it, through which import."""

    asn = models.ForeignKey(Asn, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=timezone.now)
    run = models.ForeignKey(
        "ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    field = models.CharField(max_length=32)
    old = models.TextField(blank=True, null=True)
    new = models.TextField(blank=True, null=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["asn", "at"], name="registry_change_asn")]

    def __str__(self) -> str:
        return f"{self.asn_id}.{self.field}"


class DeclaredAccount(models.Model):
    """A social-media account an ASN declared (or an officer recorded) as theirs."""

    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        X = "x", "X (Twitter)"
        TIKTOK = "tiktok", "TikTok"
        YOUTUBE = "youtube", "YouTube"
        THREADS = "threads", "Threads"
        OTHER = "other", _("Lainnya")

    asn = models.ForeignKey(Asn, on_delete=models.CASCADE, related_name="accounts")
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    # Lower case, without "@": what monitoring matches a post's author against.
    handle = models.CharField(_("nama akun"), max_length=100)
    url = models.URLField(_("tautan"), max_length=300, blank=True)
    declared_at = models.DateTimeField(default=timezone.now)
    declared_by_label = models.CharField(max_length=150, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["platform", "handle"]
        verbose_name = _("akun media sosial")
        verbose_name_plural = _("akun media sosial")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "handle"],
                condition=models.Q(removed_at__isnull=True),
                name="registry_account_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.handle}"


STALL_AFTER = dt.timedelta(minutes=10)


class ImportRun(models.Model):
    """One import of a registry file: its options, its progress while it runs, its outcome."""

    class State(models.TextChoices):
        QUEUED = "queued", _("menunggu")
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        REFUSED = "refused", _("ditolak (mode atomik: tidak ada yang diubah)")
        FAILED = "failed", _("gagal")

    class Mode(models.TextChoices):
        ATOMIC = "atomic", _("atomik: semua baris atau tidak sama sekali")
        PARTIAL = "partial", _("parsial: baris yang sah disimpan, yang salah dilewati")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    source_name = models.CharField(_("berkas"), max_length=255)
    upload = models.FileField(upload_to="registry/imports/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.ATOMIC)
    full = models.BooleanField(_("impor penuh satu instansi"), default=False)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instansi"),
    )
    dry_run = models.BooleanField(_("uji coba (tanpa menyimpan)"), default=False)
    phase = models.CharField(max_length=32, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    bytes_done = models.BigIntegerField(default=0)
    bytes_total = models.BigIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    # The first refusals (line, column, value, reason); all of them are in `rejects`.
    refusals = models.JSONField(default=list, blank=True)
    rejects = models.FileField(upload_to="registry/rejects/%Y/", blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("impor register ASN")
        verbose_name_plural = _("impor register ASN")

    def __str__(self) -> str:
        return f"#{self.pk} {self.source_name}"

    @property
    def percent(self) -> int:
        if self.state in {self.State.DONE, self.State.REFUSED}:
            return 100
        if not self.bytes_total:
            return 0
        # Reading and checking is most of the work; the merge is the last tenth.
        share = min(self.bytes_done / self.bytes_total, 1.0) * 90
        return int(share + (5 if self.phase == "merge" else 0))

    @property
    def finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.REFUSED, self.State.FAILED}

    @property
    def stalled(self) -> bool:
        """Queued or running without a sign of life for STALL_AFTER: its worker or the web
        process that ran it has stopped (a running import writes progress every few seconds)."""
        if self.finished:
            return False
        last = self.heartbeat_at or self.started_at or self.created_at
        return timezone.now() - last > STALL_AFTER
