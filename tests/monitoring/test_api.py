"""The monitoring API: sources push with their own token (idempotent, batches up to 1,000);
staff list, triage and promote what they may see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from netral.monitoring.models import Item
from netral.monitoring.sources import source_add
from tests.monitoring.conftest import post

pytestmark = pytest.mark.django_db
URL = "/api/v1/monitoring/items"


@pytest.fixture
def pusher(db: None) -> Client:
    from django.db import transaction

    with transaction.atomic():
        _source, token = source_add(actor=None, name="mitra-a", kind="api", region="16.01")
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_source_pushes_a_batch_and_a_retry_stores_nothing_twice(pusher: Client) -> None:
    body = {"items": [post(n) for n in range(1, 4)] + [post(1)]}
    first = pusher.post(URL, body, content_type="application/json")
    assert first.status_code == 200, first.content
    data = first.json()
    assert (data["created"], data["duplicates"]) == (3, 1)
    assert data["results"][3]["id"] == data["results"][0]["id"]
    again = pusher.post(URL, body, content_type="application/json").json()
    assert again["created"] == 0 and again["duplicates"] == 4
    assert [r["id"] for r in again["results"]] == [r["id"] for r in data["results"]]
    assert Item.objects.filter(source__name="mitra-a").count() == 3


def test_one_bad_item_refuses_the_call_naming_it_and_stores_nothing(pusher: Client) -> None:
    body = {"items": [post(1), post(2, posted_at="besok pagi")]}
    answer = pusher.post(URL, body, content_type="application/json")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "items[1].posted_at"
    assert not Item.objects.filter(source__name="mitra-a").exists()


def test_an_item_without_a_platform_takes_it_as_a_file_line_does(pusher: Client) -> None:
    """The same rule as the file import: the url's network, else `other`."""
    body = {
        "items": [
            {"url": "https://www.tiktok.com/@budi/video/7", "text": "satu"},
            {"external_id": "z9", "text": "dua"},
        ]
    }
    answer = pusher.post(URL, body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    stored = Item.objects.filter(source__name="mitra-a").order_by("pk")
    assert list(stored.values_list("platform", flat=True)) == ["tiktok", "other"]


def test_more_than_a_thousand_items_are_refused(pusher: Client) -> None:
    body = {"items": [post(n) for n in range(1001)]}
    assert pusher.post(URL, body, content_type="application/json").status_code == 422


def test_a_staff_token_cannot_push_and_a_source_token_cannot_read(
    pusher: Client, api_client_for: Callable[[str], Client]
) -> None:
    staff = api_client_for("monitor_oku")
    assert staff.post(URL, {"items": [post(1)]}, content_type="application/json").status_code == 401
    assert pusher.get(URL).status_code == 401
    assert (
        Client().post(URL, {"items": [post(1)]}, content_type="application/json").status_code == 401
    )


def test_the_list_is_scoped_by_jurisdiction(
    make_items: Callable[..., list[Any]], api_client_for: Callable[[str], Client]
) -> None:
    oku, langsa = make_items([post(1, region="16.01"), post(2, region="11.74")])
    seen = {
        r["id"]
        for r in api_client_for("monitor_oku")
        .get(URL, {"page_size": "200", "source": "tes-api"})
        .json()["results"]
    }
    assert oku.pk in seen and langsa.pk not in seen
    assert api_client_for("bawaslu_langsa").get(f"{URL}/{oku.pk}").status_code == 404
    assert api_client_for("bawaslu_langsa").get(f"{URL}/{langsa.pk}").status_code == 200
    assert api_client_for("ppk_oku").get(f"{URL}/{oku.pk}").status_code == 404
    assert api_client_for("bawaslu_ri").get(f"{URL}/{langsa.pk}").status_code == 200


def test_list_filters_and_counts(
    make_items: Callable[..., list[Any]], api_client_for: Callable[[str], Client]
) -> None:
    make_items([post(1, region="16.01"), post(2, region="16.01", platform="x")])
    client = api_client_for("bawaslu_oku")
    page = client.get(URL, {"source": "tes-api", "platform": "x"}).json()
    assert page["count"] == 1 and page["results"][0]["platform"] == "x"
    assert page["counts"]["new"] >= 1
    # The total follows the state asked for; the counts stay those of every state.
    mine = {"source": "tes-api"}
    assert client.get(URL, mine).json()["count"] == 2
    marked = client.get(URL, {**mine, "state": "relevant"}).json()
    assert (marked["count"], marked["results"], marked["counts"]["new"]) == (0, [], 2)
    assert client.get(URL, {**mine, "state": "new"}).json()["count"] == 2
    assert client.get(URL, {"state": "bogus"}).status_code == 422
    assert client.get(URL, {"region": "abc"}).status_code == 422


def test_the_list_pages_through_every_item_once_in_the_queues_order(
    make_items: Callable[..., list[Any]], api_client_for: Callable[[str], Client]
) -> None:
    """Pages are cut by a sort of ids first (triage.page_rows): together they hold each item
    once, in the queue's order (tied, score, recency, id), ties of score included."""
    items = make_items([post(n, region="16.01") for n in range(1, 8)])
    scores = [0.9, 0.2, 0.9, 0.5, 0.0, 0.9, 0.5]
    for item, score in zip(items, scores, strict=True):
        Item.objects.filter(pk=item.pk).update(score=score)
    Item.objects.filter(pk=items[4].pk).update(tied=True)
    expected = list(
        Item.objects.filter(source__name="tes-api")
        .order_by("-tied", "-score", "-seen_at", "-id")
        .values_list("pk", flat=True)
    )
    client = api_client_for("monitor_oku")
    got, last = [], None
    for number in (1, 2, 3):
        page = client.get(URL, {"source": "tes-api", "page_size": "3", "page": str(number)})
        assert page.status_code == 200, page.content
        data = page.json()
        assert data["count"] == 7
        got += [r["id"] for r in data["results"]]
        last = data["results"]
    assert got == expected and got[0] == items[4].pk
    assert last is not None and len(last) == 1 and last[0]["source"] == "tes-api"


def test_triage_through_the_api_and_the_analyst_gets_403(
    make_items: Callable[..., list[Any]], api_client_for: Callable[[str], Client]
) -> None:
    (item,) = make_items([post(1, region="16.01")])
    body = {
        "items": [item.pk],
        "state": "relevant",
        "veracity": "confirmed",
        "tags": ["Kampanye"],
        "note": "akun resmi",
    }
    answer = api_client_for("monitor_oku").post(
        f"{URL}/triage", body, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    item.refresh_from_db()
    assert (item.state, item.veracity, item.tags) == ("relevant", "confirmed", ["kampanye"])
    assert (
        api_client_for("analyst")
        .post(f"{URL}/triage", body, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        api_client_for("bawaslu_langsa")
        .post(f"{URL}/triage", body, content_type="application/json")
        .status_code
        == 404
    )


def test_promote_through_the_api(
    make_items: Callable[..., list[Any]], api_client_for: Callable[[str], Client]
) -> None:
    (item,) = make_items([post(1, region="16.01")])
    client = api_client_for("monitor_oku")
    early = client.post(f"{URL}/{item.pk}/promote", {}, content_type="application/json")
    assert early.status_code == 422
    client.post(
        f"{URL}/triage", {"items": [item.pk], "state": "relevant"}, content_type="application/json"
    )
    answer = client.post(f"{URL}/{item.pk}/promote", {}, content_type="application/json")
    assert answer.status_code == 201, answer.content
    again = client.post(f"{URL}/{item.pk}/promote", {}, content_type="application/json")
    assert again.json()["case"] == answer.json()["case"]


def test_batches_through_the_api(
    make_items: Callable[..., list[Any]], api_client_for: Callable[[str], Client]
) -> None:
    make_items([post(n, region="16.01") for n in range(1, 4)])
    client = api_client_for("monitor_oku")
    batch = client.post("/api/v1/monitoring/batches?source=tes-api")
    assert batch.status_code == 201 and len(batch.json()["items"]) == 3
    released = client.post(f"/api/v1/monitoring/batches/{batch.json()['id']}/release")
    assert released.status_code == 200
    assert (
        api_client_for("bawaslu_langsa")
        .post(f"/api/v1/monitoring/batches/{batch.json()['id']}/release")
        .status_code
        == 404
    )
