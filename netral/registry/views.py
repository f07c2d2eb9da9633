"""Staff pages of the registry: `/staf/asn/` (search and list), an ASN's page (history,
accounts, cases), the import page with its progress, and linking case subjects."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netral import access
from netral.jobs import enqueue_long
from netral.registry import policies
from netral.registry import search as finder
from netral.registry.caselinks import asn_cases, case_subject_link, case_subject_unlink, suggest
from netral.registry.forms import ImportForm, SearchForm
from netral.registry.importer import ImportProblem, Options, run_create
from netral.registry.models import ImportRun
from netral.registry.services import asn_export_log, asn_for_user
from netral.registry.tasks import registry_import
from netral.web.views import staff_required, staff_user

PAGE = 50
EXPORT_LIMIT = 50_000


class _Echo:
    def write(self, value: str) -> str:
        return value


def _filters(form: SearchForm) -> finder.Filters:
    data = form.cleaned_data if form.is_valid() else {}
    return finder.Filters(
        agency=data.get("agency", ""), region=data.get("region", ""), kind=data.get("kind", "")
    )


@staff_required
def asn_list(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    user = staff_user(request)
    form = SearchForm(request.GET or None)
    text = form.cleaned_data.get("q", "") if form.is_valid() else ""
    filters = _filters(form)
    if request.GET.get("unduh") == "csv":
        return _export(request, text, filters)
    number = max(
        int(request.GET.get("page", "1")) if request.GET.get("page", "").isdigit() else 1, 1
    )
    result = finder.search(user, text, filters, limit=PAGE, offset=(number - 1) * PAGE)
    page: Page[Any] = Paginator(range(result.total), PAGE).get_page(number)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registry/list.html",
        {
            "form": form,
            "result": result,
            "page": page,
            "query": query.urlencode(),
            "may_import": policies.may_import(user),
        },
    )


def _export(request: HttpRequest, text: str, filters: finder.Filters) -> StreamingHttpResponse:
    """The list as CSV (personal data: audited with who, how many and which filters)."""
    user = staff_user(request)
    result = finder.search(user, text, filters, limit=EXPORT_LIMIT)
    asn_export_log(
        actor=user, filters={"q": text, **filters.__dict__}, count=len(result.hits), fmt="csv"
    )
    writer = csv.writer(_Echo())
    header = [
        "NIP",
        "NAMA",
        "INSTANSI",
        "UNIT KERJA",
        "JABATAN",
        "JENIS JABATAN",
        "GOLONGAN",
        "KABUPATEN/KOTA",
        "STATUS",
    ]

    def rows() -> Any:
        yield "\ufeff" + writer.writerow(header)
        for hit in result.hits:
            a = hit.asn
            yield writer.writerow(
                [
                    a.nip,
                    a.name,
                    a.agency.code,
                    a.work_unit.name if a.work_unit else "",
                    a.position,
                    a.position_kind,
                    a.rank,
                    a.regency_id or a.province_id,
                    a.status,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="asn.csv"'
    return response


@staff_required
def asn_detail(request: HttpRequest, nip: str) -> HttpResponse:
    user = staff_user(request)
    asn = asn_for_user(user, nip)
    return render(
        request,
        "registry/detail.html",
        {
            "asn": asn,
            "accounts": asn.accounts.filter(removed_at__isnull=True),
            "history": asn.changes.select_related("run")[:100],
            "subjects": asn_cases(user, asn),
        },
    )


@staff_required
def import_page(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not policies.may_import(user):
        raise Http404("not found")
    agencies = policies.importable_agencies(user)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = data.get("agency")
        try:
            run = run_create(
                actor=user,
                source_name=data["file"].name,
                options=Options(
                    mode=data["mode"],
                    full=data["full"],
                    agency_code=agency.code if agency else "",
                    dry_run=data["dry_run"],
                ),
            )
        except ImportProblem as exc:
            form.add_error(None, str(exc))
        else:
            run.upload.save(data["file"].name, data["file"], save=True)
            enqueue_long(registry_import, run.pk)
            return redirect("registry:import-detail", pk=run.pk)
    runs = access.visible_to(user, ImportRun).select_related("agency")[:20]
    return render(
        request, "registry/import.html", {"form": form, "runs": runs, "agencies": agencies}
    )


def _run(request: HttpRequest, pk: int) -> ImportRun:
    return access.get_for_user(staff_user(request), ImportRun, pk)


@staff_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "registry/import_detail.html", {"run": _run(request, pk)})


@staff_required
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "registry/_import_status.html", {"run": _run(request, pk)})


@staff_required
def import_rejects(request: HttpRequest, pk: int) -> FileResponse:
    run = _run(request, pk)
    if not run.rejects:
        raise Http404("not found")
    return FileResponse(
        run.rejects.open("rb"),
        as_attachment=True,
        filename=f"ditolak-{run.pk}.csv",
        content_type="text/csv",
    )


@staff_required
def suggestions(request: HttpRequest) -> HttpResponse:
    """The ASN a subject may be (an htmx fragment for the finding form and the case page)."""
    get = request.GET

    def value(*names: str) -> str:
        # The case page sends name/nip/…; the finding form sends its own field names.
        return next((get[n] for n in names if get.get(n)), "")

    found = suggest(
        staff_user(request),
        name=value("name", "subject_name")[:200],
        nip=value("nip", "subject_nip")[:30],
        agency=value("agency", "subject_agency")[:200],
        regency_id=value("regency")[:5] or None,
    )
    return render(
        request,
        "registry/_suggestions.html",
        {
            "suggestions": found,
            "subject_id": get.get("subject", ""),
            "target": get.get("target", ""),
        },
    )


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("registry:list")


@staff_required
@require_POST
def subject_link(request: HttpRequest, subject_id: int) -> HttpResponse:
    try:
        subject = case_subject_link(
            actor=staff_user(request), subject_id=subject_id, nip=request.POST.get("nip", "")
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(s)s ditautkan ke ASN %(n)s.") % {"s": subject.name, "n": subject.nip}
        )
    return redirect(_back(request))


@staff_required
@require_POST
def subject_unlink(request: HttpRequest, subject_id: int) -> HttpResponse:
    try:
        case_subject_unlink(actor=staff_user(request), subject_id=subject_id)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Tautan ke register ASN dilepas."))
    return redirect(_back(request))
