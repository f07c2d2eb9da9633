"""Elections, their stage dates, parties and contestants.

The shipped elections live in `netral/elections/data/*.yaml` in the format documented in
`docs/election-format.md` (the detector reads the same files without Django); administrators
add and correct them in the admin, with history.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netral.accounts.models import Institution
from netral.regions.models import Province, Regency

STAGES = (
    "registration",
    "candidate_determination",
    "campaign_start",
    "campaign_end",
    "quiet_period_start",
    "quiet_period_end",
    "voting_day",
)


class ElectionKind(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu")
    PILKADA = "pilkada", _("Pilkada")


class ElectionLevel(models.TextChoices):
    PRESIDEN = "presiden", _("Presiden dan Wakil Presiden")
    LEGISLATIF = "legislatif", _("Legislatif (DPR, DPD, DPRD)")
    SERENTAK = "serentak", _("Pemilu serentak (Presiden dan legislatif)")
    GUBERNUR = "gubernur", _("Gubernur dan Wakil Gubernur")
    BUPATI = "bupati", _("Bupati dan Wakil Bupati")
    WALIKOTA = "walikota", _("Wali Kota dan Wakil Wali Kota")


class DataStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Terkonfirmasi")
    UNCONFIRMED = "unconfirmed", _("BELUM DIKONFIRMASI")
    DEMO = "demo", _("Data demo (bukan data resmi)")


class Party(models.Model):
    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    aliases = models.JSONField(_("nama lain"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("partai politik")
        verbose_name_plural = _("partai politik")

    def __str__(self) -> str:
        return self.name


class Election(models.Model):
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=8, choices=ElectionKind.choices)
    level = models.CharField(_("tingkat"), max_length=12, choices=ElectionLevel.choices)
    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("provinsi")
    )
    regency = models.ForeignKey(
        Regency, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("kabupaten/kota")
    )
    registration = models.DateField(_("pendaftaran calon"), null=True, blank=True)
    candidate_determination = models.DateField(_("penetapan calon"), null=True, blank=True)
    campaign_start = models.DateField(_("awal kampanye"), null=True, blank=True)
    campaign_end = models.DateField(_("akhir kampanye"), null=True, blank=True)
    quiet_period_start = models.DateField(_("awal masa tenang"), null=True, blank=True)
    quiet_period_end = models.DateField(_("akhir masa tenang"), null=True, blank=True)
    voting_day = models.DateField(_("hari pemungutan suara"))
    data_status = models.CharField(
        _("status data"), max_length=12, choices=DataStatus.choices, default=DataStatus.CONFIRMED
    )
    notes = models.TextField(_("catatan"), blank=True)
    sources = models.JSONField(_("sumber"), default=list, blank=True)
    parties = models.ManyToManyField(
        Party, through="ElectionParty", related_name="elections", verbose_name=_("partai")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-voting_day", "code"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(regency__isnull=True) | models.Q(province__isnull=False),
                name="election_regency_has_province",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str | None:
        return self.regency_id or self.province_id or None

    def stage_dates(self) -> dict[str, object]:
        return {stage: getattr(self, stage) for stage in STAGES}


class ElectionParty(models.Model):
    """A party's ballot number in one election (PKB was 1 in 2019 and 2024; Garuda 6, then 11)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballot")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("nomor urut"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["election", "party"], name="election_party_once")
        ]
        verbose_name = _("partai peserta")
        verbose_name_plural = _("partai peserta")

    def __str__(self) -> str:
        return f"{self.number or '-'} {self.party.code}"


class Contestant(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="contestants")
    number = models.PositiveSmallIntegerField(_("nomor urut"))
    name = models.CharField(_("nama"), max_length=300)
    people = models.JSONField(_("orang"), default=list, blank=True)
    # Names, nicknames and campaign hashtags ("#01IndonesiaMaju"): the detector matches them.
    aliases = models.JSONField(_("nama lain dan tagar"), default=list, blank=True)
    parties = models.ManyToManyField(
        Party, blank=True, related_name="contestants", verbose_name=_("partai pengusung")
    )
    # A contestant who heads an agency is that agency's PPK: a conflict of interest when the
    # agency must sanction its own staff for supporting them.
    incumbent_of = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("petahana di lembaga"),
    )
    incumbent_office = models.CharField(_("jabatan petahana"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[parties])

    class Meta:
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="contestant_number_once"),
        ]
        verbose_name = _("peserta pemilihan")
        verbose_name_plural = _("peserta pemilihan")

    def __str__(self) -> str:
        return f"{self.number:02d} {self.name}"

    @property
    def incumbent_label(self) -> str:
        institution = self.incumbent_of if self.incumbent_of_id else None
        return institution.name if institution is not None else self.incumbent_office
