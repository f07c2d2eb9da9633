"""Load the shipped Kemendagri region tables into the database, idempotently.

Used by the initial data migration (with historical models) and by `netral regions load`
after the CSV files are updated; existing rows are updated in place, so foreign keys that
point at a region code stay valid.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _upsert(model: Any, objects: list[Any], fields: list[str]) -> None:
    model.objects.bulk_create(
        objects,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=fields,
    )


def load_regions(province_model: Any, regency_model: Any, district_model: Any) -> dict[str, int]:
    """Upsert every province, kab/kota and kecamatan; returns the counts loaded."""
    provinces = [province_model(code=r["code"], name=r["name"]) for r in _rows("provinces.csv")]
    _upsert(province_model, provinces, ["name"])
    regencies = [
        regency_model(
            code=r["code"],
            province_id=r["province_code"],
            name=r["name"],
            kind="kota" if r["name"].startswith("Kota ") else "kabupaten",
        )
        for r in _rows("regencies.csv")
    ]
    _upsert(regency_model, regencies, ["name", "province", "kind"])
    districts = [
        district_model(code=r["code"], regency_id=r["regency_code"], name=r["name"])
        for r in _rows("districts.csv")
    ]
    _upsert(district_model, districts, ["name", "regency"])
    return {"provinces": len(provinces), "regencies": len(regencies), "districts": len(districts)}
