"""Turn the shared boundary files into the small path files Netral ships (run by a developer,
not at run time): `python -m netral.insights.maps.build /path/to/shared/data/maps`.

Longitude/latitude become plate carrée units (SCALE per degree; Indonesia straddles the equator,
so the distortion is small), rounded to whole units, simplified with Ramer–Douglas–Peucker and
written as SVG path data with relative moves. Two levels of detail for kab/kota: "fine" for a
province's map, "coarse" for the whole country.
"""

from __future__ import annotations

import itertools
import json
import math
import shutil
import sys
from pathlib import Path
from typing import Any

SCALE = 200  # units per degree
WEST, NORTH = 94.8, 6.3
HERE = Path(__file__).resolve().parent / "data"
PAPUA = {
    "Papua": "91",
    "Papua Barat": "92",
    "Papua Selatan": "93",
    "Papua Tengah": "94",
    "Papua Pegunungan": "95",
    "Papua Barat Daya": "96",
}
LICENCES = ("LICENSE-kabkota.md", "LICENSE-provinces.md")


def project(lon: float, lat: float) -> tuple[int, int]:
    return round((lon - WEST) * SCALE), round((NORTH - lat) * SCALE)


def _rdp(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1.0
        best, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            dist = (
                abs(dy * (px - x1) - dx * (py - y1)) / norm
                if (dx or dy)
                else math.hypot(px - x1, py - y1)
            )
            if dist > best:
                best, index = dist, i
        if index > 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(ring: list[tuple[int, int]]) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry is None:
        return []
    if geometry["type"] == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in _polygons(g)]
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def path_data(geometry: dict[str, Any], tolerance: float, min_area: float) -> tuple[str, list[int]]:
    parts: list[str] = []
    xs: list[int] = []
    ys: list[int] = []
    for polygon in _polygons(geometry):
        for ring_no, raw in enumerate(polygon):
            ring = [project(lon, lat) for lon, lat, *_ in raw]
            ring = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
            ring = _rdp(ring, tolerance)
            if len(ring) < 3 or (ring_no == 0 and _area(ring) < min_area):
                continue
            x0, y0 = ring[0]
            steps = [f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in itertools.pairwise(ring)]
            parts.append(f"M{x0} {y0}l" + " ".join(steps) + "z")
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
    bbox = [min(xs), min(ys), max(xs), max(ys)] if xs else [0, 0, 0, 0]
    return "".join(parts), bbox


def build(source: Path) -> None:
    HERE.mkdir(exist_ok=True)
    kab = json.loads((source / "indonesia-514-kabkota.geojson").read_text())
    fine: dict[str, Any] = {}
    for lod, tolerance, min_area in (("fine", 0.6, 0.0), ("coarse", 5.0, 30.0)):
        regions = {}
        for f in kab["features"]:
            code = f["properties"]["code"]
            d, bbox = path_data(f["geometry"], tolerance, min_area)
            # A small kota vanishes at the coarse level: keep its fine outline instead.
            regions[code] = (
                {"name": f["properties"]["name"], "d": d, "bbox": bbox} if d else (fine[code])
            )
        fine = regions
        (HERE / f"regencies-{lod}.json").write_text(
            json.dumps({"scale": SCALE, "regions": regions}, separators=(",", ":"))
        )
    prov = json.loads((source / "indonesia-38-provinces.geojson").read_text())
    regions = {}
    for f in prov["features"]:
        name = f["properties"]["PROVINSI"]
        code = PAPUA.get(name, f["properties"]["KODE_PROV"])
        d, bbox = path_data(f["geometry"], 2.0, 8.0)
        regions[code] = {"name": name, "d": d, "bbox": bbox}
    (HERE / "provinces.json").write_text(
        json.dumps({"scale": SCALE, "regions": regions}, separators=(",", ":"))
    )
    for name in LICENCES:
        shutil.copyfile(source / name, HERE / name)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/maps"))
