"""Public pages for ASN (no account): open a personal invitation with code + birth date, read
and sign the pact, download the certificate; and /verifikasi/ for anyone holding a certificate.

The session holds only the invitation's id for half an hour, never the code. Nothing here reads
the client's address except the throttle (a keyed hash).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from netral.prevention import certificate, codes, pacts, throttle
from netral.prevention.forms import PactEntryForm, PactSignForm, VerifyForm
from netral.prevention.models import PactInvitation, PactSignature

SESSION_KEY = "prevention_pact"
SESSION_TTL = 30 * 60


def _invitation(request: HttpRequest) -> PactInvitation | None:
    held = request.session.get(SESSION_KEY)
    if not held or time.time() - held.get("at", 0) > SESSION_TTL:
        return None
    return (
        PactInvitation.objects.select_related(
            "asn", "asn__agency", "round__template", "round__agency", "round__election"
        )
        .filter(pk=held.get("id"))
        .first()
    )


@never_cache
def pact_entry(request: HttpRequest) -> HttpResponse:
    refusal = throttle.code_refusal(request)
    if request.method == "POST":
        form = PactEntryForm(request.POST)
        if refusal is None and form.is_valid():
            found = pacts.pact_identify(
                code=form.cleaned_data["code"], birth_date=form.cleaned_data["birth_date"]
            )
            if found is not None:
                request.session.cycle_key()
                request.session[SESSION_KEY] = {"id": found.pk, "at": time.time()}
                return HttpResponseRedirect(reverse("prevention:pact-sign"))
            throttle.code_failed(request)
            # One message for both halves: it must not tell which one was wrong.
            form.add_error(
                None,
                _(
                    "Kode pribadi dan tanggal lahir tidak cocok dengan undangan "
                    "mana pun. Periksa keduanya, lalu coba lagi."
                ),
            )
    else:
        form = PactEntryForm(initial={"code": request.GET.get("kode", "")[:40]})
    response = render(request, "prevention/pact_entry.html", {"form": form, "refusal": refusal})
    if refusal is not None:
        response.status_code = 429
        response["Retry-After"] = str(refusal.retry_after)
    return response


def _declarations(form: PactSignForm) -> list[pacts.Declaration]:
    data = form.cleaned_data
    return [
        pacts.Declaration(data.get(f"platform_{n}") or "", data.get(f"handle_{n}") or "")
        for n in range(1, 4)
    ]


@never_cache
def pact_sign(request: HttpRequest) -> HttpResponse:
    inv = _invitation(request)
    if inv is None:
        return HttpResponseRedirect(reverse("prevention:pact-entry"))
    if PactSignature.objects.filter(invitation=inv).exists():
        return HttpResponseRedirect(reverse("prevention:pact-done"))
    form = PactSignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pacts.pact_sign(
                invitation_id=inv.pk,
                agreed=form.cleaned_data["agree"],
                declarations=_declarations(form),
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                form.add_error(None if name == "accounts" else name, messages)
        else:
            return HttpResponseRedirect(reverse("prevention:pact-done"))
    accounts = inv.asn.accounts.filter(removed_at__isnull=True)
    return render(
        request,
        "prevention/pact_sign.html",
        {
            "inv": inv,
            "asn": inv.asn,
            "template": inv.round.template,
            "form": form,
            "accounts": accounts,
        },
    )


@never_cache
def pact_done(request: HttpRequest) -> HttpResponse:
    inv = _invitation(request)
    signature = PactSignature.objects.filter(invitation=inv).first() if inv else None
    if signature is None:
        return HttpResponseRedirect(reverse("prevention:pact-entry"))
    return render(
        request,
        "prevention/pact_done.html",
        {
            "signature": signature,
            "asn": inv.asn if inv else None,
            "url": certificate.verification_url(signature.verification_code),
        },
    )


@never_cache
def pact_certificate(request: HttpRequest) -> HttpResponse:
    inv = _invitation(request)
    signature = (
        PactSignature.objects.select_related("asn", "template", "round__agency", "round__election")
        .filter(invitation=inv)
        .first()
        if inv
        else None
    )
    if signature is None:
        raise Http404("not found")
    return pdf_response(signature)


def pdf_response(signature: PactSignature) -> HttpResponse:
    response = HttpResponse(certificate.pdf(signature), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificate.filename(signature)}"'
    return response


def mask_name(name: str) -> str:
    """ "Wulan Sari" → "Wu*** Sa**": enough to recognise on a certificate, not to look up."""
    return " ".join(w[:2] + "*" * max(len(w) - 2, 1) for w in name.split())


def verify(request: HttpRequest, code: str) -> HttpResponse:
    refusal = throttle.code_refusal(request, "pact-verify")
    signature = None if refusal else pacts.signature_for_code(code)
    if signature is None and refusal is None:
        throttle.code_failed(request, "pact-verify")
    context: dict[str, Any] = {
        "code": codes.verification_normalize(code) or code[:40],
        "signature": signature,
        "refusal": refusal,
        "form": VerifyForm(initial={"code": code[:40]}),
    }
    if signature is not None:
        context["masked"] = mask_name(signature.asn.name_plain)
    response = render(request, "prevention/verify.html", context)
    if signature is None:
        response.status_code = 429 if refusal else 404
    if refusal is not None:
        response["Retry-After"] = str(max(1, refusal.retry_after))
    return response


def verify_form(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        typed = form.cleaned_data["code"]
        clean = codes.verification_normalize(typed) or codes.normalize(typed) or "0"
        return HttpResponseRedirect(reverse("prevention:verify", args=[clean]))
    return render(request, "prevention/verify.html", {"form": form, "signature": None, "code": ""})
