"""Socialization events: staff list and form, an event with its attendance (import, review of
uncertain matches, the on-site QR code), reach per agency; the public list of upcoming events
and the on-site check-in page (/hadir/CODE/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netral import access
from netral.elections.models import Election
from netral.intake import throttle as intake_throttle
from netral.prevention import attendance, events
from netral.prevention.certificate import qr_svg
from netral.prevention.forms import AttendanceFileForm, CheckinForm, EventForm
from netral.prevention.models import Attendance, Event
from netral.web.views import staff_required, staff_user

MATCHED = Q(attendance__match=Attendance.Match.MATCHED)


@staff_required
def event_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = EventForm(request.POST or None) if events.may_create(user) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Akun ini tidak dapat mencatat kegiatan."))
        if form.is_valid():
            made = events.event_create(actor=user, **form.cleaned_data)
            return HttpResponseRedirect(reverse("prevention:event", args=[made.pk]))
    listed = (
        access.visible_to(user, Event)
        .select_related("regency", "election")
        .annotate(reached=Count("attendance", filter=MATCHED))
        .order_by("-date", "-id")
    )
    election_id = request.GET.get("election") or None
    return render(
        request,
        "prevention/event_list.html",
        {
            "page": Paginator(listed, 25).get_page(request.GET.get("page")),
            "form": form,
            "elections": Election.objects.order_by("-voting_day"),
            "chosen": int(election_id) if election_id and election_id.isdigit() else None,
            "reach": events.reach_by_agency(
                user, int(election_id) if election_id and election_id.isdigit() else None
            ),
        },
        status=400 if form is not None and form.errors else 200,
    )


@staff_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    grant = access.lookup(user, Event.objects.select_related("regency", "election", "owner"), pk)
    event = grant.obj
    form = AttendanceFileForm()
    outcome = None
    if request.method == "POST":
        if not grant.writable:
            raise PermissionDenied(_("Hanya institusi pencatat yang dapat mengubah kegiatan."))
        form = AttendanceFileForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                outcome = attendance.attendance_import(
                    actor=user, event=event, upload=upload, filename=upload.name
                )
            except attendance.AttendanceFileError as exc:
                form.add_error("file", str(exc))
    rows = event.attendance.select_related("asn", "asn__agency")
    counts = dict(rows.values("match").annotate(n=Count("id")).values_list("match", "n"))
    checkin = request.build_absolute_uri(reverse("prevention:checkin", args=[event.checkin_code]))
    return render(
        request,
        "prevention/event_detail.html",
        {
            "event": event,
            "writable": grant.writable,
            "form": form,
            "outcome": outcome,
            "uncertain": rows.filter(match=Attendance.Match.UNCERTAIN),
            "page": Paginator(rows, 100).get_page(request.GET.get("page")),
            "counts": counts,
            "checkin_url": checkin,
            "qr": qr_svg(checkin),
        },
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def attendance_review(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    row = access.get_for_user(user, Attendance.objects.select_related("event"), pk, write=True)
    attendance.attendance_review(
        actor=user, attendance=row, accept=request.POST.get("accept") == "1"
    )
    messages.success(request, _("Kecocokan diperbarui."))
    return HttpResponseRedirect(reverse("prevention:event", args=[row.event_id]))


def public_events(request: HttpRequest) -> HttpResponse:
    upcoming = (
        Event.objects.filter(public=True, date__gte=timezone.localdate())
        .select_related("regency")
        .order_by("date")[:50]
    )
    recent = (
        Event.objects.filter(public=True, date__lt=timezone.localdate())
        .select_related("regency")
        .order_by("-date")[:10]
    )
    return render(
        request, "prevention/public_events.html", {"upcoming": upcoming, "recent": recent}
    )


def checkin(request: HttpRequest, code: str) -> HttpResponse:
    event = Event.objects.filter(checkin_code=code.upper()).first()
    if event is None:
        raise Http404("not found")
    form = CheckinForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        refusal = intake_throttle.check_reporter_write(request)
        if refusal is not None:
            form.add_error(None, refusal.message)
        else:
            done = attendance.attendance_checkin(event=event, nip=form.cleaned_data["nip"])
            if done is None:
                form.add_error(
                    "nip",
                    _(
                        "NIP ini tidak ada dalam data ASN. Periksa penulisannya "
                        "atau lapor ke panitia."
                    ),
                )
    return render(request, "prevention/checkin.html", {"event": event, "form": form, "done": done})
