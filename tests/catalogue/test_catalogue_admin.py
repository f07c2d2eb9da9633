"""Administrators correct the catalogue in the admin; each change leaves history and an audit
entry. Other staff cannot reach it."""

from __future__ import annotations

import pytest

from netral.audit.models import AuditEntry
from netral.catalogue.models import Sanction
from netral.deadlines.models import CutiBersama

pytestmark = pytest.mark.django_db


def _form(obj, **changes):
    data = {
        "code": obj.code,
        "name": obj.name,
        "category": obj.category,
        "level": obj.level,
        "order": obj.order,
        "regulation": obj.regulation_id or "",
        "article": obj.article,
        "description": obj.description,
        "confidence": obj.confidence,
        "confirmation_note": obj.confirmation_note,
        "sources": '["https://example.org/a"]',
    }
    data.update(changes)
    return data


def test_an_administrators_edit_leaves_history_and_an_audit_entry(client_for, persona):
    sanction = Sanction.objects.get(code="PPK-berhenti-kepala-daerah")
    before = sanction.history.count()
    response = client_for("admin").post(
        f"/admin/catalogue/sanction/{sanction.pk}/change/",
        _form(sanction, confidence="resolved", confirmation_note="Dasar hukum ditemukan."),
    )
    assert response.status_code == 302, response.content[:500]
    sanction.refresh_from_db()
    assert sanction.confirmed is True
    assert sanction.history.count() == before + 1
    latest = sanction.history.first()
    assert latest.history_user == persona("admin")
    assert latest.prev_record.confidence == "unconfirmed"
    entry = AuditEntry.objects.filter(action="sanction.change").latest("seq")
    assert entry.object_id == str(sanction.pk)


def test_an_administrator_adds_a_cuti_bersama_day_with_history(client_for):
    response = client_for("admin").post(
        "/admin/deadlines/cutibersama/add/",
        {
            "date": "2027-01-04",
            "name": "Cuti bersama contoh",
            "source": "SKB 2027",
            "confirmed": "on",
        },
    )
    assert response.status_code == 302
    day = CutiBersama.objects.get(date="2027-01-04")
    assert day.history.count() == 1


def test_other_staff_cannot_open_the_catalogue_admin(client_for):
    sanction = Sanction.objects.get(code="PTDH")
    response = client_for("ppk_oku").get(f"/admin/catalogue/sanction/{sanction.pk}/change/")
    assert response.status_code in {302, 403, 404}
    assert "/admin/login/" in response.get("Location", "/admin/login/")
