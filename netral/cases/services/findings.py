"""A finding (temuan) entered by Bawaslu staff: parse, check, and open the case.

The violation items must be among those the phase resolver allows for the incident date
(ethics items before candidates are determined, discipline items after).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.accounts.models import User
from netral.cases.models import Case
from netral.cases.policies import may_enter_findings
from netral.cases.services.opening import CaseOpening, case_open
from netral.cases.states import Origin
from netral.catalogue.models import Violation
from netral.elections.models import Election
from netral.elections.phase import resolve_phase


def applicable_violation_codes(
    election: Election | None, incident_date: dt.date | None
) -> set[str] | None:
    """The codes the phase resolver allows, or None when it cannot tell (no election/date)."""
    if election is None or incident_date is None:
        return None
    resolved = resolve_phase(election, incident_date)
    return set(resolved.violations.values_list("code", flat=True))


def violations_for(
    codes: list[str], election: Election | None, incident_date: dt.date | None
) -> list[Violation]:
    if not codes:
        return []
    found = {v.code: v for v in Violation.objects.filter(code__in=codes)}
    unknown = sorted(set(codes) - set(found))
    if unknown:
        raise ValidationError(
            {"violations": _("Kode pelanggaran tidak dikenal: %(c)s.") % {"c": ", ".join(unknown)}}
        )
    allowed = applicable_violation_codes(election, incident_date)
    if allowed is not None:
        wrong = sorted(c for c in codes if c not in allowed)
        if wrong:
            raise ValidationError(
                {
                    "violations": _(
                        "Kode %(c)s tidak berlaku pada tanggal kejadian ini (tahapan pemilihan); "
                        "pilih dari: %(a)s."
                    )
                    % {"c": ", ".join(wrong), "a": ", ".join(sorted(allowed))}
                }
            )
    return [found[c] for c in codes]


def _election(code: str | None) -> Election | None:
    if not code:
        return None
    election = Election.objects.filter(code=code).first()
    if election is None:
        raise ValidationError({"election": _("Pemilihan %(c)s tidak dikenal.") % {"c": code}})
    return election


def finding_open(*, actor: User, data: Mapping[str, Any]) -> Case:
    inst = actor.institution
    if not may_enter_findings(actor):
        raise PermissionDenied(_("Hanya petugas Bawaslu yang dapat mencatat temuan."))
    origin = data.get("origin") or Origin.FINDING
    if origin == Origin.REPORT:
        raise ValidationError({"origin": _("Laporan masyarakat masuk melalui formulir laporan.")})
    regency, province = data.get("regency"), data.get("province")
    if regency and not province:
        province = regency.split(".")[0]
    if regency and province and regency.split(".")[0] != province:
        # Otherwise a provincial officer could file an incident in another province's kab/kota,
        # and that kab/kota's supervisors would see a case that is not theirs.
        raise ValidationError(
            {
                "regency": _("Kab/kota %(r)s tidak berada di provinsi %(p)s.")
                % {"r": regency, "p": province}
            }
        )
    for field in ("incident_date", "discovered_date"):
        when = data.get(field)
        if when is not None and when > timezone.localdate():
            raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})
    if not access.covers(actor, province_id=province, regency_id=regency):
        raise ValidationError({"regency": _("Lokasi kejadian di luar wilayah kewenangan Anda.")})
    election = _election(data.get("election"))
    violations = violations_for(
        list(data.get("violations") or []), election, data.get("incident_date")
    )
    return case_open(
        actor=actor,
        opening=CaseOpening(
            origin=origin,
            summary=str(data.get("summary") or ""),
            incident_date=data.get("incident_date"),
            discovered_date=data.get("discovered_date"),
            place=str(data.get("place") or ""),
            incident_regency_id=regency,
            incident_province_id=province,
            election=election,
            subjects=list(data.get("subjects") or []),
            violations=violations,
            handling_institution=inst,
        ),
    )
