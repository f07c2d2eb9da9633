"""Cases meet the registry: a case subject linked to the ASN it is.

A reporter never needs a NIP: officers get suggestions from the name, agency and region the
report gives (a NIP, when given, first), each with its score and why it matched. Linking copies
the ASN's NIP, name, agency and position onto the subject and, before the PPK stage, takes the
PPK from the ASN's agency. Linking and unlinking are audited on the case (so the dashboards
refresh it). A subject created with a NIP the registry knows is linked at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from netral import access
from netral.audit.services import log_action
from netral.cases.models import Case, CaseSubject
from netral.cases.states import State
from netral.registry import identifiers, names
from netral.registry import search as finder
from netral.registry.agencies import agency_key
from netral.registry.models import Asn
from netral.registry.services import asn_for_user

# From these states on, the PPK has its letter: linking no longer moves the case elsewhere.
PPK_FIXED = frozenset({State.RECOMMENDED_TO_PPK, State.PPK_DECIDED, State.EXECUTED, State.CLOSED})
AGENCY_BONUS, REGION_BONUS = 8.0, 6.0


@dataclass
class Suggestion:
    asn: Asn
    score: float
    reasons: list[str]


def asn_cases(user: Any, asn: Asn) -> QuerySet[CaseSubject]:
    """The subjects linked to this ASN in the cases the user may see, newest first."""
    cases = access.visible_to(user, Case)
    return (
        CaseSubject.objects.filter(asn=asn, case__in=cases)
        .select_related("case")
        .order_by("-case__created_at")
    )


def _agency_matches(asn: Asn, text: str) -> bool:
    key = agency_key(text)
    if not key:
        return False
    known = {asn.agency.name_key, asn.agency.code.lower()}
    if asn.work_unit is not None:
        known.add(asn.work_unit.name_key)
    return any(key in k or (k and k in key) for k in known)


def suggest(
    user: Any,
    *,
    name: str = "",
    nip: str = "",
    agency: str = "",
    regency_id: str | None = None,
    limit: int = 5,
) -> list[Suggestion]:
    """ASN the subject may be: the NIP exactly first; else the name fuzzily, lifted when the
    agency or the region agrees."""
    visible = finder.filtered(user, finder.Filters())
    digits = identifiers.normalize(nip)
    if digits:
        exact = visible.filter(nip=digits).first()
        if exact is not None:
            return [Suggestion(exact, 100.0, [_("NIP sama persis")])]
    key = names.query_key(name)
    if not key:
        return []
    found = []
    for hit in finder.rank(key, finder.candidates(visible, key)):
        score, reasons = hit.score, list(hit.reasons)
        if agency and _agency_matches(hit.asn, agency):
            score += AGENCY_BONUS
            reasons.append(_("instansi/unit kerja cocok"))
        if regency_id and hit.asn.regency_id == regency_id:
            score += REGION_BONUS
            reasons.append(_("wilayah cocok"))
        found.append(Suggestion(hit.asn, round(min(score, 99.0), 1), reasons))
    found.sort(key=lambda s: -s.score)
    return found[:limit]


def _copy(subject: CaseSubject, asn: Asn, *, keep_ppk: bool = False) -> list[str]:
    subject.asn = asn
    subject.nip = asn.nip
    subject.name = asn.name
    subject.agency_name = asn.agency.name
    subject.position = subject.position or asn.position
    subject.employment_type = asn.employment_type
    fields = ["asn", "nip", "name", "agency_name", "position", "employment_type"]
    # A PPK the opener chose stays; one guessed from the incident's place gives way.
    chosen = keep_ppk and subject.ppk_institution_id is not None and not subject.ppk_from_incident
    if asn.agency.ppk_id and subject.case.state not in PPK_FIXED and not chosen:
        subject.ppk_institution_id = asn.agency.ppk_id
        subject.ppk_from_incident = False
        fields += ["ppk_institution", "ppk_from_incident"]
    return fields


def _writable_subject(actor: Any, subject_id: int) -> CaseSubject:
    subject = CaseSubject.objects.select_related("case").filter(pk=subject_id).first()
    if subject is None:
        raise Http404("not found")
    grant = access.lookup(actor, Case, subject.case_id)
    if not grant.writable:
        raise PermissionDenied(_("Anda hanya dapat membaca perkara ini."))
    return subject


@transaction.atomic
def case_subject_link(*, actor: Any, subject_id: int, nip: str) -> CaseSubject:
    subject = _writable_subject(actor, subject_id)
    asn = asn_for_user(actor, nip)
    if subject.asn_id == asn.pk:
        return subject
    before = subject.asn.nip if subject.asn else ""
    fields = _copy(subject, asn)
    subject.save(update_fields=fields)
    log_action(
        actor,
        "case.subject_link",
        subject.case,
        {
            "subject": subject.pk,
            "nip": asn.nip,
            "previous": before,
            "ppk": subject.ppk_institution.name if subject.ppk_institution else "",
        },
    )
    return subject


@transaction.atomic
def case_subject_unlink(*, actor: Any, subject_id: int) -> CaseSubject:
    subject = _writable_subject(actor, subject_id)
    if subject.asn_id is None:
        raise ValidationError(_("Terlapor ini belum ditautkan ke ASN."))
    nip = subject.asn.nip if subject.asn else ""
    subject.asn = None
    subject.save(update_fields=["asn"])
    log_action(actor, "case.subject_unlink", subject.case, {"subject": subject.pk, "nip": nip})
    return subject


def link_known_nips(subjects: list[CaseSubject]) -> int:
    """Subjects just created with a NIP the registry has are that ASN; a PPK the opener chose
    stays. Called by `case_open` (inside its transaction) and for subjects added later."""
    wanted = {identifiers.normalize(s.nip): s for s in subjects if s.nip and not s.asn_id}
    if not wanted:
        return 0
    linked = 0
    with transaction.atomic():
        for asn in Asn.objects.select_related("agency").filter(nip__in=list(wanted)):
            subject = wanted[asn.nip]
            subject.save(update_fields=_copy(subject, asn, keep_ppk=True))
            log_action(
                None,
                "case.subject_link",
                subject.case,
                {"subject": subject.pk, "nip": asn.nip, "previous": "", "by": "nip"},
            )
            linked += 1
    return linked


def link_known_nip(sender: Any, instance: CaseSubject, created: bool, **kwargs: Any) -> None:
    """post_save receiver: a subject added to a case one at a time."""
    if created and not kwargs.get("raw"):
        link_known_nips([instance])
