"""Taking a report in: report_submit, its retry-safe form report_submit_once, and the
receipt look-up. The audit trail records what happened, never who the reporter is, never the
receipt, and never an address: public actions are logged as "pelapor"."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.audit.services import PUBLIC_REPORTER, Entry, canonical_json
from netral.cases.routing import ppk_for_regency
from netral.intake import evidence as ev
from netral.intake import receipts, sealing
from netral.intake.models import Channel, Evidence, IdempotencyRecord, Report, ReportedAsn
from netral.intake.nip import nip_problem
from netral.intake.nip import normalize as normalize_nip
from netral.regions.models import Regency

log = logging.getLogger("netral.intake")

MAX_SUBJECTS = 200  # one incident can involve many ASN (e.g. 128 who liked one post)
MAX_MESSAGE_CHARS = 5000


@dataclass
class Submission:
    description: str
    subjects: Sequence[Mapping[str, Any]]
    violations: Sequence[Any] = ()
    other_violation: bool = False
    incident_date: dt.date | None = None
    discovered_date: dt.date | None = None
    province_id: str | None = None
    regency_id: str | None = None
    district_id: str | None = None
    place: str = ""
    election: Any = None
    links: Sequence[str] = ()
    files: Sequence[Any] = ()
    anonymous: bool = True
    identity: Mapping[str, str] = field(default_factory=dict)
    channel: str = Channel.WEB


@dataclass(frozen=True)
class Submitted:
    report: Report
    receipt: str  # the only time the receipt exists in clear
    subjects: int = 0  # what was just written: the answer need not count it again
    evidence: int = 0


def _check_subjects(subjects: Sequence[Mapping[str, Any]]) -> None:
    if not subjects:
        raise ValidationError({"subjects": _("Sebutkan sedikitnya satu ASN yang dilaporkan.")})
    if len(subjects) > MAX_SUBJECTS:
        raise ValidationError(
            {"subjects": _("Paling banyak %(n)d ASN dalam satu laporan.") % {"n": MAX_SUBJECTS}}
        )
    for i, subject in enumerate(subjects):
        if not str(subject.get("name") or "").strip():
            raise ValidationError(
                {f"subjects.{i}.name": _("Nama ASN wajib diisi (boleh ciri-ciri, mis. “Camat X”).")}
            )
        problem = nip_problem(str(subject.get("nip") or ""))
        if problem:
            raise ValidationError({f"subjects.{i}.nip": problem})
    # The API checks only the code's shape: an unknown kab/kota must be a named error, not a
    # broken foreign key at commit.
    codes = {str(s.get("regency_id")) for s in subjects if s.get("regency_id")}
    known = set(Regency.objects.filter(code__in=codes).values_list("code", flat=True))
    for i, subject in enumerate(subjects):
        if subject.get("regency_id") and str(subject["regency_id"]) not in known:
            raise ValidationError(
                {
                    f"subjects.{i}.regency": _("Kabupaten/kota “%(c)s” tidak dikenal.")
                    % {"c": subject["regency_id"]}
                }
            )


def _check_when_where(sub: Submission) -> None:
    """The form checks these too; the API reaches the service directly."""
    today = timezone.localdate()
    for name in ("incident_date", "discovered_date"):
        day = getattr(sub, name)
        if day is not None and day > today:
            raise ValidationError({name: _("Tanggal tidak boleh di masa depan.")})
    if sub.incident_date and sub.discovered_date and sub.discovered_date < sub.incident_date:
        raise ValidationError(
            {"discovered_date": _("Tanggal diketahui tidak boleh sebelum tanggal kejadian.")}
        )
    if (
        sub.regency_id
        and sub.province_id
        and not str(sub.regency_id).startswith(f"{sub.province_id}.")
    ):
        raise ValidationError(
            {"regency": _("Kabupaten/kota tidak berada di provinsi yang dipilih.")}
        )
    if (
        sub.district_id
        and sub.regency_id
        and not str(sub.district_id).startswith(f"{sub.regency_id}.")
    ):
        raise ValidationError(
            {"district": _("Kecamatan tidak berada di kabupaten/kota yang dipilih.")}
        )


def _check_identity(sub: Submission) -> dict[str, str]:
    if sub.anonymous:
        return {}
    identity = {k: str(sub.identity.get(k) or "").strip() for k in ("name", "address", "contact")}
    missing = {
        k: _("Wajib diisi untuk laporan dengan identitas (atau pilih tanpa nama).")
        for k in ("name", "address")
        if not identity[k]
    }
    if missing:
        raise ValidationError({f"reporter.{k}": v for k, v in missing.items()})
    return identity


def check_files(files: Sequence[Any], *, already: int = 0) -> list[ev.CheckedFile]:
    if already + len(files) > ev.MAX_FILES_PER_REPORT:
        raise ValidationError(
            {"files": _("Paling banyak %(n)d berkas per laporan.") % {"n": ev.MAX_FILES_PER_REPORT}}
        )
    checked = []
    for i, upload in enumerate(files):
        try:
            checked.append(ev.check(upload, name=_("Berkas ke-%(i)d") % {"i": i + 1}))
        except ev.EvidenceRejected as exc:
            raise ValidationError({"files": str(exc)}) from exc
    return checked


def check_links(links: Iterable[str], *, already: int = 0) -> list[str]:
    cleaned = [link.strip() for link in links if link and link.strip()]
    if already + len(cleaned) > ev.MAX_LINKS_PER_REPORT:
        raise ValidationError(
            {"links": _("Paling banyak %(n)d tautan per laporan.") % {"n": ev.MAX_LINKS_PER_REPORT}}
        )
    for link in cleaned:
        if not link.lower().startswith(("http://", "https://")) or len(link) > 1000 or " " in link:
            raise ValidationError(
                {
                    "links": _("Tautan “%(l)s” harus diawali http:// atau https://.")
                    % {"l": link[:80]}
                }
            )
    return cleaned


class StorageUnavailable(ValidationError):
    """The file store refused a write (a full disk, an unreachable S3). Nothing of the report
    is kept; as a ValidationError on `files` every form shows it next to the upload."""


def _store_file(store: Any, *args: Any) -> str:
    try:
        return str(store(*args))
    except Exception as exc:
        raise StorageUnavailable(
            {
                "files": _(
                    "Penyimpanan berkas di server sedang penuh atau tidak dapat dijangkau. Laporan "
                    "BELUM tersimpan; kirim lagi nanti (isian Anda tetap ada)."
                )
            }
        ) from exc


def _store_evidence(
    report: Report,
    files: Sequence[Any],
    checked: Sequence[ev.CheckedFile],
    links: Sequence[str],
    added_by: str,
    stored: list[str],
) -> list[Evidence]:
    rows = []
    for upload, info in zip(files, checked, strict=True):
        original = _store_file(ev.store_original, upload, info.content_type)
        stored.append(original)
        row = Evidence(
            report=report,
            kind=Evidence.Kind.FILE,
            original=original,
            content_type=info.content_type,
            file_name=ev.file_name(upload),
            size=info.size,
            sha256=info.sha256,
            added_by=added_by,
        )
        if info.stripped is not None:  # made while checking: each image is decoded once
            row.stripped = _store_file(ev.store_stripped, info.stripped, info.stripped_type)
            stored.append(row.stripped.name)
            row.stripped_type = info.stripped_type
            row.stripped_sha256 = hashlib.sha256(info.stripped).hexdigest()
        rows.append(row)
    rows += [
        Evidence(report=report, kind=Evidence.Kind.LINK, url=link, added_by=added_by)
        for link in links
    ]
    return Evidence.objects.bulk_create(rows)


def _discard(paths: Iterable[str]) -> None:
    for path in paths:
        try:
            default_storage.delete(path)
        except Exception:  # the store that just failed may fail again: leave it, say so
            log.warning("netral.intake: could not remove %s after a failed report", path)


def report_submit(
    *,
    submission: Submission,
    idempotency: tuple[str, str, bytes] | None = None,
    receipt_code: str | None = None,
) -> Submitted:
    """Take a public report: open its case (routed to the right Bawaslu), seal the identity,
    store the evidence, issue the receipt. `idempotency` = (key hash, request hash, client key)
    for retries (see report_submit_once); `receipt_code` is for the demo report only."""
    from netral.cases.services.opening import CaseOpening, case_number, case_open_unnumbered

    sub = submission
    if not sub.description.strip():
        raise ValidationError({"description": _("Ceritakan apa yang terjadi.")})
    _check_subjects(sub.subjects)
    _check_when_where(sub)
    identity = _check_identity(sub)
    links = check_links(sub.links)
    checked = check_files(sub.files)
    receipt = receipts.from_code(receipt_code) if receipt_code else _new_receipt()
    stored: list[str] = []
    try:
        with transaction.atomic():
            # The case is numbered last (case_number): the office's counter, which every
            # report to that office takes, stays locked only for the last few statements.
            opened = case_open_unnumbered(
                actor=None,
                opening=CaseOpening(
                    origin="report",
                    summary=sub.description,
                    incident_date=sub.incident_date,
                    discovered_date=sub.discovered_date or sub.incident_date,
                    place=sub.place,
                    incident_regency_id=sub.regency_id or None,
                    incident_province_id=sub.province_id or None,
                    incident_district_id=sub.district_id or None,
                    election=sub.election,
                    subjects=[_subject_fields(s) for s in sub.subjects],
                    violations=sub.violations,
                ),
            )
            report = Report.objects.create(
                case=opened.case,
                channel=sub.channel,
                receipt_lookup=receipt.lookup,
                receipt_salt=receipt.salt,
                receipt_digest=receipt.digest,
                anonymous=sub.anonymous,
                other_violation=sub.other_violation,
                identity_sealed=sealing.seal(identity) if identity else b"",
            )
            ReportedAsn.objects.bulk_create(
                ReportedAsn(report=report, subject=subject, regency_id=spec.get("regency_id"))
                for subject, spec in zip(opened.subjects, sub.subjects, strict=True)
            )
            _store_evidence(report, sub.files, checked, links, Evidence.AddedBy.REPORTER, stored)
            if idempotency is not None:
                key_hash, request_hash, replay_key = idempotency
                IdempotencyRecord.objects.create(
                    key_hash=key_hash,
                    request_hash=request_hash,
                    report=report,
                    receipt_sealed=sealing.seal_with(replay_key, receipt.code),
                )
            # The case's opening and the report's entry, appended together.
            case_number(
                opened,
                more=lambda case: [
                    Entry(
                        None,
                        "report.submit",
                        report,
                        {
                            "case": case.number,
                            "anonymous": sub.anonymous,
                            "channel": sub.channel,
                            "subjects": len(sub.subjects),
                            "files": len(checked),
                            "links": len(links),
                        },
                        actor_label=PUBLIC_REPORTER,
                    )
                ],
            )
    except BaseException:
        _discard(stored)
        raise
    return Submitted(
        report=report,
        receipt=receipt.code,
        subjects=len(sub.subjects),
        evidence=len(checked) + len(links),
    )


class IdempotencyConflict(Exception):
    """The same key was used before for a different report."""


@dataclass(frozen=True)
class Outcome:
    report: Report
    receipt: str | None  # None on a replay after the replay window (it was shown already)
    replayed: bool
    written: Submitted | None = None  # the new report's counts (None on a replay)


IDEMPOTENCY_WINDOW = dt.timedelta(hours=24)


def fingerprint(sub: Submission) -> str:
    """A hash of what the submission says (files by their SHA-256), to tell a true retry from
    a different report sent with a reused key."""
    body = {
        k: getattr(sub, k)
        for k in (
            "description",
            "other_violation",
            "incident_date",
            "discovered_date",
            "province_id",
            "regency_id",
            "district_id",
            "place",
            "anonymous",
            "channel",
        )
    }
    body["subjects"] = [dict(sorted((k, str(v or "")) for k, v in s.items())) for s in sub.subjects]
    body["violations"] = sorted(str(getattr(v, "code", v)) for v in sub.violations)
    body["election"] = getattr(sub.election, "code", None)
    body["links"] = list(sub.links)
    body["identity"] = dict(sorted(sub.identity.items())) if not sub.anonymous else {}
    body["files"] = [_sha256_of(f) for f in sub.files]
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()


def _sha256_of(upload: Any) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def report_submit_once(*, submission: Submission, key: str) -> Outcome:
    """report_submit, made safe to retry: the same key and the same submission give the same
    report (and, within a day, the same receipt) instead of a second report."""
    if not key or len(key) > 200:
        raise ValidationError(
            {"idempotency_key": _("Kunci idempotensi wajib diisi (1–200 karakter).")}
        )
    key_hash = hashlib.sha256(b"netral-idempotency:" + key.encode()).hexdigest()
    request_hash = fingerprint(submission)
    record = (
        IdempotencyRecord.objects.select_related("report__case").filter(key_hash=key_hash).first()
    )
    if record is None:
        try:
            done = report_submit(
                submission=submission, idempotency=(key_hash, request_hash, key.encode())
            )
            return Outcome(report=done.report, receipt=done.receipt, replayed=False, written=done)
        except IntegrityError:
            # A concurrent retry with the same key committed first: answer as a replay.
            record = IdempotencyRecord.objects.select_related("report__case").get(key_hash=key_hash)
    if record.request_hash != request_hash:
        raise IdempotencyConflict(
            _(
                "Kunci idempotensi ini sudah dipakai untuk laporan lain "
                "dengan isi berbeda. Pakai kunci baru untuk laporan baru."
            )
        )
    receipt = None
    if record.receipt_sealed and timezone.now() - record.created_at < IDEMPOTENCY_WINDOW:
        receipt = sealing.open_with(key.encode(), record.receipt_sealed)
    return Outcome(report=record.report, receipt=receipt, replayed=True)


def _subject_fields(spec: Mapping[str, Any]) -> dict[str, Any]:
    kind = spec.get("employment_type") or "pns"
    return {
        "name": str(spec.get("name") or "").strip()[:200],
        "nip": normalize_nip(str(spec.get("nip") or "")),
        "agency_name": str(spec.get("agency_name") or "").strip()[:200],
        "position": str(spec.get("position") or "").strip()[:200],
        "employment_type": kind,
        # Unknown region ("sama dengan tempat kejadian / tidak tahu"): case_open defaults
        # the PPK from the incident's kab/kota and marks it for checking.
        "ppk_institution": ppk_for_regency(spec.get("regency_id")),
    }


def _new_receipt() -> receipts.NewReceipt:
    for _attempt in range(5):
        issued = receipts.issue()
        if not Report.objects.filter(receipt_lookup=issued.lookup).exists():
            return issued
    raise RuntimeError("could not draw an unused receipt lookup id")  # 2^40 ids: never


def report_for_receipt(code: str) -> Report | None:
    """The report this receipt opens, or None. The same work either way (see receipts.py)."""
    found: Report | None = receipts.open_stored(Report.objects.select_related("case"), code)
    return found
