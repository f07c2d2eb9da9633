"""Monitoring pages (staff): the queue, a batch to triage with the keyboard, an item (its
cluster, account and ASN tie, promotion), capture by hand and the watched accounts. Every
object is read through netral.access (forbidden = 404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from netral import access
from netral.cases.models import Case
from netral.intake import sealed_files
from netral.monitoring import clusters, triage
from netral.monitoring.accounts import account_tie, account_untie, suggestions
from netral.monitoring.capture import item_capture
from netral.monitoring.forms import CaptureForm, MarkForm, PromoteForm, TieForm
from netral.monitoring.models import Account, Item, Platform, Screenshot, State, TriageBatch
from netral.monitoring.policies import may_open_queue, may_triage
from netral.monitoring.promotion import item_promote, may_promote
from netral.regions.models import Regency
from netral.web.views import staff_required, staff_user


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    """Each message, after the field it is about when the error names one."""
    if not hasattr(exc, "error_dict"):
        for msg in exc.messages:
            messages.error(request, msg)
        return
    for name, msgs in exc.message_dict.items():
        label = triage.FILTER_LABELS.get(name, name)
        for msg in msgs:
            messages.error(request, f"{label}: {msg}" if name != NON_FIELD_ERRORS else msg)


def _monitoring_reader(request: HttpRequest) -> None:
    if not may_open_queue(request.user):
        raise Http404("not found")


def _filters(request: HttpRequest) -> triage.Filters:
    """The queue's filters from the query string; bad ones are named and the list shown whole."""
    try:
        return triage.Filters.parse(request.GET)
    except ValidationError as exc:
        _errors(request, exc)
        return triage.Filters()


@never_cache
@staff_required
def queue_page(request: HttpRequest) -> HttpResponse:
    _monitoring_reader(request)
    filters = _filters(request)
    qs = triage.queue(request.user, filters).select_related(
        "account__asn", "source", "regency", "province"
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    counts = triage.counts(request.user, triage.Filters(**{**filters.__dict__, "state": ""}))
    return render(
        request,
        "monitoring/queue.html",
        {
            "page": page,
            "filters": filters,
            "counts": [(State(s).label, s, n) for s, n in counts.items()],
            "platforms": Platform.choices,
            "can_triage": may_triage(request.user),
            "open_batch": triage.open_batch(request.user),
        },
    )


@never_cache
@staff_required
def clusters_page(request: HttpRequest) -> HttpResponse:
    """Near-duplicate clusters in the user's jurisdiction, largest first, with the queue's
    filters."""
    _monitoring_reader(request)
    filters = _filters(request)
    items = filters.apply(access.visible_to(request.user, Item))
    page = Paginator(clusters.overview(items), 50).get_page(request.GET.get("page"))
    found = clusters.details(items, [row["cluster_id"] for row in page])
    rows = [{**row, **found.get(row["cluster_id"], {})} for row in page]
    return render(
        request,
        "monitoring/clusters.html",
        {
            "page": page,
            "rows": rows,
            "largest": clusters.LARGEST,
            "filters": filters,
            "platforms": Platform.choices,
        },
    )


@require_POST
@staff_required
def batch_take_view(request: HttpRequest) -> HttpResponse:
    try:
        filters = triage.Filters.parse(request.POST)
        batch = triage.batch_take(actor=request.user, filters=filters)
    except PermissionDenied as exc:
        raise Http404("not found") from exc
    except ValidationError as exc:
        _errors(request, exc)
        return HttpResponseRedirect(reverse("monitoring:queue"))
    return HttpResponseRedirect(reverse("monitoring:batch", args=[batch.pk]))


def _batch(request: HttpRequest, pk: int) -> TriageBatch:
    batch = TriageBatch.objects.filter(pk=pk, monitor=staff_user(request)).first()
    if batch is None:
        raise Http404("not found")
    return batch


@never_cache
@staff_required
def batch_page(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    items = triage.batch_items(batch, request.user)
    form = MarkForm(item_ids=[i.pk for i in items])
    if request.method == "POST":
        form = MarkForm(request.POST, item_ids=[i.pk for i in items])
        if form.is_valid():
            data = form.cleaned_data
            try:
                triage.items_mark(
                    actor=request.user,
                    item_ids=data["items"],
                    state=data["state"],
                    veracity=data["veracity"] or "",
                    tags=data["tags"].split(","),
                    note=data["note"],
                )
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(
                    request,
                    _("%(n)d unggahan ditandai %(s)s.")
                    % {"n": len(data["items"]), "s": State(data["state"]).label},
                )
                left = [i for i in triage.batch_items(batch, request.user) if i.state == State.NEW]
                if not left:
                    return HttpResponseRedirect(reverse("monitoring:queue"))
            return HttpResponseRedirect(reverse("monitoring:batch", args=[batch.pk]))
    members = {
        c["cluster_id"]: c["n"]
        for c in Item.objects.filter(cluster_id__in=[i.cluster_id for i in items if i.cluster_id])
        .values("cluster_id")
        .annotate(n=Count("id"))
    }
    rows = [(i, members.get(i.cluster_id or 0, 0)) for i in items]
    return render(
        request,
        "monitoring/batch.html",
        {
            "batch": batch,
            "rows": rows,
            "form": form,
            "left": sum(1 for i in items if i.state == State.NEW),
            "marks": [
                (s.value, s.label, key)
                for s, key in (
                    (State.RELEVANT, "r"),
                    (State.NOT_RELEVANT, "n"),
                    (State.DUPLICATE, "d"),
                    (State.ESCALATED, "e"),
                )
            ],
        },
    )


@require_POST
@staff_required
def batch_release_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    triage.batch_release(actor=request.user, batch_id=batch.pk)
    messages.success(request, _("Paket dilepas; unggahan yang belum ditandai kembali ke antrean."))
    return HttpResponseRedirect(reverse("monitoring:queue"))


def _item(request: HttpRequest, pk: int) -> Item:
    qs = Item.objects.select_related(
        "account__asn__agency", "source", "case", "election", "regency"
    )
    return access.get_for_user(request.user, qs, pk)


@never_cache
@staff_required
def item_page(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    writable = access.writable_by(request.user, Item).filter(pk=item.pk).exists()
    account = item.account
    return render(
        request,
        "monitoring/item.html",
        {
            "item": item,
            "writable": writable,
            "members": clusters.members(item, request.user),
            "screenshots": list(item.screenshots.all()),
            "suggestions": suggestions(account, request.user)
            if (account is not None and account.asn is None and writable)
            else [],
            "tie_form": TieForm(),
            "promote_form": PromoteForm(),
            "can_promote": may_promote(request.user, item),
            "mark_form": MarkForm(item_ids=[item.pk], initial={"items": [item.pk]}),
            "marks": [(s.value, s.label) for s in State if s != State.NEW],
            "case_visible": item.case_id is not None
            and access.visible_to(request.user, Case).filter(pk=item.case_id).exists(),
        },
    )


@require_POST
@staff_required
def item_mark_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = MarkForm(request.POST, item_ids=[item.pk])
    if form.is_valid():
        data = form.cleaned_data
        try:
            triage.items_mark(
                actor=request.user,
                item_ids=[item.pk],
                state=data["state"],
                veracity=data["veracity"] or "",
                tags=data["tags"].split(","),
                note=data["note"],
            )
            messages.success(
                request, _("Unggahan ditandai %(s)s.") % {"s": State(data["state"]).label}
            )
        except ValidationError as exc:
            _errors(request, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Pilih tanda telaah."))
    return HttpResponseRedirect(reverse("monitoring:item", args=[item.pk]))


@require_POST
@staff_required
def item_promote_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = PromoteForm(request.POST)
    summary = form.cleaned_data["summary"] if form.is_valid() else ""
    try:
        case = item_promote(actor=request.user, item_id=item.pk, summary=summary)
    except ValidationError as exc:
        _errors(request, exc)
        return HttpResponseRedirect(reverse("monitoring:item", args=[item.pk]))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("monitoring:item", args=[item.pk]))
    messages.success(request, _("Temuan %(n)s dibuka dari unggahan ini.") % {"n": case.number})
    return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


@require_POST
@staff_required
def cluster_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    try:
        clusters.cluster_remove(actor=request.user, item_id=item.pk)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Unggahan dikeluarkan dari kelompoknya."))
    return HttpResponseRedirect(reverse("monitoring:item", args=[item.pk]))


@require_POST
@staff_required
def account_tie_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = access.get_for_user(request.user, Account, pk)
    back = request.POST.get("item") or ""
    try:
        if request.POST.get("undo"):
            account_untie(actor=request.user, account_id=account.pk)
            messages.success(request, _("Keterhubungan akun dengan ASN dibatalkan."))
        else:
            form = TieForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"nip": _("Isi NIP ASN.")})
            account_tie(actor=request.user, account_id=account.pk, nip=form.cleaned_data["nip"])
            messages.success(request, _("Akun dihubungkan dengan ASN."))
    except ValidationError as exc:
        _errors(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    if back.isdigit():
        return HttpResponseRedirect(reverse("monitoring:item", args=[int(back)]))
    return HttpResponseRedirect(reverse("monitoring:accounts"))


def _regions(user: Any) -> list[tuple[str, str]]:
    qs = Regency.objects.filter(
        access.jurisdiction_q(user, province="province_id", regency="code")
    ).order_by("code")
    return [(r.code, f"{r.code} {r.name}") for r in qs]


@never_cache
@staff_required
def capture_page(request: HttpRequest) -> HttpResponse:
    if not may_triage(request.user):
        raise Http404("not found")
    regions = _regions(request.user)
    form = CaptureForm(regions=regions)
    if request.method == "POST":
        form = CaptureForm(request.POST, request.FILES, regions=regions)
        if form.is_valid():
            data = dict(form.cleaned_data)
            shots = data.pop("screenshots") or []
            try:
                item, created = item_capture(actor=request.user, data=data, screenshots=shots)
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(
                    request,
                    _("Unggahan disimpan.")
                    if created
                    else _("Unggahan ini sudah tersimpan; tangkapan layar ditambahkan padanya."),
                )
                return HttpResponseRedirect(reverse("monitoring:item", args=[item.pk]))
    return render(request, "monitoring/capture.html", {"form": form})


@staff_required
def screenshot_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The stripped copy only (no metadata); the original stays sealed."""
    shot = Screenshot.objects.filter(pk=pk).first()
    if shot is None or not shot.stripped:
        raise Http404("not found")
    access.get_for_user(request.user, Item, shot.item_id)
    handle = sealed_files.open_file(shot.stripped)
    kind = "image/png" if shot.stripped.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=kind)
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def accounts_page(request: HttpRequest) -> HttpResponse:
    _monitoring_reader(request)
    qs = (
        access.visible_to(request.user, Account)
        .filter(asn__isnull=False)
        .select_related("asn__agency")
        .annotate(n=Count("items"))
        .order_by("platform", "handle")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request, "monitoring/accounts.html", {"page": page, "can_triage": may_triage(request.user)}
    )
