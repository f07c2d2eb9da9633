"""The reminders page of a pact round: who has not signed, the last reminder's time, and
"send reminders now" that a second click (or a colleague's earlier sending) cannot repeat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from netral.audit.models import AuditEntry
from netral.prevention.models import PactRound

pytestmark = pytest.mark.django_db


def _url(pact_round: PactRound) -> str:
    return f"/staf/pencegahan/pakta/{pact_round.pk}/pengingat/"


def _send(client: Client, pact_round: PactRound, seen: str, capture: Any) -> Any:
    with capture(execute=True):
        return client.post(
            f"/staf/pencegahan/pakta/{pact_round.pk}/ingatkan/", {"seen": seen}, follow=True
        )


def test_the_page_lists_who_has_not_signed_and_that_nobody_was_reminded(
    client_for: Callable[[str], Client], pact_round: PactRound
) -> None:
    page = client_for("ppk_oku").get(_url(pact_round))
    assert page.status_code == 200
    state = page.context["state"]
    invited = pact_round.invitations  # the whole agency; nobody has signed yet
    mailable = invited.exclude(asn__email="").count()
    assert (state.unsigned, state.unsigned_with_email) == (invited.count(), mailable)
    assert state.without_email == invited.count() - mailable > 0
    assert state.last_at is None
    html = page.content.decode()
    assert "Drs. Agus Salim" in html and "belum pernah" in html
    assert 'name="seen" value="never"' in html


def test_a_second_click_sends_nothing_twice(
    client_for: Callable[[str], Client],
    pact_round: PactRound,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for("ppk_oku")
    token = client.get(_url(pact_round)).context["state"].token
    mail.outbox.clear()
    first = _send(client, pact_round, token, django_capture_on_commit_callbacks)
    assert first.status_code == 200
    expected = set(
        pact_round.invitations.exclude(asn__email="").values_list("asn__email", flat=True)
    )
    assert {"agus@okukab.go.id", "putri@okukab.go.id"} <= expected
    sent = len(mail.outbox)
    assert {to for m in mail.outbox for to in m.to} == expected and sent == len(expected)
    state = first.context["state"]
    assert state.last_at is not None and state.last_count == sent
    assert timezone.localtime(state.last_at).strftime("%H:%M") in first.content.decode()

    second = _send(client, pact_round, token, django_capture_on_commit_callbacks)  # same page
    assert len(mail.outbox) == sent
    assert "tidak dikirim lagi" in second.content.decode()
    assert set(pact_round.invitations.values_list("reminders", flat=True)) <= {0, 1}
    assert (
        AuditEntry.objects.filter(action="pact.remind", object_id=str(pact_round.pk)).count() == 1
    )

    # A deliberate new sending from the refreshed page goes out.
    third = _send(client, pact_round, state.token, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2 * sent and third.status_code == 200


def test_readers_see_the_page_without_the_button_and_cannot_send(
    client_for: Callable[[str], Client],
    pact_round: PactRound,
    django_capture_on_commit_callbacks: Any,
) -> None:
    bawaslu = client_for("bawaslu_oku")
    page = bawaslu.get(_url(pact_round))
    assert page.status_code == 200 and 'name="seen"' not in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        refused = bawaslu.post(
            f"/staf/pencegahan/pakta/{pact_round.pk}/ingatkan/", {"seen": "never"}
        )
    assert refused.status_code == 403 and not mail.outbox


@pytest.mark.parametrize("username", ["ppk_langsa", "bawaslu_langsa"])
def test_outsiders_get_404(
    client_for: Callable[[str], Client], pact_round: PactRound, username: str
) -> None:
    client = client_for(username)
    assert client.get(_url(pact_round)).status_code == 404
    assert client.post(f"/staf/pencegahan/pakta/{pact_round.pk}/ingatkan/").status_code == 404
