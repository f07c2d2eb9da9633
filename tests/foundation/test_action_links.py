"""Every link and form a staff page shows leads somewhere for the user who sees it.

Each demo persona walks the staff pages from the staff home (and the case page of one case in
every state it sees), follows every link under /staf/ and submits every form with what the
page put in it (inside a savepoint that is rolled back): none may answer 403, 404 or 405. A
link the user cannot take is not shown (netral/web/abilities.py asks the rule).
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client

from netral import access
from netral.cases.models import Case

pytestmark = pytest.mark.django_db

# Every kind of staff user of the demo: Bawaslu (kab/kota, province), a monitor, BKN (regional),
# Satgas, a PPK officer, supervisors (Inspektorat, Kemendagri), the analyst, the administrator.
PERSONAS = (
    "bawaslu_oku",
    "bawaslu_sumsel",
    "monitor_oku",
    "bkn_kanreg7",
    "satgas",
    "ppk_oku",
    "inspektorat_oku",
    "kemendagri",
    "analyst",
    "admin",
)
PAGES_PER_SHAPE = 2  # /staf/perkara/12/ and /staf/perkara/13/ share a shape
BROKEN = {403, 404, 405}


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)


class _Targets(HTMLParser):
    """The links and forms of a page, with the values the page put in each form."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"])
        elif tag == "form":
            self._form = Form(attr.get("method", "get").lower() or "get", attr.get("action", ""))
            self.forms.append(self._form)
        elif (
            tag == "input"
            and self._form is not None
            and attr.get("name")
            and attr.get("type", "text") in {"hidden", "text", "date", "number"}
        ):
            self._form.fields[attr["name"]] = attr.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def _staff_path(base: str, href: str) -> str | None:
    url = urlsplit(urljoin(base, href))
    if url.scheme not in {"", "http"} or url.netloc not in {"", "testserver"}:
        return None
    if not url.path.startswith("/staf/"):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def _shape(path: str) -> str:
    return re.sub(r"/\d+/", "/N/", path.split("?")[0])


def _seeds(user: Any) -> list[str]:
    """The staff home, and the page of one visible case in each state (where moves show)."""
    one_per_state: dict[str, int] = {}
    for pk, state in access.visible_to(user, Case).order_by("pk").values_list("pk", "state"):
        one_per_state.setdefault(state, pk)
    return ["/staf/", *(f"/staf/perkara/{pk}/" for pk in one_per_state.values())]


def _submit(client: Client, form: Form) -> int:
    """Post the form as the page filled it, then undo whatever it changed."""
    with transaction.atomic():
        status = client.post(form.action, form.fields).status_code
        transaction.set_rollback(True)
    return status


def _walk(client: Client, seeds: list[str]) -> tuple[list[str], int]:
    broken: list[str] = []
    queue, seen, shapes = deque(seeds), set(seeds), Counter(_shape(s) for s in seeds)
    forms: dict[tuple[str, tuple[str, ...]], tuple[str, Form]] = {}
    source: dict[str, str] = {}
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in BROKEN:
            broken.append(f"GET {url} → {response.status_code} (linked from {source.get(url)})")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        targets = _Targets()
        targets.feed(response.content.decode())
        found = [*targets.links, *(f.action or url for f in targets.forms if f.method == "get")]
        for href in found:
            path = _staff_path(url, href)
            if path is None or path in seen or shapes[_shape(path)] >= PAGES_PER_SHAPE:
                continue
            seen.add(path)
            shapes[_shape(path)] += 1
            source[path] = url
            queue.append(path)
        for form in targets.forms:
            action = _staff_path(url, form.action or url)
            if form.method == "post" and action is not None:
                form.action = action
                forms.setdefault((_shape(action), tuple(sorted(form.fields))), (url, form))
    for page, form in forms.values():
        status = _submit(client, form)
        if status in BROKEN:
            broken.append(f"POST {form.action} → {status} (form on {page})")
    return broken, len(seen)


@pytest.mark.parametrize("username", PERSONAS)
def test_no_staff_link_or_form_answers_403_or_404(
    username: str, persona: Any, client_for: Any
) -> None:
    broken, walked = _walk(client_for(username), _seeds(persona(username)))
    assert walked > 10, "the walk should reach the staff pages"
    assert broken == []


@pytest.mark.parametrize(
    ("username", "shown"),
    [("bawaslu_oku", True), ("monitor_oku", True), ("ppk_oku", False), ("bkn", False)],
)
def test_the_staff_home_links_monitoring_only_to_those_who_may_open_it(
    client_for: Any, username: str, shown: bool
) -> None:
    client = client_for(username)
    home = client.get("/staf/").content.decode()
    assert ('href="/staf/pemantauan/"' in home) is shown
    assert (client.get("/staf/pemantauan/").status_code == 200) is shown


def test_capture_is_linked_only_for_those_who_triage(client_for: Any) -> None:
    analyst = client_for("analyst")
    assert "/staf/pemantauan/tangkap/" not in analyst.get("/staf/pemantauan/").content.decode()
    assert analyst.get("/staf/pemantauan/tangkap/").status_code == 404
    officer = client_for("bawaslu_oku").get("/staf/pemantauan/").content.decode()
    assert "/staf/pemantauan/tangkap/" in officer


def test_the_audit_trail_is_linked_for_supervisors_not_for_ppk_officers(client_for: Any) -> None:
    assert 'href="/staf/audit/"' in client_for("inspektorat_oku").get("/staf/").content.decode()
    ppk = client_for("ppk_oku")
    assert 'href="/staf/audit/"' not in ppk.get("/staf/").content.decode()
    assert ppk.get("/staf/audit/").status_code == 404
