from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "netral.jobs"
    verbose_name = _("Pekerjaan latar")

    def ready(self) -> None:
        from celery.signals import task_failure

        from netral.jobs.backlog import on_worker_failure

        # A job that a worker gave up on (its own retries spent) joins the backlog too, so
        # that administrators see it and it is tried again later.
        task_failure.connect(on_worker_failure, weak=False, dispatch_uid="netral-jobs-backlog")
