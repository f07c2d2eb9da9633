"""Circulars: a PPK officer's surat edaran and a Bawaslu office's himbauan, as PDF and DOCX,
carry the election's stage dates, the catalogue's forbidden acts and sanctions and the
reporting channel; an election without stage dates is refused by name; each officer may put
only their own agency or office in the heading."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from netral.accounts.models import Institution
from netral.audit.models import AuditEntry
from netral.elections.models import Election
from netral.registry.models import Agency

pytestmark = pytest.mark.django_db
URL = "/staf/pencegahan/surat-edaran/"
# pilbup-oku-2024: campaign 25 Sep – 23 Nov 2024, voting 27 Nov 2024, candidates 22 Sep 2024.
OKU_DATES = ("22 September 2024", "25 September 2024", "23 November 2024", "27 November 2024")
ACTS = (
    "Memasang spanduk/baliho/alat peraga lainnya terkait bakal calon",  # E1, kode etik
    "Menjadi anggota dan/atau pengurus partai politik",  # D5, disiplin
)
SANCTIONS = ("Teguran tertulis", "Pemberhentian tidak dengan hormat", "pernyataan secara terbuka")


def pdf_text(data: bytes) -> str:
    """The PDF's text by poppler's pdftotext, whitespace folded: the PDF really opens."""
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def _form(issuer: str, election: Election, fmt: str, **extra: str) -> dict[str, str]:
    return {
        "template": "surat-edaran-ppk",
        "issuer": issuer,
        "election": str(election.pk),
        "number": "800.1.6/417/BKPSDM/2024",
        "date": "2024-09-20",
        "place": "Baturaja",
        "signatory_name": "Drs. H. Dharmawan Irianto, M.M.",
        "signatory_title": "Sekretaris Daerah",
        "format": fmt,
        **extra,
    }


@pytest.fixture
def oku_agency() -> Agency:
    return Agency.objects.get(code="16.01")


@pytest.fixture
def pilbup_oku() -> Election:
    return Election.objects.get(code="pilbup-oku-2024")


def test_a_ppk_officer_gets_a_pdf_with_the_elections_dates_acts_sanctions_and_channel(
    client_for: Callable[[str], Client], oku_agency: Agency, pilbup_oku: Election
) -> None:
    client = client_for("ppk_oku")
    page = client.get(URL)
    assert page.status_code == 200
    response = client.post(URL, _form(f"agency:{oku_agency.pk}", pilbup_oku, "pdf"))
    assert response.status_code == 200, response.content[:2000]
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "PEMERINTAH KABUPATEN OGAN KOMERING ULU" in text
    assert "SURAT EDARAN" in text and "800.1.6/417/BKPSDM/2024" in text
    for needle in (*OKU_DATES, *ACTS, *SANCTIONS):
        assert needle in text, needle
    assert "/lapor/" in text and "/tekanan/" in text
    assert "Bawaslu Kabupaten Ogan Komering Ulu" in text
    assert "Baturaja, 20 September 2024" in text and "Dharmawan Irianto" in text
    entry = AuditEntry.objects.filter(action="circular.generate").latest("seq")
    assert entry.data["election"] == "pilbup-oku-2024" and entry.data["format"] == "pdf"
    assert entry.data["number"] == "800.1.6/417/BKPSDM/2024"


def test_the_docx_opens_and_says_the_same(
    client_for: Callable[[str], Client], oku_agency: Agency, pilbup_oku: Election
) -> None:
    response = client_for("ppk_oku").post(URL, _form(f"agency:{oku_agency.pk}", pilbup_oku, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('.docx"')
    text = docx_text(response.content)
    for needle in (*OKU_DATES, *ACTS, *SANCTIONS, "800.1.6/417/BKPSDM/2024", "/lapor/"):
        assert needle in text, needle


def test_a_bawaslu_office_issues_a_himbauan_under_its_own_heading(
    client_for: Callable[[str], Client], pilbup_oku: Election
) -> None:
    office = Institution.objects.get(name="Bawaslu Kabupaten Ogan Komering Ulu")
    client = client_for("bawaslu_oku")
    page = client.get(URL).content.decode()
    assert "himbauan-bawaslu" in page and "surat-edaran-ppk" not in page
    response = client.post(
        URL,
        _form(
            f"bawaslu:{office.pk}",
            pilbup_oku,
            "pdf",
            template="himbauan-bawaslu",
            signatory_title="Ketua Bawaslu Kabupaten Ogan Komering Ulu",
        ),
    )
    assert response.status_code == 200, response.content[:2000]
    text = pdf_text(response.content)
    assert "HIMBAUAN" in text and "BAWASLU KABUPATEN OGAN KOMERING ULU" in text
    assert "Pejabat Pembina Kepegawaian di wilayah Kabupaten Ogan Komering Ulu" in text
    for needle in (*OKU_DATES, *ACTS):
        assert needle in text, needle


def test_an_election_without_stage_dates_is_refused_with_a_clear_message(
    client_for: Callable[[str], Client], oku_agency: Agency
) -> None:
    bare = Election.objects.create(
        code="pemilu-uji-tanpa-tahapan",
        name="Pemilu Uji Tanpa Tahapan",
        kind="pemilu",
        level="legislatif",
        voting_day="2029-02-14",
    )
    before = AuditEntry.objects.filter(action="circular.generate").count()
    response = client_for("ppk_oku").post(URL, _form(f"agency:{oku_agency.pk}", bare, "pdf"))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    error = " ".join(response.context["form"].errors["election"])
    assert "Pemilu Uji Tanpa Tahapan" in error and "belum lengkap" in error
    assert "awal kampanye" in error and "akhir kampanye" in error
    assert AuditEntry.objects.filter(action="circular.generate").count() == before


def test_a_ppk_officer_may_head_a_circular_only_with_their_own_agency(
    client_for: Callable[[str], Client], oku_agency: Agency, pilbup_oku: Election
) -> None:
    langsa = Agency.objects.get(code="11.74")
    client = client_for("ppk_oku")
    options = client.get(URL).context["form"].fields["issuer"].choices
    assert [key for key, _label in options] == [f"agency:{oku_agency.pk}"]
    response = client.post(URL, _form(f"agency:{langsa.pk}", pilbup_oku, "pdf"))
    assert response.status_code == 400
    assert "issuer" in response.context["form"].errors
    assert response["Content-Type"].startswith("text/html")


def test_a_bawaslu_officer_cannot_issue_a_ppk_circular(
    client_for: Callable[[str], Client], oku_agency: Agency, pilbup_oku: Election
) -> None:
    response = client_for("bawaslu_oku").post(
        URL, _form(f"agency:{oku_agency.pk}", pilbup_oku, "pdf")
    )
    assert response.status_code == 400
    assert {"template", "issuer"} <= set(response.context["form"].errors)


def test_an_election_held_elsewhere_is_not_offered(
    client_for: Callable[[str], Client], oku_agency: Agency
) -> None:
    jatim = Election.objects.get(code="pilgub-jatim-2024")
    response = client_for("ppk_oku").post(URL, _form(f"agency:{oku_agency.pk}", jatim, "pdf"))
    assert response.status_code == 400
    assert "election" in response.context["form"].errors


@pytest.mark.parametrize("username", ["inspektorat_oku", "bkn_kanreg7", "analyst", "kemendagri"])
def test_staff_who_issue_no_circular_get_404(
    client_for: Callable[[str], Client], username: str
) -> None:
    assert client_for(username).get(URL).status_code == 404


def test_the_public_is_sent_to_the_login_page(anon: Client) -> None:
    assert anon.get(URL).status_code == 302


def test_the_page_speaks_english_when_asked(client_for: Callable[[str], Client]) -> None:
    client = client_for("ppk_oku")
    client.cookies["django_language"] = "en"
    page: Any = client.get(URL).content.decode()
    assert "Letter number" in page


def test_the_sekdas_office_of_a_pemkab_issues_under_its_own_agency(
    oku_agency: Agency, pilbup_oku: Election
) -> None:
    """A Sekda works in the Pemkab itself (not the BKPSDM): the PPK's own agency is theirs."""
    from tests.factories import UserFactory

    sekda: Any = UserFactory(
        username="sekda_oku",
        institution=Institution.objects.get(name="Pemerintah Kabupaten Ogan Komering Ulu"),
        roles=["supervisor"],
    )
    client = Client()
    client.force_login(sekda)
    options = client.get(URL).context["form"].fields["issuer"].choices
    assert [key for key, _label in options] == [f"agency:{oku_agency.pk}"]
    response = client.post(URL, _form(f"agency:{oku_agency.pk}", pilbup_oku, "docx"))
    assert response.status_code == 200
    assert "Sekretaris Daerah" in docx_text(response.content)
