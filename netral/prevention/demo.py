"""Demo data: ASN of Pemkab OKU and Pemkot Langsa in the registry, a pact round in each with
part of it signed. Idempotent. Demo invitations get fixed personal codes (DEM0-…) so that a
demo visitor can sign as a demo ASN (README); real codes are random."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from netral.accounts.models import User
from netral.audit.services import log_action
from netral.elections.models import Election
from netral.intake import sealing
from netral.prevention import codes, pacts
from netral.prevention.models import PactInvitation, PactRound, PactSignature
from netral.registry.agencies import agency_key
from netral.registry.models import Agency, Asn, WorkUnit
from netral.registry.services import asn_create

# The demo's ASN: agency code, NIP, name, position, unit, e-mail.
PEOPLE_CSV = Path(__file__).parent / "data" / "demo_asn.csv"
# (agency code, election code, ppk username, people, how many sign, prefix of the demo codes)
ROUNDS = [
    ("16.01", "pilbup-oku-2024", "ppk_oku", (0, 2, 4, 5, 7, 11, 9), "0KU"),
    ("11.74", "pemilu-2024", "ppk_langsa", (0, 1, 3), "LSA"),
]
SIGNED_ON = {"pilbup-oku-2024": dt.date(2024, 10, 1), "pemilu-2024": dt.date(2024, 1, 8)}


def demo_code(prefix: str, n: int) -> str:
    return f"DEM0-{prefix}0-{n:04d}"


def _people(agency: Agency) -> list[Asn]:
    out = []
    with PEOPLE_CSV.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["agency"] == agency.code]
    for row in rows:
        nip, name, position, unit, email = (
            row["nip"],
            row["name"],
            row["position"],
            row["unit"],
            row["email"],
        )
        found = Asn.objects.filter(nip=nip).first()
        if found is None:
            work_unit, _ = WorkUnit.objects.get_or_create(
                agency=agency, name_key=agency_key(unit), defaults={"name": unit}
            )
            found = asn_create(
                actor=None,
                nip=nip,
                name=name,
                agency=agency,
                position=position,
                work_unit=work_unit,
                email=email,
            )
        out.append(found)
    return out


def _one_round(
    agency_code: str, election_code: str, username: str, signers: tuple[int, ...], prefix: str
) -> int:
    agency = Agency.objects.filter(code=agency_code).first()
    election = Election.objects.filter(code=election_code).first()
    ppk = User.objects.filter(username=username).first()
    if agency is None or election is None or ppk is None or agency.ppk_id is None:
        return 0
    people = _people(agency)
    if PactRound.objects.filter(agency=agency, election=election).exists():
        return 0
    pact_round = pacts.pact_round_start(actor=ppk, agency=agency, election=election)
    by_asn = {inv.asn_id: inv for inv in pact_round.invitations.all()}
    for n, asn in enumerate(people, start=1):
        code = demo_code(prefix, n)
        PactInvitation.objects.filter(pk=by_asn[asn.pk].pk).update(
            code_digest=codes.digest(code), code_sealed=sealing.seal({"code": code})
        )
    base = SIGNED_ON[election_code]
    for k, index in enumerate(signers):
        inv = by_asn[people[index].pk]
        declared = (
            [
                pacts.Declaration(
                    "instagram",
                    f"{people[index].name_plain.split()[0]}.{agency_code.replace('.', '')}",
                )
            ]
            if k % 3 == 0
            else []
        )
        outcome = pacts.pact_sign(invitation_id=inv.pk, agreed=True, declarations=declared)
        moment = timezone.make_aware(
            dt.datetime.combine(base + dt.timedelta(days=k), dt.time(9, 30))
        )
        PactSignature.objects.filter(pk=outcome.signature.pk).update(signed_at=moment)
    log_action(None, "demo.pacts", pact_round, {"signed": len(signers)})
    return 1


# (title, kind, owner institution username, organisers, speakers, date, regency, election,
#  attendance file)
EVENTS = [
    (
        "Webinar Netralitas ASN dalam Pilkada OKU 2024",
        "webinar",
        "ppk_oku",
        "Universitas Baturaja bersama BKPSDM Kabupaten Ogan Komering Ulu",
        "Dosen Fakultas Hukum Universitas Baturaja; BKPSDM OKU",
        dt.date(2024, 11, 23),
        "16.01",
        "pilbup-oku-2024",
        "demo_zoom_unbaja.csv",
    ),
    (
        "Netralitas ASN Menghadapi Pemilu 2024",
        "webinar",
        "ppk_langsa",
        "BKPSDM Kota Langsa bersama Panwaslih Kota Langsa dan Kesbangpol",
        "Panwaslih Kota Langsa; Kesbangpol Kota Langsa",
        dt.date(2024, 1, 19),
        "11.74",
        "pemilu-2024",
        "demo_forms_langsa.csv",
    ),
    (
        "Rapat Koordinasi Forsesdasi Sumatera Selatan dengan Bawaslu Sumsel",
        "rakor",
        "bawaslu_sumsel",
        "Forum Sekretaris Daerah se-Sumatera Selatan (Forsesdasi) dan Bawaslu "
        "Provinsi Sumatera Selatan",
        "Ketua Bawaslu Provinsi Sumatera Selatan",
        dt.date(2024, 10, 29),
        "16.71",
        "pilgub-sumsel-2024",
        "",
    ),
]


def _events() -> int:
    from django.core.files.base import ContentFile

    from netral.prevention import attendance, events
    from netral.prevention.models import Event

    made = 0
    for title, kind, username, organisers, speakers, day, regency, election, file in EVENTS:
        owner = User.objects.filter(username=username).select_related("institution").first()
        if owner is None or Event.objects.filter(title=title).exists():
            continue
        from netral.regions.models import Regency

        event = events.event_create(
            actor=owner,
            title=title,
            kind=kind,
            organisers=organisers,
            speakers=speakers,
            date=day,
            regency=Regency.objects.get(pk=regency),
            election=Election.objects.filter(code=election).first(),
            audience="ASN",
            materials="",
            recording_url="",
            public=True,
        )
        if file:
            data = (PEOPLE_CSV.parent / file).read_bytes()
            attendance.attendance_import(
                actor=owner, event=event, upload=ContentFile(data), filename=file
            )
        made += 1
    return made


@transaction.atomic
def demo_load() -> str:
    from netral.prevention.demo_quiz import demo_quizzes

    made = sum(_one_round(*spec) for spec in ROUNDS)
    events = _events()
    quizzes = demo_quizzes({spec[0]: spec[2] for spec in EVENTS})
    return f"{made} demo pact rounds, {events} demo events, {quizzes} demo quizzes"
