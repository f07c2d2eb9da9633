"""Sources: adding one (an API source gets a token, shown once), and finding the source of an
API token."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from netral.accounts.models import hash_token
from netral.audit.services import log_action
from netral.monitoring.models import Platform, Source, SourceKind

SOURCE_TOKEN_PREFIX = "nms_"  # noqa: S105  (a prefix, not a secret)


def _region(code: str) -> tuple[str | None, str | None]:
    from netral.regions.models import Province, Regency

    if not code:
        return None, None
    if Regency.objects.filter(pk=code).exists():
        return code.split(".")[0], code
    if Province.objects.filter(pk=code).exists():
        return code, None
    raise ValidationError({"region": _("Kode wilayah tidak dikenal: %(r)s") % {"r": code}})


@transaction.atomic
def source_add(
    *, actor: Any, name: str, kind: str, url: str = "", region: str = "", platform: str = ""
) -> tuple[Source, str]:
    """A new source; for an API source also its token (returned once, stored as a hash)."""
    if kind not in SourceKind.values:
        raise ValidationError({"kind": _("Jenis sumber tidak dikenal.")})
    slug = slugify(name)
    if not slug or slug != name:
        raise ValidationError(
            {
                "name": _("Nama sumber hanya huruf kecil, angka dan tanda hubung (mis. %(s)s).")
                % {"s": slug or "sumber-1"}
            }
        )
    if Source.objects.filter(name=name).exists():
        raise ValidationError({"name": _("Sumber %(n)s sudah ada.") % {"n": name}})
    if kind == SourceKind.FEED and not url.lower().startswith(("http://", "https://")):
        raise ValidationError({"url": _("Umpan RSS/Atom memerlukan alamat http(s).")})
    if platform and platform not in Platform.values:
        raise ValidationError({"platform": _("Platform tidak dikenal.")})
    province, regency = _region(region)
    source = Source(
        name=name,
        kind=kind,
        feed_url=url,
        province_id=province,
        regency_id=regency,
        default_platform=platform or (Platform.WEB if kind == SourceKind.FEED else ""),
    )
    token = issue_token(source) if kind == SourceKind.API else ""
    source.save()
    log_action(
        actor,
        "monitoring.source_create",
        source,
        {"name": name, "kind": kind, "token_prefix": source.token_prefix},
    )
    return source, token


def issue_token(source: Source) -> str:
    """A new token for an API source: only its hash and first characters are kept on the
    source (saved by the caller); the token itself is returned to be shown once."""
    token = SOURCE_TOKEN_PREFIX + secrets.token_urlsafe(32)
    source.token_digest, source.token_prefix = hash_token(token), token[:8]
    return token


def source_for_token(token: str) -> Source | None:
    if not token.startswith(SOURCE_TOKEN_PREFIX):
        return None
    return Source.objects.filter(
        token_digest=hash_token(token), active=True, kind=SourceKind.API
    ).first()
