"""Exports (CSV/XLSX, large ones as jobs with progress) and the PDF report."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.audit.services import log_action
from netral.exports import XLSX_TYPE
from netral.insights import exports, filters, reports, tables
from netral.insights.models import ExportJob
from netral.insights.tasks import send_report
from netral.insights.views import _common
from netral.jobs import enqueue
from netral.web.views import staff_required, staff_user

TABLES = {"dashboard", "league", "map", "risk", "cases"}
FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}


def _file(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="netral-{name}-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def export(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    table, fmt = request.GET.get("table", "dashboard"), request.GET.get("fmt", "xlsx")
    if table not in TABLES or fmt not in FORMATS:
        raise Http404("not found")
    chosen, _ctx = _common(request)
    params = {k: str(v) for k, v in request.GET.items() if k not in {"table", "fmt"}}
    if table == "cases":
        count = filters.selected_facts(user, chosen).count()
        if count > tables.LARGE:
            job = exports.export_job_create(actor=user, table=table, fmt=fmt, params=params)
            return redirect("insights:export-status", pk=job.pk)
        _total, rows = tables.case_rows(user, chosen)
        tabs = [tables.Table(_("Perkara"), [_(h) for h in tables.CASE_HEADERS], list(rows))]
    else:
        tabs = tables.tables_for(user, table, chosen, params)
    with transaction.atomic():
        log_action(user, "insights.export", None, {"table": table, "format": fmt})
    return _file(exports.render(tabs, fmt), fmt, table)


@staff_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_for_user(request.user, ExportJob, pk)
    template = (
        "insights/_export_progress.html"
        if request.headers.get("HX-Request")
        else ("insights/export_status.html")
    )
    return render(request, template, {"job": job})


@staff_required
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    job = access.get_for_user(request.user, ExportJob, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404("not found")
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=(job.file.name or "").rsplit("/", 1)[-1],
        content_type=FORMATS.get(job.fmt, "application/octet-stream"),
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def report_page(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if request.method == "POST":
        if not user.email:
            messages.error(request, _("Akun Anda belum punya alamat surel."))
        else:
            params = {k: v for k, v in request.GET.items()}
            enqueue(send_report, user.pk, params)
            messages.success(
                request, _("Laporan sedang dibuat dan akan dikirim ke %(to)s.") % {"to": user.email}
            )
        return redirect(f"{reverse('insights:report')}?{request.GET.urlencode()}")
    _chosen, ctx = _common(request)
    ctx["elections"] = reports.running_elections(user, timezone.localdate())
    return render(request, "insights/report.html", ctx)


@staff_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    chosen, _ctx = _common(request)
    body = reports.pdf(user, chosen)
    with transaction.atomic():
        log_action(user, "insights.report_pdf", None, {"bytes": len(body)})
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{reports.filename(user)}"'
    response["Cache-Control"] = "no-store"
    return response
