"""After submission: more evidence, messages both ways, and the audited openings of what is
sealed (the reporter's identity, original evidence files)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netral.accounts.models import User
from netral.audit.services import PUBLIC_REPORTER, log_action
from netral.cases.notify import report_handlers
from netral.intake import evidence as ev
from netral.intake import sealed_files, sealing
from netral.intake.models import Evidence, Message, Report
from netral.intake.policies import may_handle
from netral.intake.services.submit import (
    MAX_MESSAGE_CHARS,
    _discard,
    _store_evidence,
    check_files,
    check_links,
)
from netral.notifications.services import notify


def _reporter_limits(
    report: Report, files: Sequence[Any], links: Sequence[str]
) -> tuple[list[ev.CheckedFile], list[str]]:
    if len(files) > ev.MAX_FILES_PER_UPLOAD:
        raise ValidationError(
            {
                "files": _("Paling banyak %(n)d berkas sekali kirim.")
                % {"n": ev.MAX_FILES_PER_UPLOAD}
            }
        )
    have = report.evidence.filter(kind=Evidence.Kind.FILE).count()
    have_links = report.evidence.filter(kind=Evidence.Kind.LINK).count()
    return check_files(files, already=have), check_links(links, already=have_links)


def report_add_evidence(
    *,
    report: Report,
    files: Sequence[Any] = (),
    links: Sequence[str] = (),
    actor: User | None = None,
) -> list[Evidence]:
    """More evidence from the reporter (actor None) or from an officer on the case."""
    checked, cleaned = _reporter_limits(report, files, links)
    if not checked and not cleaned:
        raise ValidationError({"files": _("Pilih berkas atau isi tautan bukti.")})
    by = Evidence.AddedBy.REPORTER if actor is None else Evidence.AddedBy.STAFF
    stored: list[str] = []
    try:
        with transaction.atomic():
            rows = _store_evidence(report, files, checked, cleaned, by, stored)
            log_action(
                actor,
                "report.evidence_add",
                report,
                {
                    "case": report.case.number,
                    "files": len(checked),
                    "links": len(cleaned),
                    "sha256": [c.sha256 for c in checked],
                },
                actor_label=PUBLIC_REPORTER if actor is None else None,
            )
            if actor is None:
                _tell_handlers(report, _("Bukti baru dari pelapor untuk perkara %(n)s."))
    except BaseException:
        _discard(stored)
        raise
    return rows


def _tell_handlers(report: Report, text: str) -> None:
    body = text % {"n": report.case.number}
    notify(report_handlers(report.case), subject=body, body=body)


def report_message_post(*, report: Report, body: str, actor: User | None = None) -> Message:
    """A message on the report: from the reporter (actor None, holding the receipt) or from an
    officer who handles the case to the reporter."""
    text = (body or "").strip()
    if not text:
        raise ValidationError({"body": _("Pesan tidak boleh kosong.")})
    if len(text) > MAX_MESSAGE_CHARS:
        raise ValidationError(
            {"body": _("Pesan paling panjang %(n)d karakter.") % {"n": MAX_MESSAGE_CHARS}}
        )
    if actor is not None and not may_handle(actor, report):
        raise PermissionDenied(_("Hanya petugas penanganan yang dapat mengirim pesan ke pelapor."))
    direction = Message.Direction.FROM_REPORTER if actor is None else Message.Direction.TO_REPORTER
    with transaction.atomic():
        message = Message.objects.create(
            report=report, direction=direction, body=text, author=actor
        )
        log_action(
            actor,
            f"report.message_{direction}",
            report,
            {"case": report.case.number, "chars": len(text)},
            actor_label=PUBLIC_REPORTER if actor is None else None,
        )
        if actor is None:
            _tell_handlers(report, _("Pesan baru dari pelapor untuk perkara %(n)s."))
    return message


def _require_reason(reason: str) -> str:
    cleaned = (reason or "").strip()
    if len(cleaned) < 5:
        raise ValidationError(
            {"reason": _("Tuliskan alasan membuka data tersegel (dicatat di jejak audit).")}
        )
    return cleaned[:300]


def report_identity_reveal(*, report: Report, actor: User, reason: str) -> dict[str, str]:
    """Open the sealed identity for an officer who must contact the reporter; audited."""
    cleaned = _require_reason(reason)
    if not may_handle(actor, report):
        raise PermissionDenied(_("Peran Anda tidak dapat membuka identitas pelapor."))
    if report.anonymous or not report.identity_sealed:
        return {}
    with transaction.atomic():
        log_action(
            actor, "report.identity_reveal", report, {"case": report.case.number, "reason": cleaned}
        )
    return {k: str(v) for k, v in sealing.unseal(report.identity_sealed).items()}


def evidence_original_open(*, evidence: Evidence, actor: User, reason: str) -> Any:
    """The sealed original file, opened for an authorised officer; audited. Returns a file."""
    cleaned = _require_reason(reason)
    if evidence.kind != Evidence.Kind.FILE or not may_handle(actor, evidence.report):
        raise PermissionDenied(_("Peran Anda tidak dapat membuka berkas asli."))
    with transaction.atomic():
        log_action(
            actor,
            "evidence.original_open",
            evidence,
            {"case": evidence.report.case.number, "sha256": evidence.sha256, "reason": cleaned},
        )
    return sealed_files.open_file(str(evidence.original.name))
