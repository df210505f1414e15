"""Bringing a runner's history in and taking it out: the service behind the import
pages and the ``import_files`` command.

- Activities (GPX, TCX, FIT, Strava export rows) become Sessions one at a time,
  each in its own short transaction: a bad file refuses only itself, and a long
  import never holds SQLite's write lock for more than one insert.
- A duplicate is a session of the same runner that started within a second of
  this one and covers the same distance within 1 %. Re-importing a file or an
  export therefore adds nothing, and an interrupted job can simply run again.
- Web uploads become an ``ImportJob``: the files wait in a private spool folder,
  a background thread works through them and writes progress every few rows, and
  a job whose heartbeat went stale (the server restarted) is picked up again.
- The native CSV files are previewed and confirmed through the same job table;
  the contract itself (parsing, checking, writing) is csv_contract's.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import posixpath
import secrets
import shutil
import threading
import time
import zipfile
import zoneinfo
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path, PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import DataError, IntegrityError, connection, connections, transaction
from django.utils import timezone

from tracker.importers import csv_contract, files, garmin_csv, strava
from tracker.importers.activity import ImportRefused, ParsedActivity
from tracker.importers.files import format_limit, parse_activity_file
from tracker.models import (
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    NAME_MAX,
    Activity,
    ImportJob,
    ImportKind,
    ImportStatus,
    Profile,
    Session,
    Shoe,
    ShoeKind,
    Source,
    Surface,
    Units,
)
from tracker.services import profile_for, runner_today

logger = logging.getLogger(__name__)

MB = 1024 * 1024
# One web upload of activity files, all of them together. The per-file limit is
# the parsers' own (files.MAX_FILE_BYTES); a Strava export may be as large as
# strava.MAX_ZIP_BYTES. Module globals read at call time, so tests can lower them.
MAX_FILES_UPLOAD_BYTES = 200 * MB
# A zip's central directory and the form fields ride along with the export itself.
UPLOAD_OVERHEAD_BYTES = MB
MAX_CSV_FILE_BYTES = 10 * MB

# What makes two activities the same one (see the module docstring).
DUPLICATE_START_WINDOW = timedelta(seconds=1)
DUPLICATE_DISTANCE_SHARE = Decimal("0.01")
# Distances are stored to the metre; two zero-length recordings are the same distance.
DISTANCE_STEP = Decimal("0.001")
DURATION_STEP = Decimal("0.01")

# Progress is written every PROGRESS_ROWS rows or PROGRESS_SECONDS, whichever
# comes first, and at least every STALE_AFTER / 10; a job that has written
# nothing for STALE_AFTER is taken to have lost its worker.
PROGRESS_ROWS = 25
PROGRESS_SECONDS = 2.0
STALE_AFTER = timedelta(seconds=60)
# A job page lists the lines of what went wrong in full; those of what went
# right only up to this many, so a 20,000-row export keeps a small job row.
MAX_OK_LINES = 300
MAX_REFUSED_LINES = 2000
# Unconfirmed CSV previews older than this are dropped.
CSV_PREVIEW_LIFETIME = timedelta(days=1)

IMPORTED, DUPLICATE, REFUSED = "imported", "duplicate", "refused"
FILE_SOURCES = (Source.FILE, Source.STRAVA)
ZIP_MAGIC = b"PK\x03\x04"


# --- one activity ------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What became of one activity: the line ``import_files`` prints."""

    label: str
    status: str  # IMPORTED, DUPLICATE or REFUSED
    detail: str
    session_id: int | None = None  # the new session, or the one it duplicates

    @property
    def line(self) -> str:
        return f"{self.label}: {self.status}: {self.detail}"


@dataclass(frozen=True)
class Runner:
    """Who the activities are imported for, and their local calendar."""

    user: AbstractBaseUser
    zone: zoneinfo.ZoneInfo
    today: date
    miles: bool = False  # the runner's display units: Garmin's CSV is in the account's

    @classmethod
    def of(cls, user: AbstractBaseUser) -> Runner:
        profile: Profile = profile_for(user)
        return cls(
            user=user,
            zone=zoneinfo.ZoneInfo(profile.time_zone),
            today=runner_today(profile),
            miles=profile.units == Units.MI,
        )


def _quantize(value: float | None, step: Decimal) -> Decimal | None:
    if value is None or not math.isfinite(value) or value < 0:
        return None
    return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def session_from_activity(activity: ParsedActivity, *, runner: Runner, source: str) -> Session:
    """An unsaved Session for the activity, or ImportRefused saying why it cannot be one.

    The date is the runner's local date of the (UTC) start. Duration is the
    moving time where the file gives one, else the elapsed time. Surface is only
    ever "treadmill" (the file knows that much); any other surface is the
    runner's to say in the follow-up form.
    """
    local_date = activity.start.astimezone(runner.zone).date()
    if local_date > runner.today:
        raise ImportRefused(f"starts on {local_date}, after today ({runner.today}) where you are")
    distance = _quantize(activity.distance_km, DISTANCE_STEP)
    if distance is not None and distance > MAX_DISTANCE_KM:
        raise ImportRefused(
            f"{distance} km is longer than the {MAX_DISTANCE_KM} km one session can hold"
        )
    if distance is None and activity.activity in (Activity.RUN, Activity.WALK):
        raise ImportRefused(f"no distance recorded, and a {activity.activity} needs one")
    minutes = activity.duration_min if activity.duration_min is not None else activity.elapsed_min
    duration = _quantize(minutes, DURATION_STEP)
    if duration is not None and duration > MAX_DURATION_MIN:
        raise ImportRefused(
            f"{duration} minutes is longer than the {MAX_DURATION_MIN} minutes one session can hold"
        )
    gain = activity.elevation_gain_m
    hr = activity.avg_hr
    return Session(
        user=runner.user,
        date=local_date,
        activity=activity.activity,
        distance_km=distance,
        duration_min=duration,
        surface=activity.surface if activity.surface in Surface.values else "",
        elevation_gain_m=round(gain, 1) if gain is not None and math.isfinite(gain) else None,
        # The model's constraint; the parsers already drop sensor dropouts.
        avg_hr=hr if hr is not None and 20 <= hr <= 260 else None,
        started_at=activity.start,
        source=source,
    )


def _same_distance(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(a, b) * DUPLICATE_DISTANCE_SHARE + DISTANCE_STEP


def find_duplicate(
    *, user: AbstractBaseUser, started_at: datetime, distance_km: Decimal | None
) -> Session | None:
    """The runner's session that is this activity already, if there is one."""
    nearby = Session.objects.filter(
        user=user,
        started_at__gte=started_at - DUPLICATE_START_WINDOW,
        started_at__lte=started_at + DUPLICATE_START_WINDOW,
    ).only("id", "date", "activity", "distance_km", "started_at")
    return next((s for s in nearby if _same_distance(s.distance_km, distance_km)), None)


def describe(session: Session) -> str:
    """ "run 12.836 km in 91.53 min on 2017-07-29" """
    parts = [session.activity]
    if session.distance_km is not None:
        parts.append(f"{csv_contract.render_decimal(session.distance_km)} km")
    if session.duration_min is not None:
        parts.append(f"in {csv_contract.render_decimal(session.duration_min)} min")
    parts.append(f"on {session.date}")
    return " ".join(parts)


def _lock_runner(user: AbstractBaseUser) -> None:
    """Serialise one runner's imports on PostgreSQL, so that two jobs cannot both
    find no duplicate and both insert; SQLite's IMMEDIATE transactions already let
    one writer in at a time (and would only ignore the clause, for a query a row)."""
    if connection.features.has_select_for_update:
        list(type(user)._default_manager.select_for_update().filter(pk=user.pk).values("pk"))


def shoe_named(user: AbstractBaseUser, raw_name: str) -> Shoe | None:
    """The runner's pair of that name (any case), created as a running shoe if new."""
    name = " ".join(raw_name.split())[:NAME_MAX].strip()
    if not name:
        return None
    existing = Shoe.objects.filter(user=user, name__iexact=name).order_by("pk").first()
    return existing or Shoe.objects.create(user=user, name=name, kind=ShoeKind.RUNNING)


def import_activity(
    activity: ParsedActivity,
    *,
    runner: Runner,
    source: str,
    label: str,
    shoe_name: str = "",
) -> Outcome:
    """Import one activity on its own: a new session, a duplicate, or refused.

    ``shoe_name`` (Strava's "Activity Gear") is attached to runs and walks only:
    on a ride it names a bike, which is no shoe.
    """
    try:
        session = session_from_activity(activity, runner=runner, source=source)
    except ImportRefused as exc:
        return Outcome(label, REFUSED, exc.reason)
    try:
        with transaction.atomic():
            _lock_runner(runner.user)
            twin = find_duplicate(
                user=runner.user, started_at=session.started_at, distance_km=session.distance_km
            )
            if twin is not None:
                detail = f"already in the log: {describe(twin)}"
                return Outcome(label, DUPLICATE, detail, twin.pk)
            if shoe_name and session.activity in (Activity.RUN, Activity.WALK):
                session.shoe = shoe_named(runner.user, shoe_name)
            session.save()
    except (IntegrityError, DataError) as exc:
        # The checks above mirror every constraint; should one still object, the
        # activity is refused and nothing of it is kept.
        logger.warning("import of %s refused by the database: %s", label, exc)
        return Outcome(label, REFUSED, "the log cannot store it (a value is out of range)")
    return Outcome(label, IMPORTED, describe(session), session.pk)


# --- files and exports -------------------------------------------------------


def is_zip(name: str, head: bytes) -> bool:
    return name.lower().endswith(".zip") or head.startswith(ZIP_MAGIC)


def activity_file_outcomes(data: bytes, *, name: str, label: str, runner: Runner) -> list[Outcome]:
    """Every activity in one GPX/TCX/FIT file (optionally .gz), each on its own."""
    try:
        activities = parse_activity_file(data, name)
    except ImportRefused as exc:
        return [Outcome(label, REFUSED, exc.reason)]
    except Exception as exc:  # one odd file must not stop the others
        logger.warning("unexpected error parsing %s: %r", label, exc)
        return [Outcome(label, REFUSED, f"the file could not be read ({type(exc).__name__})")]
    several = len(activities) > 1
    return [
        import_activity(
            activity,
            runner=runner,
            source=Source.FILE,
            label=f"{label} (activity {number})" if several else label,
        )
        for number, activity in enumerate(activities, start=1)
    ]


def strava_row_outcome(row: strava.StravaRow, *, label: str, runner: Runner) -> Outcome:
    """One activities.csv row: its file's figures where the zip holds a usable
    file, else the CSV's own (start, distance, moving time)."""
    row_label = (
        f"{label}:{row.filename}" if row.filename else f"{label}:{strava.CSV_NAME}:{row.line}"
    )
    try:
        activity = row.to_activity()
    except ImportRefused as exc:
        return Outcome(row_label, REFUSED, exc.reason)
    outcome = import_activity(
        activity, runner=runner, source=Source.STRAVA, label=row_label, shoe_name=row.gear
    )
    if row.file_error and outcome.status != REFUSED:
        reason = row.file_error
        if not reason.startswith(row.filename):
            reason = f"{row.filename}: {reason}"
        detail = f"{outcome.detail} (figures from {strava.CSV_NAME}; {reason})"
        outcome = Outcome(outcome.label, outcome.status, detail, outcome.session_id)
    return outcome


def count_strava_rows(path: Path) -> int | None:
    """How many activities an export holds, for the progress bar; None when the
    archive cannot say (read_strava_export then gives the reason)."""
    try:
        # The reader's checks first (size, entry count, paths): only a zip that
        # passes them is opened here.
        strava.read_strava_export(path).close()  # type: ignore[attr-defined]
    except Exception:  # strava_steps reports why
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            candidates = [
                info
                for info in archive.infolist()
                if not info.is_dir()
                and posixpath.basename(info.filename).lower() == strava.CSV_NAME
            ]
            if not candidates:
                return None
            info = min(candidates, key=lambda i: i.filename.count("/"))
            if info.file_size > strava.MAX_CSV_BYTES:
                return None
            with archive.open(info) as stream:
                raw = stream.read(strava.MAX_CSV_BYTES + 1)
        if len(raw) > strava.MAX_CSV_BYTES:
            return None
        reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
        next(reader, None)  # the header
        return sum(1 for row in reader if any(cell.strip() for cell in row))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, csv.Error):
        return None


def strava_steps(
    path: Path, *, label: str, runner: Runner, skip: int = 0
) -> Iterator[list[Outcome]]:
    """One step (a list of one outcome) per row of the export; a zip the reader
    refuses, or stops reading half-way, is one refused step of its own."""
    try:
        rows = strava.read_strava_export(path)
    except ImportRefused as exc:
        yield [Outcome(label, REFUSED, exc.reason)]
        return
    except Exception as exc:  # e.g. csv.Error from a hostile header
        logger.warning("unexpected error opening %s: %r", label, exc)
        yield [Outcome(label, REFUSED, "the zip could not be read as a Strava export")]
        return
    try:
        index = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except ImportRefused as exc:
                yield [Outcome(label, REFUSED, f"stopped reading the export: {exc.reason}")]
                return
            if index >= skip:
                yield [strava_row_outcome(row, label=label, runner=runner)]
            index += 1
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()  # closes the archive now rather than whenever the generator is collected


ZIP, GARMIN_CSV, ACTIVITY_FILE = "zip", "garmin-csv", "activity-file"


@dataclass(frozen=True)
class Input:
    """One uploaded or named file: shown under ``name``, read from ``path``."""

    name: str
    path: Path

    @property
    def kind(self) -> str:
        """A Strava export (zip), Garmin Connect's activities CSV, or one activity file."""
        try:
            with open(self.path, "rb") as stream:
                head = stream.read(4096)
        except OSError:
            head = b""
        if is_zip(self.name, head):
            return ZIP
        if self.name.lower().endswith(".csv") or garmin_csv.looks_like_garmin_csv(head):
            return GARMIN_CSV
        return ACTIVITY_FILE

    def read(self) -> bytes:
        """The file's bytes; refused by size before reading, so a 2 GB "GPX" is
        not loaded just to be refused."""
        try:
            if self.path.stat().st_size > files.MAX_FILE_BYTES:
                raise files.too_large(self.name, files.MAX_FILE_BYTES)
            return self.path.read_bytes()
        except OSError as exc:
            raise ImportRefused(f"cannot read the file ({exc.strerror or exc})") from None


def input_step_count(item: Input) -> int:
    """Steps an input takes: one per activity file, one per row of an export."""
    kind = item.kind
    if kind == ZIP:
        return count_strava_rows(item.path) or 1
    if kind == GARMIN_CSV:
        try:
            text = item.read().decode("utf-8-sig")
            rows = csv.reader(io.StringIO(text, newline=""))
            next(rows, None)
            return sum(1 for row in rows if any(cell.strip() for cell in row)) or 1
        except (ImportRefused, UnicodeDecodeError, csv.Error):
            return 1
    return 1


def garmin_steps(item: Input, *, runner: Runner, skip: int = 0) -> Iterator[list[Outcome]]:
    """One step per row of Garmin Connect's activities CSV, dated in the runner's
    zone and read in the runner's units (the file says neither)."""
    try:
        rows = garmin_csv.read_garmin_csv(
            item.read(), zone=runner.zone, miles=runner.miles, name=PurePath(item.name).name
        )
    except ImportRefused as exc:
        yield [Outcome(item.name, REFUSED, exc.reason)]
        return
    for row in rows[skip:]:
        label = f"{item.name}:{row.line}"
        if row.activity is None:
            yield [Outcome(label, REFUSED, row.error or "unreadable row")]
        else:
            yield [import_activity(row.activity, runner=runner, source=Source.FILE, label=label)]


def input_steps(item: Input, *, runner: Runner, skip: int = 0) -> Iterator[list[Outcome]]:
    """The outcomes of one input, a step at a time (see input_step_count)."""
    kind = item.kind
    if kind == ZIP:
        yield from strava_steps(item.path, label=item.name, runner=runner, skip=skip)
        return
    if kind == GARMIN_CSV:
        yield from garmin_steps(item, runner=runner, skip=skip)
        return
    if skip:
        return
    try:
        data = item.read()
    except ImportRefused as exc:
        yield [Outcome(item.name, REFUSED, exc.reason)]
        return
    yield activity_file_outcomes(
        data, name=PurePath(item.name).name, label=item.name, runner=runner
    )


def import_paths(*, user: AbstractBaseUser, inputs: Sequence[Input]) -> Iterator[Outcome]:
    """Every outcome of the given files and exports, in order, as they happen."""
    runner = Runner.of(user)
    for item in inputs:
        for step in input_steps(item, runner=runner):
            yield from step


# --- background jobs ---------------------------------------------------------


def max_files_per_upload() -> int:
    """Django refuses a request with more files than this before any view runs; the
    pages say the same number in their own words."""
    return settings.DATA_UPLOAD_MAX_NUMBER_FILES or 500


def spool_root() -> Path:
    """Where uploads wait for their job: in the data folder, never under a served path."""
    configured = getattr(settings, "IMPORT_SPOOL_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "import-spool"


def jobs_run_inline() -> bool:
    """Tests run jobs in the request (deterministic); a server runs them in a thread."""
    return bool(getattr(settings, "IMPORT_JOBS_INLINE", getattr(settings, "TESTING", False)))


_SUFFIX_KEEP = (".gpx", ".tcx", ".fit", ".gz", ".zip", ".csv")


def _stored_name(index: int, name: str) -> str:
    """A spool file name from our own counter and a known suffix only: nothing the
    browser sent can steer where it is written."""
    suffixes = "".join(s for s in PurePath(name.lower()).suffixes[-2:] if s in _SUFFIX_KEEP)
    return f"{index:05d}{suffixes}"


def _shown_name(name: str) -> str:
    return PurePath(name.replace("\\", "/")).name[:150] or "upload"


def upload_label(uploads: Sequence[UploadedFile]) -> str:
    first = _shown_name(uploads[0].name or "")
    if len(uploads) == 1:
        return first
    others = len(uploads) - 1
    return f"{first} and {others} more file{'s' if others > 1 else ''}"


def job_create(*, user: AbstractBaseUser, kind: str, uploads: Sequence[UploadedFile]) -> ImportJob:
    """A pending job holding the uploaded files in a fresh private spool folder."""
    job = ImportJob.objects.create(
        user=user, kind=kind, label=upload_label(uploads), heartbeat=timezone.now()
    )
    folder = spool_root() / f"job-{job.pk}-{secrets.token_hex(8)}"
    try:
        folder.mkdir(parents=True, mode=0o700)
        inputs = []
        for index, upload in enumerate(uploads):
            stored = _stored_name(index, upload.name or "")
            with open(folder / stored, "xb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            inputs.append({"name": _shown_name(upload.name or ""), "file": stored})
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        job.delete()
        raise
    job.inputs = inputs
    job.spool = folder.name
    job.total = len(inputs)
    job.save(update_fields=["inputs", "spool", "total", "updated_at"])
    return job


def job_start(job: ImportJob) -> None:
    """Run the job: inline where jobs_run_inline(), else in a daemon thread, so the
    upload's response goes out at once and the page polls the progress."""
    if jobs_run_inline():
        job_run(job.pk)
        return
    threading.Thread(
        target=_run_in_thread, args=(job.pk,), name=f"import-job-{job.pk}", daemon=True
    ).start()


# Jobs this process is working on. A slow step (a huge file) can outlast
# STALE_AFTER; a job still in this set is slow, not orphaned, and is not resumed.
# (A job another process runs is judged by its heartbeat alone.)
_active_jobs: set[int] = set()
_active_lock = threading.Lock()


def _run_in_thread(job_id: int) -> None:
    with _active_lock:
        _active_jobs.add(job_id)
    try:
        job_run(job_id)
    finally:
        with _active_lock:
            _active_jobs.discard(job_id)
        # The thread's own connections; the request's are untouched.
        connections.close_all()


def job_is_stale(job: ImportJob, now: datetime | None = None) -> bool:
    if job.kind == ImportKind.CSV or job.finished:
        return False
    beat = job.heartbeat or job.updated_at
    return beat is None or beat < (now or timezone.now()) - STALE_AFTER


def job_resume_if_stale(job: ImportJob) -> bool:
    """Start a job again whose worker is gone (its heartbeat stopped). Rows it
    already imported are skipped as done or found again as duplicates, so this
    is safe; the conditional update lets only one request claim it."""
    now = timezone.now()
    if not job_is_stale(job, now) or job.pk in _active_jobs:
        return False
    claimed = (
        ImportJob.objects.filter(pk=job.pk, status__in=[ImportStatus.PENDING, ImportStatus.RUNNING])
        .filter(heartbeat=job.heartbeat)
        .update(heartbeat=now, updated_at=now)
    )
    if not claimed:
        return False
    job.heartbeat = now
    logger.info("resuming import job %s after a stale heartbeat", job.pk)
    job_start(job)
    return True


@dataclass
class _Progress:
    """A job's counters, kept in memory and written every few rows."""

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
                job.messages.append(
                    outcome.line
                    if status == outcome.status
                    else f"{outcome.label}: {status}: (before the restart)"
                )
            elif status != REFUSED and ok_lines == MAX_OK_LINES + 1:
                job.messages.append("… (further imported and duplicate lines are not listed)")
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
            source__in=FILE_SOURCES,
            created_at__gte=self.job.created_at,
        ).exists()

    def write(self, status: str | None = None) -> None:
        job = self.job
        now = timezone.now()
        job.heartbeat = now
        if status is not None:
            job.status = status
        ImportJob.objects.filter(pk=job.pk).update(
            status=job.status,
            total=job.total,
            done_count=job.done_count,
            imported=job.imported,
            duplicates=job.duplicates,
            refused=job.refused,
            messages=job.messages,
            session_ids=job.session_ids,
            heartbeat=now,
            updated_at=now,
        )
        self.rows_since = 0
        self.last_write = time.monotonic()


def job_run(job_id: int) -> None:
    """Work through a job's inputs to the end, in the calling thread.

    Called again on a job that was interrupted, it skips the steps it had
    recorded as done; anything imported after that record is found again as a
    duplicate. Whatever happens, the job ends done or failed and its spooled
    files are deleted.
    """
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.finished or job.kind == ImportKind.CSV:
        return
    progress = _Progress(job, resumed=job.status == ImportStatus.RUNNING)
    folder = spool_root() / job.spool if job.spool else None
    try:
        _work_through(job, folder, progress)
    except Exception:
        logger.exception("import job %s failed", job_id)
        job.messages.append(
            "The import stopped on an unexpected error. What it imported before is kept; "
            "upload the same files again to import the rest (what is already in your "
            "log is skipped)."
        )
        progress.write(ImportStatus.FAILED)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _work_through(job: ImportJob, folder: Path | None, progress: _Progress) -> None:
    inputs = [Input(item["name"], folder / item["file"]) for item in job.inputs] if folder else []
    if not inputs or not all(item.path.exists() for item in inputs):
        job.messages.append(
            "The uploaded files are no longer on the server; please upload them again. "
            "Nothing more was imported."
        )
        progress.write(ImportStatus.FAILED)
        return
    runner = Runner.of(job.user)
    counts = [input_step_count(item) for item in inputs]
    job.total = sum(counts)
    progress.every_rows = max(PROGRESS_ROWS, job.total // 100)
    progress.write(ImportStatus.RUNNING)
    skip = job.done_count
    for item, count in zip(inputs, counts, strict=True):
        if skip >= count:
            skip -= count
            continue
        for step in input_steps(item, runner=runner, skip=skip):
            progress.add(step)
        skip = 0
    # A reader that stopped early took fewer steps than counted: the bar ends full.
    job.done_count = max(job.done_count, job.total)
    progress.write(ImportStatus.DONE)


# --- the native CSV files: preview, confirm, export --------------------------

CsvInputs = Mapping[str, tuple[str, bytes]]  # kind ("shoes", ...) -> (file name, content)


def csv_plan(*, user: AbstractBaseUser, today: date, inputs: CsvInputs) -> csv_contract.ImportPlan:
    return csv_contract.plan_import(user=user, today=today, **inputs)


def csv_preview_create(
    *, user: AbstractBaseUser, today: date, inputs: CsvInputs
) -> tuple[csv_contract.ImportPlan, ImportJob | None]:
    """Plan the files; when they would add something, keep them in a pending job
    for the runner to confirm. Nothing of the log is written here."""
    plan = csv_plan(user=user, today=today, inputs=inputs)
    if not plan.ok or not any(plan.added().values()):
        return plan, None
    # A clean plan means every file decoded as UTF-8, so the texts fit in JSON.
    texts = {kind: [name, data.decode("utf-8-sig")] for kind, (name, data) in inputs.items()}
    ImportJob.objects.filter(
        user=user,
        kind=ImportKind.CSV,
        status=ImportStatus.PENDING,
        created_at__lt=timezone.now() - CSV_PREVIEW_LIFETIME,
    ).delete()
    job = ImportJob.objects.create(
        user=user,
        kind=ImportKind.CSV,
        label=", ".join(name for name, _ in inputs.values())[:200],
        total=sum(plan.added().values()),
        payload=json.dumps(texts).encode("utf-8"),
    )
    return plan, job


def csv_inputs_of(job: ImportJob) -> CsvInputs:
    texts = json.loads(bytes(job.payload or b"{}").decode("utf-8"))
    return {kind: (name, text.encode("utf-8")) for kind, (name, text) in texts.items()}


def csv_confirm(*, job: ImportJob, today: date) -> csv_contract.ImportResult | None:
    """Write a previewed import, planned afresh from the kept texts so that nothing
    stale is written. None when the job was confirmed already (a double submit).
    Raises csv_contract.ImportRejected, writing nothing, when the files no longer
    apply (the log changed since the preview)."""
    with transaction.atomic():
        fresh = ImportJob.objects.select_for_update().get(pk=job.pk)
        if fresh.status != ImportStatus.PENDING:
            return None
        plan = csv_plan(user=job.user, today=today, inputs=csv_inputs_of(fresh))
        result = csv_contract.apply_import(plan)
        lines = [
            f"{result.files[kind]}: {result.added[kind]} added, "
            f"{result.duplicates[kind]} already in the log (skipped)"
            for kind in csv_contract.FILE_KINDS
            if kind in result.files
        ]
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.DONE,
            imported=sum(result.added.values()),
            duplicates=sum(result.duplicates.values()),
            done_count=fresh.total,
            messages=lines,
            payload=None,
            heartbeat=timezone.now(),
            updated_at=timezone.now(),
        )
    return result


def export_zip(*, user: AbstractBaseUser) -> bytes:
    """The runner's whole log as a zip of shoes.csv, sessions.csv and soreness.csv."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_contract.export_rows(user=user).items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def upload_limits() -> dict[str, str]:
    """The limits as the pages state them."""
    return {
        "file": format_limit(files.MAX_FILE_BYTES),
        "files_total": format_limit(MAX_FILES_UPLOAD_BYTES),
        "files_count": str(max_files_per_upload()),
        "zip": format_limit(strava.MAX_ZIP_BYTES),
        "csv": format_limit(MAX_CSV_FILE_BYTES),
    }
