"""Import jobs: uploads kept in storage, run by a task worker to the end, with
progress written as they go, and taken up again if their worker dies.

- ``job_create`` stores the uploads and makes a pending job; ``job_start``
  enqueues the task that runs it (tasks.run_import_job), on whatever backend
  settings.TASKS names: the database queue in production, the immediate
  backend in the test suite.
- ``job_run`` holds the job's lock (locks.py) for as long as it works, reads
  the job afresh under it, and skips the steps already recorded as done.
  Anything imported after the last record is found again as a duplicate of a
  session this job made, and counted as the job's own. So a job run again after
  its worker died adds no session twice and loses none.
- ``job_is_orphaned`` / ``job_resume_if_orphaned`` / ``recover_orphans`` find
  the jobs no worker holds and no task waits for, and enqueue them again. That
  includes the native CSV files' preview and confirm tasks (contract/preview.py),
  but not a CSV preview that waits for the runner to confirm it.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone

from advice.i18n import Text, to_data
from tracker.imports import limits, storage
from tracker.imports.locks import job_lock, still_held
from tracker.imports.mapping import (
    DUPLICATE,
    FILE_ORIGINS,
    IMPORTED,
    REFUSED,
    Outcome,
    Runner,
    line_text,
)
from tracker.imports.readers import Upload
from tracker.imports.steps import outcome_steps, step_count
from tracker.models import ImportJob, ImportKind, ImportStatus, Session

logger = logging.getLogger(__name__)

# Progress is written every PROGRESS_ROWS steps or PROGRESS_SECONDS, whichever
# comes first. Nothing else depends on it: how long a step takes never decides
# whether a job is alive (its lock does).
PROGRESS_ROWS = 25
PROGRESS_SECONDS = 2.0
# A job page lists the lines of what went wrong in full; those of what went
# right only up to this many, so a 20,000-row export keeps a small job row.
MAX_OK_LINES = 300
MAX_REFUSED_LINES = 2000
UNFINISHED = (ImportStatus.PENDING, ImportStatus.RUNNING)
# A worker takes a task from the queue (the task: running) a moment before it takes
# the job's lock. In that moment the job looks orphaned to a sweep or a job page
# (not waiting, lock free), and was enqueued a second time. A task started this
# recently still counts as taken; one started longer ago whose lock is free is a
# dead worker's, resumed once this has passed.
TASK_TAKING_SECONDS = 30.0


class LostLock(Exception):
    """The job's lock went with the database connection: another worker may now
    take the job, so this one stops writing at once."""


def upload_label(uploads: Sequence[UploadedFile[bytes]]) -> str:
    first = storage.shown_name(uploads[0].name or "")
    if len(uploads) == 1:
        return first
    others = len(uploads) - 1
    return f"{first} and {others} more file{'s' if others > 1 else ''}"


def too_many_jobs(user: User) -> Text | None:
    """Why the runner may not start another import now, or None. A runner has
    at most limits.MAX_JOBS_PER_RUNNER imports of files waiting or running, so
    that one runner cannot fill the task queue (two uploads at the same instant
    may both pass: the limit is on work, not a lock). A CSV preview that waits for
    the runner's confirmation is pending but costs nothing: CSV jobs count while a
    task works on them (running)."""
    unfinished = (
        ImportJob.objects.filter(user=user)
        .filter(
            Q(status=ImportStatus.RUNNING)
            | (Q(status=ImportStatus.PENDING) & ~Q(kind=ImportKind.CSV))
        )
        .count()
    )
    if unfinished < limits.MAX_JOBS_PER_RUNNER:
        return None
    return Text(
        "You have {count} imports waiting or running, the most one runner may have at "
        "once. Nothing was kept: please upload again when one of them has finished.",
        count=unfinished,
    )


def job_create(*, user: User, kind: str, uploads: Sequence[UploadedFile[bytes]]) -> ImportJob:
    """A pending job holding the uploaded files in a fresh folder of the upload
    storage. Raises OSError (nothing kept) when they cannot be stored."""
    job = ImportJob.objects.create(user=user, kind=kind, label=upload_label(uploads))
    try:
        job.spool, job.inputs = storage.save_uploads(job.pk, uploads)
    except Exception:
        job.delete()
        raise
    job.total = len(job.inputs)
    job.save(update_fields=["inputs", "spool", "total", "updated_at"])
    return job


def job_start(job: ImportJob) -> None:
    """Enqueue the task that runs the job. The upload's response does not wait
    for it (except under the immediate backend, which runs it on the spot)."""
    from tracker.imports.contract import preview
    from tracker.imports.tasks import run_import_job  # tasks imports this module

    if job.kind == ImportKind.CSV:
        preview.csv_start(job)
        return
    result = run_import_job.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)


def _task_waiting(task_id: str) -> bool:
    """Whether the job's task still waits in the queue for a worker, or a worker
    has just taken it (TASK_TAKING_SECONDS)."""
    from django_tasks import TaskResultStatus

    from tracker.imports.tasks import run_import_job

    if not task_id:
        return False
    try:
        # Through the backend: the id may be any of the import tasks'.
        result = run_import_job.get_backend().get_result(task_id)
    except Exception:  # unknown id, pruned result, or a backend that keeps none
        return False
    if result.status == TaskResultStatus.READY:
        return True
    started = result.started_at
    return (
        result.status == TaskResultStatus.RUNNING
        and started is not None
        and (timezone.now() - started).total_seconds() < TASK_TAKING_SECONDS
    )


def job_is_orphaned(job: ImportJob) -> bool:
    """An unfinished job that no worker holds and no queued task will take."""
    from tracker.imports.contract import preview

    if job.finished or _task_waiting(job.task_id):
        return False
    if job.kind == ImportKind.CSV and not preview.recoverable(job):
        return False
    with job_lock(job.pk) as free:
        return free


def job_resume_if_orphaned(job: ImportJob) -> bool:
    """Enqueue the job again if it is orphaned. Several callers at once (job
    pages, every worker's sweep) enqueue it once: the conditional update lets one
    claim it; and a second task for a job would only find the lock taken or the
    job done."""
    if not job_is_orphaned(job):
        return False
    claim = f"resume-{uuid.uuid4().hex}"
    claimed = ImportJob.objects.filter(
        pk=job.pk, task_id=job.task_id, status__in=UNFINISHED
    ).update(task_id=claim)
    if not claimed:
        return False
    logger.info("import job %s has no worker: enqueued again", job.pk)
    job_start(job)
    return True


def recover_orphans() -> int:
    """Enqueue again every job whose worker is gone; how many there were."""
    jobs = ImportJob.objects.filter(status__in=UNFINISHED)
    # The payload is a CSV job's small state (its phase), never file contents.
    fields = ("id", "user_id", "kind", "status", "task_id", "payload")
    return sum(job_resume_if_orphaned(job) for job in jobs.only(*fields))


@dataclass
class _Progress:
    """A job's counters, kept in memory and written every few steps."""

    job: ImportJob
    resumed: bool = False
    rows_since: int = 0
    last_write: float = field(default_factory=time.monotonic)
    every_rows: int = PROGRESS_ROWS

    def add(self, outcomes: Sequence[Outcome]) -> None:
        job = self.job
        for outcome in outcomes:
            status = outcome.status
            if status == DUPLICATE and self._made_before_restart(outcome.session_id):
                status = IMPORTED
            if status == IMPORTED:
                job.imported += 1
                if outcome.session_id is not None:
                    job.session_ids.append(outcome.session_id)
            elif status == DUPLICATE:
                job.duplicates += 1
            else:
                job.refused += 1
            ok_lines = job.imported + job.duplicates
            if (status == REFUSED and job.refused <= MAX_REFUSED_LINES) or (
                status != REFUSED and ok_lines <= MAX_OK_LINES
            ):
                # Stored as message id and parameters (ImportJob.lines): the page
                # shows each line in the language of whoever reads it.
                job.messages.append(
                    to_data(
                        outcome.line
                        if status == outcome.status
                        else line_text(outcome.label, status, Text("(before the restart)"))
                    )
                )
            elif status != REFUSED and ok_lines == MAX_OK_LINES + 1:
                job.messages.append(
                    to_data(Text("… (further imported and duplicate lines are not listed)"))
                )
        job.done_count += 1
        self.rows_since += 1
        if (
            self.rows_since >= self.every_rows
            or time.monotonic() - self.last_write >= PROGRESS_SECONDS
        ):
            self.write()

    def _made_before_restart(self, session_id: int | None) -> bool:
        """After a restart, the rows imported between the last progress write and
        the crash come back as duplicates of sessions this job made itself: those
        count as this job's imports (and go to its follow-up form)."""
        if not self.resumed or session_id is None or session_id in self.job.session_ids:
            return False
        return Session.objects.filter(
            pk=session_id,
            user_id=self.job.user_id,
            source__in=FILE_ORIGINS,
            created_at__gte=self.job.created_at,
        ).exists()

    def write(self, status: str | None = None) -> None:
        job = self.job
        if not still_held(job.pk):
            raise LostLock(f"import job {job.pk} lost its lock")
        if status is not None:
            job.status = status
        job.write_progress(session_ids=job.session_ids)
        self.rows_since = 0
        self.last_write = time.monotonic()


def job_run(job_id: int) -> None:
    """Work through a job's inputs to the end, in the calling thread, holding the
    job's lock; return at once if another worker holds it or it is finished.

    Called again on a job that was interrupted, it skips the steps it had
    recorded as done. Whatever happens short of the process dying, the job ends
    done or failed and its stored files are deleted.
    """
    with job_lock(job_id) as held:
        if not held:
            logger.info("import job %s is being run by another worker", job_id)
            return
        # Read under the lock: what a previous worker recorded is final now.
        job = ImportJob.objects.select_related("user").get(pk=job_id)
        if job.finished or job.kind == ImportKind.CSV:
            return
        progress = _Progress(job, resumed=job.status == ImportStatus.RUNNING)
        try:
            _work_through(job, progress)
        except LostLock:
            logger.warning("import job %s lost its lock; another worker will finish it", job_id)
            return
        except Exception:
            logger.exception("import job %s failed", job_id)
            job.messages.append(
                to_data(
                    Text(
                        "The import stopped on an unexpected error. What it imported before "
                        "is kept; upload the same files again to import the rest (what is "
                        "already in your log is skipped)."
                    )
                )
            )
            progress.write(ImportStatus.FAILED)
        storage.delete_uploads(job.spool, job.inputs)


@contextmanager
def _local_uploads(job: ImportJob) -> Iterator[list[Upload]]:
    """The job's files as local files (copies, while the block lasts, when the
    storage is a bucket), under the names the runner gave them."""
    with ExitStack() as stack:
        yield [
            Upload(item["name"], stack.enter_context(storage.local_path(item["file"])))
            for item in job.inputs
        ]


def _work_through(job: ImportJob, progress: _Progress) -> None:
    if not storage.all_present(job.inputs):
        job.messages.append(
            to_data(
                Text(
                    "The uploaded files are no longer on the server; please upload them "
                    "again. Nothing more was imported."
                )
            )
        )
        progress.write(ImportStatus.FAILED)
        return
    runner = Runner.of(job.user)
    with _local_uploads(job) as uploads:
        counts = [step_count(upload, runner=runner) for upload in uploads]
        job.total = sum(counts)
        progress.every_rows = max(PROGRESS_ROWS, job.total // 100)
        progress.write(ImportStatus.RUNNING)
        skip = job.done_count
        for upload, count in zip(uploads, counts, strict=True):
            if skip >= count:
                skip -= count
                continue
            for step in outcome_steps(upload, runner=runner, skip=skip):
                progress.add(step)
            skip = 0
    # A reader that stopped early took fewer steps than counted: the bar ends full.
    job.done_count = max(job.done_count, job.total)
    progress.write(ImportStatus.DONE)
