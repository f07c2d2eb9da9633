"""The reminders page of a pact round: who has not signed (heads of units first), when the
round was last reminded, and "send reminders now" guarded against a second click
(`reminders.py`). Read by whoever sees the round; sending only by the PPK officer who runs it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netral import access
from netral.prevention import reminders
from netral.prevention.models import PactRound
from netral.web.views import staff_required, staff_user


@staff_required
def round_reminders(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    grant = access.lookup(user, PactRound.objects.select_related("agency", "election"), pk)
    pact_round = grant.obj
    unsigned = pact_round.invitations.filter(signature__isnull=True).select_related(
        "asn", "asn__work_unit"
    )
    return render(
        request,
        "prevention/round_reminders.html",
        {
            "round": pact_round,
            "writable": grant.writable,
            "state": reminders.state(pact_round),
            "page": Paginator(unsigned, 50).get_page(request.GET.get("page")),
        },
    )


@staff_required
@require_POST
def round_reminders_send(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    back = HttpResponseRedirect(reverse("prevention:round-reminders", args=[pk]))
    try:
        sent = reminders.pact_remind_now(
            actor=user, round_id=pk, seen=request.POST.get("seen", "")[:64]
        )
    except reminders.AlreadyReminded as exc:
        when = (
            formats.date_format(timezone.localtime(exc.at), "j F Y H:i")
            if exc.at is not None
            else "—"
        )
        messages.warning(
            request,
            _(
                "Pengingat sudah dikirim pada %(when)s, setelah halaman ini dibuka; tidak "
                "dikirim lagi. Periksa daftar di bawah lalu kirim ulang bila memang perlu."
            )
            % {"when": when},
        )
        return back
    if sent:
        messages.success(request, _("Pengingat dijadwalkan untuk %(n)d ASN.") % {"n": sent})
    else:
        messages.info(request, _("Tidak ada ASN bersurel yang belum menandatangani."))
    return back
