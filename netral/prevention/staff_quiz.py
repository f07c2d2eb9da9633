"""Staff pages for the quiz: the list with the form that makes a quiz (standalone or after one
of the institution's events), a quiz with its link, scores per agency and per-question
statistics, and the question statistics over every attempt the user may see. Scores are read
through netral.access (staff see only their jurisdiction's); writes go through `quiz.py`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netral import access
from netral.prevention import events, quiz_stats
from netral.prevention import quiz as quizzes
from netral.prevention.certificate import qr_svg
from netral.prevention.forms import QuizForm
from netral.prevention.models import Event, Quiz, QuizAttempt
from netral.web.views import staff_required, staff_user


def _form(user: Any, data: Any = None) -> QuizForm | None:
    if not events.may_create(user):
        return None
    return QuizForm(
        data, events=access.writable_by(user, Event).order_by("-date"), initial={"mode": "asn"}
    )


@staff_required
def quiz_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = _form(user, request.POST or None)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Akun ini tidak dapat membuat kuis."))
        if form.is_valid():
            try:
                made = quizzes.quiz_create(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                for name, problems in exc.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                return HttpResponseRedirect(reverse("prevention:quiz", args=[made.pk]))
    attempts = quiz_stats.scored_attempts(user)
    listed = (
        access.visible_to(user, Quiz)
        .select_related("event", "owner")
        .annotate(
            taken=Count("attempts", filter=Q(attempts__in=attempts)),
            mean=Avg("attempts__score", filter=Q(attempts__in=attempts)),
        )
        .order_by("-created_at", "-id")[:100]
    )
    return render(
        request,
        "prevention/quiz_list.html",
        {
            "quizzes": listed,
            "form": form,
            "agencies": quiz_stats.scores_by_agency(attempts),
            "bank_size": quizzes.active_question_count(),
        },
        status=400 if form is not None and form.errors else 200,
    )


@staff_required
def quiz_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    grant = access.lookup(user, Quiz.objects.select_related("event", "owner", "election"), pk)
    quiz = grant.obj
    attempts = quiz_stats.scored_attempts(user, quiz=quiz)
    link = request.build_absolute_uri(reverse("prevention:quiz-entry", args=[quiz.code]))
    recent = (
        access.visible_to(user, QuizAttempt)
        .filter(quiz=quiz, submitted_at__isnull=False)
        .select_related("asn", "agency")
        .order_by("-submitted_at")[:100]
    )
    return render(
        request,
        "prevention/quiz_detail.html",
        {
            "quiz": quiz,
            "writable": grant.writable,
            "link": link,
            "qr": qr_svg(link),
            "agencies": quiz_stats.scores_by_agency(attempts),
            "questions": quiz_stats.question_rows(attempts),
            "recent": recent,
            "flag_below": quiz_stats.FLAG_BELOW,
            "min_takers": quiz_stats.MIN_TAKERS,
        },
    )


@staff_required
@require_POST
def quiz_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    quiz = quizzes.quiz_set_open(actor=user, quiz_id=pk, open_=request.POST.get("open") == "1")
    messages.success(request, _("Kuis dibuka.") if quiz.open else _("Kuis ditutup."))
    return HttpResponseRedirect(reverse("prevention:quiz", args=[quiz.pk]))


@staff_required
def question_statistics(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    return render(
        request,
        "prevention/quiz_questions.html",
        {
            "questions": quiz_stats.question_rows(quiz_stats.scored_attempts(user)),
            "flag_below": quiz_stats.FLAG_BELOW,
            "min_takers": quiz_stats.MIN_TAKERS,
            "editable": access.is_administrator(user),
        },
    )
