"""Writes on the neutrality quiz: create a quiz, open or close it, start an attempt (draw the
questions, shuffle their options), submit it (score, or refuse after the time limit). Each in
one transaction with its audit entry. Who sees what is registered here with netral.access.

An ASN identifies with the personal code their agency gave them for the integrity pact and
their birth date, exactly as when signing (`pacts.pact_identify`); a public practice quiz asks
for nothing and records no name.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.audit.services import log_action
from netral.elections.models import Election
from netral.prevention import codes, events, pacts
from netral.prevention.models import Event, Quiz, QuizAnswer, QuizAttempt, QuizQuestion
from netral.prevention.policies import round_q
from netral.registry.models import Asn
from netral.registry.policies import sees_all

MAX_QUESTIONS = 50
MAX_MINUTES = 240
# A page submitted a few seconds late (a slow connection) still counts; more does not.
GRACE = dt.timedelta(seconds=20)
PUBLIC_LABEL = "peserta latihan"


def quiz_visible(user: Any, qs: Any) -> Any:
    """Staff see the quizzes their institution made, those of events they see, and (analysts,
    administrators) all."""
    if not access.is_staff_member(user):
        return qs.none()
    if sees_all(user):
        return qs
    seen_events = events.event_visible(user, Event.objects.all())
    return qs.filter(Q(owner_id=user.institution_id) | Q(event__in=seen_events))


def quiz_writable(user: Any, qs: Any) -> Any:
    if not access.can_write(user) or user.institution_id is None:
        return qs.none()
    return qs.filter(owner_id=user.institution_id)


def attempt_q(user: Any) -> Q:
    """Scores are personal: the attempts of ASN whose agency lies in the user's jurisdiction
    (the pact rule), plus the anonymous practice attempts of the user's own quizzes."""
    if not access.is_staff_member(user):
        return Q(pk__in=[])
    if sees_all(user):
        return Q()  # (an empty Q or-ed with another would narrow to the other)
    own_practice = Q(asn__isnull=True, quiz__owner_id=user.institution_id)
    return round_q(user) | own_practice if user.institution_id else round_q(user)


access.register(Quiz, visible=quiz_visible, writable=quiz_writable)
access.register(
    QuizAttempt,
    visible=lambda user, qs: qs.filter(attempt_q(user)),
    writable=lambda user, qs: qs.none(),
)
access.register(QuizQuestion, visible=access.everyone, writable=access.administrators)


def asn_identify(*, code: str, birth_date: dt.date | None) -> Asn | None:
    """The ASN behind a personal code and birth date, or None (never saying which half)."""
    found = pacts.pact_identify(code=code, birth_date=birth_date)
    return found.asn if found is not None else None


def active_question_count() -> int:
    return QuizQuestion.objects.filter(active=True).count()


def _new_code() -> str:
    while True:
        code = codes.verification_new()
        if not Quiz.objects.filter(code=code).exists():
            return code


@transaction.atomic
def quiz_create(
    *,
    actor: Any,
    title: str,
    mode: str = Quiz.Mode.ASN,
    question_count: int = 10,
    time_limit_minutes: int | None = None,
    event: Event | None = None,
    election: Election | None = None,
) -> Quiz:
    if not events.may_create(actor):
        raise PermissionDenied(_("Akun ini tidak dapat membuat kuis."))
    errors: dict[str, str] = {}
    if event is not None and not access.writable_by(actor, Event).filter(pk=event.pk).exists():
        errors["event"] = _("Pilih kegiatan yang dicatat institusi Anda.")
    if mode not in Quiz.Mode.values:
        errors["mode"] = _("Jenis peserta tidak dikenal.")
    available = active_question_count()
    if not 1 <= question_count <= min(MAX_QUESTIONS, available):
        errors["question_count"] = _("Jumlah soal harus antara 1 dan %(n)d.") % {
            "n": min(MAX_QUESTIONS, available)
        }
    if time_limit_minutes is not None and not 1 <= time_limit_minutes <= MAX_MINUTES:
        errors["time_limit_minutes"] = _("Batas waktu harus antara 1 dan %(n)d menit.") % {
            "n": MAX_MINUTES
        }
    if not title.strip():
        errors["title"] = _("Tuliskan judul kuis.")
    if errors:
        raise ValidationError(errors)
    quiz = Quiz.objects.create(
        title=title.strip()[:300],
        mode=mode,
        code=_new_code(),
        event=event,
        election=election or (event.election if event is not None else None),
        owner=actor.institution,
        question_count=question_count,
        time_limit_minutes=time_limit_minutes,
        created_by=actor,
    )
    log_action(
        actor,
        "quiz.create",
        quiz,
        {
            "title": quiz.title,
            "mode": mode,
            "questions": question_count,
            "minutes": time_limit_minutes,
            "event": event.pk if event is not None else None,
        },
        region=_owner_region(quiz),
    )
    return quiz


def _owner_region(quiz: Quiz) -> tuple[str, str]:
    return quiz.owner.province_id or "", quiz.owner.regency_id or ""


@transaction.atomic
def quiz_set_open(*, actor: Any, quiz_id: int, open_: bool) -> Quiz:
    quiz = access.get_for_user(actor, Quiz.objects.select_related("owner"), quiz_id, write=True)
    if quiz.open != open_:
        quiz.open = open_
        quiz.save(update_fields=["open"])
        log_action(
            actor, "quiz.open" if open_ else "quiz.close", quiz, {}, region=_owner_region(quiz)
        )
    return quiz


def draw(
    questions: list[QuizQuestion], count: int, rng: random.Random
) -> list[tuple[QuizQuestion, list[int]]]:
    """`count` questions at random, each with its option ids shuffled. The questions come
    with their options prefetched; `rng` is seeded in tests, the system's otherwise."""
    picked = rng.sample(questions, min(count, len(questions)))
    out = []
    for question in picked:
        ids = [option.pk for option in question.options.all()]
        rng.shuffle(ids)
        out.append((question, ids))
    return out


def _attempt_region(attempt: QuizAttempt) -> tuple[str, str]:
    if attempt.agency is not None:
        return attempt.agency.province_id or "", attempt.agency.regency_id or ""
    return _owner_region(attempt.quiz)


def _who(attempt: QuizAttempt) -> Any:
    return pacts.asn_actor(attempt.asn) if attempt.asn is not None else None


@transaction.atomic
def attempt_start(
    *,
    quiz: Quiz,
    asn: Asn | None = None,
    rng: random.Random | None = None,
    now: dt.datetime | None = None,
) -> QuizAttempt:
    """A new attempt with its questions drawn. An ASN takes a quiz once: identifying again
    returns their attempt (running or finished)."""
    quiz = Quiz.objects.select_for_update(of=("self",)).select_related("owner").get(pk=quiz.pk)
    if quiz.mode == Quiz.Mode.ASN:
        if asn is None:
            raise ValidationError({"code": _("Kuis ini hanya untuk ASN yang teridentifikasi.")})
        existing = QuizAttempt.objects.filter(quiz=quiz, asn=asn).first()
        if existing is not None:
            return existing
    else:
        asn = None
    if not quiz.open:
        raise ValidationError({"quiz": _("Kuis ini sudah ditutup.")})
    questions = list(
        QuizQuestion.objects.filter(active=True).prefetch_related("options").order_by("code")
    )
    drawn = draw(questions, quiz.question_count, rng or secrets.SystemRandom())
    if not drawn:
        raise ValidationError({"quiz": _("Bank soal masih kosong.")})
    started = now or timezone.now()
    attempt = QuizAttempt.objects.create(
        quiz=quiz,
        asn=asn,
        agency_id=asn.agency_id if asn is not None else None,
        token=secrets.token_urlsafe(32),
        started_at=started,
        deadline=(
            started + dt.timedelta(minutes=quiz.time_limit_minutes)
            if quiz.time_limit_minutes
            else None
        ),
        total=len(drawn),
    )
    QuizAnswer.objects.bulk_create(
        QuizAnswer(attempt=attempt, question=q, position=n, option_order=ids)
        for n, (q, ids) in enumerate(drawn, start=1)
    )
    log_action(
        _who(attempt),
        "quiz.start",
        attempt,
        {"quiz": quiz.pk, "questions": [q.code for q, _ids in drawn]},
        actor_label=None if asn is not None else PUBLIC_LABEL,
        region=_attempt_region(attempt),
    )
    return attempt


@dataclass
class SubmitOutcome:
    attempt: QuizAttempt
    expired: bool = False
    already: bool = False


@transaction.atomic
def attempt_submit(
    *, attempt_id: int, choices: Mapping[int, int | None], now: dt.datetime | None = None
) -> SubmitOutcome:
    """Score the attempt: `choices` maps question id to the chosen option id (missing or None:
    not answered, counted wrong). After the deadline (plus a short grace) nothing is scored:
    the attempt is closed as expired. A second submission returns the first result."""
    attempt = (
        QuizAttempt.objects.select_for_update(of=("self",))
        .select_related("quiz__owner", "agency", "asn")
        .get(pk=attempt_id)
    )
    if attempt.submitted_at is not None:
        return SubmitOutcome(attempt, expired=attempt.expired, already=True)
    moment = now or timezone.now()
    if attempt.deadline is not None and moment > attempt.deadline + GRACE:
        attempt.submitted_at, attempt.expired = moment, True
        attempt.save(update_fields=["submitted_at", "expired"])
        log_action(
            _who(attempt),
            "quiz.expire",
            attempt,
            {"late_seconds": int((moment - attempt.deadline).total_seconds())},
            actor_label=None if attempt.asn_id else PUBLIC_LABEL,
            region=_attempt_region(attempt),
        )
        return SubmitOutcome(attempt, expired=True)
    answers = list(attempt.answers.select_related("question").prefetch_related("question__options"))
    problems = []
    for answer in answers:
        chosen = choices.get(answer.question_id)
        if chosen is not None and chosen not in answer.option_order:
            problems.append(_("Soal %(n)d: pilihan tidak dikenal.") % {"n": answer.position})
    if problems:
        raise ValidationError({"answers": problems})
    right = 0
    for answer in answers:
        chosen = choices.get(answer.question_id)
        correct_ids = {o.pk for o in answer.question.options.all() if o.correct}
        answer.chosen_id = chosen
        answer.correct = chosen is not None and chosen in correct_ids
        right += answer.correct
    QuizAnswer.objects.bulk_update(answers, ["chosen", "correct"])
    attempt.submitted_at = moment
    attempt.correct = right
    attempt.score = round(100 * right / attempt.total, 1) if attempt.total else 0.0
    attempt.save(update_fields=["submitted_at", "correct", "score"])
    log_action(
        _who(attempt),
        "quiz.submit",
        attempt,
        {"correct": right, "total": attempt.total, "score": attempt.score},
        actor_label=None if attempt.asn_id else PUBLIC_LABEL,
        region=_attempt_region(attempt),
    )
    return SubmitOutcome(attempt)


def attempt_for_token(token: str) -> QuizAttempt | None:
    if not token:
        return None
    return QuizAttempt.objects.select_related("quiz", "asn", "agency").filter(token=token).first()
