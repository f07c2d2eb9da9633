"""A submission's cost in queries, pinned (issue 12, item 7): the work a report needs before its
receipt is answered, in few statements, and the office's case counter (which every report to
that office takes in turn) locked only for the last few statements of the transaction."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netral.cases.models import Case
from netral.intake.models import Report

pytestmark = pytest.mark.django_db

# The API submission of one anonymous report naming one ASN and one link (conftest.api_body),
# in a test's transaction (no BEGIN/COMMIT, the e-mail job not run), on either database; 12 of
# them are the rate limit's counter in the database cache (none with NETRAL_CACHE_URL). It was
# 58 before the count was cut.
API_SUBMISSION_QUERIES = 40
# The /lapor/ form's submission of a named report (conftest.form_data), its receipt page included:
# the form's choices (catalogue, provinces, elections) and checks come on top of the service's.
FORM_SUBMISSION_QUERIES = 45
# From the counter's increment to the end: the number written, the case's and the report's
# audit entries appended together (head, sequence, entries, head), the savepoint's release.
AFTER_COUNTER = 6


def _submit(submit_api: Any) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = submit_api()
    assert response.status_code == 201, response.content
    return [q["sql"] for q in queries.captured_queries]


def test_an_api_submission_takes_a_fixed_small_number_of_queries(submit_api: Any) -> None:
    submit_api()  # the first of the year in this register makes the counter row
    statements = _submit(submit_api)
    assert len(statements) == API_SUBMISSION_QUERIES


def test_a_form_submission_takes_a_fixed_small_number_of_queries(submit_form: Any) -> None:
    submit_form()
    with CaptureQueriesContext(connection) as queries:
        response = submit_form()
    assert response.status_code == 201
    assert len(queries) == FORM_SUBMISSION_QUERIES


def test_the_case_counter_is_taken_last(submit_api: Any) -> None:
    submit_api()
    statements = _submit(submit_api)
    counter = [i for i, s in enumerate(statements) if "cases_casecounter" in s]
    assert len(counter) == 1 and statements[counter[0]].startswith("UPDATE")
    after = statements[counter[0] + 1 :]
    assert not any(s.startswith('INSERT INTO "intake_') for s in after)
    assert len(after) == AFTER_COUNTER


def test_a_new_report_is_numbered_and_complete(submit_api: Any) -> None:
    """Numbered last, yet nothing is left with the placeholder, and the ASN, its PPK and the
    deciding institution are as before."""
    body = submit_api().json()
    case = Case.objects.get(number=body["number"])
    assert not Case.objects.filter(number__startswith="~").exists()
    report = Report.objects.get(case=case)
    subject = case.subjects.get()
    assert subject.ppk_institution is not None and subject.ppk_from_incident is False
    assert subject.decision_institution_id == subject.ppk_institution_id
    assert report.asn.get().subject_id == subject.pk
    assert list(case.violations.values_list("code", flat=True)) == ["E2"]
    assert case.stages.get().stage == "preliminary_review"


def test_the_opening_and_the_report_entry_chain_in_the_audit_trail(submit_api: Any) -> None:
    """Appended together, the two entries follow each other in one shard's chain, which
    verifies."""
    from netral.audit.models import AuditEntry
    from netral.audit.services import verify_chain

    body = submit_api().json()
    case = Case.objects.get(number=body["number"])
    report = Report.objects.get(case=case)
    opened = AuditEntry.objects.get(action="case.open", object_id=str(case.pk))
    filed = AuditEntry.objects.get(action="report.submit", object_id=str(report.pk))
    assert (filed.shard, filed.shard_seq, filed.seq) == (
        opened.shard,
        opened.shard_seq + 1,
        opened.seq + 1,
    )
    assert filed.prev_hash == opened.hash and filed.data["case"] == case.number
    assert verify_chain().ok


def test_a_reported_nip_the_registry_knows_decides_the_ppk_and_who_decides(
    submit_api: Any,
) -> None:
    """The ASN's deciding institution is set before the rows are written; when the registry
    then knows the NIP, the PPK guessed from the incident's place gives way to the agency's,
    and the deciding institution follows it."""
    from netral.cases.routing import ppk_agency_of
    from netral.registry.demo import PEOPLE

    from .conftest import api_body

    lurah = PEOPLE[6][0]  # a lurah in Palembang, reported for an incident in OKU
    body = api_body(subjects=[{"name": "Achmad Fauzi", "nip": lurah}])
    response = submit_api(body)
    assert response.status_code == 201, response.content
    subject = Case.objects.get(number=response.json()["number"]).subjects.get()
    assert subject.asn is not None and subject.asn.nip == lurah
    assert subject.ppk_institution_id == subject.asn.agency.ppk_id
    assert subject.ppk_institution is not None and subject.ppk_institution.regency_id == "16.71"
    decider = ppk_agency_of(subject.ppk_institution)
    assert decider is not None and subject.decision_institution_id == decider.pk
