"""Public quiz pages (no account): /kuis/CODE/ identifies the ASN (personal code + birth date,
as for the pact) or starts an anonymous practice attempt; the questions page; the result with
every option explained and its legal basis. /kuis/latihan/ opens the current practice quiz.

The session holds only the attempt's random token. The time limit is the server's: the page's
countdown is a courtesy, a late submission is refused by `quiz.attempt_submit`.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from netral.intake import throttle as intake_throttle
from netral.prevention import quiz as quizzes
from netral.prevention import throttle
from netral.prevention.forms import PactEntryForm
from netral.prevention.models import Quiz, QuizAnswer, QuizAttempt

SESSION_KEY = "prevention_quiz"
SESSION_TTL = 6 * 60 * 60
THROTTLE_GROUP = "quiz-code"


def _quiz(code: str) -> Quiz:
    found = Quiz.objects.filter(code=code.upper()).select_related("event").first()
    if found is None:
        raise Http404("not found")
    return found


def _held(request: HttpRequest, quiz: Quiz) -> QuizAttempt | None:
    held = request.session.get(SESSION_KEY)
    if not held or time.time() - held.get("at", 0) > SESSION_TTL:
        return None
    attempt = quizzes.attempt_for_token(held.get("token", ""))
    return attempt if attempt is not None and attempt.quiz_id == quiz.pk else None


def _hold(request: HttpRequest, attempt: QuizAttempt) -> HttpResponse:
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"token": attempt.token, "at": time.time()}
    name = "prevention:quiz-result" if attempt.submitted_at else "prevention:quiz-take"
    return HttpResponseRedirect(reverse(name, args=[attempt.quiz.code]))


def _start(request: HttpRequest, quiz: Quiz, form: PactEntryForm) -> HttpResponse | None:
    """Identify (ASN quiz) or just start (practice); None when the form gets an error."""
    try:
        if quiz.mode == Quiz.Mode.PUBLIC:
            return _hold(request, quizzes.attempt_start(quiz=quiz))
        if not form.is_valid():
            return None
        asn = quizzes.asn_identify(
            code=form.cleaned_data["code"], birth_date=form.cleaned_data["birth_date"]
        )
        if asn is None:
            throttle.code_failed(request, THROTTLE_GROUP)
            # One message for both halves: it must not tell which one was wrong.
            form.add_error(
                None,
                _(
                    "Kode pribadi dan tanggal lahir tidak cocok dengan data ASN mana pun. "
                    "Periksa keduanya, lalu coba lagi."
                ),
            )
            return None
        return _hold(request, quizzes.attempt_start(quiz=quiz, asn=asn))
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return None


@never_cache
def quiz_entry(request: HttpRequest, code: str) -> HttpResponse:
    quiz = _quiz(code)
    held = _held(request, quiz)
    if held is not None and request.method == "GET":
        return _hold(request, held)
    refusal = (
        throttle.code_refusal(request, THROTTLE_GROUP)
        if quiz.mode == Quiz.Mode.ASN
        else intake_throttle.check_reporter_write(request)
        if request.method == "POST"
        else None
    )
    # A practice quiz asks for nothing: its form stays unbound (and so without errors).
    asks = quiz.mode == Quiz.Mode.ASN and request.method == "POST"
    form = PactEntryForm(request.POST if asks else None)
    if request.method == "POST" and refusal is None and quiz.open:
        started = _start(request, quiz, form)
        if started is not None:
            return started
    response = render(
        request,
        "prevention/quiz_entry.html",
        {"quiz": quiz, "form": form, "refusal": refusal},
        status=400 if form.errors else 200,
    )
    if refusal is not None:
        response.status_code = 429
        response["Retry-After"] = str(refusal.retry_after)
    return response


def practice(request: HttpRequest) -> HttpResponse:
    quiz = Quiz.objects.filter(mode=Quiz.Mode.PUBLIC, open=True).order_by("-created_at").first()
    if quiz is None:
        raise Http404("not found")
    return HttpResponseRedirect(reverse("prevention:quiz-entry", args=[quiz.code]))


def _text(obj: Any, field: str) -> str:
    """The English field when the page is in English and it is filled, else the Indonesian."""
    if translation.get_language() == "en":
        return str(getattr(obj, f"{field}_en", "") or getattr(obj, field))
    return str(getattr(obj, field))


def _sheet(attempt: QuizAttempt) -> list[dict[str, Any]]:
    """The attempt's questions in order, each with its options in the order this taker saw."""
    rows = []
    answers = attempt.answers.select_related("question").prefetch_related("question__options")
    for answer in answers:
        options = {o.pk: o for o in answer.question.options.all()}
        shown = [options[i] for i in answer.option_order if i in options]
        rows.append(
            {
                "answer": answer,
                "situation": _text(answer.question, "situation"),
                "catalogue": answer.question.catalogue_code,
                "options": [
                    {
                        "id": o.pk,
                        "text": _text(o, "text"),
                        "explanation": _text(o, "explanation"),
                        "basis": o.basis,
                        "correct": o.correct,
                        "chosen": o.pk == answer.chosen_id,
                    }
                    for o in shown
                ],
            }
        )
    return rows


def _choices(request: HttpRequest, answers: list[QuizAnswer]) -> dict[int, int | None]:
    out: dict[int, int | None] = {}
    for answer in answers:
        raw = request.POST.get(f"q{answer.question_id}", "")
        out[answer.question_id] = int(raw) if raw.isdigit() else (None if not raw else -1)
    return out


@never_cache
def quiz_take(request: HttpRequest, code: str) -> HttpResponse:
    quiz = _quiz(code)
    attempt = _held(request, quiz)
    if attempt is None:
        return HttpResponseRedirect(reverse("prevention:quiz-entry", args=[quiz.code]))
    if attempt.submitted_at is not None:
        return HttpResponseRedirect(reverse("prevention:quiz-result", args=[quiz.code]))
    problems: list[str] = []
    if request.method == "POST":
        answers = list(attempt.answers.all())
        try:
            quizzes.attempt_submit(attempt_id=attempt.pk, choices=_choices(request, answers))
        except ValidationError as exc:
            problems = exc.messages
        else:
            return HttpResponseRedirect(reverse("prevention:quiz-result", args=[quiz.code]))
    left = (
        max(0, int((attempt.deadline - timezone.now()).total_seconds()))
        if attempt.deadline
        else None
    )
    return render(
        request,
        "prevention/quiz_take.html",
        {
            "quiz": quiz,
            "attempt": attempt,
            "sheet": _sheet(attempt),
            "left": left,
            "problems": problems,
        },
        status=400 if problems else 200,
    )


@never_cache
def quiz_result(request: HttpRequest, code: str) -> HttpResponse:
    quiz = _quiz(code)
    attempt = _held(request, quiz)
    if attempt is None:
        return HttpResponseRedirect(reverse("prevention:quiz-entry", args=[quiz.code]))
    if attempt.submitted_at is None:
        return HttpResponseRedirect(reverse("prevention:quiz-take", args=[quiz.code]))
    return render(
        request,
        "prevention/quiz_result.html",
        {"quiz": quiz, "attempt": attempt, "sheet": [] if attempt.expired else _sheet(attempt)},
    )
