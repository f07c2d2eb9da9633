"""A mail server that is down never costs a reporter the receipt: the report commits, the
receipt is shown, the notification waits in the job backlog and goes out once mail is back."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core import mail

from netral.intake.models import Report
from netral.jobs.backlog import drain
from netral.jobs.models import PendingJob

pytestmark = pytest.mark.django_db


def _mail_is_back(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()


def test_lapor_shows_the_receipt_with_the_mail_server_down(
    smtp_down: None,
    submit_form: Any,
    settings: Any,
    caplog: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    before = Report.objects.count()
    with (
        caplog.at_level(logging.ERROR, logger="netral.jobs"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = submit_form()
    assert response.status_code == 201
    assert response.context["receipt"]  # the reporter sees the receipt code
    assert Report.objects.count() == before + 1
    job = PendingJob.objects.get()
    assert job.task == "netral.notifications.tasks.notify_users"
    assert job.attempts == 1 and "ConnectionRefusedError" in job.last_error
    assert "kept in the backlog" in caplog.text

    _mail_is_back(settings)
    job.next_try_at = job.created_at  # its back-off has passed
    job.save()
    assert drain() == (1, 0)
    assert "bawaslu_oku@demo.netral.invalid" in [to for m in mail.outbox for to in m.to]
    assert not PendingJob.objects.exists()


def test_api_report_answers_201_with_receipt_and_a_retry_files_nothing_twice(
    smtp_down: None, submit_api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    before = Report.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        first = submit_api(key="same-key-mail-down")
    assert first.status_code == 201, first.content
    receipt = first.json()["receipt"]
    with django_capture_on_commit_callbacks(execute=True):
        again = submit_api(key="same-key-mail-down")
    assert again.status_code == 200 and again.json()["receipt"] == receipt
    assert Report.objects.count() == before + 1
    assert PendingJob.objects.count() == 1


def test_administrators_see_the_failed_job_and_can_retry_it(
    smtp_down: None,
    submit_api: Any,
    client_for: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        submit_api()
    admin = client_for("admin")
    page = admin.get("/admin/jobs/pendingjob/")
    assert page.status_code == 200
    assert "notify_users" in page.content.decode()
    job = PendingJob.objects.get()
    _mail_is_back(settings)
    response = admin.post(
        "/admin/jobs/pendingjob/", {"action": "retry_now", "_selected_action": [job.pk]}
    )
    assert response.status_code == 302
    assert not PendingJob.objects.exists() and mail.outbox


def test_staff_without_admin_rights_do_not_see_the_backlog(client_for: Any) -> None:
    response = client_for("bawaslu_oku").get("/admin/jobs/pendingjob/")
    assert response.status_code in {302, 403, 404}
    assert "notify_users" not in response.content.decode()
