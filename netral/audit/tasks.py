"""The checkpoint jobs (see CELERY_BEAT_SCHEDULE in settings): every few minutes into the file,
and once a day to the supervisors' mailboxes when NETRAL_AUDIT_CHECKPOINT_MAIL is on."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="netral.audit.checkpoint")
def checkpoint() -> str:
    from netral.audit import anchors

    written = anchors.write()
    return f"checkpoint {written.number}" if written else "no change since the last checkpoint"


@shared_task(name="netral.audit.checkpoint_mail")
def checkpoint_mail() -> str:
    from django.conf import settings

    from netral.audit import anchors, mail

    if not settings.AUDIT_CHECKPOINT_MAIL:
        return "mail off (NETRAL_AUDIT_CHECKPOINT_MAIL)"
    written = anchors.write(force=True)
    assert written is not None  # forced
    return f"checkpoint {written.number} mailed to {mail.send(written)} supervisors"
