"""A runner's web imports: a CSV preview awaiting confirmation, or a batch of
activity files / a Strava export run by a task worker (``tracker.imports.jobs``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advice.i18n import from_data
from tracker.constraints import one_of as _in


class ImportKind(models.TextChoices):
    CSV = "csv", _("CSV files")
    FILES = "files", _("Activity files")
    STRAVA = "strava", _("Strava export")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """One import a runner started on the web: a CSV preview awaiting confirmation,
    or a batch of activity files / a Strava export run by a task worker.

    Uploaded files wait in the upload storage (tracker.imports.storage: a private
    folder under DATA_DIR, or a bucket) under ``spool`` and are deleted when the
    job ends; the CSV texts kept between preview and confirm are small and stay in
    ``payload``. Progress is written every few activities, so that a job whose
    worker died is taken up again where it stopped (tracker.imports.jobs).
    """

    Kind = ImportKind
    Status = ImportStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    label = models.CharField(max_length=200, blank=True, help_text=_("What was uploaded."))
    total = models.PositiveIntegerField(default=0)
    done_count = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    # One "FILE: imported|duplicate|refused: detail" line per activity: a string, or
    # (activity files) a Text's message id and parameters, read back by ``lines``.
    messages = models.JSONField(default=list, blank=True)
    # The sessions this job created, for the follow-up form.
    session_ids = models.JSONField(default=list, blank=True)
    # Uploaded files waiting in the spool folder: [{"name": shown name, "file": stored name}].
    inputs = models.JSONField(default=list, blank=True)
    spool = models.CharField(max_length=200, blank=True, editable=False)
    payload = models.BinaryField(null=True, blank=True, editable=False)
    # The task that runs the job (the task framework's result id), to tell a job
    # waiting in the queue from one whose worker is gone.
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="import_job_user_created")]
        constraints = [
            models.CheckConstraint(condition=_in("kind", ImportKind), name="import_job_kind_valid"),
            models.CheckConstraint(
                condition=_in("status", ImportStatus), name="import_job_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import {self.pk} ({self.status})"

    def lines(self) -> list[str]:
        """The messages as strings (English); each a ``Text`` where one was stored, so
        a page can show it in its language (tracker.i18n.translated)."""
        return [from_data(item) for item in self.messages]

    def write_progress(self, **more: Any) -> None:
        """Write the progress fields (status, counts, messages) as they are on this
        object, with ``more`` fields, in one UPDATE: the page that follows the job
        reads them while the worker goes on."""
        ImportJob.objects.filter(pk=self.pk).update(
            status=self.status,
            total=self.total,
            done_count=self.done_count,
            imported=self.imported,
            duplicates=self.duplicates,
            refused=self.refused,
            messages=self.messages,
            updated_at=timezone.now(),
            **more,
        )

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def share_done(self) -> float:
        """0..1 for the progress bar."""
        if self.finished:
            return 1.0
        return min(1.0, self.done_count / self.total) if self.total else 0.0
