"""The working-day calendar's editable part (cuti bersama) and the deadline rules.

National holidays come from the `holidays` package; cuti bersama are decided each year by a
joint decree of three ministers (and revised during the year), so they are data that an
administrator can correct. Deadline rules are data too, with effective dates, per election
kind, each with its legal source or marked unconfirmed (legal-notes.md §4, §9.3).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CutiBersama(models.Model):
    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=200)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    confirmed = models.BooleanField(_("terkonfirmasi"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("cuti bersama")
        verbose_name_plural = _("cuti bersama")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class Stage(models.TextChoices):
    REPORT_WINDOW = "report_window", _("Batas waktu melapor")
    PRELIMINARY_REVIEW = "preliminary_review", _("Kajian awal")
    COMPLETION = "completion", _("Melengkapi laporan")
    DECISION = "decision", _("Putusan Bawaslu")
    DECISION_EXTENSION = "decision_extension", _("Perpanjangan putusan")
    AUTHORITY_VERIFICATION = "authority_verification", _("Verifikasi lembaga berwenang")
    PPK_FOLLOW_UP = "ppk_follow_up", _("Tindak lanjut PPK")


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", _("hari kerja")
    CALENDAR_DAYS = "calendar_days", _("hari kalender")
    HOURS = "hours", _("jam")


class DeadlineRule(models.Model):
    class Kind(models.TextChoices):
        PEMILU = "pemilu", _("Pemilu")
        PILKADA = "pilkada", _("Pilkada")

    kind = models.CharField(_("jenis pemilihan"), max_length=8, choices=Kind.choices)
    stage = models.CharField(_("tahap"), max_length=24, choices=Stage.choices)
    amount = models.PositiveSmallIntegerField(_("lama"))
    unit = models.CharField(_("satuan"), max_length=16, choices=Unit.choices)
    starts_at = models.CharField(_("dihitung sejak"), max_length=200)
    effective_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    effective_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    legal_source = models.TextField(_("dasar hukum"), blank=True)
    confirmed = models.BooleanField(_("terkonfirmasi"), default=False)
    note = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "stage", "effective_from"]
        verbose_name = _("aturan tenggat")
        verbose_name_plural = _("aturan tenggat")

    def __str__(self) -> str:
        return f"{self.kind}/{self.stage}: {self.amount} {self.get_unit_display()}"
