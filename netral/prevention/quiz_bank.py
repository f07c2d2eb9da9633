"""The quiz's question bank as shipped (`data/quiz_questions.yaml`): checked whole, then the
questions whose code the database lacks are added. A question already there is left alone:
administrators revise questions in /admin/, and a restart must not undo their revision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from netral.audit.services import log_action
from netral.prevention.models import QuizOption, QuizQuestion

BANK = Path(__file__).parent / "data" / "quiz_questions.yaml"
FORMAT = "netral-quiz/1"
QUESTION_KEYS = {"code", "catalogue", "basis", "situation", "situation_en", "options"}
OPTION_KEYS = {"text", "text_en", "correct", "explanation", "explanation_en", "basis"}


class BankError(ValueError):
    pass


def _check(doc: Any) -> list[dict[str, Any]]:
    """The questions, or a BankError naming the question and key at fault."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BankError(f"quiz bank: expected format {FORMAT!r}")
    questions = doc.get("questions") or []
    seen: set[str] = set()
    for n, q in enumerate(questions, start=1):
        where = f"question {n} ({q.get('code', '?') if isinstance(q, dict) else '?'})"
        if not isinstance(q, dict):
            raise BankError(f"quiz bank: {where} is not a mapping")
        unknown = set(q) - QUESTION_KEYS
        missing = {"code", "situation", "basis", "options"} - set(q)
        if unknown or missing:
            raise BankError(
                f"quiz bank: {where}: unknown {sorted(unknown)} missing {sorted(missing)}"
            )
        if q["code"] in seen:
            raise BankError(f"quiz bank: {where}: code used twice")
        seen.add(q["code"])
        options = q["options"]
        if not isinstance(options, list) or len(options) < 2:
            raise BankError(f"quiz bank: {where}: needs at least two options")
        for m, o in enumerate(options, start=1):
            if (
                not isinstance(o, dict)
                or set(o) - OPTION_KEYS
                or not {"text", "explanation"} <= set(o)
            ):
                raise BankError(f"quiz bank: {where}, option {m}: needs text and explanation")
        if sum(bool(o.get("correct")) for o in options) != 1:
            raise BankError(f"quiz bank: {where}: exactly one option must be correct")
    return questions


@transaction.atomic
def quiz_bank_load(path: Path = BANK) -> str:
    questions = _check(yaml.safe_load(path.read_text(encoding="utf-8")))
    known = set(QuizQuestion.objects.values_list("code", flat=True))
    added = []
    for q in questions:
        if q["code"] in known:
            continue
        question = QuizQuestion.objects.create(
            code=q["code"],
            catalogue_code=q.get("catalogue") or "",
            situation=q["situation"].strip(),
            situation_en=(q.get("situation_en") or "").strip(),
        )
        QuizOption.objects.bulk_create(
            QuizOption(
                question=question,
                order=n,
                text=o["text"].strip(),
                text_en=(o.get("text_en") or "").strip(),
                correct=bool(o.get("correct")),
                explanation=o["explanation"].strip(),
                explanation_en=(o.get("explanation_en") or "").strip(),
                basis=(o.get("basis") or q["basis"]).strip(),
            )
            for n, o in enumerate(q["options"], start=1)
        )
        added.append(question.code)
    if added:
        log_action(None, "quiz.bank_load", None, {"added": added, "file": path.name})
    return f"{len(added)} quiz questions"
