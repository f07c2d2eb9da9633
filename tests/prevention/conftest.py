"""Pact fixtures: a fresh OKU ASN with e-mail, and a round of Pemkab OKU for the Sumatera
Selatan governor election (the demo's OKU round is for the regent election), started by the
demo PPK officer through the real service."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from netral.elections.models import Election
from netral.prevention import pacts
from netral.prevention.models import PactRound
from netral.registry.agencies import agency_key
from netral.registry.models import Agency, Asn, WorkUnit
from netral.registry.services import asn_create

HEAD_NIP = "197711112002121001"  # Kepala Bidang, born 11 Nov 1977
STAFF_NIP = "199502022020122002"  # born 2 Feb 1995
PAPER_NIP = "199306062019031003"


@pytest.fixture
def oku() -> Agency:
    return Agency.objects.get(code="16.01")


@pytest.fixture
def sumsel() -> Election:
    return Election.objects.get(code="pilgub-sumsel-2024")


@pytest.fixture
def staff(db: None, oku: Agency) -> dict[str, Asn]:
    unit, _ = WorkUnit.objects.get_or_create(
        agency=oku, name_key=agency_key("Dinas Kesehatan"), defaults={"name": "Dinas Kesehatan"}
    )
    rows = [
        (HEAD_NIP, "Drs. Agus Salim", "Kepala Bidang Pelayanan", "agus@okukab.go.id"),
        (STAFF_NIP, "Putri Ayu, S.Kep.", "Perawat", "putri@okukab.go.id"),
        (PAPER_NIP, "Joko Susilo", "Pengemudi", ""),
    ]
    return {
        nip: asn_create(
            actor=None,
            nip=nip,
            name=name,
            agency=oku,
            position=position,
            work_unit=unit,
            email=email,
        )
        for nip, name, position, email in rows
    }


@pytest.fixture
def pact_round(
    staff: dict[str, Asn], persona: Callable[[str], Any], oku: Agency, sumsel: Election
) -> PactRound:
    return pacts.pact_round_start(actor=persona("ppk_oku"), agency=oku, election=sumsel)


@pytest.fixture
def mailed_code(
    pact_round: PactRound, persona: Callable[[str], Any], django_capture_on_commit_callbacks: Any
) -> Callable[[str], str]:
    """Send the round's links; then the personal code mailed to an address."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pacts.pact_links_send(actor=persona("ppk_oku"), round_id=pact_round.pk)

    def code_for(address: str) -> str:
        body = next(str(m.body) for m in mail.outbox if address in m.to)
        found = re.search(r"Kode pribadi: (\S+)", body)
        assert found, body
        return found.group(1)

    return code_for
