"""Writes on integrity pacts: start a round, send links, print codes, remind, sign, record
paper, revoke. Keyword-only, each in one transaction with its audit entry.

Staff act as themselves; an ASN acts through their personal code (an `AsnActor` in the audit
trail, named by registry id, never by NIP). Nothing here reads or stores the signer's address.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.access.actors import AsnActor
from netral.audit.services import log_action
from netral.elections.models import Election
from netral.intake import evidence
from netral.jobs import enqueue
from netral.prevention import codes
from netral.prevention.models import (
    PactInvitation,
    PactRound,
    PactSignature,
    PactTemplate,
    PaperBatch,
)
from netral.prevention.policies import startable_agencies
from netral.registry import identifiers
from netral.registry.models import Agency, Asn, DeclaredAccount, WorkUnit
from netral.registry.services import PROFILE_URLS, asn_export_log, handle_normalize
from netral.registry.vocab import PositionKind, Status

# Heads of units: structural positions (JPT, administrator, pengawas).
HEAD_KINDS = (PositionKind.JPT, PositionKind.ADMINISTRATOR, PositionKind.SUPERVISOR)
PAPER_TYPES = {"application/pdf", "image/jpeg", "image/png"}
_HANDLE = re.compile(r"^[a-z0-9._\-]{1,100}$")


def _agency_region(agency: Agency) -> tuple[str, str]:
    return agency.province_id or "", agency.regency_id or ""


def asn_actor(asn: Asn) -> AsnActor:
    return AsnActor(registry_id=str(asn.pk))


def current_template(election: Election) -> PactTemplate | None:
    return election.pact_templates.order_by("-version").first()


@transaction.atomic
def pact_round_start(
    *,
    actor: Any,
    agency: Agency,
    election: Election,
    scope: str = PactRound.Scope.ALL,
    work_unit: WorkUnit | None = None,
) -> PactRound:
    """Invite the agency's active ASN (all, one unit, or the heads of units) who are not yet
    invited for this election; each gets a personal code."""
    if not startable_agencies(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied(_("Hanya petugas PPK instansi ini yang dapat memulai putaran."))
    if scope not in PactRound.Scope.values:
        raise ValidationError({"scope": _("Cakupan tidak dikenal.")})
    if scope == PactRound.Scope.UNIT and (work_unit is None or work_unit.agency_id != agency.pk):
        raise ValidationError({"work_unit": _("Pilih unit kerja instansi ini.")})
    template = current_template(election)
    if template is None:
        raise ValidationError({"election": _("Pemilihan ini belum memiliki templat pakta.")})
    staff = Asn.objects.filter(agency=agency, status=Status.ACTIVE, listed=True)
    if scope == PactRound.Scope.UNIT:
        staff = staff.filter(work_unit=work_unit)
    elif scope == PactRound.Scope.HEADS:
        staff = staff.filter(position_kind__in=HEAD_KINDS)
    invited = PactInvitation.objects.filter(round__election=election, round__agency=agency)
    staff = staff.exclude(pk__in=invited.values("asn_id"))
    people = list(staff.only("pk", "position_kind"))
    if not people:
        raise ValidationError(
            {"scope": _("Tidak ada ASN aktif yang belum diundang dalam cakupan ini.")}
        )
    pact_round = PactRound.objects.create(
        agency=agency,
        election=election,
        template=template,
        scope=scope,
        work_unit=work_unit if scope == PactRound.Scope.UNIT else None,
        started_by=actor,
    )
    rows = []
    for asn in people:
        _code, dig, sealed = codes.personal_new()
        rows.append(
            PactInvitation(
                round=pact_round,
                asn=asn,
                code_digest=dig,
                code_sealed=sealed,
                is_head=asn.position_kind in HEAD_KINDS,
            )
        )
    PactInvitation.objects.bulk_create(rows, batch_size=1000)
    log_action(
        actor,
        "pact.round_start",
        pact_round,
        {
            "agency": agency.code,
            "election": election.code,
            "scope": scope,
            "unit": work_unit.pk if work_unit else None,
            "invited": len(rows),
            "version": template.version,
        },
        region=_agency_region(agency),
    )
    return pact_round


def _writable_round(actor: Any, round_id: int) -> PactRound:
    return access.get_for_user(
        actor, PactRound.objects.select_related("agency"), round_id, write=True
    )


def _unsigned(pact_round: PactRound) -> Any:
    return pact_round.invitations.filter(signature__isnull=True)


@transaction.atomic
def pact_links_send(*, actor: Any, round_id: int, reminder: bool = False) -> int:
    """Mail each unsigned invitee who has an e-mail address their link and code (first
    sending: those not mailed yet; a reminder: all unsigned). The mail goes out in a job
    after commit: a mail server that is down never breaks this request."""
    from netral.prevention.tasks import mail_invitations

    pact_round = _writable_round(actor, round_id)
    todo = _unsigned(pact_round).exclude(asn__email="")
    if not reminder:
        todo = todo.filter(emailed_at__isnull=True)
    ids = list(todo.values_list("pk", flat=True))
    now = timezone.now()
    if reminder:
        PactInvitation.objects.filter(pk__in=ids).update(
            reminded_at=now, reminders=F("reminders") + 1
        )
    else:
        PactInvitation.objects.filter(pk__in=ids).update(emailed_at=now)
    log_action(
        actor,
        "pact.remind" if reminder else "pact.links_send",
        pact_round,
        {"mails": len(ids)},
        region=_agency_region(pact_round.agency),
    )
    for start in range(0, len(ids), 50):
        enqueue(mail_invitations, ids[start : start + 50], "remind" if reminder else "invite")
    return len(ids)


@dataclass(frozen=True)
class PrintedCode:
    invitation: PactInvitation
    code: str


@transaction.atomic
def pact_codes_print(*, actor: Any, round_id: int, everyone: bool = False) -> list[PrintedCode]:
    """The personal codes of unsigned invitees without e-mail (or of all unsigned), for a
    printed list. A list of ASN leaves the system: logged as an export."""
    pact_round = _writable_round(actor, round_id)
    todo = _unsigned(pact_round).select_related("asn", "asn__work_unit")
    if not everyone:
        todo = todo.filter(asn__email="")
    rows = [PrintedCode(inv, codes.personal_open(inv.code_sealed)) for inv in todo]
    PactInvitation.objects.filter(pk__in=[r.invitation.pk for r in rows]).update(
        printed_at=timezone.now()
    )
    asn_export_log(
        actor=actor, filters={"pact_round": pact_round.pk}, count=len(rows), fmt="pact-codes"
    )
    return rows


def pact_identify(*, code: str, birth_date: dt.date | None) -> PactInvitation | None:
    """The invitation this code opens if the birth date matches; None otherwise (the caller
    says only that the pair does not match, never which half was wrong)."""
    if not codes.normalize(code) or birth_date is None:
        return None
    found = (
        PactInvitation.objects.select_related("asn", "round__template", "round__agency")
        .filter(code_digest=codes.digest(code))
        .first()
    )
    if found is None or found.asn.birth_date != birth_date:
        return None
    return found


@dataclass
class Declaration:
    platform: str
    handle: str


@dataclass
class SignOutcome:
    signature: PactSignature
    accounts_added: list[str] = field(default_factory=list)
    already: bool = False


def _declare(asn: Asn, declarations: Sequence[Declaration]) -> list[DeclaredAccount]:
    """Check every declared account first, then add them (all or none)."""
    clean: list[tuple[str, str]] = []
    errors: list[str] = []
    for n, item in enumerate(declarations, start=1):
        if not item.handle.strip():
            continue
        if item.platform not in DeclaredAccount.Platform.values:
            errors.append(_("Akun %(n)d: platform tidak dikenal.") % {"n": n})
            continue
        handle = handle_normalize(item.platform, item.handle)
        if not _HANDLE.match(handle):
            errors.append(
                _("Akun %(n)d: nama akun hanya huruf, angka, titik, garis bawah dan tanda hubung.")
                % {"n": n}
            )
            continue
        clean.append((item.platform, handle))
    if errors:
        raise ValidationError({"accounts": errors})
    added = []
    for platform, handle in dict.fromkeys(clean):
        live = DeclaredAccount.objects.filter(
            platform=platform, handle=handle, removed_at__isnull=True
        ).first()
        if live is not None:
            if live.asn_id == asn.pk:
                continue
            raise ValidationError(
                {
                    "accounts": [
                        _(
                            "Akun %(p)s @%(h)s sudah tercatat milik ASN lain; hubungi "
                            "BKPSDM bila akun itu milik Anda."
                        )
                        % {"p": platform, "h": handle}
                    ]
                }
            )
        try:
            with transaction.atomic():
                added.append(
                    DeclaredAccount.objects.create(
                        asn=asn,
                        platform=platform,
                        handle=handle,
                        url=PROFILE_URLS.get(platform, "").format(h=handle),
                        declared_by_label="pakta",
                    )
                )
        except IntegrityError as exc:
            raise ValidationError(
                {"accounts": [_("Akun %(h)s baru saja dicatat pihak lain.") % {"h": handle}]}
            ) from exc
    return added


def _new_verification_code() -> str:
    while True:
        code = codes.verification_new()
        if not PactSignature.objects.filter(verification_code=code).exists():
            return code


@transaction.atomic
def pact_sign(
    *, invitation_id: int, agreed: bool, declarations: Sequence[Declaration] = ()
) -> SignOutcome:
    """The ASN signs (after `pact_identify`). A second click returns the first signature."""
    inv = (
        PactInvitation.objects.select_for_update()
        .select_related("asn", "round__agency")
        .get(pk=invitation_id)
    )
    existing = PactSignature.objects.filter(invitation=inv).first()
    if existing is not None:
        return SignOutcome(existing, already=True)
    if not agreed:
        raise ValidationError(
            {"agree": _("Centang pernyataan bahwa Anda telah membaca dan menyetujui pakta ini.")}
        )
    added = _declare(inv.asn, declarations)
    signature = PactSignature.objects.create(
        invitation=inv,
        round=inv.round,
        asn=inv.asn,
        template_id=inv.round.template_id,
        method=PactSignature.Method.ONLINE,
        verification_code=_new_verification_code(),
    )
    who = asn_actor(inv.asn)
    region = (inv.asn.province_id or "", inv.asn.regency_id or "")
    for account in added:
        log_action(
            who,
            "asn.account_add",
            inv.asn,
            {"platform": account.platform, "handle": account.handle, "via": "pakta"},
            region=region,
        )
    log_action(
        who,
        "pact.sign",
        signature,
        {"round": inv.round_id, "version": inv.round.template.version, "accounts": len(added)},
        region=region,
    )
    return SignOutcome(signature, [f"{a.platform}:{a.handle}" for a in added])


@dataclass
class PaperOutcome:
    batch: PaperBatch | None
    recorded: int = 0
    already: int = 0
    problems: list[str] = field(default_factory=list)


def _nip_lines(text: str) -> Iterable[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        raw = line.split(";")[0].split(",")[0].strip()
        if raw:
            yield number, raw


@transaction.atomic
def pact_paper_record(
    *, actor: Any, round_id: int, scan: Any, signed_on: dt.date, nip_text: str
) -> PaperOutcome:
    """Record signatures from signed paper sheets: the scan (PDF, JPEG or PNG, checked by its
    content) and the NIPs on it, one per line. Any bad line refuses the whole batch, naming
    each line; nothing is kept then."""
    pact_round = _writable_round(actor, round_id)
    problems: list[str] = []
    try:
        checked = evidence.check(scan, name=_("Pindaian"))
    except evidence.EvidenceRejected as exc:
        return PaperOutcome(None, problems=[str(exc)])
    if checked.content_type not in PAPER_TYPES:
        return PaperOutcome(None, problems=[_("Pindaian harus PDF, JPEG atau PNG.")])
    if signed_on > timezone.localdate():
        problems.append(_("Tanggal tanda tangan tidak boleh di masa depan."))
    invitations = {
        inv.asn.nip: inv for inv in pact_round.invitations.select_related("asn", "signature")
    }
    todo: list[PactInvitation] = []
    already = 0
    seen: set[str] = set()
    lines = list(_nip_lines(nip_text))
    if not lines:
        problems.append(_("Daftar NIP kosong."))
    for number, raw in lines:
        problem = identifiers.nip_problem(raw)
        if problem:
            problems.append(_("Baris %(n)d: %(p)s") % {"n": number, "p": problem})
            continue
        nip = identifiers.normalize(raw)
        inv = invitations.get(nip)
        if inv is None:
            problems.append(
                _("Baris %(n)d: NIP %(nip)s tidak diundang dalam putaran ini.")
                % {"n": number, "nip": nip}
            )
        elif nip in seen:
            problems.append(
                _("Baris %(n)d: NIP %(nip)s tercantum dua kali.") % {"n": number, "nip": nip}
            )
        elif hasattr(inv, "signature"):
            already += 1
        else:
            todo.append(inv)
        seen.add(nip)
    if problems:
        return PaperOutcome(None, problems=problems)
    batch = PaperBatch(
        round=pact_round,
        scan_sha256=checked.sha256,
        signed_on=signed_on,
        uploaded_by=actor,
        recorded=len(todo),
    )
    batch.scan.save(f"round-{pact_round.pk}{_ext(checked.content_type)}", scan, save=False)
    batch.save()
    moment = timezone.make_aware(dt.datetime.combine(signed_on, dt.time(12)))
    PactSignature.objects.bulk_create(
        [
            PactSignature(
                invitation=inv,
                round=pact_round,
                asn=inv.asn,
                template_id=pact_round.template_id,
                signed_at=moment,
                method=PactSignature.Method.PAPER,
                paper=batch,
                verification_code=_new_verification_code(),
            )
            for inv in todo
        ]
    )
    log_action(
        actor,
        "pact.paper_record",
        batch,
        {
            "round": pact_round.pk,
            "recorded": len(todo),
            "already": already,
            "sha256": checked.sha256,
        },
        region=_agency_region(pact_round.agency),
    )
    return PaperOutcome(batch, recorded=len(todo), already=already)


def _ext(content_type: str) -> str:
    return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[content_type]


@transaction.atomic
def pact_signature_revoke(*, actor: Any, signature_id: int, reason: str) -> PactSignature:
    signature = access.get_for_user(
        actor, PactSignature.objects.select_related("round__agency"), signature_id, write=True
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan pencabutan.")})
    if signature.revoked_at is None:
        signature.revoked_at, signature.revoked_reason = timezone.now(), reason.strip()[:300]
        signature.save(update_fields=["revoked_at", "revoked_reason"])
        log_action(
            actor,
            "pact.revoke",
            signature,
            {"reason": signature.revoked_reason},
            region=_agency_region(signature.round.agency),
        )
    return signature


def signature_for_code(code: str) -> PactSignature | None:
    """Public verification: the signature behind a certificate's code, revoked or not."""
    clean = codes.verification_normalize(code)
    if not clean:
        return None
    return (
        PactSignature.objects.select_related("asn", "round__agency", "template")
        .filter(verification_code=clean)
        .first()
    )


def signed_q(election: Election) -> Q:
    return Q(pact_signatures__round__election=election, pact_signatures__revoked_at__isnull=True)
