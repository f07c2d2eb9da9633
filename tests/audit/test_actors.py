"""The audit trail names actors who are not staff: an ASN by registry id, an API source, the
system's jobs, a public reporter; and every call that passed a user or None still works."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from netral.access.actors import (
    REPORTER,
    SYSTEM,
    ActorKind,
    ApiSourceActor,
    AsnActor,
    StaffActor,
    SystemActor,
    actor_of,
)
from netral.audit.services import PUBLIC_REPORTER, log_action


def test_a_request_user_becomes_a_staff_actor_and_nobody_becomes_the_system(persona):
    user = persona("bawaslu_oku")
    staff = actor_of(user)
    assert isinstance(staff, StaffActor)
    assert (staff.kind, staff.ref, staff.label) == (ActorKind.STAFF, str(user.pk), "bawaslu_oku")
    assert actor_of(None) is SYSTEM and actor_of(AnonymousUser()) is SYSTEM
    assert actor_of(None, label=PUBLIC_REPORTER) is REPORTER
    asn = AsnActor(registry_id="812")
    assert actor_of(asn) is asn


def test_only_a_staff_actor_carries_a_user(persona):
    assert StaffActor(persona("ppk_oku")).user.username == "ppk_oku"
    for other in (AsnActor("1"), REPORTER, ApiSourceActor("feed-x"), SystemActor("cases.sweep")):
        assert other.user is None


@pytest.mark.django_db
def test_log_action_records_each_kind_of_actor_by_name(persona):
    user = persona("bawaslu_oku")
    with transaction.atomic():
        by_staff = log_action(user, "test.staff")
        by_asn = log_action(AsnActor(registry_id="812", name="Budi Santoso"), "pact.sign")
        by_feed = log_action(ApiSourceActor(source="feed-7"), "item.ingest")
        by_job = log_action(SystemActor(job="cases.sweep"), "case.stage_overdue")
        by_reporter = log_action(None, "report.submit", actor_label=PUBLIC_REPORTER)
        by_nobody = log_action(None, "catalogue.load")
    assert (by_staff.actor_id, by_staff.actor_label) == (user.pk, "bawaslu_oku")
    assert (by_asn.actor_id, by_asn.actor_label) == (None, "Budi Santoso")
    assert by_feed.actor_label == "api:feed-7"
    assert by_job.actor_label == by_nobody.actor_label == "sistem"
    assert by_reporter.actor_label == "pelapor"
