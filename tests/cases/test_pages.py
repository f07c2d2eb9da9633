"""Staff pages: two officers on one case, compliance figures, the export, pinned query counts."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from netral.cases.models import Case
from netral.cases.states import State as S
from tests.cases.helpers import drive, move, open_oku_case

pytestmark = pytest.mark.django_db


def test_the_second_officer_gets_a_conflict_and_keeps_what_they_typed(
    client_for: Callable[[str], Client],
) -> None:
    case = drive(open_oku_case(), S.PRELIMINARY_REVIEW)
    stale = case.version
    move(case, "bawaslu_oku", S.NEEDS_COMPLETION, note="Officer A: minta foto")
    answer = client_for("bawaslu_oku").post(
        reverse("cases:move", args=[case.pk]),
        {"to": "needs_completion", "version": stale, "note": "Officer B: minta saksi"},
    )
    body = answer.content.decode()
    assert answer.status_code == 409
    assert 'data-testid="conflict-message"' in body
    assert Case.objects.get(pk=case.pk).state == S.NEEDS_COMPLETION
    # Their text comes back in the form of the same move when it is still offered.
    case2 = drive(open_oku_case(), S.PRELIMINARY_REVIEW)
    Case.objects.filter(pk=case2.pk).update(version=case2.version + 1)  # someone else saved
    again = client_for("bawaslu_oku").post(
        reverse("cases:move", args=[case2.pk]),
        {"to": "not_registered", "version": case2.version, "note": "Teks yang tidak boleh hilang"},
    )
    assert again.status_code == 409
    assert "Teks yang tidak boleh hilang" in again.content.decode()


def test_the_compliance_page_counts_follow_up_per_ppk_and_region(
    client_for: Callable[[str], Client], django_assert_max_num_queries: Any
) -> None:
    drive(open_oku_case(), S.CLOSED)
    client = client_for("kemendagri")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("cases:compliance"))
    by_ppk = page.context["by_ppk"]
    oku = next(r for r in by_ppk if r.label == "Pemerintah Kabupaten Ogan Komering Ulu")
    assert oku.recommended >= 3 and oku.sanctioned >= 3 and oku.overdue >= 1
    assert 0 < oku.rate < 100
    assert any(
        r.label == "Ogan Komering Ulu" or "Ulu" in r.label for r in page.context["by_region"]
    )


@pytest.mark.parametrize("name", ["register", "inbox", "overdue", "noncompliant"])
def test_lists_keep_their_query_count(
    name: str, client_for: Callable[[str], Client], django_assert_max_num_queries: Any
) -> None:
    client = client_for("bawaslu_sumsel")
    client.get(reverse(f"cases:{name}"))  # warm the session
    with django_assert_max_num_queries(14):
        assert client.get(reverse(f"cases:{name}")).status_code == 200


def test_the_register_export_is_a_workbook_scoped_to_the_reader(
    client_for: Callable[[str], Client],
) -> None:
    answer = client_for("bawaslu_langsa").get(reverse("cases:export"))
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nomor"
    numbers = {r[0] for r in rows[1:]}
    assert numbers and all("/11.74/" in n for n in numbers)


def test_search_finds_a_case_by_the_asn_name(client_for: Callable[[str], Client]) -> None:
    page = client_for("bawaslu_oku").get(reverse("cases:register"), {"q": "Dedi Kurniawan"})
    assert page.context["page"].paginator.count == 1
