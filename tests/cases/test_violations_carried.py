"""Violations carried along: reported items on the staff pages, proven items per ASN when
deciding, the sanction suggested from them, and violation columns in the register and export."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from netral.cases.states import State as S
from netral.cases.violations import suggest
from netral.catalogue.models import Violation
from tests.cases.helpers import drive, move, open_oku_case, upload

pytestmark = pytest.mark.django_db


def _items(*codes: str) -> list[Violation]:
    return list(Violation.objects.filter(code__in=codes))


def _reported_case() -> Any:
    return open_oku_case(violations=_items("D7", "D2"))


def _at_examination(case: Any) -> Any:
    case = drive(case, S.EXAMINATION)
    for kind in ("minutes_asn", "examination_result"):
        upload(case, "bawaslu_oku", kind)
    return case


def test_the_reported_items_show_on_the_case_page_and_in_the_register(client_for: Any) -> None:
    case = _reported_case()
    client = client_for("bawaslu_oku")
    page = client.get(f"/staf/perkara/{case.pk}/").content.decode()
    reported = page.split('data-testid="reported-violations"')[1].split("</p>")[0]
    assert "D7" in reported and "D2" in reported
    register = client.get("/staf/perkara/").content.decode()
    assert "D2, D7" in register or "D7, D2" in register


def test_deciding_proven_asks_which_items_and_refuses_none() -> None:
    case = _at_examination(_reported_case())
    sid = str(case.subjects.get().pk)
    with pytest.raises(ValidationError) as refused:
        move(case, "bawaslu_oku", S.PROVEN, outcomes={sid: {"outcome": "proven"}})
    assert "Budi Santoso" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError) as unknown:
        move(
            case,
            "bawaslu_oku",
            S.PROVEN,
            outcomes={sid: {"outcome": "proven", "violations": ["Z9"]}},
        )
    assert "Z9" in " ".join(unknown.value.messages)
    case = move(
        case, "bawaslu_oku", S.PROVEN, outcomes={sid: {"outcome": "proven", "violations": ["D7"]}}
    )
    assert [v.code for v in case.subjects.get().proven_violations.all()] == ["D7"]


def test_proven_items_are_checked_against_the_phase() -> None:
    from netral.elections.models import Election

    election = (
        Election.objects.filter(candidate_determination__isnull=False).order_by("voting_day").last()
    )
    assert election is not None and election.candidate_determination is not None
    # Before candidates are determined only ethics items apply: a discipline item is refused.
    before = election.candidate_determination - dt.timedelta(days=20)
    case = _at_examination(open_oku_case(election=election, incident_date=before))
    sid = str(case.subjects.get().pk)
    with pytest.raises(ValidationError) as refused:
        move(
            case,
            "bawaslu_oku",
            S.PROVEN,
            outcomes={sid: {"outcome": "proven", "violations": ["D7"]}},
        )
    assert "tidak berlaku" in " ".join(refused.value.messages)


def test_the_suggestion_follows_the_pp94_ladder_and_ethics_items() -> None:
    heavy = suggest(_items("D7"))
    assert heavy is not None and heavy.level == "berat"
    assert "PP 94/2021 Pasal 8 ayat (4)" in heavy.sanction
    ethics = suggest(_items("E2"))
    assert ethics is not None and ethics.level == "moral" and "PP 42/2004" in ethics.sanction
    mixed = suggest(_items("E2", "D7"))
    assert mixed is not None and mixed.level == "berat" and mixed.basis == "D7"
    assert suggest([]) is None


def test_the_sanction_form_is_prefilled_with_the_suggestion_and_stays_editable(
    client_for: Any,
) -> None:
    case = drive(_reported_case(), S.AUTHORITY_VERIFICATION)
    sid = case.subjects.get().pk
    page = client_for("bkn").get(f"/staf/perkara/{case.pk}/").content.decode()
    form = page.split('data-testid="move-recommended_to_ppk"')[1].split("</form>")[0]
    assert f'data-testid="suggestion-{sid}"' in form
    assert '<option value="berat" selected>' in form
    assert "Penurunan jabatan setingkat lebih rendah" in form
    upload(case, "bkn", "recommendation_ppk")
    case = move(
        case,
        "bkn",
        S.RECOMMENDED_TO_PPK,
        letter_number="1/2024",
        sanctions={str(sid): {"level": "sedang", "sanction": "Pemotongan tunjangan kinerja"}},
    )
    assert case.subjects.get().recommended_level == "sedang"


def test_the_export_has_violation_columns(client_for: Any) -> None:
    case = drive(_reported_case(), S.PROVEN)
    response = client_for("bawaslu_oku").get("/staf/perkara/ekspor.xlsx")
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    reported, proven = header.index("Pelanggaran dilaporkan"), header.index("Pelanggaran terbukti")
    row = next(r for r in rows[1:] if r[0] == case.number)
    assert set(str(row[reported]).split(", ")) == {"D7", "D2"}
    assert row[proven] == "D7"
