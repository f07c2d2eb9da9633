"""Every table exports as CSV and XLSX; a large one runs as a job with progress."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from netral.cases.models import Case
from netral.insights import exports, tables
from netral.insights.models import ExportJob
from netral.insights.refresh import refresh_all

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("table", ["dashboard", "league", "map", "risk", "cases"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_table_downloads(client_for, table, fmt) -> None:
    refresh_all()
    response = client_for("bawaslu_sumsel").get(
        reverse("insights:export") + f"?table={table}&fmt={fmt}&election=2"
    )
    assert response.status_code == 200
    if fmt == "xlsx":
        assert load_workbook(io.BytesIO(response.content)).sheetnames
    else:
        assert response.content.startswith("\ufeff".encode())


def test_the_league_export_holds_the_pages_figures(client_for) -> None:
    refresh_all()
    body = (
        client_for("kemendagri")
        .get(reverse("insights:export") + "?table=league&fmt=csv")
        .content.decode()
    )
    assert "Pemerintah Kabupaten Ogan Komering Ulu,5,3" in body
    assert "52.2" in body


def test_a_large_export_runs_as_a_job_and_reports_progress(
    client_for, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    refresh_all()
    monkeypatch.setattr(tables, "LARGE", 3)
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    client = client_for("kemendagri")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("insights:export") + "?table=cases&fmt=xlsx")
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE  # in-process job (no broker in tests)
    assert job.total == job.done == Case.objects.count()
    page = client.get(reverse("insights:export-status", args=[job.pk]))
    assert 'data-testid="download"' in page.content.decode()
    wb = load_workbook(
        io.BytesIO(
            b"".join(
                client.get(reverse("insights:export-download", args=[job.pk])).streaming_content
            )
        )
    )
    assert wb.active.max_row == Case.objects.count() + 1


def test_an_unknown_table_or_format_is_404(client_for) -> None:
    client = client_for("kemendagri")
    assert client.get(reverse("insights:export") + "?table=users&fmt=csv").status_code == 404
    assert client.get(reverse("insights:export") + "?table=league&fmt=exe").status_code == 404


def test_text_that_looks_like_a_formula_stays_text() -> None:
    body = exports.render([tables.Table("t", ["a"], [['=HYPERLINK("x")'], [3]])], "csv")
    assert "'=HYPERLINK" in body.decode()
