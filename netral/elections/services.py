"""Writes to elections: importing a document in the `netral-election/1` format, and exporting."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from netral.accounts.models import Institution, User
from netral.audit.services import log_action
from netral.catalogue.yamlutil import DataFileError
from netral.elections import yamlio
from netral.elections.models import (
    STAGES,
    Contestant,
    Election,
    ElectionParty,
    Party,
)
from netral.regions.models import Province, Regency


def _region(code: str | None) -> tuple[Province | None, Regency | None]:
    if code is None:
        return None, None
    if "." in code:
        regency = Regency.objects.select_related("province").filter(code=code).first()
        if regency is None:
            raise DataFileError(f"region: no kab/kota with code {code}")
        return regency.province, regency
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise DataFileError(f"region: no province with code {code}")
    return province, None


def election_import(*, actor: User | None, spec: dict[str, Any]) -> tuple[Election, bool]:
    """Create or replace the election `spec["code"]` (a parsed document, see yamlio.parse).
    Returns (election, created). Contestants and the party list are replaced as a whole."""
    province, regency = _region(spec["region"])
    with transaction.atomic():
        election = Election.objects.filter(code=spec["code"]).first()
        created = election is None
        election = election or Election(code=spec["code"])
        for key in ("name", "kind", "level"):
            setattr(election, key, spec[key])
        election.province, election.regency = province, regency
        for stage in STAGES:
            setattr(election, stage, spec["stages"].get(stage))
        election.data_status, election.notes = spec["status"], spec["notes"]
        election.sources = list(spec["sources"])
        election.save()
        parties = _import_parties(election, spec["parties"])
        election.contestants.all().delete()
        for order, item in enumerate(spec["contestants"]):
            _import_contestant(election, item, parties, order)
        log_action(
            actor,
            "election.import",
            election,
            {"code": election.code, "created": created, "contestants": len(spec["contestants"])},
        )
    return election, created


def _import_parties(election: Election, items: list[dict[str, Any]]) -> dict[str, Party]:
    out: dict[str, Party] = {}
    election.ballot.all().delete()
    for order, item in enumerate(items):
        party = Party.objects.filter(code=item["code"]).first() or Party(code=item["code"])
        if (party.name, party.aliases) != (item["name"], item["aliases"]):
            party.name, party.aliases = item["name"], item["aliases"]
            party.save()
        ElectionParty.objects.create(
            election=election, party=party, number=item["number"], order=order
        )
        out[party.code] = party
    return out


def _import_contestant(
    election: Election, item: dict[str, Any], parties: dict[str, Party], order: int
) -> None:
    incumbent = item["incumbent_of"]
    institution = Institution.objects.filter(name=incumbent).first() if incumbent else None
    contestant = Contestant.objects.create(
        election=election,
        number=item["number"],
        name=item["name"],
        people=item["people"],
        aliases=item["aliases"],
        incumbent_of=institution,
        incumbent_office="" if institution or not incumbent else incumbent,
        order=order,
    )
    contestant.parties.set([parties[code] for code in item["parties"]])


def election_spec(election: Election) -> dict[str, Any]:
    """The document form of a stored election (the inverse of election_import)."""
    ballot = list(election.ballot.select_related("party"))
    contestants = list(
        election.contestants.select_related("incumbent_of")
        .prefetch_related("parties")
        .order_by("order", "number")
    )
    return {
        "code": election.code,
        "name": election.name,
        "kind": election.kind,
        "level": election.level,
        "region": election.region_code,
        "status": election.data_status,
        "notes": election.notes,
        "stages": election.stage_dates(),
        "parties": [
            {
                "code": b.party.code,
                "name": b.party.name,
                "number": b.number,
                "aliases": list(b.party.aliases),
            }
            for b in ballot
        ],
        "contestants": [
            {
                "number": c.number,
                "name": c.name,
                "people": list(c.people),
                "aliases": list(c.aliases),
                "incumbent_of": c.incumbent_label or None,
                # Keep the file's party order: the ballot order of the election.
                "parties": [
                    b.party.code for b in ballot if b.party_id in {p.pk for p in c.parties.all()}
                ],
            }
            for c in contestants
        ],
        "sources": list(election.sources),
    }


def election_export(election: Election) -> str:
    return yamlio.dump(election_spec(election))
