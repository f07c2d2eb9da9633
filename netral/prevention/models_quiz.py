"""The neutrality quiz: a bank of situations drawn from the legal catalogue, quizzes (a link,
after an event or on its own), attempts and answers.

A question names the catalogue item it is about (`E4`, `D6`, `PP94-5n-2` …) and each option
explains itself with its legal basis, so the result page teaches rather than only scores. The
bank is shipped as `data/quiz_questions.yaml` and then edited by administrators in /admin/.

An attempt keeps which questions it drew and in what order the options were shown, so a
result and the statistics can be recomputed exactly; an identified attempt snapshots the ASN's
agency (scores are counted where the ASN worked when they took the quiz).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuizQuestion(models.Model):
    code = models.CharField(_("kode"), max_length=20, unique=True)
    catalogue_code = models.CharField(
        _("butir katalog"),
        max_length=20,
        blank=True,
        help_text=_("Kode jenis pelanggaran dalam katalog hukum, misalnya E4 atau D6."),
    )
    situation = models.TextField(_("situasi (bahasa Indonesia)"))
    situation_en = models.TextField(_("situasi (bahasa Inggris)"), blank=True)
    active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Hanya soal aktif yang diundi ke dalam kuis.")
    )
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)

    class Meta:
        ordering = ["code"]
        verbose_name = _("soal kuis netralitas")
        verbose_name_plural = _("soal kuis netralitas")

    def __str__(self) -> str:
        return f"{self.code}: {self.situation[:80]}"


class QuizOption(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    text = models.CharField(_("pilihan (bahasa Indonesia)"), max_length=400)
    text_en = models.CharField(_("pilihan (bahasa Inggris)"), max_length=400, blank=True)
    correct = models.BooleanField(_("jawaban benar"), default=False)
    explanation = models.TextField(_("penjelasan (bahasa Indonesia)"))
    explanation_en = models.TextField(_("penjelasan (bahasa Inggris)"), blank=True)
    basis = models.CharField(_("dasar hukum"), max_length=400)

    class Meta:
        ordering = ["question", "order", "id"]
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")

    def __str__(self) -> str:
        return self.text[:80]


class Quiz(models.Model):
    """A quiz behind one link: N questions drawn for each taker, an optional time limit."""

    class Mode(models.TextChoices):
        ASN = "asn", _("ASN dengan kode pribadi dan tanggal lahir (nilai tercatat)")
        PUBLIC = "latihan", _("Latihan umum tanpa nama")

    title = models.CharField(_("judul"), max_length=300)
    mode = models.CharField(_("peserta"), max_length=8, choices=Mode.choices, default=Mode.ASN)
    # What the link carries: /kuis/CODE/.
    code = models.CharField(max_length=14, unique=True)
    event = models.ForeignKey(
        "prevention.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quizzes",
        verbose_name=_("kegiatan sosialisasi"),
    )
    election = models.ForeignKey(
        "elections.Election",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pemilihan"),
    )
    owner = models.ForeignKey(
        "accounts.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    question_count = models.PositiveSmallIntegerField(_("jumlah soal"), default=10)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("batas waktu (menit)"), null=True, blank=True
    )
    open = models.BooleanField(_("dibuka"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kuis netralitas")
        verbose_name_plural = _("kuis netralitas")

    def __str__(self) -> str:
        return self.title


class QuizAttempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    asn = models.ForeignKey(
        "registry.Asn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
    )
    agency = models.ForeignKey(
        "registry.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the taker's session holds (never the personal code).
    token = models.CharField(max_length=43, unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Submitted after the deadline: closed, not scored.
    expired = models.BooleanField(default=False)
    total = models.PositiveSmallIntegerField(default=0)
    correct = models.PositiveSmallIntegerField(default=0)
    score = models.FloatField(null=True, blank=True)  # percent, when scored

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "asn"],
                condition=Q(asn__isnull=False),
                name="prevention_quiz_once_per_asn",
            )
        ]
        indexes = [models.Index(fields=["submitted_at"], name="prevention_attempt_submitted")]

    def __str__(self) -> str:
        return f"{self.quiz_id}:{self.pk}"

    @property
    def scored(self) -> bool:
        return self.score is not None


class QuizAnswer(models.Model):
    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(QuizQuestion, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    # The option ids in the order this taker saw them.
    option_order = models.JSONField(default=list)
    chosen = models.ForeignKey(
        QuizOption, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="prevention_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.position}"
