"""The legal catalogue: regulations, sanctions, criminal provisions and violation types.

The rows come from `netral/catalogue/data/catalogue.yaml` (versioned, loaded by
`netral.catalogue.loader.load_catalogue`) and administrators may correct them in the admin;
every change is kept by django-simple-history. Each row says how sure we are of it
(`confidence`): `legal-notes.md` marks what it could not check, and so must every page.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Confidence(models.TextChoices):
    """Status words of legal-notes.md §9: only RESOLVED counts as confirmed."""

    RESOLVED = "resolved", _("Terkonfirmasi")
    PROBABLE = "probable", _("Kemungkinan besar (belum dikonfirmasi)")
    UNCONFIRMED = "unconfirmed", _("BELUM DIKONFIRMASI")


class Sourced(models.Model):
    """What every catalogue row carries: how sure we are and where it comes from."""

    confidence = models.CharField(
        _("tingkat kepastian"),
        max_length=16,
        choices=Confidence.choices,
        default=Confidence.UNCONFIRMED,
    )
    confirmed = models.BooleanField(_("terkonfirmasi"), default=False, editable=False)
    confirmation_note = models.TextField(_("catatan konfirmasi"), blank=True)
    sources = models.JSONField(_("sumber"), default=list, blank=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.confirmed = self.is_confirmed()
        super().save(*args, **kwargs)

    def is_confirmed(self) -> bool:
        return self.confidence == Confidence.RESOLVED


class Regulation(Sourced):
    class Kind(models.TextChoices):
        UU = "uu", _("Undang-Undang")
        PERPPU = "perppu", _("Perppu")
        PP = "pp", _("Peraturan Pemerintah")
        PERPRES = "perpres", _("Peraturan Presiden")
        SKB = "skb", _("Keputusan Bersama")
        PERBAWASLU = "perbawaslu", _("Peraturan Bawaslu")
        PERATURAN_BKN = "peraturan_bkn", _("Peraturan BKN")
        SE = "se", _("Surat Edaran")
        PUTUSAN_MK = "putusan_mk", _("Putusan Mahkamah Konstitusi")

    code = models.CharField(_("kode"), max_length=40, unique=True)
    short_name = models.CharField(_("nama singkat"), max_length=80)
    title = models.TextField(_("judul"))
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    enacted_on = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)
    in_force = models.BooleanField(_("berlaku"), default=True)
    status_note = models.TextField(_("keterangan status"), blank=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    url = models.URLField(_("tautan resmi"), blank=True, max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("peraturan")
        verbose_name_plural = _("peraturan")

    def __str__(self) -> str:
        return self.short_name


class SanctionCategory(models.TextChoices):
    MORAL = "moral", _("Sanksi moral (kode etik)")
    DISCIPLINE = "discipline", _("Hukuman disiplin")
    DISMISSAL = "dismissal", _("Pemberhentian")
    PPK_MEASURE = "ppk_measure", _("Tindakan terhadap PPK yang tidak menindaklanjuti")
    DECIDED_BY_SATGAS = "satgas", _("Diputus Satgas")


class SanctionLevel(models.TextChoices):
    NONE = "", _("—")
    RINGAN = "ringan", _("Ringan")
    SEDANG = "sedang", _("Sedang")
    BERAT = "berat", _("Berat")


class Sanction(Sourced):
    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=300)
    category = models.CharField(_("kategori"), max_length=16, choices=SanctionCategory.choices)
    level = models.CharField(
        _("tingkat"), max_length=8, choices=SanctionLevel.choices, blank=True, default=""
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    regulation = models.ForeignKey(
        Regulation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanctions",
        verbose_name=_("dasar hukum"),
    )
    article = models.CharField(_("pasal"), max_length=200, blank=True)
    description = models.TextField(_("penjelasan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("sanksi")
        verbose_name_plural = _("sanksi")

    def __str__(self) -> str:
        return self.name


class CriminalProvision(Sourced):
    class ElectionKind(models.TextChoices):
        PEMILU = "pemilu", _("Pemilu")
        PILKADA = "pilkada", _("Pilkada")

    code = models.CharField(_("kode"), max_length=40, unique=True)
    regulation = models.ForeignKey(
        Regulation,
        on_delete=models.PROTECT,
        related_name="criminal_provisions",
        verbose_name=_("undang-undang"),
    )
    election_kind = models.CharField(
        _("jenis pemilihan"), max_length=8, choices=ElectionKind.choices
    )
    prohibition_article = models.CharField(_("pasal larangan"), max_length=120)
    penalty_article = models.CharField(_("pasal pidana"), max_length=120)
    title = models.CharField(_("judul"), max_length=300)
    wording = models.TextField(_("bunyi larangan"))
    penalty = models.TextField(_("ancaman pidana"))
    explanation = models.TextField(_("penjelasan"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("ketentuan pidana")
        verbose_name_plural = _("ketentuan pidana")

    def __str__(self) -> str:
        return f"{self.regulation.short_name} {self.prohibition_article} jo. {self.penalty_article}"


class ViolationKind(models.TextChoices):
    ETHICS = "ethics", _("Pelanggaran kode etik")
    DISCIPLINE = "discipline", _("Pelanggaran disiplin")
    CRIMINAL = "criminal", _("Tindak pidana")


class Phase(models.TextChoices):
    BEFORE = "before_determination", _("Sebelum penetapan calon")
    AFTER = "after_determination", _("Setelah penetapan calon")
    ANY = "any", _("Kapan saja")


class AppliesTo(models.TextChoices):
    ASN = "ASN", _("PNS dan PPPK")
    PNS = "PNS", _("PNS")
    PPPK = "PPPK", _("PPPK")


class Violation(Sourced):
    """One type of neutrality violation (SKB 2022 E1–E7, D1–D13; PP 94/2021 Ps 5 huruf n)."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    source_list = models.CharField(_("daftar asal"), max_length=60)
    title = models.TextField(_("bunyi (bahasa Indonesia)"))
    explanation = models.TextField(_("penjelasan sederhana"))
    example = models.TextField(_("contoh"))
    kind = models.CharField(_("jenis"), max_length=12, choices=ViolationKind.choices)
    phase = models.CharField(_("tahap"), max_length=24, choices=Phase.choices)
    applies_to = models.CharField(_("berlaku bagi"), max_length=8, choices=AppliesTo.choices)
    level = models.CharField(
        _("tingkat hukuman"), max_length=8, choices=SanctionLevel.choices, blank=True, default=""
    )
    wording_confirmed = models.BooleanField(_("bunyi terkonfirmasi"), default=False)
    level_confirmed = models.BooleanField(_("tingkat sanksi terkonfirmasi"), default=False)
    default_sanction = models.ForeignKey(
        Sanction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sanksi utama"),
    )
    allowed_sanctions = models.ManyToManyField(
        Sanction,
        blank=True,
        related_name="violations",
        verbose_name=_("sanksi yang dapat dijatuhkan"),
    )
    regulations = models.ManyToManyField(
        Regulation, through="LegalBasis", related_name="violations", verbose_name=_("dasar hukum")
    )
    criminal_provisions = models.ManyToManyField(
        CriminalProvision,
        blank=True,
        related_name="violations",
        verbose_name=_("ketentuan pidana terkait"),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    history = HistoricalRecords(m2m_fields=[allowed_sanctions, criminal_provisions])

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("jenis pelanggaran")
        verbose_name_plural = _("jenis pelanggaran")

    def __str__(self) -> str:
        return f"{self.code}: {self.title[:80]}"

    def is_confirmed(self) -> bool:
        return (
            self.confidence == Confidence.RESOLVED
            and self.wording_confirmed
            and self.level_confirmed
        )


class LegalBasis(models.Model):
    """One article a violation rests on: "PP 94/2021 Pasal 14 huruf i angka 3"."""

    violation = models.ForeignKey(Violation, on_delete=models.CASCADE, related_name="basis")
    regulation = models.ForeignKey(
        Regulation, on_delete=models.PROTECT, related_name="+", verbose_name=_("peraturan")
    )
    article = models.CharField(_("pasal"), max_length=200, blank=True)
    confirmed = models.BooleanField(_("pasal terkonfirmasi"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("dasar hukum")
        verbose_name_plural = _("dasar hukum")

    def __str__(self) -> str:
        return f"{self.regulation.short_name} {self.article}".strip()


class Authority(Sourced):
    """Who receives Bawaslu's recommendation on ASN neutrality, for a span of dates.

    A table rather than a constant: KASN until 23 Aug 2024, BKN since 24 Aug 2024, and an
    independent body is due by about Oct 2027 (MK 121/PUU-XXII/2024)."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("lembaga penerima rekomendasi")
        verbose_name_plural = _("lembaga penerima rekomendasi")

    def __str__(self) -> str:
        return self.name


class CatalogueRelease(models.Model):
    """Which version of the shipped catalogue file was loaded, so that a restart does not
    overwrite an administrator's correction with the same release again."""

    version = models.CharField(max_length=40, unique=True)
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return self.version
