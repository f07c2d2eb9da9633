"""The periodic PDF report per jurisdiction (WeasyPrint): the figures, the map, the PPK league
and the overdue list. Sent weekly to supervisors while an election in their jurisdiction runs,
and on demand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netral import access
from netral.access import AnyUser
from netral.accounts.roles import Role
from netral.elections.models import Election
from netral.insights import figures, filters, league
from netral.insights.models import CaseFact

# An election "runs" from this long before voting day until this long after (the period in
# which cases are reported, examined and followed up).
RUNS_BEFORE = dt.timedelta(days=180)
RUNS_AFTER = dt.timedelta(days=120)
OVERDUE_SHOWN = 100


def overdue(user: AnyUser, chosen: filters.Filters, today: dt.date) -> list[dict[str, Any]]:
    rows = (
        filters.scoped_facts(user, chosen)
        .filter(next_due__lt=today)
        .order_by("next_due", "case_id")
        .values(
            "case__number",
            "state",
            "next_due",
            "case__handling_institution__name",
            "regency__name",
            "province__name",
        )[:OVERDUE_SHOWN]
    )
    return [{**r, "late": (today - r["next_due"]).days if r["next_due"] else 0} for r in rows]


def context(user: AnyUser, chosen: filters.Filters) -> dict[str, Any]:
    from netral.insights.views_maps import choropleth

    today = timezone.localdate()
    rows = league.league(user, chosen)
    return {
        "user": user,
        "filters": chosen,
        "today": today,
        "board": figures.dashboard(user, chosen, today),
        "league": rows,
        "league_rate": league.overall_rate(rows),
        "reference": league.NATIONAL_RATE_2020,
        "map": choropleth(user, chosen, "total"),
        "overdue": overdue(user, chosen, today),
        "overdue_total": filters.scoped_facts(user, chosen).filter(next_due__lt=today).count(),
    }


def pdf(user: AnyUser, chosen: filters.Filters) -> bytes:
    from weasyprint import HTML

    html = render_to_string("insights/report_pdf.html", context(user, chosen))
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def filename(user: AnyUser) -> str:
    inst = access.institution_of(user)
    place = inst.jurisdiction_label if inst is not None else "nasional"
    slug = "".join(ch if ch.isalnum() else "-" for ch in str(place).lower()).strip("-")
    return f"netral-laporan-{slug}-{timezone.localdate().isoformat()}.pdf"


def running_elections(user: AnyUser, today: dt.date) -> list[Election]:
    """Elections running now whose area overlaps the user's jurisdiction."""
    qs = Election.objects.filter(
        voting_day__gte=today - RUNS_AFTER, voting_day__lte=today + RUNS_BEFORE
    )
    inst = access.institution_of(user)
    if inst is not None and inst.regency_id:
        qs = qs.filter(
            Q(regency_id=inst.regency_id)
            | Q(regency=None, province_id=(inst.province_id))
            | Q(province=None)
        )
    elif inst is not None and inst.province_id:
        qs = qs.filter(Q(province_id=inst.province_id) | Q(province=None))
    return list(qs)


def send_to(user_id: int, params: dict[str, str]) -> int:
    """Mail the report to one user (a job: a failing mail server retries it)."""
    user = get_user_model().objects.select_related("institution").get(pk=user_id)
    if not user.email or not access.is_staff_member(user):
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        chosen, _form = filters.parse(user, params)
        body = pdf(user, chosen)
        mail = EmailMessage(
            subject=_("Laporan Netral %(date)s") % {"date": timezone.localdate().isoformat()},
            body=_(
                "Terlampir laporan netralitas ASN untuk wilayah Anda: angka, peta, liga "
                "tindak lanjut PPK dan daftar perkara lewat waktu."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        mail.attach(filename(user), body, "application/pdf")
        return mail.send(fail_silently=False)


def send_weekly(today: dt.date | None = None) -> int:
    """The weekly job: one mail job per supervisor with a running election in their area."""
    from netral.insights.tasks import send_report

    today = today or timezone.localdate()
    supervisors = (
        get_user_model()
        .objects.filter(is_active=True, roles__role=Role.SUPERVISOR)
        .exclude(email="")
        .select_related("institution")
        .distinct()
    )
    queued = 0
    for user in supervisors:
        if running_elections(user, today):
            send_report.delay(user.pk, {})
            queued += 1
    return queued


def has_facts(user: AnyUser) -> bool:
    return access.visible_to(user, CaseFact).exists()
