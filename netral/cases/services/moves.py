"""What each move does besides changing the state: the fields it records (outcomes, letters,
sanctions, SKs) and the clocks it starts or stops. `case_transition` calls `apply` then
`clocks_after`; what one step hands the next is passed explicitly.

Every parse error names its field, so that a form or an API caller can point at it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netral.accounts.models import Institution, InstitutionKind, User
from netral.cases.models import Case, CaseSubject, Recommendation
from netral.cases.services import clocks, inputs
from netral.cases.services.conflict import conflict_refresh
from netral.cases.services.inputs import parse_date
from netral.cases.services.subjects import check_ppk_known, subject_decision_apply
from netral.cases.states import FINAL_STATES, Outcome, SanctionLevel, State
from netral.cases.transitions import Move


def _per_subject(case: Case, raw: Any, field: str) -> dict[int, Any]:
    """Accept {"12": value} or [{"subject": 12, ...}] and check every id belongs to the case."""
    if isinstance(raw, Mapping):
        items = list(raw.items())
    elif isinstance(raw, list):
        items = [(row.get("subject"), row) for row in raw if isinstance(row, Mapping)]
    else:
        raise ValidationError({field: _("Isian per ASN wajib diisi.")})
    ids = set(case.subjects.values_list("pk", flat=True))
    out: dict[int, Any] = {}
    for key, value in items:
        try:
            pk = int(key)
        except (TypeError, ValueError) as exc:
            raise ValidationError({field: _("ASN %(k)s tidak dikenal.") % {"k": key}}) from exc
        if pk not in ids:
            raise ValidationError({field: _("ASN %(k)s bukan bagian perkara ini.") % {"k": key}})
        out[pk] = value
    return out


def _outcomes(case: Case, data: Mapping[str, Any]) -> dict[str, Any]:
    raw = _per_subject(case, data.get("outcomes"), "outcomes")
    values = {pk: (v.get("outcome") if isinstance(v, Mapping) else v) for pk, v in raw.items()}
    subjects = list(case.subjects.all())
    missing = [
        s.name for s in subjects if values.get(s.pk) not in (Outcome.PROVEN, Outcome.NOT_PROVEN)
    ]
    if missing:
        raise ValidationError(
            {
                "outcomes": _("Hasil wajib diisi (terbukti/tidak terbukti) untuk: %(n)s.")
                % {"n": ", ".join(missing)}
            }
        )
    if Outcome.PROVEN not in values.values():
        raise ValidationError(
            {"outcomes": _("Tidak ada ASN yang terbukti: pilih status “tidak terbukti”.")}
        )
    from netral.cases.violations import proven_items

    # Which items were proven, per ASN: the sanction suggestion and the register read them.
    items: dict[int, list[Any]] = {}
    for s in subjects:
        if values[s.pk] != Outcome.PROVEN:
            continue
        row = raw[s.pk]
        chosen = row.get("violations") if isinstance(row, Mapping) else None
        if isinstance(chosen, str):
            chosen = [c for c in chosen.replace(";", ",").split(",")]
        items[s.pk] = proven_items(list(chosen or []), case, s.name)
    for s in subjects:
        CaseSubject.objects.filter(pk=s.pk).update(outcome=values[s.pk])
        s.proven_violations.set(items.get(s.pk, []))
    return {
        "outcomes": {str(k): v for k, v in values.items()},
        "proven_violations": {str(k): [v.code for v in vs] for k, vs in items.items()},
    }


def authority_addressee(case: Case, on: dt.date) -> tuple[str, Institution | None]:
    authority = clocks.authority_on(case, on)
    # KASN was dissolved: its letters went to an office that no longer exists as a user.
    kind = InstitutionKind.BKN_CENTRAL if authority == "BKN" else None
    addressee = Institution.objects.filter(kind=kind).first() if kind else None
    return authority, addressee


def _to_authority(case: Case, data: Mapping[str, Any], on: dt.date) -> dict[str, Any]:
    number = inputs.text(data, "letter_number")
    authority, addressee = authority_addressee(case, on)
    Case.objects.filter(pk=case.pk).update(authority=authority)
    Recommendation.objects.create(
        case=case,
        kind=Recommendation.Kind.TO_AUTHORITY,
        addressee=addressee,
        letter_number=number,
        letter_date=on,
    )
    return {"letter_number": number, "authority": authority}


def _sanctions(case: Case, data: Mapping[str, Any], on: dt.date) -> dict[str, Any]:
    # Nobody's inbox would hold a case handed to no PPK: refuse, naming who to fill in.
    check_ppk_known(case)
    number = inputs.text(data, "letter_number")
    raw = _per_subject(case, data.get("sanctions"), "sanctions")
    proven = list(case.subjects.filter(outcome=Outcome.PROVEN))
    entered: dict[str, Any] = {}
    for s in proven:
        row = raw.get(s.pk)
        level = row.get("level") if isinstance(row, Mapping) else None
        text = str(row.get("sanction") or "").strip() if isinstance(row, Mapping) else ""
        if level not in SanctionLevel.values or not text:
            raise ValidationError(
                {
                    "sanctions": _("Tingkat dan bentuk sanksi wajib diisi untuk %(n)s.")
                    % {"n": s.name}
                }
            )
        CaseSubject.objects.filter(pk=s.pk).update(
            recommended_level=level, recommended_sanction=text[:300]
        )
        entered[str(s.pk)] = {"level": level, "sanction": text[:300]}
    due = parse_date(data.get("ppk_due"), "ppk_due")
    if due is not None and due < on:
        raise ValidationError(
            {"ppk_due": _("Batas tindak lanjut tidak boleh sebelum tanggal surat.")}
        )
    return {
        "letter_number": number,
        "sanctions": entered,
        "ppk_due": due.isoformat() if due else None,
        "letter_date": on.isoformat(),
    }


def start_ppk_clocks(*, case: Case, on: dt.date, letter: Mapping[str, Any]) -> None:
    """One recommendation and one clock per deciding institution. The due date is the one in the
    letter (what `apply` entered for the move) when given, else the configured default
    (UNCONFIRMED: no regulation sets it)."""
    due = parse_date(letter.get("ppk_due"), "ppk_due")
    clocks.stages_close(case=case)
    deciders = (
        case.subjects.filter(outcome=Outcome.PROVEN)
        .values_list("decision_institution", flat=True)
        .distinct()
    )
    for inst_id in deciders:
        inst = Institution.objects.filter(pk=inst_id).first()
        stage = clocks.stage_start(
            case=case, stage="ppk_follow_up", start=on, due=due, responsible=inst, close_open=False
        )
        Recommendation.objects.create(
            case=case,
            kind=Recommendation.Kind.TO_PPK,
            addressee=inst,
            letter_number=letter.get("letter_number", ""),
            letter_date=on,
            due=stage.due,
            due_is_default=due is None,
        )


def _decisions(case: Case, data: Mapping[str, Any], actor: User) -> dict[str, Any]:
    entered: dict[str, Any] = {}
    if data.get("decisions"):
        raw = _per_subject(case, data.get("decisions"), "decisions")
        for pk, row in raw.items():
            if not isinstance(row, Mapping):
                raise ValidationError({"decisions": _("Isian SK tidak lengkap.")})
            entered[str(pk)] = subject_decision_apply(
                case=case, subject_id=pk, actor=actor, data=row
            )
    undecided = case.subjects.filter(outcome=Outcome.PROVEN, sk_number="")
    if undecided.exists():
        names = ", ".join(undecided.values_list("name", flat=True))
        raise ValidationError({"decisions": _("SK belum dicatat untuk: %(n)s.") % {"n": names}})
    return {"decisions": entered}


def _executed(case: Case, data: Mapping[str, Any], on: dt.date) -> dict[str, Any]:
    when = parse_date(data.get("executed_date"), "executed_date") or on
    case.subjects.filter(outcome=Outcome.PROVEN).update(executed_date=when)
    return {"executed_date": when.isoformat()}


def apply(
    *, case: Case, move: Move, data: Mapping[str, Any], actor: User, on: dt.date
) -> dict[str, Any]:
    """Validate and store the move's fields; returns what was entered, for the timeline."""
    entered: dict[str, Any] = {"date": on.isoformat()}
    if "note" in move.fields:
        entered["note"] = inputs.text(data, "note")
    elif data.get("note"):
        entered["note"] = inputs.text(data, "note", required=False)
    target = move.target
    if target == State.FORWARDED:
        to = inputs.text(data, "forwarded_to")
        criminal = bool(data.get("criminal_track"))
        Case.objects.filter(pk=case.pk).update(forwarded_to=to[:200], criminal_track=criminal)
        entered.update(forwarded_to=to, criminal_track=criminal)
    elif target == State.PROVEN:
        entered.update(_outcomes(case, data))
    elif target == State.NOT_PROVEN:
        case.subjects.update(outcome=Outcome.NOT_PROVEN)
    elif target == State.RECOMMENDED_TO_AUTHORITY:
        entered.update(_to_authority(case, data, on))
    elif target == State.RECOMMENDED_TO_PPK:
        entered.update(_sanctions(case, data, on))
    elif target == State.PPK_DECIDED:
        entered.update(_decisions(case, data, actor))
    elif target == State.EXECUTED:
        entered.update(_executed(case, data, on))
    return entered


def clocks_after(*, case: Case, move: Move, on: dt.date, entered: Mapping[str, Any]) -> None:
    """Stop or start the clocks once the move's fields are stored (`entered` is what `apply`
    returned: the PPK letter's due date and number start the PPK clocks)."""
    if move.final or move.target in FINAL_STATES:
        clocks.stages_close(case=case)
        return
    if move.target == State.RECOMMENDED_TO_PPK:
        conflict_refresh(case=case)
        start_ppk_clocks(case=case, on=on, letter=entered)
        return
    if move.target in {State.PROVEN, State.PPK_DECIDED, State.EXECUTED}:
        clocks.stages_close(case=case)
        return
    if move.clock:
        clocks.stage_start(
            case=case, stage=move.clock, start=on, extended=move.clock == "decision_extension"
        )
