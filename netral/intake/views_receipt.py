"""The reporter's keepsakes: the receipt as a text file, and thumbnails of their images.

The receipt is never stored (only its slow hash), so the download is made from the code the
page posts back (in the body, never in a URL) and checked like any receipt: throttled, and a
wrong code is refused. The file names no one: the code, the case number, the date, the office
and how to follow the report. A thumbnail is served only to the session that opened the report
with its receipt (the status page), for that report's own images.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from netral.intake import receipts, throttle
from netral.intake.forms import ReceiptForm
from netral.intake.models import Evidence, Report
from netral.intake.services import report_for_receipt
from netral.intake.thumbnails import NoThumbnail, thumbnail
from netral.intake.views import session_report


def receipt_text(report: Report, receipt: str, status_url: str) -> str:
    created = timezone.localtime(report.created_at)
    lines = [
        _("TANDA TERIMA LAPORAN NETRALITAS ASN"),
        "",
        _("Kode tanda terima: %(code)s") % {"code": receipt},
        _("Nomor penerimaan: %(number)s") % {"number": report.case.number},
        _("Dikirim: %(date)s") % {"date": created.strftime("%d-%m-%Y %H:%M")},
        _("Ditangani oleh: %(office)s") % {"office": report.case.handling_institution.name},
        "",
        _("Cara memantau laporan: buka %(url)s, masukkan kode tanda terima di atas.")
        % {"url": status_url},
        _(
            "Di sana Anda dapat melihat perkembangan, membaca pesan petugas, menjawab, dan "
            "menambah bukti."
        ),
        "",
        _(
            "Simpan berkas ini di tempat yang aman: siapa pun yang memegang kode ini dapat "
            "membaca laporan Anda. Kode tidak dapat dipulihkan jika hilang."
        ),
    ]
    return "\r\n".join(lines) + "\r\n"


@never_cache
@require_POST
def receipt_download(request: HttpRequest) -> HttpResponse:
    refusal = throttle.receipt_refusal(request)
    if refusal is not None:
        return HttpResponse(refusal.message, status=429, content_type="text/plain; charset=utf-8")
    form = ReceiptForm(request.POST)
    report = report_for_receipt(form.cleaned_data["receipt"]) if form.is_valid() else None
    if report is None:
        throttle.receipt_failed(request)
        message = _("Kode tanda terima tidak dikenal. Periksa lagi kodenya (24 huruf/angka).")
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    code = receipts.format_code(receipts.normalize(form.cleaned_data["receipt"]) or "")
    text = receipt_text(report, code, request.build_absolute_uri(reverse("intake:status")))
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="tanda-terima-{report.case.number.replace("/", "-")}.txt"'
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def status_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    report = session_report(request)
    item = Evidence.objects.filter(report=report, pk=pk).first() if report else None
    if item is None or not item.stripped:
        raise Http404("not found")
    try:
        data = thumbnail(item)
    except NoThumbnail as exc:
        raise Http404("not found") from exc
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
