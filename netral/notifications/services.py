"""Who to tell about what. Jobs go out after commit (see netral.jobs)."""

from __future__ import annotations

from collections.abc import Iterable

from netral.jobs import enqueue
from netral.notifications.tasks import notify_users


def notify(user_ids: Iterable[int], *, subject: str, body: str) -> None:
    ids = sorted(set(user_ids))
    if ids:
        enqueue(notify_users, ids, subject, body)
