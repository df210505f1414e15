"""The native CSV files on the web: a preview and a confirm, each a task on an
ImportJob, so that no request parses a large file and no transaction is long.

The design, and why:

- **Upload** (the request): the files go to the upload storage, as activity
  files do (storage.py), and a job is made in phase ``preview``. Nothing is
  parsed in the request. A small upload (all files together within
  limits.INLINE_CSV_MAX_BYTES) is checked in the request itself, since a
  60-row file should not wait for a worker and a refresh; a larger one is a
  task (tasks.run_csv_preview) and the page shows its progress.
- **Preview** (a task, read-only): plan_import checks every cell of every row
  and works out what is new, writing the job's progress (lines read) every
  PROGRESS_SECONDS. It writes nothing of the log. Its outcome is kept in the
  job (counts per file, the errors as lines) so that the preview page is a
  plain read, however often it is reloaded. A file with any error ends the job
  as failed, with every error listed: it can never be confirmed. So CONTRACT.md's
  "one bad row and nothing is written" holds on the web as in ``import_csv``.
- **Confirm** (a task): only a clean preview (phase ``ready``) can be confirmed,
  once (a conditional update under the job's row lock). The task plans the
  files again against the log as it is now (the log may have changed since
  the preview) and, only if that plan is clean too, writes it with
  apply_in_batches: at most BATCH_ROWS rows per transaction, so the database's
  write lock (SQLite's, or the rows' on PostgreSQL) is held for milliseconds
  at a time and other runners' saves go in between. Each batch's transaction
  also records what this job has written (per file), so the record and the
  rows commit together.
- **A killed worker**: the job's lock (locks.py) is free again, and the sweep
  (jobs.recover_orphans) or the job's page enqueues the task once more. A
  preview simply starts again. A confirm plans again: the batches already
  committed are in the log now, so the duplicate detection every import has
  (rows equal in every contract value, counted as a multiset) skips them, and
  the rest is written. Nothing is added twice, nothing is lost, and since the
  written counts were committed with the rows, the final figures are exact:
  added = written in all runs, skipped = duplicates found - written before.
- **All or nothing, from the runner's side**: every check happens before the
  first row is written, and a confirm that has started writing is run to the
  end (by another worker if need be). What the batches give up is isolation:
  while a large confirm runs, the runner's own pages show the sessions
  arriving. Two confirms for one runner never interleave (a per-runner lock),
  or both could plan the same rows as new.

``manage.py import_csv`` does not come through here: it keeps its single
transaction (plan.apply_import), exactly as CONTRACT.md describes it.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from advice.i18n import Text, to_data
from tracker.imports import limits, storage
from tracker.imports.locks import RUNNER_NAMESPACE, job_lock, still_held
from tracker.models import ImportJob, ImportKind, ImportStatus

from .columns import FILE_KINDS, FILE_NAMES, OSTRC, SESSIONS, SHOES, SORENESS, WELLNESS
from .plan import ImportPlan, Input, apply_in_batches, plan_import

logger = logging.getLogger(__name__)

# The phases of a CSV job, kept in its payload (see CsvState).
PREVIEW = "preview"  # waiting for, or in, the check (status pending / running)
READY = "ready"  # checked, clean, waiting for the runner to confirm (pending)
CONFIRM = "confirm"  # confirmed, being written (running)
FINISHED = "finished"  # done or failed
# Rows per write transaction: a few milliseconds of the write lock each, and a
# pause after each, in which other runners' writes waiting for the lock go in.
BATCH_ROWS = 500
BATCH_PAUSE_SECONDS = 0.02
# Progress is written at most this often (a tiny update of the job's row).
PROGRESS_SECONDS = 1.0
# A file with thousands of bad rows lists the first ones, and says how many more.
MAX_ERROR_LINES = 2000
# Unconfirmed CSV previews older than this are dropped, with their files.
CSV_PREVIEW_LIFETIME = timedelta(days=1)


class LostLock(Exception):
    """The job's lock went with the database connection: stop writing at once."""


@dataclass
class CsvState:
    """What a CSV job knows beyond ImportJob's own counters, kept as JSON in its
    payload: the phase, the runner's date the files were checked against, and
    per file kind the names, the counts of the preview and the rows written."""

    phase: str = PREVIEW
    today: str = ""
    files: dict[str, str] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    duplicates: dict[str, int] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    size: int = 0  # bytes of all files together
    confirmed: bool = False

    @classmethod
    def of(cls, job: ImportJob) -> CsvState:
        try:
            data = json.loads(bytes(job.payload or b"{}"))
        except ValueError:
            data = None
        if not isinstance(data, dict) or "phase" not in data:
            # A preview kept in the older form (the texts themselves): the files
            # must be uploaded again.
            return cls(phase=FINISHED)
        known = {item.name for item in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def dump(self) -> bytes:
        return json.dumps(asdict(self)).encode("utf-8")

    def rows(self) -> list[dict[str, Any]]:
        """One row per file for the preview's table."""
        return [
            {
                "kind": kind,
                "file": self.files[kind],
                "added": self.added.get(kind, 0),
                "duplicates": self.duplicates.get(kind, 0),
                "written": self.written.get(kind, 0),
            }
            for kind in FILE_KINDS
            if kind in self.files
        ]

    def result_lines(self) -> list[Text]:
        return [
            result_line(self.files[kind], self.written.get(kind, 0), self.duplicates.get(kind, 0))
            for kind in FILE_KINDS
            if kind in self.files
        ]


def result_line(file: str, added: int, duplicates: int) -> Text:
    """ "sessions.csv: 12 added, 3 already in the log (skipped)": the web's result and
    ``import_csv``'s."""
    return Text(
        "{file}: {added} added, {duplicates} already in the log (skipped)",
        file=file,
        added=added,
        duplicates=duplicates,
    )


def csv_job_create(
    *, user: User, today: date, uploads: Mapping[str, UploadedFile[bytes]]
) -> ImportJob:
    """A job in phase ``preview`` holding the files (kind -> upload) in the upload
    storage. Raises OSError (nothing kept) when they cannot be stored."""
    _drop_stale_previews(user)
    kinds = [kind for kind in FILE_KINDS if kind in uploads]
    state = CsvState(
        today=today.isoformat(),
        files={kind: uploads[kind].name or FILE_NAMES[kind] for kind in kinds},
        size=sum(uploads[kind].size or 0 for kind in kinds),
    )
    job = ImportJob.objects.create(
        user=user,
        kind=ImportKind.CSV,
        label=", ".join(storage.shown_name(name) for name in state.files.values())[:200],
        payload=state.dump(),
    )
    try:
        job.spool, job.inputs = storage.save_uploads(job.pk, [uploads[kind] for kind in kinds])
    except Exception:
        job.delete()
        raise
    for item, kind in zip(job.inputs, kinds, strict=True):
        item["kind"] = kind
    job.save(update_fields=["spool", "inputs", "updated_at"])
    return job


def _drop_stale_previews(user: User) -> None:
    stale = ImportJob.objects.filter(
        user=user,
        kind=ImportKind.CSV,
        status=ImportStatus.PENDING,
        created_at__lt=timezone.now() - CSV_PREVIEW_LIFETIME,
    )
    for job in stale:
        storage.delete_uploads(job.spool, job.inputs)
    stale.delete()


def is_small(job: ImportJob) -> bool:
    """Small enough to be checked, or written, within the request."""
    return CsvState.of(job).size <= limits.INLINE_CSV_MAX_BYTES


def recoverable(job: ImportJob) -> bool:
    """An unfinished job a task should be running (not one waiting for the runner)."""
    return not job.finished and CsvState.of(job).phase in (PREVIEW, CONFIRM)


def csv_start(job: ImportJob, *, inline: bool = False) -> None:
    """Run the job's next task: in this process (``inline``), else on a worker."""
    phase = CsvState.of(job).phase
    if inline and phase == PREVIEW:
        csv_preview_run(job.pk)
    elif inline and phase == CONFIRM:
        if csv_confirm_run(job.pk, wait=False):
            return
        csv_start(job)  # another confirm of this runner's is writing: a worker waits for it
    elif phase in (PREVIEW, CONFIRM):
        from tracker.imports.tasks import run_csv_confirm, run_csv_preview  # tasks imports us

        task = run_csv_preview if phase == PREVIEW else run_csv_confirm
        result = task.enqueue(job.pk)
        ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
        job.task_id = str(result.id)


def csv_confirm_request(*, job: ImportJob, today: date) -> bool:
    """Mark a clean preview as confirmed; False when it is not one (already
    confirmed: a double submit; or never clean). The caller then starts it."""
    with transaction.atomic():
        fresh = ImportJob.objects.select_for_update().get(pk=job.pk)
        state = CsvState.of(fresh)
        if fresh.status != ImportStatus.PENDING or state.phase != READY:
            return False
        state.phase, state.today, state.confirmed = CONFIRM, today.isoformat(), True
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.RUNNING,
            payload=state.dump(),
            total=sum(state.added.values()),
            done_count=0,
            task_id="",
            updated_at=timezone.now(),
        )
    return True


# --- the tasks' work --------------------------------------------------------------


class _Progress:
    """Writes a job's counters and state, at most every PROGRESS_SECONDS unless
    told to; refuses to write once the job's lock is gone."""

    def __init__(self, job: ImportJob, state: CsvState) -> None:
        self.job, self.state = job, state
        self.last = time.monotonic()

    def at(self, done: int) -> None:
        self.job.done_count = min(done, self.job.total)
        if time.monotonic() - self.last >= PROGRESS_SECONDS:
            self.write()

    def write(self, status: str | None = None, **extra: Any) -> None:
        job = self.job
        if not still_held(job.pk):
            raise LostLock(f"import job {job.pk} lost its lock")
        if status is not None:
            job.status = status
        for name, value in extra.items():
            setattr(job, name, value)
        job.write_progress(payload=self.state.dump())
        self.last = time.monotonic()

    def finish(self, status: str, lines: Sequence[Text]) -> None:
        """The job's end; its lines kept as message ids and parameters (ImportJob.lines),
        so the page shows them in the language of whoever reads it."""
        self.state.phase = FINISHED
        self.write(status, messages=[to_data(line) for line in lines], done_count=self.job.total)
        storage.delete_uploads(self.job.spool, self.job.inputs)


def _inputs(job: ImportJob) -> dict[str, tuple[str, bytes]]:
    """kind -> (the name the runner gave, the bytes) of the job's stored files."""
    state = CsvState.of(job)
    result: dict[str, tuple[str, bytes]] = {}
    for item in job.inputs:
        with storage.local_path(item["file"]) as path:
            result[item["kind"]] = (state.files[item["kind"]], path.read_bytes())
    return result


def _run_locked(job_id: int, phase: str, work: Callable[[ImportJob, _Progress], None]) -> bool:
    """Run ``work`` on the job if it is in ``phase``, holding the job's lock; any
    error ends the job as failed. False when another process holds the lock."""
    with job_lock(job_id) as held:
        if not held:
            logger.info("CSV import job %s is being run by another worker", job_id)
            return False
        job = ImportJob.objects.select_related("user").get(pk=job_id)
        state = CsvState.of(job)
        if job.finished or job.kind != ImportKind.CSV or state.phase != phase:
            return True
        progress = _Progress(job, state)
        try:
            if not storage.all_present(job.inputs):
                progress.finish(
                    ImportStatus.FAILED,
                    [
                        Text(
                            "The uploaded files are no longer on the server; please upload "
                            "them again. Nothing more was imported."
                        )
                    ],
                )
                return True
            work(job, progress)
        except LostLock:
            logger.warning("CSV import job %s lost its lock; another worker takes it", job_id)
        except Exception:
            logger.exception("CSV import job %s failed", job_id)
            written = sum(state.written.values())
            progress.finish(
                ImportStatus.FAILED,
                [
                    Text(
                        "The import stopped on an unexpected error after writing {rows} rows "
                        "(they are kept). Upload the same files again to import the rest: "
                        "what is in your log already is skipped.",
                        rows=written,
                    )
                    if written
                    else Text("The import stopped on an unexpected error. Nothing was imported.")
                ],
            )
    return True


def _plan(
    job: ImportJob,
    state: CsvState,
    inputs: Mapping[str, Input],
    progress: Callable[[str, int], None] | None = None,
) -> ImportPlan:
    return plan_import(
        user=job.user,
        today=date.fromisoformat(state.today),
        shoes=inputs.get(SHOES),
        sessions=inputs.get(SESSIONS),
        soreness=inputs.get(SORENESS),
        wellness=inputs.get(WELLNESS),
        ostrc=inputs.get(OSTRC),
        progress=progress,
    )


def csv_preview_run(job_id: int) -> None:
    """The preview task: check the files, count what is new; write nothing."""
    _run_locked(job_id, PREVIEW, _preview)


def _preview(job: ImportJob, progress: _Progress) -> None:
    state = progress.state
    inputs = _inputs(job)
    # Lines, for the progress bar: the files are read in FILE_KINDS order.
    offsets, lines = {}, 0
    for kind in FILE_KINDS:
        if kind in inputs:
            offsets[kind] = lines
            lines += max(1, inputs[kind][1].count(b"\n"))
    job.total, job.done_count = lines, 0
    progress.write(ImportStatus.RUNNING)
    plan = _plan(job, state, inputs, lambda kind, line: progress.at(offsets[kind] + line))
    state.added, state.duplicates = plan.added(), dict(plan.duplicates)
    state.errors = len(plan.errors)
    if plan.errors:
        shown = plan.errors[:MAX_ERROR_LINES]
        if len(plan.errors) > MAX_ERROR_LINES:
            shown.append(Text("… and {count} more", count=len(plan.errors) - MAX_ERROR_LINES))
        progress.finish(ImportStatus.FAILED, shown)
    elif not any(state.added.values()):
        progress.finish(
            ImportStatus.DONE,
            [Text("Nothing new: every row of these files is in your log already.")],
        )
    else:
        state.phase = READY
        progress.write(ImportStatus.PENDING, done_count=job.total)


def csv_confirm_run(job_id: int, *, wait: bool = True) -> bool:
    """The confirm task: plan again and write in batches (see the module's doc).
    Waits for the runner's lock if another confirm of theirs is writing, unless
    ``wait`` is false: then returns False, having done nothing."""
    user_id = ImportJob.objects.filter(pk=job_id).values_list("user_id", flat=True).first()
    if user_id is None:
        return True
    with job_lock(user_id, namespace=RUNNER_NAMESPACE, wait=wait) as mine:
        if not mine:
            return False
        return _run_locked(job_id, CONFIRM, _confirm)


def _confirm(job: ImportJob, progress: _Progress) -> None:
    state = progress.state
    before = dict(state.written)  # committed by an earlier run of this task
    plan = _plan(job, state, _inputs(job))
    if plan.errors:
        # The log changed since the preview (a pair of shoes the file names was
        # deleted, say). Checked before any write of this run.
        done = sum(before.values())
        head = (
            Text(
                "The log changed while the import ran: {rows} rows were written and are kept.",
                rows=done,
            )
            if done
            else Text("The log changed since the preview: nothing was imported.")
        )
        progress.finish(ImportStatus.FAILED, [head, *plan.errors[:MAX_ERROR_LINES]])
        return
    job.total = sum(before.values()) + sum(plan.added().values())
    job.done_count = job.imported = sum(before.values())
    progress.write(ImportStatus.RUNNING)

    def committed(kind: str, rows: int) -> None:
        # Inside the batch's transaction: the record commits with the rows.
        state.written[kind] = state.written.get(kind, 0) + rows
        job.imported += rows
        progress.write(done_count=job.done_count + rows)

    apply_in_batches(plan, batch_rows=BATCH_ROWS, committed=committed, pause=BATCH_PAUSE_SECONDS)
    # The rows an earlier run wrote are duplicates to this plan: not to the runner.
    state.duplicates = {kind: n - before.get(kind, 0) for kind, n in plan.duplicates.items()}
    job.duplicates = sum(state.duplicates.values())
    progress.finish(ImportStatus.DONE, state.result_lines())
