"""Writes on the registry by people (imports live in `importer/`). Keyword-only, each in one
transaction with its audit entry; every changed field is also an `AsnChange` row."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.audit.services import log_action
from netral.registry import identifiers, names
from netral.registry.models import TRACKED_FIELDS, Agency, Asn, AsnChange, DeclaredAccount
from netral.registry.vocab import PositionKind, Status, read_position, tags_field

Platform = DeclaredAccount.Platform


def asn_for_user(user: Any, nip: str, *, write: bool = False) -> Asn:
    """The ASN with this NIP (spaces allowed) if the user may see it; else 404."""
    qs = access.writable_by(user, Asn) if write else access.visible_to(user, Asn)
    found = qs.filter(nip=identifiers.normalize(nip)).first()
    if found is None:
        raise Http404("not found")
    return found


def _label(actor: Any) -> str:
    return actor.get_username() if getattr(actor, "is_authenticated", False) else "sistem"


def changes_record(
    asn: Asn, before: Mapping[str, Any], *, actor: Any = None, run_id: int | None = None
) -> list[str]:
    """Write one AsnChange per tracked field that differs between `before` and `asn`."""
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    rows = [
        AsnChange(
            asn=asn,
            at=now,
            run_id=run_id,
            actor=user,
            actor_label=_label(actor),
            field=f,
            old=_text(before.get(f)),
            new=_text(getattr(asn, f)),
        )
        for f in TRACKED_FIELDS
        if before.get(f) != getattr(asn, f)
    ]
    AsnChange.objects.bulk_create(rows)
    return [r.field for r in rows]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _apply_position(asn: Asn, position: str, kind: str | None) -> None:
    implied_kind, tags = read_position(position)
    asn.position = position
    asn.position_kind = kind or implied_kind or ""
    asn.tags = tags_field(tags)


EDITABLE = (
    "name",
    "position",
    "position_kind",
    "rank",
    "status",
    "email",
    "work_unit_id",
    "regency_id",
)


@transaction.atomic
def asn_update(*, actor: Any, nip: str, changes: Mapping[str, Any]) -> Asn:
    """Change an ASN's editable fields (not its NIP: a different NIP is a different person)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({f: _("Kolom ini tidak dapat diubah.") for f in unknown})
    asn = Asn.objects.select_for_update().get(pk=asn_for_user(actor, nip, write=True).pk)
    before = {f: getattr(asn, f) for f in TRACKED_FIELDS}
    if "name" in changes:
        asn.name = str(changes["name"]).strip()
        asn.name_plain, asn.name_key = names.strip_titles(asn.name), names.search_key(asn.name)
    if "position" in changes or "position_kind" in changes:
        _apply_position(
            asn, str(changes.get("position", asn.position)), changes.get("position_kind") or None
        )
    for field in ("rank", "status", "email", "work_unit_id", "regency_id"):
        if field in changes:
            setattr(asn, field, changes[field])
    if asn.regency_id:
        asn.province_id = str(asn.regency_id).split(".")[0]
    asn.updated_at = timezone.now()
    asn.full_clean(exclude=["agency", "province", "regency", "work_unit"])
    asn.save()
    fields = changes_record(asn, before, actor=actor)
    if fields:
        log_action(actor, "asn.update", asn, {"nip": asn.nip, "fields": fields})
    return asn


@transaction.atomic
def asn_create(
    *,
    actor: Any,
    nip: str,
    name: str,
    agency: Agency,
    position: str = "",
    position_kind: str | None = None,
    rank: str = "",
    regency_id: str | None = None,
    work_unit: Any = None,
    email: str = "",
    status: str = Status.ACTIVE,
) -> Asn:
    """Register one ASN by hand (imports register many at once, see `importer`)."""
    try:
        facts = identifiers.decode(nip)
    except ValueError as exc:
        raise ValidationError({"nip": str(exc)}) from exc
    if Asn.objects.filter(nip=facts.nip).exists():
        raise ValidationError({"nip": _("NIP %(n)s sudah terdaftar.") % {"n": facts.nip}})
    regency_id = regency_id or agency.regency_id
    province_id = regency_id.split(".")[0] if regency_id else agency.province_id
    if province_id is None:
        raise ValidationError({"regency_id": _("Wilayah unit kerja wajib diisi.")})
    asn = Asn(
        nip=facts.nip,
        employment_type=facts.employment_type,
        name=name.strip(),
        name_plain=names.strip_titles(name),
        name_key=names.search_key(name),
        birth_date=facts.birth_date,
        gender=facts.gender,
        appointment_year=facts.appointment_year,
        appointment_month=facts.appointment_month,
        agency=agency,
        work_unit=work_unit,
        rank=rank,
        province_id=province_id,
        regency_id=regency_id,
        status=status,
        email=email,
    )
    _apply_position(asn, position, position_kind)
    if asn.position_kind and asn.position_kind not in PositionKind.values:
        raise ValidationError({"position_kind": _("Jenis jabatan tidak dikenal.")})
    asn.save()
    log_action(actor, "asn.create", asn, {"nip": asn.nip, "agency": agency.code})
    return asn


_HANDLE = re.compile(r"^[a-z0-9._\-]{1,100}$")


def handle_normalize(platform: str, raw: str) -> str:
    """ "@Budi.S", "https://www.instagram.com/budi.s/" → "budi.s"."""
    text = (raw or "").strip()
    if "://" in text or text.startswith("www."):
        path = urlparse(text if "://" in text else f"https://{text}").path.strip("/")
        text = path.split("/")[0] if path else ""
        if platform == Platform.YOUTUBE and path.startswith("channel/"):
            text = path.split("/")[1]
    return text.lstrip("@").lower()


PROFILE_URLS: dict[str, str] = {
    Platform.FACEBOOK: "https://www.facebook.com/{h}",
    Platform.INSTAGRAM: "https://www.instagram.com/{h}/",
    Platform.X: "https://x.com/{h}",
    Platform.TIKTOK: "https://www.tiktok.com/@{h}",
    Platform.YOUTUBE: "https://www.youtube.com/@{h}",
    Platform.THREADS: "https://www.threads.net/@{h}",
}


@transaction.atomic
def declared_account_add(
    *, actor: Any, nip: str, platform: str, handle: str, url: str = ""
) -> DeclaredAccount:
    """Record a social-media account as the ASN's own; one owner per account."""
    asn = asn_for_user(actor, nip, write=True)
    if platform not in Platform.values:
        raise ValidationError({"platform": _("Platform tidak dikenal.")})
    clean = handle_normalize(platform, handle)
    if not _HANDLE.match(clean):
        raise ValidationError(
            {"handle": _("Nama akun hanya huruf, angka, titik, garis bawah dan tanda hubung.")}
        )
    link = url or PROFILE_URLS.get(platform, "").format(h=clean)
    try:
        with transaction.atomic():
            account = DeclaredAccount.objects.create(
                asn=asn, platform=platform, handle=clean, url=link, declared_by_label=_label(actor)
            )
    except IntegrityError as exc:
        raise ValidationError({"handle": _("Akun ini sudah tercatat milik ASN lain.")}) from exc
    log_action(
        actor, "asn.account_add", asn, {"nip": asn.nip, "platform": platform, "handle": clean}
    )
    return account


@transaction.atomic
def declared_account_remove(*, actor: Any, account_id: int) -> DeclaredAccount:
    account = access.get_for_user(actor, DeclaredAccount, account_id, write=True)
    if account.removed_at is None:
        account.removed_at = timezone.now()
        account.save(update_fields=["removed_at"])
        log_action(
            actor,
            "asn.account_remove",
            account.asn,
            {"nip": account.asn.nip, "platform": account.platform, "handle": account.handle},
        )
    return account


@transaction.atomic
def asn_export_log(*, actor: Any, filters: Mapping[str, Any], count: int, fmt: str) -> None:
    """An ASN list left the system: who took how many, filtered how (personal data)."""
    inst = getattr(actor, "institution", None)
    region = (inst.province_id or "", inst.regency_id or "") if inst else ("", "")
    log_action(
        actor,
        "asn.export",
        None,
        {"filters": {k: v for k, v in filters.items() if v}, "rows": count, "format": fmt},
        region=region,
    )
