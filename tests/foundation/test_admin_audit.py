"""Every change an administrator makes in /admin/ is in the audit trail with what changed:
inline rows (a user's roles), bulk "delete selected", API tokens, passwords (named, never
copied), and the admins other packages register (groups, login lockouts)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin

from netral.accounts.models import ApiToken, StaffRole
from netral.accounts.services import token_create
from netral.audit.admin import AuditedMixin, AuditEntryAdmin
from netral.audit.models import AuditEntry
from netral.audit.services import verify_chain
from tests.admin_forms import form_fields

pytestmark = pytest.mark.django_db


def _entries_after(seq: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(seq__gt=seq).order_by("seq"))


def _user_form(client: Any, user: Any) -> tuple[str, dict[str, Any]]:
    url = f"/admin/accounts/user/{user.pk}/change/"
    return url, form_fields(client.get(url).content.decode(), "user_form")


def _last_seq() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_a_role_added_through_the_user_inline_is_audited_with_the_role(
    client_for: Any, persona: Any
) -> None:
    analyst = persona("analyst")
    client = client_for("admin")
    url, data = _user_form(client, analyst)
    total = int(data["roles-TOTAL_FORMS"])
    blank = next(i for i in range(total) if not data.get(f"roles-{i}-role"))
    data[f"roles-{blank}-role"] = "investigator"
    seq = _last_seq()
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert StaffRole.objects.filter(user=analyst, role="investigator").exists()
    entries = {e.action: e for e in _entries_after(seq)}
    role = entries["staffrole.create"]
    assert role.data["changes"] == {"role": "investigator"}
    assert role.data["parent"] == "analyst" and role.actor_label == "admin"
    assert "date_joined" not in entries["user.change"].data["changes"]  # no phantom change
    assert verify_chain().ok


def test_a_role_removed_through_the_inline_is_audited(client_for: Any, persona: Any) -> None:
    analyst = persona("analyst")
    client = client_for("admin")
    url, data = _user_form(client, analyst)
    data["roles-0-DELETE"] = "on"
    seq = _last_seq()
    assert client.post(url, data).status_code == 302
    deleted = [e for e in _entries_after(seq) if e.action == "staffrole.delete"]
    assert len(deleted) == 1 and deleted[0].data["object"] == "analyst: analyst"


def test_a_field_change_records_old_and_new_values(client_for: Any, persona: Any) -> None:
    user = persona("ppk_oku")
    client = client_for("admin")
    url, data = _user_form(client, user)
    data["position"] = "Kepala Bidang Disiplin"
    seq = _last_seq()
    assert client.post(url, data).status_code == 302
    entry = next(e for e in _entries_after(seq) if e.action == "user.change")
    assert entry.data["changes"] == {"position": [user.position, "Kepala Bidang Disiplin"]}


def test_delete_selected_leaves_one_entry_per_object(client_for: Any, persona: Any) -> None:
    tokens = [token_create(user=persona("bkn")) for _ in range(3)]
    assert tokens
    ids = list(ApiToken.objects.filter(user=persona("bkn")).values_list("pk", flat=True))
    seq = _last_seq()
    response = client_for("admin").post(
        "/admin/accounts/apitoken/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk__in=ids).exists()
    deleted = [e for e in _entries_after(seq) if e.action == "apitoken.delete"]
    assert sorted(int(e.object_id) for e in deleted) == sorted(ids)
    assert all(e.data["via"] == "admin bulk delete" for e in deleted)


def test_an_api_token_edit_is_audited_without_its_digest(client_for: Any, persona: Any) -> None:
    token_create(user=persona("bkn"), name="integrasi")
    token = ApiToken.objects.filter(user=persona("bkn")).latest("pk")
    client = client_for("admin")
    url = f"/admin/accounts/apitoken/{token.pk}/change/"
    data = form_fields(client.get(url).content.decode(), "apitoken_form")
    data["name"] = "integrasi SIMPEG"
    data["revoked_at_0"], data["revoked_at_1"] = "2026-01-05", "10:00:00"
    seq = _last_seq()
    assert client.post(url, data).status_code == 302
    entry = next(e for e in _entries_after(seq) if e.action == "apitoken.change")
    assert entry.data["changes"]["name"] == ["integrasi", "integrasi SIMPEG"]
    assert entry.data["changes"]["revoked_at"][0] is None
    assert token.digest not in entry.data_json


def test_a_password_set_in_the_admin_is_audited_but_not_copied(
    client_for: Any, persona: Any
) -> None:
    user = persona("ppk_langsa")
    seq = _last_seq()
    response = client_for("admin").post(
        f"/admin/accounts/user/{user.pk}/password/",
        {
            "password1": "Sandi-baru-yang-panjang-7",
            "password2": "Sandi-baru-yang-panjang-7",
            "usable_password": "true",
            "set_usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entries = [e for e in _entries_after(seq) if e.action == "user.change"]
    assert len(entries) == 1 and entries[0].object_id == str(user.pk)
    assert "Sandi-baru" not in entries[0].data_json


def test_a_group_added_in_the_admin_is_audited(client_for: Any) -> None:
    seq = _last_seq()
    response = client_for("admin").post("/admin/auth/group/add/", {"name": "Tim TI"})
    assert response.status_code == 302
    entry = next(e for e in _entries_after(seq) if e.action == "group.create")
    assert entry.data["changes"]["name"] == "Tim TI"


def test_every_admin_page_is_audited() -> None:
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedMixin | AuditEntryAdmin)
    ]
    assert unaudited == []
