"""E-mail notifications, sent by a background job so that a slow mail server never slows a page."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_users(user_ids: list[int], subject: str, body: str) -> int:
    """Mail `subject`/`body` to the active users with these ids; returns how many were sent."""
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [u.email]) for u in users]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
