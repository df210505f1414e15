"""The import jobs' entry points on Django's task framework (django-tasks, the
backport of Django 6's django.tasks; the backend is settings.TASKS).

A task's arguments are ids, never objects: the row is read afresh by whichever
worker takes the task, on whatever machine.
"""

from __future__ import annotations

from django_tasks import task

from tracker.imports import jobs
from tracker.imports.contract import preview


@task()
def run_import_job(job_id: int) -> None:
    """Run one import job to the end (see jobs.job_run: it holds the job's lock,
    so a second task for the same job returns at once)."""
    jobs.job_run(job_id)


@task()
def run_csv_preview(job_id: int) -> None:
    """Check native CSV files and count what is new; write nothing."""
    preview.csv_preview_run(job_id)


@task()
def run_csv_confirm(job_id: int) -> None:
    """Write a confirmed CSV preview, a batch of rows per transaction."""
    preview.csv_confirm_run(job_id)


@task()
def recover_import_jobs() -> int:
    """Enqueue again the jobs whose worker died; how many there were."""
    return jobs.recover_orphans()
