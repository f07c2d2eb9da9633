"""A checkpoint by e-mail: each supervisor keeps a copy that no one on the server can take back,
to hold against `netral audit verify` (the line is the one in the checkpoint file)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from netral.accounts.roles import Role
from netral.audit.anchors import Checkpoint
from netral.notifications.services import notify


def supervisors() -> list[int]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, roles__role=Role.SUPERVISOR)
        .exclude(email="")
    )
    return sorted(set(users.values_list("pk", flat=True)))


def send(cp: Checkpoint) -> int:
    """Queue the mail (sent after commit, retried from the backlog if the server is away)."""
    ids = supervisors()
    subject = _("Titik periksa jejak audit Netral #%(n)s") % {"n": cp.number}
    body = _(
        "Titik periksa jejak audit Netral nomor %(n)s, %(at)s. Simpan e-mail ini: isinya "
        "mencatat ujung setiap rantai audit pada saat itu, sehingga entri yang kemudian "
        "dihapus atau ditulis ulang dapat dibuktikan. Bandingkan dengan baris yang sama di "
        "berkas titik periksa server bila ada keraguan.\n\n%(line)s"
    ) % {"n": cp.number, "at": cp.at, "line": cp.text()}
    with transaction.atomic():
        notify(ids, subject=subject, body=body)
    return len(ids)
