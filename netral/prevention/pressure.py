"""Pressure reports: an ASN says they are pressed to support a contestant.

Who hears: the Bawaslu offices and BKN (central, or the regional office of the province) whose
jurisdiction holds the place; nobody else, not administrators, and never the ASN's own agency,
its PPK or its Inspektorat (they may be the ones pressing). The identity is sealed with the
identity key and opened only through `pressure_identity_open`, which is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.access.actors import REPORTER
from netral.accounts.models import InstitutionKind, User
from netral.accounts.roles import Role
from netral.audit.services import log_action
from netral.intake import receipts, sealing
from netral.notifications.services import notify
from netral.prevention.models import PressureReport
from netral.regions.models import Regency
from netral.registry.policies import NOTHING

K = InstitutionKind
BKN_KINDS = frozenset({K.BKN_CENTRAL, K.BKN_REGIONAL})
HEARING_KINDS = frozenset({K.BAWASLU_RI, K.BAWASLU_PROVINCE, K.BAWASLU_REGENCY}) | BKN_KINDS


@access.opens_sealed  # a pressured ASN's sealed name: a second factor at login
def hears(user: Any) -> bool:
    """Bawaslu staff who handle reports, and BKN's verifiers; no one else (the identity of a
    pressured ASN is as sensitive as a reporter's)."""
    if access.handles_reports(user):
        return True
    if not access.is_staff_member(user) or not user.has_role(Role.AUTHORITY_VERIFIER):
        return False
    inst = user.institution
    return inst is not None and inst.kind in BKN_KINDS


def pressure_q(user: Any) -> Q:
    return access.jurisdiction_q(user) if hears(user) else NOTHING


@dataclass(frozen=True)
class Submitted:
    report: PressureReport
    receipt: str  # shown once


@transaction.atomic
def pressure_report_submit(
    *,
    regency: Regency,
    source: str,
    description: str,
    anonymous: bool,
    identity: dict[str, str],
    election: Any = None,
) -> Submitted:
    if source not in PressureReport.Source.values:
        raise ValidationError({"source": _("Pilih siapa yang menekan Anda.")})
    if len(description.strip()) < 20:
        raise ValidationError(
            {"description": _("Ceritakan apa yang terjadi (paling sedikit 20 huruf).")}
        )
    if not anonymous and not (identity.get("name") or "").strip():
        raise ValidationError({"name": _("Tulis nama Anda, atau pilih lapor tanpa nama.")})
    receipt = receipts.issue()
    kept = {} if anonymous else {k: v.strip() for k, v in identity.items() if v and v.strip()}
    report = PressureReport.objects.create(
        province_id=regency.province_id,
        regency=regency,
        election=election,
        source=source,
        description=description.strip(),
        anonymous=anonymous,
        identity_sealed=sealing.seal(kept) if kept else b"",
        receipt_lookup=receipt.lookup,
        receipt_salt=receipt.salt,
        receipt_digest=receipt.digest,
    )
    log_action(
        REPORTER,
        "pressure.submit",
        report,
        {"source": source, "anonymous": anonymous},
        region=_region(report),
    )
    notify(
        _hearers(report),
        subject=_("Laporan tekanan terhadap ASN baru"),
        body=_(
            "Seorang ASN melaporkan tekanan untuk mendukung peserta pemilihan di "
            "%(place)s (T-%(n)d)."
        )
        % {"place": regency.name, "n": report.pk},
    )
    return Submitted(report, receipt.code)


def _region(report: PressureReport) -> tuple[str, str]:
    return report.province_id, report.regency_id


def _hearers(report: PressureReport) -> list[int]:
    staff = User.objects.filter(is_active=True, institution__kind__in=HEARING_KINDS)
    return [
        u.pk
        for u in staff.select_related("institution")
        if hears(u)
        and access.covers(u, province_id=report.province_id, regency_id=report.regency_id)
    ]


def pressure_for_receipt(code: str) -> PressureReport | None:
    found: PressureReport | None = receipts.open_stored(PressureReport.objects.all(), code)
    return found


@transaction.atomic
def pressure_update(*, actor: Any, report_id: int, status: str, note: str) -> PressureReport:
    report = access.get_for_user(actor, PressureReport, report_id, write=True)
    if status not in PressureReport.Status.values:
        raise ValidationError({"status": _("Status tidak dikenal.")})
    report.status, report.note, report.updated_at = status, note.strip(), timezone.now()
    report.save(update_fields=["status", "note", "updated_at"])
    log_action(actor, "pressure.update", report, {"status": status}, region=_region(report))
    return report


@transaction.atomic
def pressure_identity_open(*, actor: Any, report_id: int) -> dict[str, Any]:
    report = access.get_for_user(actor, PressureReport, report_id, write=True)
    log_action(actor, "pressure.identity_open", report, {}, region=_region(report))
    return sealing.unseal(report.identity_sealed) if report.identity_sealed else {}


access.register(
    PressureReport,
    visible=lambda user, qs: qs.filter(pressure_q(user)),
    writable=lambda user, qs: qs.filter(pressure_q(user)),
)
