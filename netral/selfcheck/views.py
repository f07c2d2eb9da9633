"""/cek/: paste a text, see whether it reads as partisan and which catalogue items it risks.

Public (ASN and anyone). Nothing is stored: the text lives only in this request.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from netral.selfcheck import engine
from netral.selfcheck.forms import CheckForm

# Lazy: the words are shown inside a translated sentence, in the visitor's language.
SUBTYPE_LABELS = {
    "support": gettext_lazy("dukungan"),
    "campaign_call": gettext_lazy("ajakan memilih"),
    "attack": gettext_lazy("serangan atau ejekan"),
}


# no-store: the answer page repeats the pasted text, which must not stay in a browser cache.
@never_cache
@require_http_methods(["GET", "POST"])
def cek(request: HttpRequest) -> HttpResponse:
    partial = request.headers.get("HX-Request") == "true"
    if request.method == "GET":
        return render(request, "selfcheck/cek.html", {"form": CheckForm()})
    if len(request.body) > engine.MAX_BODY:
        return _refuse(
            request,
            partial,
            413,
            _("Teks terlalu panjang: paling banyak %(n)d karakter.") % {"n": engine.MAX_TEXT},
        )
    if engine.rate_limited(request):
        return _refuse(
            request,
            partial,
            429,
            _("Terlalu banyak pemeriksaan dari perangkat ini. Coba lagi dalam satu menit."),
        )
    form = CheckForm(request.POST)
    context: dict[str, object] = {"form": form}
    status = 200
    if form.is_valid():
        text = form.cleaned_data["text"]
        result = engine.check(
            text,
            election=form.cleaned_data["election"] or None,
            posted_at=form.cleaned_data["posted_at"],
        )
        context.update(
            result=result,
            pieces=engine.highlight(text, result),
            items=engine.describe(result.violations),
            percent=round(result.score * 100),
            subtype_label=SUBTYPE_LABELS.get(result.subtype or "", ""),
            phase_label=engine.phase_label(result.phase),
            election_name=dict(engine.election_choices()).get(result.election or ""),
        )
    else:
        status = 422
    template = "selfcheck/_result.html" if partial else "selfcheck/cek.html"
    # htmx swaps only 2xx answers: the fragment carries the error message itself.
    return render(request, template, context, status=200 if partial else status)


def _refuse(request: HttpRequest, partial: bool, status: int, message: str) -> HttpResponse:
    template = "selfcheck/_result.html" if partial else "selfcheck/cek.html"
    return render(
        request,
        template,
        {"form": CheckForm(), "refusal": message},
        status=200 if partial else status,
    )
