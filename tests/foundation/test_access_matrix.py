"""The permission matrix for the foundation's views and endpoints.

Personas around Bawaslu Kab. Ogan Komering Ulu (16.01, Sumatera Selatan): its own officer, a
sibling in the same province (Palembang), a kab/kota in another province (Langsa, Aceh), the
parent (Bawaslu Sumsel), national (Bawaslu RI, analyst, BKN) and the PPK's personnel office.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from netral import access
from netral.accounts.models import Institution
from tests.factories import UserFactory

OKU = "Bawaslu Kabupaten Ogan Komering Ulu"

# persona → may see Bawaslu OKU's institution page?
INSTITUTION_MATRIX = {
    "bawaslu_oku": True,  # own
    "monitor_oku": True,  # own office, other role
    "ppk_oku": True,  # same kab/kota, other institution
    "bawaslu_palembang": False,  # sibling kab/kota, same province
    "bawaslu_langsa": False,  # kab/kota in another province
    "bawaslu_aceh_besar": None,  # (no such demo user: skipped)
    "bawaslu_sumsel": True,  # parent province
    "bawaslu_jatim": False,  # another province
    "bawaslu_ri": True,  # national
    "analyst": True,  # national, read-only
    "bkn": True,  # national
    "bkn_kanreg7": True,  # regional office with jurisdiction over Sumsel
    "admin": True,
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "allowed"), [(u, a) for u, a in INSTITUTION_MATRIX.items() if a is not None]
)
def test_institution_page_follows_jurisdiction(client_for, username, allowed):
    oku = Institution.objects.get(name=OKU)
    response = client_for(username).get(reverse("web:institution-detail", args=[oku.pk]))
    assert response.status_code == (200 if allowed else 404)


@pytest.mark.django_db
def test_forbidden_and_missing_institution_look_the_same(client_for):
    langsa = Institution.objects.get(name="Panwaslih Kota Langsa")
    client = client_for("bawaslu_oku")
    forbidden = client.get(reverse("web:institution-detail", args=[langsa.pk]))
    missing = client.get(reverse("web:institution-detail", args=[999_999]))
    assert forbidden.status_code == missing.status_code == 404

    # The styled 404 page differs only in what differs on every page: the masked CSRF token
    # (new on each render) and the address the visitor asked for, echoed in the language switch.
    def same_parts(response: Any, path: str) -> str:
        text = response.content.decode().replace(path, "PATH")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", text)

    assert same_parts(forbidden, reverse("web:institution-detail", args=[langsa.pk])) == same_parts(
        missing, reverse("web:institution-detail", args=[999_999])
    )


@pytest.mark.django_db
def test_institution_list_shows_only_the_jurisdiction(client_for):
    body = client_for("bawaslu_oku").get(reverse("web:institution-list")).content.decode()
    assert OKU in body and "BKPSDM Kabupaten Ogan Komering Ulu" in body
    assert "Bawaslu Kota Palembang" not in body and "Panwaslih Kota Langsa" not in body
    province = client_for("bawaslu_sumsel").get(reverse("web:institution-list")).content.decode()
    assert OKU in province and "Bawaslu Kota Palembang" in province
    assert "Panwaslih Kota Langsa" not in province


@pytest.mark.django_db
def test_institution_list_query_count_is_pinned(client_for, django_assert_max_num_queries):
    client = client_for("bawaslu_ri")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("web:institution-list")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("admin", 200),
        ("inspektorat_oku", 200),  # supervisor
        ("kemendagri", 200),  # national supervisor
        ("bawaslu_oku", 404),
        ("analyst", 404),
        ("ppk_oku", 404),
        ("bkn", 404),
    ],
)
def test_audit_log_is_for_administrators_and_supervisors(client_for, username, status):
    assert client_for(username).get(reverse("web:audit-log")).status_code == status


@pytest.mark.django_db
def test_supervisor_reads_only_audit_entries_of_their_region(persona):
    from django.db import transaction

    from netral.audit.models import AuditEntry
    from netral.audit.services import log_action

    with transaction.atomic():
        log_action(None, "test.oku", region=("16", "16.01"))
        log_action(None, "test.langsa", region=("11", "11.74"))
    seen = set(
        access.visible_to(persona("inspektorat_oku"), AuditEntry).values_list("action", flat=True)
    )
    assert "test.oku" in seen and "test.langsa" not in seen
    national = set(
        access.visible_to(persona("kemendagri"), AuditEntry).values_list("action", flat=True)
    )
    assert {"test.oku", "test.langsa"} <= national


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["staff-home", "institution-list", "audit-log"])
def test_anonymous_visitor_is_sent_to_login(anon, name):
    response = anon.get(reverse(f"web:{name}"))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


@pytest.mark.django_db
def test_user_without_institution_gets_404_on_staff_pages(client):
    client.force_login(UserFactory(institution=None))
    assert client.get(reverse("web:staff-home")).status_code == 404


@pytest.mark.django_db
def test_analyst_is_read_only(persona):
    analyst = persona("analyst")
    assert access.visible_to(analyst, Institution).count() == Institution.objects.count()
    assert not access.can_write(analyst)
    assert access.writable_by(analyst, Institution).count() == 0
    admin = persona("admin")
    assert access.writable_by(admin, Institution).count() == Institution.objects.count()


@pytest.mark.django_db
def test_unregistered_models_are_invisible_to_everyone(persona):
    from netral.accounts.models import StaffRole

    assert access.visible_to(persona("admin"), StaffRole).count() == 0
