"""Alerts: a high-score item from an account tied to an ASN tells the monitors of its
jurisdiction. E-mail now; a channel is one class with `send`, so a chat channel is one more
entry in CHANNELS.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.accounts.models import User
from netral.accounts.roles import Role
from netral.monitoring.models import Item


class Channel(Protocol):
    def send(self, user_ids: list[int], *, subject: str, body: str) -> None: ...


class EmailChannel:
    def send(self, user_ids: list[int], *, subject: str, body: str) -> None:
        from netral.notifications.services import notify

        notify(user_ids, subject=subject, body=body)


CHANNELS: list[Channel] = [EmailChannel()]


def monitors_for(item: Item) -> list[int]:
    """Monitors whose jurisdiction holds the item: its kab/kota's, its province's, national."""
    place = Q(institution__province__isnull=True, institution__regency__isnull=True)
    if item.province_id:
        place |= Q(institution__province_id=item.province_id, institution__regency__isnull=True)
    if item.regency_id:
        place |= Q(institution__regency_id=item.regency_id)
    users = User.objects.filter(
        place, is_active=True, institution__isnull=False, roles__role=Role.MONITOR
    )
    return sorted(set(users.values_list("pk", flat=True)))


def alert_due(items: Sequence[Item]) -> int:
    """Send one alert per item, once (alerted_at); inside the scoring transaction, so a
    rolled-back scoring sends nothing."""
    sent = 0
    now = timezone.now()
    for item in items:
        claimed = Item.objects.filter(pk=item.pk, alerted_at__isnull=True).update(alerted_at=now)
        if not claimed:
            continue
        item.alerted_at = now
        recipients = monitors_for(item)
        if not recipients:
            continue
        subject = _("Peringatan pemantauan: unggahan akun ASN berskor %(s).2f") % {"s": item.score}
        body = _(
            "Unggahan %(p)s oleh @%(h)s (terhubung ke ASN) berskor %(s).2f. "
            "Telaah di /staf/pemantauan/unggahan/%(id)d/."
        ) % {"p": item.platform, "h": item.author_handle, "s": item.score, "id": item.pk}
        for channel in CHANNELS:
            channel.send(recipients, subject=subject, body=body)
        sent += 1
    return sent
