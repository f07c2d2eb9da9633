"""The neutrality quiz: the shipped bank, scoring, a seeded random draw with shuffled options,
the server's time limit, per-question statistics on a set whose answer is known, who sees
whose scores, the insights measure, and an ASN taking a quiz through its pages."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from netral import access
from netral.audit.models import AuditEntry
from netral.catalogue.models import Violation
from netral.prevention import codes
from netral.prevention import quiz as quizzes
from netral.prevention.measures import PreventionMeasures
from netral.prevention.models import (
    Event,
    PactInvitation,
    Quiz,
    QuizAttempt,
    QuizQuestion,
)
from netral.prevention.quiz_stats import Response, item_statistics
from netral.registry.models import Asn

pytestmark = pytest.mark.django_db
DEMO_CODE = "DEM0-0KU0-0004"  # README: the demo ASN who signs with birth date 1990-03-03
UNBAJA = "Webinar Netralitas ASN dalam Pilkada OKU 2024"
LANGSA = "Netralitas ASN Menghadapi Pemilu 2024"


def _asn(code: str = DEMO_CODE) -> Asn:
    return PactInvitation.objects.select_related("asn").get(code_digest=codes.digest(code)).asn


def _quiz(persona: Callable[[str], Any], **kw: Any) -> Quiz:
    kw.setdefault("title", "Kuis apel Senin")
    return quizzes.quiz_create(actor=persona("ppk_oku"), **kw)


def _right(attempt: QuizAttempt) -> dict[int, int | None]:
    """Question id → its correct option id, for every question of the attempt."""
    out: dict[int, int | None] = {}
    for answer in attempt.answers.prefetch_related("question__options"):
        out[answer.question_id] = next(o.pk for o in answer.question.options.all() if o.correct)
    return out


def test_the_shipped_bank_has_real_questions_tied_to_the_catalogue() -> None:
    bank = list(QuizQuestion.objects.prefetch_related("options"))
    assert len(bank) >= 25
    catalogue = set(Violation.objects.values_list("code", flat=True))
    for q in bank:
        assert q.situation and q.situation_en, q.code
        assert not q.catalogue_code or q.catalogue_code in catalogue, q.code
        options = list(q.options.all())
        assert sum(o.correct for o in options) == 1, q.code
        assert all(o.basis and o.explanation and o.explanation_en for o in options), q.code
    like = QuizQuestion.objects.get(code="K01")
    assert like.catalogue_code == "D6" and "like" in like.situation


def test_scoring_counts_right_answers_and_unanswered_as_wrong(
    persona: Callable[[str], Any],
) -> None:
    quiz = _quiz(persona, question_count=10)
    attempt = quizzes.attempt_start(quiz=quiz, asn=_asn(), rng=random.Random(1))
    right = _right(attempt)
    ids = list(right)
    choices: dict[int, int | None] = {qid: right[qid] for qid in ids[:3]}
    wrong_q = ids[3]
    wrong = next(
        i for i in attempt.answers.get(question_id=wrong_q).option_order if i != right[wrong_q]
    )
    choices[wrong_q] = wrong  # one wrong; the other six left unanswered
    outcome = quizzes.attempt_submit(attempt_id=attempt.pk, choices=choices)
    done = outcome.attempt
    assert (done.correct, done.total, done.score) == (3, 10, 30.0)
    assert done.answers.filter(correct=True).count() == 3
    assert AuditEntry.objects.filter(action="quiz.submit", object_id=str(done.pk)).exists()
    again = quizzes.attempt_submit(attempt_id=attempt.pk, choices=right)
    assert again.already and again.attempt.score == 30.0  # a second click changes nothing


def test_an_option_of_another_question_is_refused_naming_the_question(
    persona: Callable[[str], Any],
) -> None:
    quiz = _quiz(persona, question_count=3)
    attempt = quizzes.attempt_start(quiz=quiz, asn=_asn(), rng=random.Random(2))
    first, second = list(attempt.answers.order_by("position"))[:2]
    with pytest.raises(ValidationError) as caught:
        quizzes.attempt_submit(
            attempt_id=attempt.pk, choices={second.question_id: first.option_order[0]}
        )
    assert "Soal 2" in str(caught.value)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_the_draw_is_random_without_repeats_and_repeatable_with_a_seed() -> None:
    bank = list(QuizQuestion.objects.filter(active=True).prefetch_related("options"))

    def codes_of(seed: int) -> list[tuple[str, list[int]]]:
        return [(q.code, ids) for q, ids in quizzes.draw(bank, 10, random.Random(seed))]

    first = codes_of(7)
    assert first == codes_of(7)
    assert [c for c, _ in first] != [c for c, _ in codes_of(8)]
    assert len({c for c, _ in first}) == 10
    stored = {q.code: [o.pk for o in q.options.all()] for q in bank}
    assert all(sorted(ids) == sorted(stored[c]) for c, ids in first)
    assert any(ids != stored[c] for c, ids in first)  # options shuffled, not as stored


def test_a_submission_after_the_time_limit_is_refused_and_not_scored(
    persona: Callable[[str], Any],
) -> None:
    quiz = _quiz(persona, question_count=5, time_limit_minutes=5)
    t0 = timezone.now()
    late = quizzes.attempt_start(quiz=quiz, asn=_asn(), rng=random.Random(3), now=t0)
    assert late.deadline == t0 + dt.timedelta(minutes=5)
    outcome = quizzes.attempt_submit(
        attempt_id=late.pk, choices=_right(late), now=t0 + dt.timedelta(minutes=6)
    )
    assert outcome.expired and outcome.attempt.score is None
    assert not late.answers.filter(chosen__isnull=False).exists()
    assert AuditEntry.objects.filter(action="quiz.expire", object_id=str(late.pk)).exists()

    in_time = quizzes.attempt_start(
        quiz=quiz, asn=_asn("DEM0-0KU0-0001"), rng=random.Random(3), now=t0
    )
    ok = quizzes.attempt_submit(
        attempt_id=in_time.pk, choices=_right(in_time), now=t0 + dt.timedelta(minutes=4)
    )
    assert not ok.expired and ok.attempt.score == 100.0


def test_discrimination_on_a_set_whose_answer_is_known() -> None:
    # Ten takers scoring 1..10. Question A: the top five right; B: the bottom five right
    # (a miskeyed question); C: everyone right. 27% of 10 → groups of three.
    rows = []
    for score in range(1, 11):
        rows += [
            Response(score, float(score), 1, score > 5),
            Response(score, float(score), 2, score <= 5),
            Response(score, float(score), 3, True),
        ]
    stats = item_statistics(rows)
    a, b, c = stats[1], stats[2], stats[3]
    assert (a.takers, a.share_right, a.discrimination) == (10, 0.5, 1.0)
    # point-biserial: (8 - 3) / sd(1..10) * sqrt(.5 * .5) = 5 / 2.8723 * 0.5
    assert a.point_biserial == pytest.approx(0.870, abs=0.001)
    assert b.discrimination == -1.0 and b.point_biserial == pytest.approx(-0.870, abs=0.001)
    assert c.discrimination == 0.0 and c.point_biserial is None
    assert not a.flagged and b.flagged and c.flagged
    few = item_statistics([r for r in rows if r.question_id == 2][:4])
    assert not few[2].flagged  # four takers are too few to judge a question


def test_staff_see_only_their_jurisdictions_scores(client_for: Callable[[str], Client]) -> None:
    def agencies(username: str) -> set[str]:
        response = client_for(username).get("/staf/pencegahan/kuis/")
        assert response.status_code == 200
        return {r["agency"] for r in response.context["agencies"]}

    oku, langsa = "Pemerintah Kabupaten Ogan Komering Ulu", "Pemerintah Kota Langsa"
    assert oku in agencies("bawaslu_oku") and langsa not in agencies("bawaslu_oku")
    assert agencies("ppk_langsa") == {langsa}
    assert agencies("bawaslu_jatim") == set()
    assert {oku, langsa} <= agencies("analyst")

    unbaja = Quiz.objects.get(event__title=UNBAJA)
    assert client_for("bawaslu_jatim").get(f"/staf/pencegahan/kuis/{unbaja.pk}/").status_code == 404
    page = client_for("bawaslu_oku").get(f"/staf/pencegahan/kuis/{unbaja.pk}/")
    assert page.status_code == 200 and page.context["recent"]
    langsa_quiz = Quiz.objects.get(event__title=LANGSA)
    assert client_for("ppk_oku").get(f"/staf/pencegahan/kuis/{langsa_quiz.pk}/").status_code == 404


def test_the_public_gets_no_staff_page(anon: Client) -> None:
    response = anon.get("/staf/pencegahan/kuis/soal/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_demo_events_have_quiz_results_that_feed_the_dashboard_measure() -> None:
    for title in (
        UNBAJA,
        LANGSA,
        "Rapat Koordinasi Forsesdasi Sumatera Selatan dengan Bawaslu Sumsel",
    ):
        quiz = Quiz.objects.get(event__title=title)
        assert quiz.attempts.filter(score__isnull=False).exists(), title
    buckets = [
        b for b in PreventionMeasures().buckets(None) if b.measure == "prevention.quiz_score"
    ]
    scored = QuizAttempt.objects.filter(score__isnull=False, asn__isnull=False)
    assert sum(b.n for b in buckets) == scored.count()
    assert sum(b.value for b in buckets) == pytest.approx(sum(a.score or 0 for a in scored))
    langsa = [b for b in buckets if b.day == dt.date(2024, 1, 19)]
    assert langsa and all(b.regency_id == "11.74" for b in langsa)


def test_a_staff_member_makes_a_quiz_after_their_event(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("ppk_oku")
    event = Event.objects.get(title=UNBAJA)
    bad = client.post(
        "/staf/pencegahan/kuis/",
        {
            "title": "Kuis",
            "mode": "asn",
            "event": event.pk,
            "question_count": 10,
            "time_limit_minutes": 900,
        },
    )
    assert bad.status_code == 400
    assert "Batas waktu" in str(bad.context["form"].errors["time_limit_minutes"])
    made = client.post(
        "/staf/pencegahan/kuis/",
        {
            "title": "Kuis sesudah webinar",
            "mode": "asn",
            "event": event.pk,
            "question_count": 8,
            "time_limit_minutes": 15,
        },
    )
    assert made.status_code == 302
    quiz = Quiz.objects.get(title="Kuis sesudah webinar")
    assert quiz.event == event and quiz.election == event.election
    assert AuditEntry.objects.filter(action="quiz.create", object_id=str(quiz.pk)).exists()
    # Bawaslu OKU sees the event but did not enter it: it cannot hang a quiz on it.
    other = client_for("bawaslu_oku").post(
        "/staf/pencegahan/kuis/",
        {"title": "Kuis lain", "mode": "asn", "event": event.pk, "question_count": 5},
    )
    assert other.status_code == 400 and "event" in other.context["form"].errors


def test_an_asn_takes_a_quiz_through_its_pages(
    persona: Callable[[str], Any], anon: Client, client_for: Callable[[str], Client]
) -> None:
    quiz = _quiz(persona, question_count=5, time_limit_minutes=10)
    entry = f"/kuis/{quiz.code}/"
    assert anon.get(entry).status_code == 200
    refused = anon.post(entry, {"code": DEMO_CODE, "birth_date": "1990-03-04"})
    assert refused.status_code == 400
    message = refused.content.decode()
    assert "tidak cocok" in message and "tanggal lahir salah" not in message

    started = anon.post(entry, {"code": DEMO_CODE.lower(), "birth_date": "1990-03-03"})
    assert started.status_code == 302 and started["Location"] == f"/kuis/{quiz.code}/jawab/"
    page = anon.get(started["Location"])
    assert page.status_code == 200 and page.context["left"] > 500
    sheet = page.context["sheet"]
    assert len(sheet) == 5
    answers = {
        f"q{row['answer'].question_id}": next(o["id"] for o in row["options"] if o["correct"])
        for row in sheet
    }
    answers[next(iter(answers))] = ""  # one left blank
    done = anon.post(started["Location"], answers)
    assert done.status_code == 302 and done["Location"] == f"/kuis/{quiz.code}/hasil/"
    result = anon.get(done["Location"])
    text = result.content.decode()
    assert "Nilai Anda: 80,0 (4 dari 5 benar)" in text
    assert "Dasar hukum" in text and ("SKB 2022" in text or "PP 94/2021" in text)
    # Coming back shows the result again: an ASN takes a quiz once.
    assert anon.get(entry)["Location"] == f"/kuis/{quiz.code}/hasil/"

    staff = client_for("ppk_oku").get(f"/staf/pencegahan/kuis/{quiz.pk}/")
    assert [r["mean"] for r in staff.context["agencies"]] == [80.0]


def test_public_practice_is_anonymous_and_seen_only_by_its_owner(
    anon: Client, persona: Callable[[str], Any]
) -> None:
    go = anon.get("/kuis/latihan/")
    assert go.status_code == 302
    started = anon.post(go["Location"], {})
    assert started.status_code == 302
    attempt = QuizAttempt.objects.filter(quiz__mode=Quiz.Mode.PUBLIC).latest("id")
    assert attempt.asn is None and attempt.agency is None
    # The practice quiz is the administrator's: other staff do not see its anonymous takers.
    assert access.visible_to(persona("admin"), QuizAttempt).filter(pk=attempt.pk).exists()
    assert not access.visible_to(persona("bawaslu_oku"), QuizAttempt).filter(pk=attempt.pk).exists()
