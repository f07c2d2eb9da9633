"""The triage queue's first page stays cheap however many items there are: a fixed number of
queries, and on PostgreSQL an ordered walk of the queue's partial index (no sort of the
jurisdiction's items)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netral.monitoring import triage
from tests.monitoring.conftest import post

pytestmark = pytest.mark.django_db


def _page_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        answer = client.get("/staf/pemantauan/")
    assert answer.status_code == 200
    return len(ctx.captured_queries)


def test_the_queue_page_takes_as_many_queries_for_few_items_as_for_many(
    make_items: Callable[..., list[Any]], client_for: Callable[[str], Any]
) -> None:
    client = client_for("monitor_oku")
    make_items([post(n) for n in range(1, 4)])
    few = _page_queries(client)
    make_items([post(n) for n in range(4, 64)])
    assert _page_queries(client) == few


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
@pytest.mark.parametrize("username", ["monitor_oku", "bawaslu_ri"])
def test_the_first_page_is_an_ordered_index_walk(
    username: str, make_items: Callable[..., list[Any]], persona: Callable[[str], Any]
) -> None:
    make_items([post(n) for n in range(1, 31)])
    with connection.cursor() as cursor:
        # A tiny table is read whole; tell the planner to prefer indexes, as with many items.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plan = (
            triage.queue(persona(username)).select_related("account__asn", "source")[:50].explain()
        )
    assert "monitoring_queue" in plan
    assert "Sort" not in plan, plan
