"""Demo quiz results: a quiz after each of the three demo events, taken by the ASN who
attended it (matched in the registry) or, for the coordination meeting, which has no
attendance list, by the demo ASN of its province; and a public practice quiz. The answers are
simulated with a fixed seed, so the figures are the same on every load. Idempotent."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from netral.accounts.models import User
from netral.prevention import quiz as quizzes
from netral.prevention.models import Attendance, Event, Quiz, QuizAttempt
from netral.registry.models import Asn

PRACTICE_TITLE = "Latihan kuis netralitas ASN"
QUESTIONS = 10
MINUTES = 20


def _takers(event: Event) -> list[Asn]:
    attended = (
        Attendance.objects.filter(event=event, match=Attendance.Match.MATCHED, asn__isnull=False)
        .values_list("asn_id", flat=True)
        .distinct()
    )
    people = Asn.objects.filter(pk__in=attended)
    if not people.exists():
        people = Asn.objects.filter(province_id=event.province_id, agency__ppk__isnull=False)
    return list(people.order_by("nip")[:20])


def _answer(attempt: QuizAttempt, rng: random.Random) -> dict[int, int | None]:
    """A taker of some ability; easier questions (lower codes) go right a little more often."""
    ability = rng.uniform(0.35, 0.95)
    out: dict[int, int | None] = {}
    for answer in attempt.answers.select_related("question").prefetch_related("question__options"):
        options = list(answer.question.options.all())
        right = next(o.pk for o in options if o.correct)
        wrong = [o.pk for o in options if not o.correct]
        ease = 0.1 if answer.question.code <= "K10" else -0.05
        out[answer.question_id] = right if rng.random() < ability + ease else rng.choice(wrong)
    return out


def _event_quiz(event: Event, owner: User, seed: int) -> int:
    quiz = quizzes.quiz_create(
        actor=owner,
        title=f"Kuis netralitas: {event.title}",
        event=event,
        question_count=QUESTIONS,
        time_limit_minutes=MINUTES,
    )
    start = timezone.make_aware(dt.datetime.combine(event.date, dt.time(11, 0)))
    Quiz.objects.filter(pk=quiz.pk).update(created_at=start - dt.timedelta(hours=1))
    rng = random.Random(seed)  # noqa: S311  (demo answers, repeatable on purpose)
    for k, asn in enumerate(_takers(event)):
        began = start + dt.timedelta(minutes=2 * k)
        attempt = quizzes.attempt_start(quiz=quiz, asn=asn, rng=rng, now=began)
        quizzes.attempt_submit(
            attempt_id=attempt.pk,
            choices=_answer(attempt, rng),
            now=began + dt.timedelta(minutes=rng.randint(6, 15)),
        )
    return 1


def demo_quizzes(event_owners: dict[str, str]) -> int:
    """`event_owners`: event title → username of the institution that entered it."""
    made = 0
    for seed, (title, username) in enumerate(event_owners.items(), start=2024):
        event = Event.objects.filter(title=title).first()
        owner = User.objects.filter(username=username).select_related("institution").first()
        if event is None or owner is None or event.quizzes.exists():
            continue
        made += _event_quiz(event, owner, seed)
    admin = User.objects.filter(username="admin").select_related("institution").first()
    if admin is not None and not Quiz.objects.filter(title=PRACTICE_TITLE).exists():
        quizzes.quiz_create(
            actor=admin, title=PRACTICE_TITLE, mode=Quiz.Mode.PUBLIC, question_count=QUESTIONS
        )
        made += 1
    return made
