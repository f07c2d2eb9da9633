"""Case documents: minutes, letters, SKs. Checked by content, hashed, audited."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from netral import access
from netral.accounts.models import User
from netral.audit.services import log_action
from netral.cases.models import Case, CaseDocument
from netral.cases.policies import may_file_document
from netral.cases.states import DocumentKind

MAX_BYTES = 20 * 1024 * 1024
# The first bytes of the formats an office scans or exports letters to.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument"),  # docx/xlsx/odt
)


def sniff(head: bytes) -> str | None:
    for magic, mime in SIGNATURES:
        if head.startswith(magic):
            return mime
    return None


@transaction.atomic
def case_document_add(
    *,
    case_id: int,
    actor: User,
    kind: str,
    title: str,
    upload: UploadedFile,
    subject_id: int | None = None,
) -> CaseDocument:
    case = access.get_for_user(actor, Case, case_id, write=True)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Jenis dokumen tidak dikenal.")})
    if not may_file_document(actor, case, kind):
        raise ValidationError({"file": _("Anda tidak berwenang mengunggah dokumen perkara ini.")})
    if upload.size is None or upload.size == 0:
        raise ValidationError({"file": _("Berkas kosong.")})
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": _("Berkas lebih dari 20 MB.")})
    upload.seek(0)
    mime = sniff(upload.read(16))
    if mime is None:
        raise ValidationError(
            {"file": _("Format berkas tidak diterima: unggah PDF, PNG, JPEG atau dokumen Office.")}
        )
    if subject_id is not None and not case.subjects.filter(pk=subject_id).exists():
        raise ValidationError({"subject": _("ASN bukan bagian perkara ini.")})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    doc = CaseDocument(
        case=case,
        kind=kind,
        title=(title or str(DocumentKind(kind).label))[:200],
        subject_id=subject_id,
        content_type=mime,
        sha256=digest.hexdigest(),
        size=upload.size,
        uploaded_by=actor,
    )
    doc.file.save(f"{case.pk}-{kind}.bin", upload, save=False)
    doc.save()
    log_action(
        actor,
        "case.document_add",
        case,
        {"document": doc.pk, "kind": kind, "sha256": doc.sha256, "size": doc.size},
    )
    return doc
