"""E-mail notifications, sent by a background job so that a slow mail server never slows a page."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

# Staff notifications point to the inbox: the cases awaiting the reader's step.
INBOX_PATH = "/staf/perkara/kotak-masuk/"


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_users(user_ids: list[int], subject: str, body: str, path: str = INBOX_PATH) -> int:
    """Mail `subject`/`body` to the active users with these ids, with a link to `path` on
    NETRAL_SITE_URL (the address people reach Netral at); returns how many were sent."""
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    link = _("Buka di Netral:")
    text = f"{body}\n\n{link} {settings.SITE_URL}{path}\n"
    messages = [(subject, text, settings.DEFAULT_FROM_EMAIL, [u.email]) for u in users]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
