"""Small things users met on the way: the export follows the filter, actions only for those who
may take them, the deadline card never empty, final moves set apart and confirmed, the
execution needs its proof."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from netral.cases.states import State as S
from tests.cases.helpers import drive, move, open_oku_case, upload

pytestmark = pytest.mark.django_db


def _numbers_in_export(response: Any) -> set[str]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return {row[0] for row in list(sheet.iter_rows(values_only=True))[1:]}


def test_the_export_follows_the_register_filter(client_for: Any) -> None:
    wanted = open_oku_case(subjects=[{"name": "Hendra Saringan"}])
    other = open_oku_case(subjects=[{"name": "Yanti Lain"}])
    client = client_for("bawaslu_oku")
    page = client.get("/staf/perkara/?q=Hendra").content.decode()
    assert "/staf/perkara/ekspor.xlsx?q=Hendra" in page
    numbers = _numbers_in_export(client.get("/staf/perkara/ekspor.xlsx?q=Hendra"))
    assert wanted.number in numbers and other.number not in numbers
    everything = _numbers_in_export(client.get("/staf/perkara/ekspor.xlsx"))
    assert {wanted.number, other.number} <= everything


def test_supervisors_see_no_finding_link_that_would_answer_404(client_for: Any) -> None:
    supervisor = client_for("inspektorat_oku")
    assert "Catat temuan" not in supervisor.get("/staf/perkara/").content.decode()
    assert supervisor.get("/staf/perkara/temuan-baru/").status_code == 404
    assert "Catat temuan" in client_for("bawaslu_oku").get("/staf/perkara/").content.decode()


@pytest.mark.parametrize(
    ("until", "words"), [(S.PROVEN, "rekomendasi ke BKN"), (S.EXECUTED, "menutup perkara")]
)
def test_the_deadline_card_says_why_no_clock_runs(client_for: Any, until: str, words: str) -> None:
    case = drive(open_oku_case(), until)
    page = client_for("bawaslu_oku").get(f"/staf/perkara/{case.pk}/").content.decode()
    card = page.split('data-testid="deadlines"')[1].split("</article>")[0]
    assert 'data-testid="no-clock"' in card and words in card


def test_closing_is_set_apart_and_asks_for_confirmation(client_for: Any) -> None:
    case = drive(open_oku_case(), S.EXECUTED)
    page = client_for("bkn").get(f"/staf/perkara/{case.pk}/").content.decode()
    closing = page.split('data-testid="closing-moves"')[1].split("</details>")[0]
    assert 'data-testid="move-closed"' in closing
    assert 'name="confirm_final" value="1" required' in closing
    moves = page.split('data-testid="moves"')[1].split("</section>")[0]
    assert 'data-testid="move-closed"' not in moves


def test_the_execution_needs_its_proof_document() -> None:
    case = drive(open_oku_case(), S.PPK_DECIDED)
    with pytest.raises(ValidationError) as refused:
        move(case, "ppk_oku", S.EXECUTED, executed_date="2024-12-02")
    assert "Bukti pelaksanaan sanksi" in " ".join(refused.value.messages)
    upload(case, "ppk_oku", "execution")
    assert move(case, "ppk_oku", S.EXECUTED, executed_date="2024-12-02").state == S.EXECUTED


def test_staff_pages_show_labels_not_internal_codes(client_for: Any) -> None:
    from netral.elections.models import Election

    election = Election.objects.filter(candidate_determination__isnull=False).first()
    assert election is not None
    case = open_oku_case(election=election, incident_date=election.candidate_determination)
    page = client_for("bawaslu_oku").get(f"/staf/perkara/{case.pk}/").content.decode()
    assert "after_determination" not in page and "before_determination" not in page
    assert "/preliminary_review:" not in page
    audit = client_for("inspektorat_oku").get("/staf/audit/").content.decode()
    assert "Perkara dibuka" in audit
