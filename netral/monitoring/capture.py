"""Capture by hand: a monitor pastes a post's URL and text and attaches screenshots.

Screenshots are checked and stored exactly like a public report's evidence
(`netral.intake.evidence`): type by content, a decodable image, SHA-256, the original sealed
and a copy made of the pixels alone (no EXIF, no GPS) for staff to look at.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netral import access
from netral.audit.services import log_action
from netral.intake import evidence
from netral.monitoring.formats import Problem, build
from netral.monitoring.ingest import items_ingest
from netral.monitoring.models import Item, Screenshot, Source, SourceKind
from netral.monitoring.policies import may_triage

MANUAL_SOURCE = "tangkapan-manual"
MAX_SCREENSHOTS = 5


def _manual_source() -> Source:
    source, _created = Source.objects.get_or_create(
        name=MANUAL_SOURCE,
        defaults={"kind": SourceKind.MANUAL, "description": "Tangkapan manual petugas pemantauan"},
    )
    return source


def screenshots_add(*, item: Item, uploads: Sequence[Any]) -> list[Screenshot]:
    """Check every file first (one bad file refuses them all), then store them."""
    checked = []
    for upload in uploads:
        try:
            checked.append((upload, evidence.check(upload, name=getattr(upload, "name", ""))))
        except evidence.EvidenceRejected as exc:
            raise ValidationError({"screenshots": str(exc)}) from exc
    out = []
    for upload, facts in checked:
        stripped = ""
        if evidence.can_strip(facts.content_type):
            data, kind = evidence.strip_image(upload, facts.content_type)
            stripped = evidence.store_stripped(data, kind)
        original = evidence.store_original(upload, facts.content_type)
        out.append(
            Screenshot.objects.create(
                item=item,
                original=original,
                stripped=stripped,
                content_type=facts.content_type,
                size=facts.size,
                sha256=facts.sha256,
            )
        )
    return out


@transaction.atomic
def item_capture(
    *, actor: Any, data: dict[str, Any], screenshots: Sequence[Any] = ()
) -> tuple[Item, bool]:
    """Store a captured post (or find the one already stored) and attach the screenshots;
    returns (item, created)."""
    if not may_triage(actor):
        raise PermissionDenied(_("Hanya petugas Bawaslu yang dapat menangkap unggahan."))
    if len(screenshots) > MAX_SCREENSHOTS:
        raise ValidationError(
            {"screenshots": _("Paling banyak %(n)d tangkapan layar.") % {"n": MAX_SCREENSHOTS}}
        )
    region = str(data.get("region") or "")
    province = region.split(".")[0] if region else None
    if not region or not access.covers(
        actor, province_id=province, regency_id=region if "." in region else None
    ):
        raise ValidationError({"region": _("Pilih kab/kota di dalam wilayah kewenangan Anda.")})
    values = {k: v for k, v in data.items() if v not in (None, "")}
    if isinstance(values.get("posted_at"), dt.datetime):
        values["posted_at"] = values["posted_at"].isoformat()
    raw = json.dumps(values, ensure_ascii=False, sort_keys=True)
    record = build(1, raw, values)
    if isinstance(record, Problem):
        raise ValidationError({record.field or "url": record.message})
    outcome = items_ingest(
        source=_manual_source(), records=[record], actor=actor, captured_by=actor
    )
    item_id = outcome.ids[0]
    created = item_id in outcome.created
    item = (
        access.get_for_user(actor, Item, item_id) if not created else Item.objects.get(pk=item_id)
    )
    shots = screenshots_add(item=item, uploads=screenshots)
    log_action(
        actor,
        "monitoring.capture",
        item,
        {"created": created, "screenshots": [s.sha256 for s in shots]},
    )
    return item, created
