"""E-mail to ASN: pact links and reminders, sent by jobs (a mail server that is down never
breaks the request that queued them; the job waits in the backlog and is retried)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from netral.prevention import codes
from netral.prevention.models import PactInvitation


def invitation_mail(inv: PactInvitation, kind: str) -> tuple[str, str, str, list[str]]:
    code = codes.personal_open(inv.code_sealed)
    link = f"{settings.SITE_URL}{reverse('prevention:pact-entry')}?kode={code}"
    subject = (
        _("Pengingat: pakta integritas netralitas ASN belum ditandatangani")
        if kind == "remind"
        else _("Pakta integritas netralitas ASN: tautan pribadi Anda")
    )
    body = _(
        "Yth. %(name)s,\n\n%(agency)s mengajak Anda menandatangani pakta integritas netralitas "
        "ASN untuk %(election)s.\n\nBuka tautan pribadi Anda:\n%(link)s\n\nKode pribadi: "
        "%(code)s\nAnda akan diminta tanggal lahir Anda untuk memastikan bahwa ini Anda. "
        "Jangan bagikan tautan atau kode ini kepada siapa pun.\n"
    ) % {
        "name": inv.asn.name,
        "agency": inv.round.agency.name,
        "election": inv.round.election.name,
        "link": link,
        "code": code,
    }
    return subject, body, settings.DEFAULT_FROM_EMAIL, [inv.asn.email]


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_invitations(invitation_ids: list[int], kind: str = "invite") -> int:
    """Mail the unsigned invitees among these ids; returns how many mails went out."""
    todo = (
        PactInvitation.objects.filter(pk__in=invitation_ids, signature__isnull=True)
        .exclude(asn__email="")
        .select_related("asn", "round__agency", "round__election")
    )
    messages = [invitation_mail(inv, kind) for inv in todo]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
