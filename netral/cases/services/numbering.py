"""Readable case numbers, per Bawaslu office, register and year: "001/LP/PL/16.01/2024".

LP = laporan (a public report), TM = temuan (a finding); PL = pelanggaran (netralitas ASN is
a violation of other laws, handled under the same register). The office is named by its
region code (Kemendagri), or RI for Bawaslu RI.
"""

from __future__ import annotations

from django.db import connection

from netral.accounts.models import Institution
from netral.cases.models import CaseCounter
from netral.cases.states import ORIGIN_PREFIX, Origin


def office_code(institution: Institution) -> str:
    return institution.regency_id or institution.province_id or "RI"


def _increment(institution: Institution, prefix: str, year: int) -> int | None:
    """Add one to the counter and read it in one statement; the row stays locked until the
    transaction ends, so that two cases opened at once never share a number."""
    quote = connection.ops.quote_name
    table = quote(CaseCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {quote('last')} = {quote('last')} + 1 "  # noqa: S608
            f"WHERE {quote('institution_id')} = %s AND {quote('prefix')} = %s "
            f"AND {quote('year')} = %s RETURNING {quote('last')}",
            [institution.pk, prefix, year],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def next_number(*, institution: Institution, origin: str, year: int) -> str:
    """Take the next number; must run inside the transaction that creates the case (and is
    best taken late in it: the counter is locked from here to the commit)."""
    prefix = ORIGIN_PREFIX[Origin(origin)]
    last = _increment(institution, prefix, year)
    if last is None:  # the office's first case of the year in this register
        CaseCounter.objects.get_or_create(institution=institution, prefix=prefix, year=year)
        last = _increment(institution, prefix, year)
        assert last is not None
    return f"{last:03d}/{prefix}/PL/{office_code(institution)}/{year}"
