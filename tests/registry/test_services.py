"""Changing an ASN keeps its history field by field and is audited; a declared account has one
owner."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from netral.audit.models import AuditEntry
from netral.registry.models import DeclaredAccount
from netral.registry.services import asn_update, declared_account_add, declared_account_remove
from tests.registry.conftest import PEOPLE

OKU_CAMAT, OKU_GURU = PEOPLE[0][0], PEOPLE[1][0]


def test_an_update_records_each_changed_field_and_audits_it(people, persona):
    officer = persona("ppk_oku")
    asn = asn_update(
        actor=officer, nip=OKU_CAMAT, changes={"position": "Kepala Dinas Sosial", "status": "aktif"}
    )
    changes = {c.field: (c.old, c.new) for c in asn.changes.all()}
    assert changes["position"] == ("Camat Lengkiti", "Kepala Dinas Sosial")
    assert changes["position_kind"] == ("administrator", "jpt")
    assert changes["tags"] == (",camat,", "")
    assert "status" not in changes  # unchanged fields leave no history
    entry = AuditEntry.objects.filter(action="asn.update").latest("seq")
    assert entry.actor_label == "ppk_oku" and '"position"' in entry.data_json


def test_an_update_that_changes_nothing_writes_nothing(people, persona):
    before = AuditEntry.objects.count()
    asn_update(actor=persona("ppk_oku"), nip=OKU_CAMAT, changes={"position": "Camat Lengkiti"})
    assert AuditEntry.objects.count() == before


def test_an_officer_of_another_agency_cannot_change_the_asn(people, persona):
    with pytest.raises(Http404):
        asn_update(actor=persona("ppk_langsa"), nip=OKU_CAMAT, changes={"position": "x"})


def test_a_declared_account_is_normalised_and_has_one_owner(people, persona):
    officer = persona("ppk_oku")
    account = declared_account_add(
        actor=officer,
        nip=OKU_CAMAT,
        platform="instagram",
        handle="https://www.instagram.com/Ahmad.Fauzan/",
    )
    assert (account.handle, account.url) == (
        "ahmad.fauzan",
        "https://www.instagram.com/ahmad.fauzan/",
    )
    with pytest.raises(ValidationError, match="ASN lain"):
        declared_account_add(
            actor=officer, nip=OKU_GURU, platform="instagram", handle="@ahmad.fauzan"
        )
    declared_account_remove(actor=officer, account_id=account.pk)
    again = declared_account_add(
        actor=officer, nip=OKU_GURU, platform="instagram", handle="@ahmad.fauzan"
    )
    assert DeclaredAccount.objects.filter(handle="ahmad.fauzan").count() == 2
    assert again.removed_at is None
