"""The ASN of a case: building one when a case opens or one is added, the PPK's SK for one
ASN, and the ASN as data that can be wrong: which ASN still lack a PPK, and the audited
correction of an ASN's agency, PPK, NIP and position by Bawaslu or BKN.

A report filed with the form's defaults names an ASN without their agency's region; such an
ASN gets the PPK of the incident's kab/kota (`opening._default_ppk`), marked for checking. An
ASN with no PPK at all cannot be handed to a PPK: the move is refused naming the ASN, and the
sweep lists cases that reached the PPK stage that way before the refusal existed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.accounts.models import PPK_KINDS, Institution, User
from netral.accounts.roles import Role
from netral.audit.services import log_action
from netral.cases.models import Case, CaseSubject, Recommendation
from netral.cases.policies import may_correct_subjects, sides_of
from netral.cases.routing import ppk_agency_of
from netral.cases.services import clocks
from netral.cases.services.conflict import conflict_refresh
from netral.cases.services.inputs import parse_date
from netral.cases.states import EmploymentType, Outcome, State
from netral.registry.identifiers import nip_problem
from netral.registry.identifiers import normalize as normalize_nip

SUBJECT_FIELDS = (
    "name",
    "nip",
    "agency_name",
    "position",
    "employment_type",
    "ppk_institution",
    "ppk_institution_id",
)
# While Bawaslu still examines the case, an ASN may be added to it.
EDITABLE_STATES = frozenset(
    {
        State.RECEIVED,
        State.PRELIMINARY_REVIEW,
        State.NEEDS_COMPLETION,
        State.REGISTERED,
        State.EXAMINATION,
    }
)


def _texts(data: Mapping[str, Any]) -> dict[str, str]:
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValidationError({"subjects": _("Nama ASN terlapor wajib diisi.")})
    texts = {
        "name": name,
        "agency_name": str(data.get("agency_name") or ""),
        "position": str(data.get("position") or ""),
    }
    for field, value in texts.items():
        # The columns hold 200 characters; PostgreSQL would refuse longer with a 500.
        if len(value) > 200 or "\x00" in value:
            raise ValidationError(
                {
                    "subjects": _("%(f)s: paling banyak 200 karakter, tanpa karakter null.")
                    % {"f": field}
                }
            )
    return texts


def _ppk_id(data: Mapping[str, Any]) -> Any:
    ppk = data.get("ppk_institution")
    if isinstance(ppk, Institution) and ppk.pk is not None and ppk.kind in PPK_KINDS:
        return ppk  # a row read from the database (routing): known, and a PPK
    ppk_id = ppk.pk if isinstance(ppk, Institution) else (ppk or data.get("ppk_institution_id"))
    if (
        ppk_id is not None
        and not Institution.objects.filter(
            pk=ppk_id if isinstance(ppk_id, int) else -1, kind__in=PPK_KINDS
        ).exists()
    ):
        # An unknown id would fail only at commit (a 500); a non-PPK one would send the
        # recommendation to a body that cannot sanction.
        raise ValidationError({"subjects": _("Instansi PPK %(i)s tidak dikenal.") % {"i": ppk_id}})
    return ppk_id


def _ppk_field(data: Mapping[str, Any]) -> dict[str, Any]:
    ppk = _ppk_id(data)
    if isinstance(ppk, Institution):
        return {"ppk_institution": ppk}
    return {"ppk_institution_id": ppk}


def subject_build(case: Case, data: Mapping[str, Any]) -> CaseSubject:
    """An unsaved ASN of `case` from what was entered; refuses unknown keys and bad values."""
    unknown = set(data) - set(SUBJECT_FIELDS)
    if unknown:
        raise ValidationError(
            {"subjects": _("Kolom tidak dikenal: %(f)s") % {"f": ", ".join(sorted(unknown))}}
        )
    nip = str(data.get("nip") or "").replace(" ", "")
    if nip and (not nip.isdigit() or len(nip) != 18):
        raise ValidationError(
            {"subjects": _("NIP %(nip)s harus 18 angka (atau dikosongkan).") % {"nip": nip}}
        )
    kind = data.get("employment_type") or EmploymentType.PNS
    if kind not in EmploymentType.values:
        raise ValidationError({"subjects": _("Status kepegawaian harus PNS atau PPPK.")})
    texts = _texts(data)
    return CaseSubject(
        case=case,
        name=texts["name"],
        nip=nip,
        agency_name=texts["agency_name"],
        position=texts["position"],
        employment_type=kind,
        **_ppk_field(data),
    )


def _owned_subject(case: Case, subject_id: int, actor: User) -> CaseSubject:
    """A subject the actor's agency must decide on (404-like refusal otherwise)."""
    qs = case.subjects.filter(decision_institution=ppk_agency_of(actor.institution))
    subject = qs.filter(pk=subject_id).first()
    if subject is None:
        raise ValidationError(
            {"decisions": _("ASN %(k)s tidak diputus oleh instansi Anda.") % {"k": subject_id}}
        )
    return subject


def subject_decision_apply(
    *, case: Case, subject_id: int, actor: User, data: Mapping[str, Any]
) -> dict[str, Any]:
    """Record the PPK's SK for one ASN (inside the caller's transaction)."""
    subject = _owned_subject(case, subject_id, actor)
    if subject.outcome != "proven":
        raise ValidationError(
            {"decisions": _("%(n)s tidak terbukti melanggar: tidak ada SK.") % {"n": subject.name}}
        )
    number = str(data.get("sk_number") or "").strip()
    punishment = str(data.get("punishment") or data.get("sk_punishment") or "").strip()
    sk_date = parse_date(data.get("sk_date"), "sk_date")
    if not number or not punishment or sk_date is None:
        raise ValidationError(
            {
                "decisions": _("Nomor SK, tanggal SK dan hukuman wajib diisi untuk %(n)s.")
                % {"n": subject.name}
            }
        )
    if sk_date > timezone.localdate():
        raise ValidationError({"sk_date": _("Tanggal SK tidak boleh di masa depan.")})
    CaseSubject.objects.filter(pk=subject.pk).update(
        sk_number=number[:100], sk_punishment=punishment[:300], sk_date=sk_date
    )
    # This PPK's clock stops once every ASN it decides on has an SK.
    agency = subject.decision_institution_id
    if not case.subjects.filter(
        decision_institution_id=agency, outcome="proven", sk_number=""
    ).exists():
        case.stages.filter(
            stage="ppk_follow_up", responsible_id=agency, completed_at__isnull=True
        ).update(completed_at=timezone.now())
    return {"sk_number": number, "sk_date": sk_date.isoformat(), "punishment": punishment}


@transaction.atomic
def subject_decision_record(
    *, case_id: int, subject_id: int, actor: User, data: Mapping[str, Any]
) -> CaseSubject:
    """A PPK records its SK for one ASN while other PPKs of the same case are still deciding."""
    case = access.get_for_user(actor, Case, case_id, write=True)
    if not actor.has_role(Role.PPK_OFFICER):
        # A supervisor of the deciding agency (e.g. Kemendagri for a conflicted case) reads it;
        # only the PPK's officer records its SK.
        raise ValidationError({"decisions": _("Hanya petugas PPK yang mencatat SK.")})
    if case.state != State.RECOMMENDED_TO_PPK or "ppk" not in sides_of(actor, case):
        raise ValidationError({"decisions": _("SK hanya dicatat saat perkara menunggu PPK.")})
    entered = subject_decision_apply(case=case, subject_id=subject_id, actor=actor, data=data)
    log_action(actor, "case.subject_decision", case, {"subject": subject_id, **entered})
    return CaseSubject.objects.get(pk=subject_id)


@transaction.atomic
def case_subject_add(*, case_id: int, actor: User, data: Mapping[str, Any]) -> CaseSubject:
    """Add an ASN to a case still under Bawaslu's review; re-checks the conflict of interest."""
    case = access.get_for_user(actor, Case, case_id, write=True)
    examiner = actor.has_role(Role.INTAKE_OFFICER, Role.INVESTIGATOR, Role.COMMISSIONER)
    if not examiner or "bawaslu" not in sides_of(actor, case) or case.state not in EDITABLE_STATES:
        raise ValidationError(
            {"subjects": _("ASN hanya dapat ditambah selama pemeriksaan Bawaslu.")}
        )
    subject = subject_build(case, data)
    subject.save()
    conflict_refresh(case=case)
    log_action(actor, "case.subject_add", case, {"subject": subject.pk, "name": subject.name})
    return subject


# The fields Bawaslu and BKN may set or correct on the case page.
CORRECTABLE = ("agency_name", "ppk_institution", "nip", "position", "employment_type")
TEXT_LIMIT = 200


def without_ppk(case: Case, *, proven_only: bool = False) -> QuerySet[CaseSubject]:
    """The ASN of the case with nobody to decide their sanction."""
    qs = case.subjects.filter(
        Q(ppk_institution__isnull=True) | Q(decision_institution__isnull=True)
    )
    if proven_only:
        qs = qs.filter(outcome=Outcome.PROVEN)
    return qs.order_by("id")


def missing_ppk_message(names: list[str]) -> str:
    return _(
        "Belum ada instansi PPK untuk ASN: %(n)s. Isi “Instansi PPK” (serta instansi, "
        "NIP dan jabatan bila diketahui) lewat “Koreksi data ASN” di bagian ASN terlapor, "
        "lalu kirim lagi."
    ) % {"n": ", ".join(f"“{n}”" for n in names)}


def check_ppk_known(case: Case) -> None:
    """Refuse handing the case to a PPK while a proven ASN has none (inside the move)."""
    conflict_refresh(case=case)
    names = list(without_ppk(case, proven_only=True).values_list("name", flat=True))
    if names:
        raise ValidationError({"sanctions": missing_ppk_message(names)})


def stuck_cases() -> QuerySet[Case]:
    """Cases at the PPK stage where a proven ASN has no deciding PPK: nobody's inbox holds
    them (cases from before the refusal, or a PPK institution removed since)."""
    lacking = CaseSubject.objects.filter(outcome=Outcome.PROVEN).filter(
        Q(ppk_institution__isnull=True) | Q(decision_institution__isnull=True)
    )
    return (
        Case.objects.filter(state=State.RECOMMENDED_TO_PPK, pk__in=lacking.values("case_id"))
        .select_related("handling_institution")
        .order_by("number")
    )


def _clean(subject: CaseSubject, data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(
            {"subject": _("Kolom tidak dikenal: %(f)s") % {"f": ", ".join(sorted(unknown))}}
        )
    out: dict[str, Any] = {}
    for field in ("agency_name", "position"):
        if field in data:
            value = str(data[field] or "").strip()
            if len(value) > TEXT_LIMIT or "\x00" in value:
                raise ValidationError(
                    {
                        field: _("Paling banyak %(n)s karakter, tanpa karakter null.")
                        % {"n": TEXT_LIMIT}
                    }
                )
            out[field] = value
    if "nip" in data:
        raw = str(data["nip"] or "")
        problem = nip_problem(raw)
        if problem:
            raise ValidationError({"nip": problem})
        out["nip"] = normalize_nip(raw)
    if "employment_type" in data:
        kind = data["employment_type"] or EmploymentType.PNS
        if kind not in EmploymentType.values:
            raise ValidationError({"employment_type": _("Status kepegawaian harus PNS atau PPPK.")})
        out["employment_type"] = kind
    if "ppk_institution" in data:
        ppk = data["ppk_institution"]
        ppk_id = ppk.pk if isinstance(ppk, Institution) else ppk
        if ppk_id in (None, ""):
            raise ValidationError(
                {"ppk_institution": _("Pilih instansi PPK: tanpa PPK sanksi tidak dapat diputus.")}
            )
        try:
            found = Institution.objects.filter(pk=int(ppk_id), kind__in=PPK_KINDS).first()
        except (TypeError, ValueError):
            found = None
        if found is None:
            raise ValidationError(
                {"ppk_institution": _("Instansi PPK %(i)s tidak dikenal.") % {"i": ppk_id}}
            )
        out["ppk_institution"] = found
    return out


def _shown(value: Any) -> str:
    return value.name if isinstance(value, Institution) else str(value or "")


def _sync_ppk_clocks(case: Case) -> list[str]:
    """At the PPK stage, give a newly deciding PPK its letter and clock (the same letter
    number and due date), and stop the clock of a PPK that no longer decides anyone."""
    letter = (
        case.recommendations.filter(kind=Recommendation.Kind.TO_PPK)
        .order_by("-letter_date", "-id")
        .first()
    )
    if letter is None:
        return []
    # Deciders with an ASN still awaiting its SK; a clock with no PPK (a stuck case) stops.
    deciders = set(
        case.subjects.filter(outcome=Outcome.PROVEN, sk_number="")
        .exclude(decision_institution=None)
        .values_list("decision_institution_id", flat=True)
    )
    clocked = set(
        case.stages.filter(stage="ppk_follow_up", completed_at__isnull=True).values_list(
            "responsible_id", flat=True
        )
    )
    case.stages.filter(stage="ppk_follow_up", completed_at__isnull=True).exclude(
        responsible_id__in=deciders
    ).update(completed_at=timezone.now())
    added = []
    for inst in Institution.objects.filter(pk__in=deciders - clocked).order_by("id"):
        due = None if letter.due_is_default else letter.due
        stage = clocks.stage_start(
            case=case,
            stage="ppk_follow_up",
            start=letter.letter_date,
            due=due,
            responsible=inst,
            close_open=False,
        )
        Recommendation.objects.create(
            case=case,
            kind=Recommendation.Kind.TO_PPK,
            addressee=inst,
            letter_number=letter.letter_number,
            letter_date=letter.letter_date,
            due=stage.due,
            due_is_default=letter.due_is_default,
        )
        added.append(inst.name)
    return added


@transaction.atomic
def case_subject_correct(
    *, case_id: int, subject_id: int, actor: User, data: Mapping[str, Any]
) -> CaseSubject:
    """Set or correct one ASN's agency, PPK, NIP, position or status. Audited with each
    changed field's old and new value; re-checks the conflict of interest; at the PPK stage a
    new PPK gets the letter and its clock."""
    case = access.get_for_user(actor, Case, case_id, write=True)
    if not may_correct_subjects(actor, case):
        raise PermissionDenied(
            _(
                "Data ASN hanya dapat dikoreksi oleh Bawaslu atau BKN yang "
                "menangani perkara, sebelum PPK memutus."
            )
        )
    subject = case.subjects.select_related("ppk_institution").filter(pk=subject_id).first()
    if subject is None:
        raise ValidationError(
            {"subject": _("ASN %(k)s bukan bagian perkara ini.") % {"k": subject_id}}
        )
    cleaned = _clean(subject, data)
    changes: dict[str, list[str]] = {}
    for field, new in cleaned.items():
        old = getattr(subject, field)
        if (old.pk if isinstance(old, Institution) else old) != (
            new.pk if isinstance(new, Institution) else new
        ):
            changes[field] = [_shown(old), _shown(new)]
        setattr(subject, field, new)
    confirmed = "ppk_institution" in cleaned and subject.ppk_from_incident
    if not changes and not confirmed:
        return subject
    subject.ppk_from_incident = subject.ppk_from_incident and "ppk_institution" not in cleaned
    subject.save()
    conflict_refresh(case=case)
    added = _sync_ppk_clocks(case) if case.state == State.RECOMMENDED_TO_PPK else []
    # Moves prepared on the old data (a recommendation to the old PPK) must be looked at again.
    Case.objects.filter(pk=case.pk).update(version=F("version") + 1, updated_at=timezone.now())
    log_action(
        actor,
        "case.subject_correct",
        case,
        {
            "number": case.number,
            "subject": subject.pk,
            "name": subject.name,
            "changes": changes,
            "ppk_confirmed": confirmed,
            "ppk_letters": added,
        },
    )
    return subject
