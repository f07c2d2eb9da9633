"""Staff pages for pact rounds: the list and the start form, a round with its coverage and
invitees, sending links, printing codes, paper batches, revoking, and coverage
per agency for an election. Reads through netral.access; writes through `pacts.py`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netral import access
from netral.elections.models import Election
from netral.prevention import coverage, pacts
from netral.prevention.forms import PaperForm, RevokeForm, RoundStartForm
from netral.prevention.models import PactRound, PactSignature
from netral.prevention.policies import startable_agencies
from netral.prevention.views_pacts import pdf_response
from netral.registry.models import WorkUnit
from netral.web.views import staff_required, staff_user


def _start_form(user: Any, data: Any = None) -> RoundStartForm | None:
    agencies = startable_agencies(user)
    if not agencies.exists():
        return None
    return RoundStartForm(
        data,
        agencies=agencies,
        elections=Election.objects.filter(pact_templates__isnull=False)
        .distinct()
        .order_by("-voting_day"),
        units=WorkUnit.objects.filter(agency__in=agencies),
    )


@staff_required
def round_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    rounds = (
        access.visible_to(user, PactRound)
        .select_related("agency", "election", "template", "work_unit")
        .annotate(
            invited=Count("invitations"),
            signed=Count(
                "invitations",
                filter=Q(
                    invitations__signature__isnull=False,
                    invitations__signature__revoked_at__isnull=True,
                ),
            ),
        )
        .order_by("-started_at", "-id")
    )
    page = Paginator(rounds, 25).get_page(request.GET.get("page"))
    elections = Election.objects.filter(
        pk__in=access.visible_to(user, PactRound).values("election_id")
    ).order_by("-voting_day")
    return render(
        request,
        "prevention/round_list.html",
        {"page": page, "start_form": _start_form(user), "elections": elections},
    )


@staff_required
@require_POST
def round_start(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = _start_form(user, request.POST)
    if form is None:
        raise PermissionDenied(_("Hanya petugas PPK yang dapat memulai putaran."))
    if form.is_valid():
        try:
            made = pacts.pact_round_start(
                actor=user,
                agency=form.cleaned_data["agency"],
                election=form.cleaned_data["election"],
                scope=form.cleaned_data["scope"],
                work_unit=form.cleaned_data["work_unit"],
            )
        except ValidationError as exc:
            for name, errs in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errs)
        else:
            messages.success(
                request, _("Putaran dimulai: %(n)d ASN diundang.") % {"n": made.invitations.count()}
            )
            return HttpResponseRedirect(reverse("prevention:round", args=[made.pk]))
    rounds = access.visible_to(user, PactRound).none()
    return render(
        request,
        "prevention/round_list.html",
        {"page": Paginator(rounds, 25).get_page(1), "start_form": form, "elections": []},
        status=400,
    )


@staff_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    grant = access.lookup(
        user, PactRound.objects.select_related("agency", "election", "template", "work_unit"), pk
    )
    pact_round = grant.obj
    invitations = pact_round.invitations.select_related("asn", "asn__work_unit", "signature")
    status = request.GET.get("status", "")
    if status == "belum":
        invitations = invitations.filter(signature__isnull=True)
    elif status == "sudah":
        invitations = invitations.filter(signature__isnull=False)
    page = Paginator(invitations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "prevention/round_detail.html",
        {
            "round": pact_round,
            "writable": grant.writable,
            "cov": coverage.of_round(pact_round),
            "page": page,
            "status": status,
            "paper_form": PaperForm(),
            "with_email": pact_round.invitations.exclude(asn__email="").count(),
            "batches": pact_round.paper_batches.all(),
        },
    )


@staff_required
@require_POST
def round_send(request: HttpRequest, pk: int) -> HttpResponse:
    sent = pacts.pact_links_send(actor=staff_user(request), round_id=pk)
    messages.success(request, _("Tautan pribadi dijadwalkan untuk %(n)d ASN.") % {"n": sent})
    return HttpResponseRedirect(reverse("prevention:round", args=[pk]))


@staff_required
@require_POST
def round_codes(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    rows = pacts.pact_codes_print(
        actor=user, round_id=pk, everyone=request.POST.get("everyone") == "1"
    )
    pact_round = access.get_for_user(user, PactRound, pk)
    return render(
        request,
        "prevention/round_codes.html",
        {
            "round": pact_round,
            "rows": rows,
            "entry_url": request.build_absolute_uri(reverse("prevention:pact-entry")),
        },
    )


@staff_required
@require_POST
def round_paper(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        outcome = pacts.pact_paper_record(
            actor=user,
            round_id=pk,
            scan=form.cleaned_data["scan"],
            signed_on=form.cleaned_data["signed_on"],
            nip_text=form.cleaned_data["nips"],
        )
        if outcome.batch is not None:
            messages.success(
                request,
                _("%(n)d tanda tangan kertas dicatat (%(a)d sudah tercatat sebelumnya).")
                % {"n": outcome.recorded, "a": outcome.already},
            )
            return HttpResponseRedirect(reverse("prevention:round", args=[pk]))
        for problem in outcome.problems:
            form.add_error(None, problem)
    grant = access.lookup(user, PactRound, pk)
    return render(
        request,
        "prevention/round_detail.html",
        {
            "round": grant.obj,
            "writable": grant.writable,
            "cov": coverage.of_round(grant.obj),
            "page": Paginator(grant.obj.invitations.none(), 50).get_page(1),
            "paper_form": form,
            "with_email": 0,
            "batches": grant.obj.paper_batches.all(),
            "status": "",
        },
        status=400,
    )


@staff_required
def signature_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    signature = access.get_for_user(
        staff_user(request),
        PactSignature.objects.select_related("asn", "template", "round__agency", "round__election"),
        pk,
    )
    return pdf_response(signature)


@staff_required
@require_POST
def signature_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    form = RevokeForm(request.POST)
    signature = access.get_for_user(user, PactSignature, pk)
    if form.is_valid():
        pacts.pact_signature_revoke(actor=user, signature_id=pk, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("Tanda tangan dicabut; kode verifikasinya kini dinyatakan dicabut.")
        )
    else:
        messages.error(request, _("Tuliskan alasan pencabutan."))
    return HttpResponseRedirect(reverse("prevention:round", args=[signature.round_id]))


@staff_required
def agency_coverage(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    elections = Election.objects.filter(
        pk__in=access.visible_to(user, PactRound).values("election_id")
    ).order_by("-voting_day")
    chosen = elections.filter(pk=request.GET.get("election") or 0).first() or elections.first()
    rows = coverage.by_agency(user, chosen) if chosen else []
    return render(
        request,
        "prevention/coverage.html",
        {"elections": elections, "chosen": chosen, "rows": rows},
    )
