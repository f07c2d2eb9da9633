"""Summary tables: what the dashboards, maps, the public page and the reports read.

They are rebuilt from the cases (and from whatever other areas contribute through
`measures.py`) by jobs, never written by a person. A fact row copies what a figure needs from
one case (its handling region, election, stage dates, days per stage, the next clock), so that
a dashboard groups one narrow table instead of joining the case register. `netral.access`
scopes them by the handling region, like the cases themselves.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.accounts.models import Institution
from netral.regions.models import Province, Regency


class CaseFact(models.Model):
    """One case, flattened. Days are whole calendar days between the dates of the moves."""

    case = models.OneToOneField(
        "cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="fact"
    )
    election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regency = models.ForeignKey(
        Regency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    origin = models.CharField(max_length=16)
    state = models.CharField(max_length=32)
    received_on = models.DateField()
    week = models.DateField(help_text="Monday of the week the case was received")
    registered_on = models.DateField(null=True)
    proven_on = models.DateField(null=True)
    authority_on = models.DateField(null=True)
    ppk_on = models.DateField(null=True)
    decided_on = models.DateField(null=True)
    executed_on = models.DateField(null=True)
    days_review = models.IntegerField(null=True)
    days_examination = models.IntegerField(null=True)
    days_recommendation = models.IntegerField(null=True)
    days_verification = models.IntegerField(null=True)
    days_ppk = models.IntegerField(null=True)
    # The earliest open clock: the case is overdue when it lies before today.
    next_due = models.DateField(null=True)
    social_media = models.BooleanField(default=False)
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["province", "regency"], name="insights_fact_region"),
            models.Index(fields=["election", "received_on"], name="insights_fact_elec"),
        ]

    def __str__(self) -> str:
        return f"fact {self.case_id}"


class ViolationFact(models.Model):
    """A catalogue item named by a case."""

    fact = models.ForeignKey(CaseFact, on_delete=models.CASCADE, related_name="violations")
    code = models.CharField(max_length=20)
    social_media = models.BooleanField(default=False)
    # Copied from the case's fact, so that a figure groups this table alone under the
    # dashboard's filters (election, region, period) instead of joining the facts.
    election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regency = models.ForeignKey(
        Regency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["code"], name="insights_viol_code"),
            models.Index(fields=["province", "regency"], name="insights_viol_region"),
        ]

    def __str__(self) -> str:
        return self.code


class SubjectFact(models.Model):
    """One ASN named in a case: what the PPK follow-up league counts."""

    subject = models.OneToOneField(
        "cases.CaseSubject", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    fact = models.ForeignKey(CaseFact, on_delete=models.CASCADE, related_name="subjects")
    agency = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recommended = models.BooleanField(default=False)
    sanctioned = models.BooleanField(default=False)
    letter_date = models.DateField(null=True)
    sk_date = models.DateField(null=True)
    days_to_sanction = models.IntegerField(null=True)
    # The open PPK clock's due date (empty once the PPK decided or no clock runs).
    ppk_due = models.DateField(null=True)
    # Copied from the case's fact, so that a figure groups this table alone under the
    # dashboard's filters (election, region, period) instead of joining the facts.
    election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regency = models.ForeignKey(
        Regency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["decision_institution"], name="insights_subj_ppk"),
            models.Index(fields=["province", "regency"], name="insights_subj_region"),
        ]

    def __str__(self) -> str:
        return f"subject {self.subject_id}"


class MeasureValue(models.Model):
    """One bucket contributed by another area (see measures.py): a measure's value for one
    day, region and election. `n` lets a mean (quiz scores) be summed across buckets."""

    measure = models.CharField(max_length=60)
    election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regency = models.ForeignKey(
        Regency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField()
    value = models.FloatField(default=0)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "election", "province", "regency", "day"],
                name="insights_measure_bucket",
                nulls_distinct=False,
            )
        ]
        indexes = [
            models.Index(fields=["measure", "province", "regency"], name="insights_measure_region")
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.day}: {self.value}"


class MeasureTotal(models.Model):
    """A measure's buckets summed over every day, per election and region: what a page without
    a period reads. A season of monitoring is 514 kab/kota x 365 days x 3 measures of day
    buckets (whatever the number of items behind them); its totals are a few thousand rows.
    The refresh keeps them (refresh.retotal) whenever it replaces buckets."""

    measure = models.CharField(max_length=60)
    election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regency = models.ForeignKey(
        Regency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.FloatField(default=0)
    n = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["province", "regency", "measure"], name="insights_total_region")
        ]

    def __str__(self) -> str:
        return f"{self.measure} (all days): {self.value}"


class RefreshState(models.Model):
    """Where each refresh left off: the audit trail's position for cases (netral.audit.cursor),
    a time for each provider."""

    name = models.CharField(max_length=40, primary_key=True)
    audit_position = models.TextField(blank=True, default="")
    last_at = models.DateTimeField(null=True, blank=True)
    generation = models.BigIntegerField(default=0)
    # When the facts were last rebuilt whole: with the generation, the key of kept figures
    # (two databases loaded alike differ by it; a run that changed nothing changes neither).
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_duration_ms = models.IntegerField(default=0)
    last_rows = models.IntegerField(default=0)

    def __str__(self) -> str:
        return self.name


class RiskWeight(models.Model):
    """The weight of one risk factor; planners change it, every change is audited."""

    factor = models.CharField(_("faktor"), max_length=40, unique=True)
    weight = models.DecimalField(_("bobot"), max_digits=4, decimal_places=2)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["factor"]
        verbose_name = _("bobot faktor risiko")
        verbose_name_plural = _("bobot faktor risiko")

    def __str__(self) -> str:
        return f"{self.factor}={self.weight}"


class PublicSnapshot(models.Model):
    """The transparency page's figures as published by the last scheduled refresh."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"snapshot {self.created_at:%Y-%m-%d %H:%M}"


class ExportJob(models.Model):
    """A large export produced in the background; the page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    table = models.CharField(max_length=40)
    fmt = models.CharField(max_length=4)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.IntegerField(default=0)
    done = models.IntegerField(default=0)
    file = models.FileField(upload_to="insights/exports/%Y/", blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.table}.{self.fmt} ({self.status})"

    @property
    def percent(self) -> int:
        return (
            int(100 * self.done / self.total)
            if self.total
            else (100 if self.status == self.Status.DONE else 0)
        )
