"""Choropleths drawn on the server as SVG: no tiles, no script, nothing fetched from outside.

Colours: five classes of the viridis scale (readable with every common colour-vision
deficiency and in grey print); regions without a value are light grey and hatched-free, so the
legend says "no data" in words as well as in colour.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

DATA = Path(__file__).resolve().parent / "data"
# viridis, light to dark (colour-blind-safe, monotone in lightness)
PALETTE = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
NO_DATA = "#d1d5db"
ZERO = "#ffffff"
OUTSIDE = "#f8fafc"


@lru_cache(maxsize=4)
def geometry(name: str) -> dict[str, dict[str, Any]]:
    """ "provinces", "regencies-fine" or "regencies-coarse": code → {name, d, bbox}."""
    return json.loads((DATA / f"{name}.json").read_text())["regions"]


@dataclass(frozen=True)
class Legend:
    breaks: tuple[float, ...]  # upper bounds of the classes
    colours: tuple[str, ...]
    percent: bool

    def colour(self, value: float | None) -> str:
        if value is None:
            return NO_DATA
        if value == 0 and not self.percent:
            return ZERO
        for upper, colour in zip(self.breaks, self.colours, strict=True):
            if value <= upper:
                return colour
        return self.colours[-1]

    def rows(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = [] if self.percent else [(ZERO, "0")]
        lower = 0.0
        for i, (upper, colour) in enumerate(zip(self.breaks, self.colours, strict=True)):
            unit = "%" if self.percent else ""
            first = f"≤ {_fmt(upper)}{unit}" if self.percent else f"1–{_fmt(upper)}"
            label = f"{_fmt(lower)}–{_fmt(upper)}{unit}" if i else first
            out.append((colour, label))
            lower = upper
        return out


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def legend_for(values: list[float], *, percent: bool = False) -> Legend:
    """Equal classes from 0 to a rounded maximum (rates: 0–100): the same colour means the
    same amount on every map of that measure and jurisdiction."""
    top = 100.0 if percent else max(values, default=0.0)
    if top <= 0:
        return Legend((0.0,), (PALETTE[0],), percent)
    if not percent:
        magnitude = 10 ** max(0, math.floor(math.log10(top)))
        top = math.ceil(top / magnitude) * magnitude
    classes = 5 if percent or top >= 5 else max(1, int(top))
    step = top / classes
    breaks = tuple(round(step * (i + 1), 1) for i in range(classes))
    colours = PALETTE if classes == 5 else PALETTE[5 - classes :]
    return Legend(breaks, colours[:classes], percent)


def svg(
    *,
    shapes: dict[str, dict[str, Any]],
    values: dict[str, float | None],
    legend: Legend,
    link: Callable[[str], str] | None,
    title: str,
    show: set[str] | None = None,
) -> SafeString:
    """One <svg>: every shape in `shapes`; those in `show` (default: all) get their colour,
    a tooltip and a link, the others are drawn pale as context."""
    codes = [c for c in shapes if shapes[c]["d"]]
    boxes = [shapes[c]["bbox"] for c in (show or set(codes)) if c in shapes] or [
        shapes[c]["bbox"] for c in codes
    ]
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y1 = max(b[3] for b in boxes)
    pad = max(x1 - x0, y1 - y0) * 0.02
    view = f"{x0 - pad:.0f} {y0 - pad:.0f} {x1 - x0 + 2 * pad:.0f} {y1 - y0 + 2 * pad:.0f}"
    stroke = f"{max(x1 - x0, y1 - y0) / 900:.2f}"
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{}" role="img" '
            'class="choropleth" aria-label="{}">',
            view,
            title,
        )
    ]
    for code in codes:
        shape = shapes[code]
        inside = show is None or code in show
        value = values.get(code) if inside else None
        fill = legend.colour(value) if inside else OUTSIDE
        if not inside:  # context only: no name, no figure, no link
            parts.append(
                format_html(
                    '<path d="{}" fill="{}" stroke="#bbb" stroke-width="{}"/>',
                    mark_safe(shape["d"]),
                    fill,
                    stroke,
                )
            )
            continue
        tip = f"{shape['name']}: {'—' if value is None else _fmt(value)}"
        path = format_html(
            '<path d="{}" fill="{}" stroke="#555" stroke-width="{}" '
            'data-code="{}"><title>{}</title></path>',
            mark_safe(shape["d"]),
            fill,
            stroke,
            code,
            tip,
        )
        if link is not None:
            path = format_html('<a href="{}">{}</a>', link(code), path)
        parts.append(path)
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))


def legend_svg(legend: Legend, *, no_data: str) -> SafeString:
    rows = [*legend.rows(), (NO_DATA, no_data)]
    items = "".join(
        str(
            format_html(
                '<rect x="0" y="{}" width="14" height="14" fill="{}" stroke="#555" '
                'stroke-width=".5"/><text x="20" y="{}" font-size="12">{}</text>',
                18 * i,
                colour,
                18 * i + 12,
                escape(label),
            )
        )
        for i, (colour, label) in enumerate(rows)
    )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="legend" width="200" '
        f'height="{18 * len(rows)}" role="img">{items}</svg>'
    )
