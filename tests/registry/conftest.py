"""A few ASN in the demo's regions, registered through the real service."""

from __future__ import annotations

from typing import Any

import pytest

from netral.registry.models import Agency, Asn
from netral.registry.services import asn_create

# (nip, name, agency code, position, work-unit kab/kota)
PEOPLE = [
    ("198702142010011003", "Drs. H. Ahmad Fauzan, M.Si.", "16.01", "Camat Lengkiti", None),
    ("199003032015032004", "Wulan Sari, S.Pd.", "16.01", "Guru SDN 5 Baturaja", None),
    ("198811112012121005", "Rahmat Hidayat", "16.71", "Lurah Talang Semut", None),
    ("197905052005011006", "Cut Meutia Sari", "11.74", "Kepala Dinas Pendidikan", None),
    ("198404042009042007", "Endang Lestari", "35", "Analis Kebijakan", "35.78"),
    ("198206062008011008", "Bambang Sutrisno", "16", "Kepala Bidang Aset", "16.01"),
]


@pytest.fixture
def people(db: None) -> dict[str, Asn]:
    made: dict[str, Asn] = {}
    for nip, name, agency, position, regency in PEOPLE:
        asn = Asn.objects.filter(nip=nip).first() or asn_create(
            actor=None,
            nip=nip,
            name=name,
            agency=Agency.objects.get(code=agency),
            position=position,
            regency_id=regency,
        )
        made[nip] = asn
    return made


def nips(qs: Any) -> set[str]:
    return set(qs.values_list("nip", flat=True))
