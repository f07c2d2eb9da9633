"""The signed pact's certificate: a PDF (weasyprint) with the verification code and a QR code
(segno, drawn as SVG inside the page) that opens /verifikasi/CODE."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from netral.prevention.models import PactSignature


def verification_url(code: str) -> str:
    return f"{settings.SITE_URL}{reverse('prevention:verify', args=[code])}"


def qr_svg(url: str) -> SafeString:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, xmldecl=False, svgns=True, border=2)
    # segno's own SVG: no user input reaches it except the URL, which it encodes as modules.
    return mark_safe(out.getvalue().decode())


def pdf(signature: PactSignature) -> bytes:
    from weasyprint import HTML

    url = verification_url(signature.verification_code)
    html = render_to_string(
        "prevention/certificate_pdf.html",
        {
            "signature": signature,
            "asn": signature.asn,
            "template": signature.template,
            "agency": signature.round.agency,
            "election": signature.round.election,
            "url": url,
            "qr": qr_svg(url),
        },
    )
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def filename(signature: PactSignature) -> str:
    return f"sertifikat-pakta-{signature.verification_code}.pdf"
