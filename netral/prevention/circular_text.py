"""The wording of the circulars (surat edaran, himbauan) a Sekda, a PPK officer or a Bawaslu
office generates. The letter itself is always in Bahasa Indonesia (an official letter of an
Indonesian office); only the labels of the page that makes it are translated.

Placeholders: {issuer} (the office in the heading), {region} (its kab/kota or province),
{election} (the election's name). Everything else (dates, forbidden acts, sanctions, the
reporting channel) is filled from the database when the letter is made (`circulars.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Who may issue a template: the PPK's agency (a Sekda, a BKPSDM/BKD) or a Bawaslu office.
AGENCY, BAWASLU = "agency", "bawaslu"


@dataclass(frozen=True)
class CircularTemplate:
    code: str
    label: Promise
    issuer: str
    title: str
    addressees: tuple[str, ...]
    opening: str
    duty: str
    closing: str
    # Regulations cited as the letter's basis, by catalogue code (missing codes are skipped).
    basis: tuple[str, ...]


COMMON_BASIS = ("UU-20-2023", "PP-94-2021", "PP-42-2004", "PP-49-2018", "SKB-2022")
# The election law of each election kind (catalogue codes).
ELECTION_LAW = {"pemilu": "UU-7-2017", "pilkada": "UU-10-2016"}

SURAT_EDARAN = CircularTemplate(
    code="surat-edaran-ppk",
    label=_("Surat Edaran Netralitas ASN (dari PPK/Sekda kepada ASN instansi)"),
    issuer=AGENCY,
    title="SURAT EDARAN",
    addressees=(
        "Para Kepala Perangkat Daerah/Unit Kerja di lingkungan {issuer}",
        "Seluruh Aparatur Sipil Negara (PNS dan PPPK) di lingkungan {issuer}",
    ),
    opening=(
        "Dalam rangka menjaga netralitas Aparatur Sipil Negara (ASN) pada penyelenggaraan "
        "{election}, dengan ini disampaikan hal-hal sebagai berikut:"
    ),
    duty=(
        "Para Kepala Perangkat Daerah/Unit Kerja agar menyosialisasikan surat edaran ini "
        "kepada seluruh ASN di lingkungan unit kerjanya, mengawasi pelaksanaannya, dan "
        "menolak setiap ajakan atau tekanan untuk mendukung peserta pemilihan."
    ),
    closing="Demikian surat edaran ini disampaikan untuk dilaksanakan dengan penuh tanggung jawab.",
    basis=COMMON_BASIS,
)

HIMBAUAN = CircularTemplate(
    code="himbauan-bawaslu",
    label=_("Himbauan Netralitas ASN (dari Bawaslu)"),
    issuer=BAWASLU,
    title="HIMBAUAN",
    addressees=(
        "Pejabat Pembina Kepegawaian di wilayah {region}",
        "Sekretaris Daerah di wilayah {region}",
        "Seluruh Aparatur Sipil Negara (PNS dan PPPK) di wilayah {region}",
    ),
    opening=(
        "Dalam rangka pengawasan penyelenggaraan {election} dan pencegahan pelanggaran "
        "netralitas Aparatur Sipil Negara (ASN), {issuer} mengimbau hal-hal sebagai berikut:"
    ),
    duty=(
        "Pejabat Pembina Kepegawaian agar melakukan pembinaan dan pengawasan netralitas ASN di "
        "lingkungan instansinya, tidak menekan ASN untuk mendukung peserta pemilihan, dan "
        "menindaklanjuti rekomendasi pengawas pemilu sesuai ketentuan peraturan "
        "perundang-undangan."
    ),
    closing=(
        "Demikian himbauan ini disampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami "
        "ucapkan terima kasih."
    ),
    basis=(*COMMON_BASIS, "PERBAWASLU-8-2020"),
)

TEMPLATES: dict[str, CircularTemplate] = {t.code: t for t in (SURAT_EDARAN, HIMBAUAN)}

SUBJECT = "Netralitas Aparatur Sipil Negara dalam Penyelenggaraan {election}"
BASIS_INTRO = "Dasar:"
STAGES_INTRO = (
    "ASN wajib menjaga netralitas sebelum, selama, dan sesudah tahapan {election} berikut:"
)
FORBIDDEN_INTRO = "ASN dilarang melakukan perbuatan berikut:"
ETHICS_GROUP = "Pelanggaran kode etik (terkait bakal calon, sebelum penetapan calon{when}):"
DISCIPLINE_GROUP = "Pelanggaran disiplin (terkait calon dan partai politik{when}):"
SANCTIONS_INTRO = "ASN yang terbukti melanggar dikenai sanksi sesuai ketentuan berikut:"
MORAL_GROUP = "Sanksi moral (PP 42/2004), untuk pelanggaran kode etik:"
DISCIPLINE_LEVEL = "Hukuman disiplin tingkat {level} (PP 94/2021 {article}):"
DISMISSAL_GROUP = "Pemberhentian:"
REPORT_INTRO = (
    "Setiap dugaan pelanggaran netralitas ASN, termasuk tekanan atau ajakan dari atasan, "
    "calon, maupun tim kampanye untuk mendukung peserta pemilihan, dapat dilaporkan melalui:"
)
REPORT_SITE = "Kanal pelaporan pelanggaran netralitas ASN: {url}"
REPORT_PRESSURE = (
    "Laporan tekanan terhadap ASN (dapat tanpa nama, identitas pelapor dirahasiakan): {url}"
)
REPORT_BAWASLU = "{name}{email}"
UNCONFIRMED_NOTE = (
    "* Bunyi atau tingkat sanksi butir ini belum dikonfirmasi terhadap naskah resmi peraturan; "
    "periksa sebelum surat ini ditandatangani."
)
