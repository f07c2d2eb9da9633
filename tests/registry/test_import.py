"""Importing registry files: every refusal names its line and column; atomic changes nothing,
partial keeps exactly the valid rows; a re-import changes nothing; a changed row changes only
what changed; a full import marks the missing as no longer listed and deletes nobody."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from netral.audit.models import AuditEntry
from netral.registry import synth
from netral.registry.importer import ImportProblem, Options, import_run, run_create
from netral.registry.models import Asn, AsnChange, ImportRun

HEADER = "NIP BARU,NAMA LENGKAP,KODE INSTANSI,UNOR,JABATAN,GOL,STATUS\n"
ROWS = [
    '198702142010011003,"Drs. H. Ahmad Fauzan, M.Si.",16.01,Kecamatan Lengkiti,Camat '
    "Lengkiti,III/d,Aktif",
    '199003032015032004,"Wulan Sari, S.Pd.",16.01,SMP Negeri 1 Baturaja,Guru,3b,PNS AKTIF',
    "199504172023211002,Rudi Hartono,Pemkab Ogan Komering Ulu,Dinas PUPR,Pengadministrasi "
    "Umum,IX,aktif",
]


def write(tmp_path: Path, rows: list[str], name: str = "asn.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def run(path: Path, actor=None, **options) -> ImportRun:
    return import_run(
        run_create(actor=actor, source_name=path.name, options=Options(**options)), path
    )


def run_nips(result: ImportRun):
    from django.db.models import Q

    return Q(created_at__gte=result.started_at)


def refused_lines(result: ImportRun) -> dict[int, str]:
    return {r["line"]: r["column"] for r in result.refusals}


def test_header_aliases_are_read_and_titles_stripped(db, tmp_path) -> None:
    result = run(write(tmp_path, ROWS))
    assert result.state == ImportRun.State.DONE, result.error
    assert result.counts["created"] == 3
    camat = Asn.objects.get(nip="198702142010011003")
    assert (camat.name_plain, camat.position_kind, camat.tags, camat.rank) == (
        "Ahmad Fauzan",
        "administrator",
        ",camat,",
        "III/d",
    )
    assert camat.work_unit is not None and camat.work_unit.name == "Kecamatan Lengkiti"
    assert camat.regency_id == "16.01"
    assert Asn.objects.get(nip="199504172023211002").employment_type == "pppk"
    entry = AuditEntry.objects.filter(action="registry.import").latest("seq")
    assert '"created":3' in entry.data_json and result.sha256 in entry.data_json


BAD = [
    ("19870214201001100", "NIP BARU"),  # 17 digits
    ("1.98702E+17", "NIP BARU"),  # mangled by a spreadsheet
    ("198713142010011003", "NIP BARU"),  # month 13
    ("198702142010013003", "NIP BARU"),  # gender digit 3
    ("198702141990011003", "NIP BARU"),  # appointed at 3
]


def _bad_rows() -> list[str]:
    rows = [f"{nip},Orang Salah,16.01,Dinas,Staf,II/a,Aktif" for nip, _col in BAD]
    rows.append("198811112012121005,Tanpa Instansi,Dinas Antah,Unit,Staf,II/a,Aktif")
    rows.append("198811112012121006,Salah Golongan,16.01,Unit,Staf,Z/9,Aktif")
    rows.append(ROWS[0].replace("Drs. H. Ahmad Fauzan", "Ahmad Kembar"))  # same NIP as line 2
    return rows


def test_atomic_refuses_the_file_naming_every_bad_line_and_changes_nothing(db, tmp_path):
    path = write(tmp_path, ROWS + _bad_rows())
    result = run(path)
    assert result.state == ImportRun.State.REFUSED
    expected = {5 + i: col for i, (_nip, col) in enumerate(BAD)}
    expected.update({10: "KODE INSTANSI", 11: "GOL", 12: "NIP BARU"})
    assert refused_lines(result) == expected
    assert "1.98702E+17" in result.refusals[1]["reason"]
    assert "baris 2" in next(r["reason"] for r in result.refusals if r["line"] == 12)
    assert not Asn.objects.filter(nip__in=[r.split(",")[0] for r in ROWS]).exists()
    assert not AsnChange.objects.filter(asn__nip__in=[r.split(",")[0] for r in ROWS]).exists()
    with result.rejects.open("rb") as handle:
        rejects = list(csv.DictReader(handle.read().decode("utf-8-sig").splitlines()))
    assert [int(r["BARIS ASAL"]) for r in rejects] == sorted(expected)


def test_partial_keeps_the_valid_rows_and_reports_the_skipped_ones(db, tmp_path):
    result = run(write(tmp_path, ROWS + _bad_rows()), mode="partial")
    assert result.state == ImportRun.State.DONE
    assert (result.counts["valid"], result.counts["refused"]) == (3, 8)
    kept = Asn.objects.filter(run_nips(result))
    assert set(kept.values_list("nip", flat=True)) == {r.split(",")[0] for r in ROWS}
    # The rejects file, fixed, imports again: its extra columns are ignored.
    with result.rejects.open("rb") as handle:
        fixed = tmp_path / "fixed.csv"
        fixed.write_bytes(handle.read())
    again = run(fixed, mode="partial", dry_run=True)
    # Alone in the rejects file, the doubled NIP is no longer doubled: 7 rows stay refused.
    assert again.counts["ignored_columns"] == [] and again.counts["refused"] == 7


def test_reimporting_the_same_file_changes_nothing(db, tmp_path):
    path = write(tmp_path, ROWS)
    run(path)
    changes, entries = AsnChange.objects.count(), AuditEntry.objects.count()
    result = run(path)
    assert (result.counts["created"], result.counts["updated"], result.counts["unchanged"]) == (
        0,
        0,
        3,
    )
    assert AsnChange.objects.count() == changes
    assert AuditEntry.objects.count() == entries + 1  # the import itself, with its counts


def test_a_changed_row_updates_only_what_changed_with_history(db, tmp_path):
    run(write(tmp_path, ROWS))
    changed = [ROWS[0].replace("III/d", "IV/a"), *ROWS[1:]]
    result = run(write(tmp_path, changed, name="b.csv"))
    assert result.counts["updated"] == 1
    history = list(
        AsnChange.objects.filter(run=result).values_list("asn__nip", "field", "old", "new")
    )
    assert history == [("198702142010011003", "rank", "III/d", "IV/a")]


def test_a_file_without_a_column_leaves_that_field_alone(db, tmp_path):
    run(write(tmp_path, ROWS))
    rows = [",".join(f'"{cell}"' for cell in next(csv.reader([r]))[:3]) for r in ROWS]
    result = run(write(tmp_path, rows, name="c.csv", header="NIP,NAMA,INSTANSI\n"))
    assert (result.counts["updated"], result.counts["unchanged"]) == (0, 3)
    assert Asn.objects.get(nip="198702142010011003").rank == "III/d"


# Kab. Ogan Komering Ilir: no demo ASN there, so the agency's staff is exactly the file's.
OKI = [r.replace("16.01", "16.02").replace("Pemkab Ogan Komering Ulu", "16.02") for r in ROWS]


def test_full_import_marks_the_missing_as_not_listed_and_deletes_nobody(db, tmp_path):
    run(write(tmp_path, OKI))
    result = run(write(tmp_path, OKI[:2], name="full.csv"), full=True, agency_code="16.02")
    assert result.counts["deactivated"] == 1
    gone = Asn.objects.get(nip="199504172023211002")
    assert gone.listed is False and gone.is_active is False
    assert AsnChange.objects.filter(asn=gone, field="listed", new="0").exists()
    back = run(write(tmp_path, OKI, name="back.csv"), full=True, agency_code="16.02")
    assert back.counts["updated"] == 1 and Asn.objects.get(pk=gone.pk).listed is True


def test_full_import_refuses_rows_of_another_agency(db, tmp_path):
    rows = [*ROWS, "198811112012121005,Orang Langsa,11.74,Dinas,Staf,II/a,Aktif"]
    result = run(write(tmp_path, rows), full=True, agency_code="16.01", mode="partial")
    assert refused_lines(result) == {5: "KODE INSTANSI"}
    assert result.counts["deactivated"] == 0 and result.counts.get("full_skipped")


def test_full_needs_an_agency(db) -> None:
    with pytest.raises(ImportProblem):
        run_create(actor=None, source_name="x.csv", options=Options(full=True))


def test_a_dry_run_counts_but_changes_nothing(db, tmp_path):
    result = run(write(tmp_path, ROWS), dry_run=True)
    assert result.counts["created"] == 3
    assert not Asn.objects.filter(nip__in=[r.split(",")[0] for r in ROWS]).exists()


def test_a_ppk_officer_imports_only_their_agency(persona, tmp_path):
    rows = [*ROWS, "198811112012121005,Orang Langsa,11.74,Dinas,Staf,II/a,Aktif"]
    result = run(write(tmp_path, rows), actor=persona("ppk_oku"), mode="partial")
    assert refused_lines(result) == {5: "KODE INSTANSI"} and result.counts["created"] == 3
    with pytest.raises(ImportProblem):
        run_create(actor=persona("bawaslu_oku"), source_name="x.csv", options=Options())


def test_xlsx_with_a_numeric_nip_cell_is_refused_at_that_cell(db, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["NIP", "Nama", "Instansi", "Kabupaten/Kota"])
    sheet.append(["198702142010011003", "Ahmad Fauzan", "16.01", None])
    sheet.append([198702142010011003, "Wulan Sari", "16.01", None])
    sheet.append(["199003032015032004", "Wulan Sari", 16.01, "Kabupaten Ogan Komering Ulu"])
    path = tmp_path / "asn.xlsx"
    book.save(path)
    result = run(path, mode="partial")
    assert refused_lines(result) == {3: "NIP"}
    assert "angka" in result.refusals[0]["reason"]
    assert result.counts["created"] == 2


def test_a_file_without_the_required_columns_fails_with_a_message(db, tmp_path):
    result = run(write(tmp_path, ["1,2"], header="NOMOR,NAMA\n"))
    assert result.state == ImportRun.State.FAILED and "NIP" in result.error
    assert "INSTANSI" in result.error


def test_a_synthetic_file_reports_exactly_its_bad_lines(db, tmp_path):
    path = tmp_path / "synth.csv"
    bad = synth.write(path, rows=600, seed=3, bad_share=0.1, regencies=["16.01", "11.74"])
    result = run(path, mode="partial")
    with result.rejects.open("rb") as handle:
        rejects = list(csv.DictReader(handle.read().decode("utf-8-sig").splitlines()))
    assert {int(r["BARIS ASAL"]) for r in rejects} == set(bad)
    c = result.counts
    # A synthetic NIP may already be a demo ASN (another seed): then it updates, not creates.
    assert c["created"] + c["updated"] + c["unchanged"] == 600 - len(bad)


def test_a_first_load_rebuilds_the_search_indexes_and_a_dry_run_keeps_them(
    db, tmp_path, monkeypatch
):
    """A load larger than the register drops the name search indexes and builds them again
    after the insert (PostgreSQL); searching works afterwards, and the indexes are there
    whether the run was real or dry."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netral.registry.importer import staging
    from netral.registry.search import search

    monkeypatch.setattr(staging, "REBUILD_FROM", 1)
    monkeypatch.setattr(staging, "register_estimate", lambda cur: 0)  # as if empty
    path = write(tmp_path, ROWS)
    dry = run(path, dry_run=True)
    nips = [row.split(",", 1)[0] for row in ROWS]
    assert dry.counts["created"] == 3 and not Asn.objects.filter(nip__in=nips).exists()
    with CaptureQueriesContext(connection) as done:
        result = run(path)
    assert result.counts["created"] == 3
    if connection.vendor == "postgresql":
        assert sum(q["sql"].startswith("DROP INDEX") for q in done.captured_queries) == 2
        with connection.cursor() as cur:
            cur.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'registry_asn' "
                "AND indexname = ANY(%s)",
                [list(staging.SEARCH_INDEXES)],
            )
            assert sorted(r[0] for r in cur.fetchall()) == sorted(staging.SEARCH_INDEXES)
    found = search(None, "hartono rudi", base=Asn.objects.all())
    assert [h.asn.nip for h in found.hits][:1] == ["199504172023211002"]
