"""`case_transition`: the one way a case changes state.

The move must be in the transition table, the actor must hold its role on its side, its fields
and documents must be there; then a conditional UPDATE on `version` makes concurrent moves
safe (one wins, the other gets `VersionConflict`), the clocks move on, and the change is audited
and announced in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.accounts.models import User
from netral.audit.services import log_action
from netral.cases.models import Case, CaseTransition
from netral.cases.notify import recipients_for
from netral.cases.policies import may_make
from netral.cases.services import moves
from netral.cases.services.inputs import parse_date
from netral.cases.states import DocumentKind, State
from netral.cases.transitions import MOVES, Move, allowed_targets, move_for
from netral.notifications.services import notify


class TransitionRefused(Exception):
    """The move is not in the table from the case's current state."""

    def __init__(self, case: Case, target: str) -> None:
        self.current, self.target = case.state, target
        self.allowed = allowed_targets(case.state)
        super().__init__(
            _(
                "Perpindahan dari %(a)s ke %(b)s tidak diperbolehkan. "
                "Status berikutnya yang boleh: %(list)s."
            )
            % {"a": case.state, "b": target, "list": ", ".join(self.allowed) or "—"}
        )


class VersionConflict(Exception):
    """Someone else changed the case since the actor loaded it."""

    def __init__(self, case: Case) -> None:
        self.case = case
        super().__init__(
            _(
                "Perkara %(n)s sudah diubah orang lain (sekarang berstatus "
                "“%(s)s”, versi %(v)s). Periksa perubahan itu lalu kirim "
                "lagi."
            )
            % {"n": case.number, "s": case.get_state_display(), "v": case.version}
        )


def _check_documents(case: Case, move: Move) -> None:
    on_file = set(case.documents.values_list("kind", flat=True))
    missing = [group for group in move.documents if not on_file.intersection(group)]
    if missing:
        names = [" / ".join(str(DocumentKind(k).label) for k in group) for group in missing]
        raise ValidationError(
            {"documents": _("Dokumen wajib belum diunggah: %(d)s.") % {"d": "; ".join(names)}}
        )


def _last_act_date(case: Case) -> dt.date | None:
    """The date of the case's latest step: its receipt, or the date entered on its last move."""
    dates = [case.stages.order_by("started").values_list("started", flat=True).first()]
    for entered in case.transitions.values_list("data", flat=True):
        raw = entered.get("date") if isinstance(entered, dict) else None
        dates.append(parse_date(raw, "date") if isinstance(raw, str) else None)
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _act_date(case: Case, data: Mapping[str, Any]) -> dt.date:
    value = parse_date(data.get("date"), "date") or timezone.localdate()
    if value > timezone.localdate():
        raise ValidationError({"date": _("Tanggal tidak boleh di masa depan.")})
    # A backdated step would start its clock before the case's previous step, or before the
    # case existed at all, and corrupt every deadline after it.
    last = _last_act_date(case)
    if last is not None and value < last:
        raise ValidationError(
            {
                "date": _("Tanggal tidak boleh sebelum langkah sebelumnya (%(d)s).")
                % {"d": last.isoformat()}
            }
        )
    return value


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def check_fields(data: Mapping[str, Any]) -> None:
    """Refuse fields no move takes (a typo must not pass silently) and NUL bytes. Fields of
    other moves are ignored, as the demo and the forms send one set for a whole path."""
    known = KNOWN_FIELDS
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValidationError(
            {
                key: _("Kolom tidak dikenal; kolom yang dikenal: %(k)s.")
                % {"k": ", ".join(sorted(known))}
                for key in unknown
            }
        )
    bad = sorted(key for key, value in data.items() if _has_nul(value))
    if bad:
        raise ValidationError({key: _("Karakter null tidak diizinkan.") for key in bad})


# Every field some move reads (see moves.apply): the required ones and the optional extras.
KNOWN_FIELDS = frozenset(
    {"note", "date", "criminal_track", "ppk_due", *(f for m in MOVES for f in m.fields)}
)


def check_move(*, case: Case, actor: User, to: str) -> Move:
    """The move from the case's state to `to`, if the actor may make it; else raise."""
    if to not in State.values:
        raise TransitionRefused(case, to)
    move = move_for(case.state, to)
    if move is None:
        raise TransitionRefused(case, to)
    if not may_make(actor, case, move):
        raise PermissionDenied(_("Peran Anda tidak berwenang melakukan langkah ini."))
    return move


@transaction.atomic
def case_transition(
    *, case_id: int, actor: User, to: str, version: int, data: Mapping[str, Any] | None = None
) -> Case:
    """Move the case to `to`. `data` holds the move's fields (see transitions.MOVES)."""
    data = dict(data or {})
    case = access.get_for_user(
        actor, Case.objects.select_related("handling_institution"), case_id, write=True
    )
    if case.version != version:
        raise VersionConflict(case)
    move = check_move(case=case, actor=actor, to=to)
    check_fields(data)
    on = _act_date(case, data)
    source = case.state
    # Claim the case first: the conditional UPDATE is the lock. A concurrent mover that read
    # the same version finds no row to update and gets a conflict, whatever it did before.
    claimed = Case.objects.filter(pk=case.pk, version=version).update(
        state=to, version=F("version") + 1, updated_at=timezone.now()
    )
    if not claimed:
        raise VersionConflict(Case.objects.get(pk=case.pk))
    case.refresh_from_db()
    entered = moves.apply(case=case, move=move, data=data, actor=actor, on=on)
    _check_documents(case, move)
    moves.clocks_after(case=case, move=move, on=on, entered=entered)
    if move.final:
        Case.objects.filter(pk=case.pk).update(closed_at=timezone.now())
    CaseTransition.objects.create(
        case=case,
        from_state=source,
        to_state=to,
        actor=actor,
        actor_label=actor.get_username(),
        at=timezone.now(),
        note=entered.get("note", ""),
        data=entered,
    )
    log_action(
        actor, "case.transition", case, {"number": case.number, "from": source, "to": to, **entered}
    )
    _announce(case, source, to)
    case.refresh_from_db()
    return case


def _announce(case: Case, source: str, target: str) -> None:
    subject = _("Perkara %(n)s: %(s)s") % {"n": case.number, "s": State(target).label}
    body = _("Perkara %(n)s berpindah dari “%(a)s” ke “%(b)s”.") % {
        "n": case.number,
        "a": State(source).label,
        "b": State(target).label,
    }
    notify(recipients_for(case, target), subject=subject, body=body)
