"""A circular as PDF (weasyprint, from an HTML template) and as DOCX (python-docx, for the
office to adjust before signing). Both are drawn from the same `Circular`, so they say the
same thing: points numbered 1., 2., …; groups lettered a., b., …; items numbered 1), 2), …"""

from __future__ import annotations

import io
import string
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from netral.prevention.circulars import Circular

FONT = "Times New Roman"


def letter(n: int) -> str:
    return string.ascii_lowercase[n % 26]


def _outline(circular: Circular) -> list[dict[str, Any]]:
    """The points with their labels drawn, for the HTML template."""
    return [
        {
            "label": f"{n}.",
            "text": point.text,
            "items": [(f"{letter(i)}.", item) for i, item in enumerate(point.items)],
            "groups": [
                (f"{letter(g)}.", title, [(f"{i})", item) for i, item in enumerate(items, 1)])
                for g, (title, items) in enumerate(point.groups)
            ],
            "rows": point.rows,
        }
        for n, point in enumerate(circular.points, start=1)
    ]


def pdf(circular: Circular) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "prevention/circular_pdf.html", {"c": circular, "points": _outline(circular)}
    )
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def docx(circular: Circular) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.5)

    def para(text: str, *, bold: bool = False, center: bool = False, indent: float = 0) -> None:
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent:
            p.paragraph_format.left_indent = Cm(indent)
        p.paragraph_format.space_after = Pt(3)

    c = circular
    para(c.heading, bold=True, center=True)
    para(c.title, bold=True, center=True)
    para(f"NOMOR: {c.number}", center=True)
    para("TENTANG", center=True)
    para(c.subject.upper(), bold=True, center=True)
    para("Yth.")
    for n, addressee in enumerate(c.addressees, start=1):
        para(f"{n}. {addressee}", indent=0.5)
    para("di Tempat")
    para(c.opening)
    for n, point in enumerate(c.points, start=1):
        para(f"{n}. {point.text}", indent=0.5)
        for i, item in enumerate(point.items):
            para(f"{letter(i)}. {item}", indent=1.0)
        for g, (title, items) in enumerate(point.groups):
            para(f"{letter(g)}. {title}", indent=1.0)
            for i, item in enumerate(items, start=1):
                para(f"{i}) {item}", indent=1.5)
        if point.rows:
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in point.rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
    para(c.closing)
    para(f"{c.place}, {c.date_text}", indent=9)
    para(c.signatory_title, indent=9)
    doc.add_paragraph()
    doc.add_paragraph()
    para(c.signatory_name, bold=True, indent=9)
    for note in c.notes:
        para(note)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
