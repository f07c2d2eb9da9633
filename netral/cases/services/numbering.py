"""Readable case numbers, per Bawaslu office, register and year: "001/LP/PL/16.01/2024".

LP = laporan (a public report), TM = temuan (a finding); PL = pelanggaran (netralitas ASN is
a violation of other laws, handled under the same register). The office is named by its
region code (Kemendagri), or RI for Bawaslu RI.
"""

from __future__ import annotations

from netral.accounts.models import Institution
from netral.cases.models import CaseCounter
from netral.cases.states import ORIGIN_PREFIX, Origin


def office_code(institution: Institution) -> str:
    return institution.regency_id or institution.province_id or "RI"


def next_number(*, institution: Institution, origin: str, year: int) -> str:
    """Take the next number; must run inside the transaction that creates the case."""
    prefix = ORIGIN_PREFIX[Origin(origin)]
    counter, _ = CaseCounter.objects.get_or_create(
        institution=institution, prefix=prefix, year=year
    )
    # Lock the counter row so that two cases opened at once never share a number.
    counter = CaseCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{counter.last:03d}/{prefix}/PL/{office_code(institution)}/{year}"
