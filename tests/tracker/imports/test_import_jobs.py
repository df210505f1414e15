"""Import jobs: a Strava export through the web, progress, the job page, a job
waiting for a worker of the database queue, the job lock that keeps one job on
one worker, resuming after a worker died, and what counts as a duplicate.

Tasks run with the immediate backend here (tests/tracker/conftest.py), so that
these tests are deterministic; one test runs the database backend's own worker
loop, and test_worker_processes.py kills real worker processes.
"""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from tracker.imports import jobs, limits, mapping, steps
from tracker.imports.locks import job_lock
from tracker.imports.readers import ParsedActivity
from tracker.imports.storage import upload_storage
from tracker.models import ImportJob, Session, Shoe

pytestmark = pytest.mark.django_db

STRAVA_CSV = "csv/strava-activity-map__export_08_25_2025__activities.csv"
# From the reference export: a ride, the first run, a hike, a walk, and a
# velomobile ride whose "Activity Gear" is a bike.
ROW_IDS = ("203707851", "740821460", "2221060769", "3408296494", "14142078574")
RUN_ID = "740821460"  # Oct 10, 2016, 8:55:48 PM; 6639.4 m; moving 1765 s


@contextmanager
def held_elsewhere(job_id: int) -> Iterator[None]:
    """The job's lock held by another thread (its own database connection), as a
    worker busy with the job holds it."""
    taken, release = threading.Event(), threading.Event()
    outcome: list[bool] = []

    def hold() -> None:
        try:
            with job_lock(job_id) as held:
                outcome.append(held)
                taken.set()
                release.wait(30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(30) and outcome == [True]
    try:
        yield
    finally:
        release.set()
        holder.join(30)


def stored_files() -> list[Path]:
    return [p for p in Path(upload_storage().location).rglob("*") if p.is_file()]


def gpx_track(start: datetime, points: int = 40, step_s: int = 5) -> bytes:
    rows = "".join(
        f'<trkpt lat="{47.6 + i * 0.0002:.6f}" lon="-122.3"><ele>20</ele>'
        f"<time>{(start + timedelta(seconds=i * step_s)):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
        f"<trkseg>{rows}</trkseg></trk></gpx>"
    ).encode()


@pytest.fixture
def strava_export(realdata_file):
    """``strava_export(gear=..., ids=..., with_gpx=...)``: a Strava-style export zip, chosen
    rows of the reference activities.csv (all 99 columns, repeated names and all), and a
    GPX for the run."""
    source = realdata_file(STRAVA_CSV)

    def build(
        *, gear: dict[str, str] | None = None, ids: tuple[str, ...] = ROW_IDS, with_gpx: bool = True
    ) -> bytes:
        with source.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        header, body = rows[0], rows[1:]
        gear_column = header.index("Activity Gear")
        chosen = []
        for row in body:
            if row[0] in ids:
                row = list(row)
                if gear and row[0] in gear:
                    row[gear_column] = gear[row[0]]
                chosen.append(row)
        out = io.StringIO(newline="")
        csv.writer(out).writerows([header, *chosen])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("activities.csv", out.getvalue())
            if with_gpx:
                archive.writestr(
                    f"activities/{RUN_ID}.gpx",
                    gpx_track(datetime(2016, 10, 10, 20, 55, 48, tzinfo=UTC)),
                )
        return buffer.getvalue()

    return build


def upload_export(client, data: bytes, name: str = "export.zip"):
    return client.post(reverse("import_files"), {"files": [SimpleUploadedFile(name, data)]})


# --- a Strava export through the web ------------------------------------------


def test_it_imports_a_strava_export_with_shoes_from_run_gear_only(
    client_for, runner, strava_export
):
    client = client_for(runner)
    data = strava_export(gear={RUN_ID: "Pegasus 40", "14142078574": "Kona Rove ST"})
    response = upload_export(client, data)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("import_job", args=[job.pk])
    assert (job.kind, job.status, job.total, job.done_count) == ("strava", "done", 5, 5)
    assert (job.imported, job.duplicates, job.refused) == (5, 0, 0)

    sessions = {s.activity: s for s in Session.objects.filter(user=runner)}
    assert set(Session.objects.values_list("activity", flat=True)) == {"cycle", "run", "walk"}
    run = Session.objects.get(activity="run")
    assert run.source == "strava"
    assert run.shoe is not None and run.shoe.name == "Pegasus 40"
    assert run.shoe.kind == "running"
    # Strava's own figures; the start from the GPX (the same instant here).
    assert run.distance_km == Decimal("6.639")
    assert abs(float(run.duration_min) * 60 - 1765) <= 1
    assert run.started_at == datetime(2016, 10, 10, 20, 55, 48, tzinfo=UTC)
    assert sessions["cycle"].shoe is None  # the velomobile's gear is a bike
    assert list(Shoe.objects.values_list("name", flat=True)) == ["Pegasus 40"]

    page = client.get(response["Location"]).content.decode()
    assert "export.zip:activities/2221060769.gpx: imported: walk 8.385 km" in page
    assert "is not in the zip" in page  # rows without their file use the CSV's figures


def test_it_reuses_a_pair_by_name_and_adds_nothing_on_a_second_upload(
    client_for, runner, make_shoe, strava_export
):
    pair = make_shoe(runner, name="Pegasus 40")
    client = client_for(runner)
    data = strava_export(gear={RUN_ID: "pegasus  40"})
    upload_export(client, data)
    assert Session.objects.get(activity="run").shoe == pair
    upload_export(client, data)
    second = ImportJob.objects.latest("pk")
    assert (second.imported, second.duplicates) == (0, 5)
    assert Session.objects.count() == 5 and Shoe.objects.count() == 1


def test_it_finds_a_strava_row_again_in_the_gpx_of_the_same_activity(
    client_for, runner, strava_export
):
    """Without its file a row starts at the CSV's time; the watch's own GPX of the
    same run, uploaded later, is that session again, not a second one."""
    client = client_for(runner)
    upload_export(client, strava_export(ids=(RUN_ID,), with_gpx=False))
    run = Session.objects.get()
    assert run.started_at == datetime(2016, 10, 10, 20, 55, 48, tzinfo=UTC)
    # Two points 6.64 km apart (0.1 % more than Strava's 6639.4 m), 29 min apart.
    moment = "2016-10-10T20:55:48Z", "2016-10-10T21:25:13Z"
    watch = (
        '<?xml version="1.0"?><gpx version="1.1" creator="watch" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        f'<trkpt lat="47.6" lon="-122.3"><time>{moment[0]}</time></trkpt>'
        f'<trkpt lat="47.65971" lon="-122.3"><time>{moment[1]}</time></trkpt>'
        "</trkseg></trk></gpx>"
    ).encode()
    client.post(reverse("import_files"), {"files": [SimpleUploadedFile("watch.gpx", watch)]})
    job = ImportJob.objects.latest("pk")
    assert (job.imported, job.duplicates) == (0, 1), job.messages
    assert Session.objects.count() == 1


def test_it_lists_recent_jobs_on_the_import_page(client_for, runner, strava_export):
    client = client_for(runner)
    upload_export(client, strava_export(ids=(RUN_ID,)))
    page = client.get(reverse("import")).content.decode()
    job = ImportJob.objects.get()
    assert reverse("import_job", args=[job.pk]) in page
    assert "Strava export: export.zip" in page


def test_it_shows_progress_and_polls_while_a_job_runs(client_for, runner):
    job = ImportJob.objects.create(
        user=runner,
        kind="files",
        status="running",
        total=10,
        done_count=4,
        imported=3,
        refused=1,
        label="a.gpx and 9 more files",
    )
    # Its last progress is an hour old: a step can take that long. Its worker
    # holds the lock, so nobody else touches the job.
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    with held_elsewhere(job.pk):
        page = client_for(runner).get(reverse("import_job", args=[job.pk])).content.decode()
        assert jobs.recover_orphans() == 0
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'data-share="40"' in page
    assert "4 of 10 done" in page
    job.refresh_from_db()
    assert (job.status, job.done_count) == ("running", 4)


# --- the database queue and its worker -------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_it_queues_a_job_for_a_worker_and_a_worker_runs_it(
    client_for, runner, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(limits, "INLINE_IMPORT_MAX_BYTES", 0)  # not one small file
    from django_tasks_db.models import DBTaskResult

    client = client_for(runner)
    response = client.post(
        reverse("import_files"),
        {"files": [SimpleUploadedFile("run.gpx", gpx_track(datetime(2026, 1, 3, 7, tzinfo=UTC)))]},
    )
    assert response.status_code == 302  # answered before the work is done
    job = ImportJob.objects.get()
    task = DBTaskResult.objects.get()
    assert (job.status, job.task_id, task.status) == ("pending", str(task.id), "READY")
    # Waiting in the queue is not orphaned: the job page does not enqueue it again.
    assert client.get(response["Location"]).status_code == 200
    assert jobs.recover_orphans() == 0 and DBTaskResult.objects.count() == 1

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.imported) == ("done", 1)
    assert Session.objects.get().source == "file"
    # The worker's sweep may have queued its housekeeping task beside it.
    ran = DBTaskResult.objects.get(task_path="tracker.imports.tasks.run_import_job")
    assert ran.status == "SUCCESSFUL"
    assert not stored_files()


# --- one worker per job, and jobs whose worker died --------------------------------


class Crash(BaseException):
    """The worker's process going down mid-job: not an error the job catches."""


def crash_on_call(monkeypatch, number: int) -> None:
    """The worker dies as it is about to import the ``number``th activity."""
    real = steps.import_entry
    calls = {"n": 0}

    def maybe_crash(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == number:
            raise Crash
        return real(*args, **kwargs)

    monkeypatch.setattr(steps, "import_entry", maybe_crash)


def test_it_never_runs_a_job_another_worker_holds(runner):
    job = jobs.job_create(
        user=runner,
        kind="files",
        uploads=[SimpleUploadedFile("a.gpx", gpx_track(datetime(2026, 1, 3, tzinfo=UTC)))],
    )
    with held_elsewhere(job.pk):
        jobs.job_run(job.pk)  # a second task for the same job: it returns at once
        assert not jobs.job_is_orphaned(job)
        job.refresh_from_db()
        assert (job.status, job.done_count, Session.objects.count()) == ("pending", 0, 0)
    jobs.job_run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.imported, Session.objects.count()) == ("done", 1, 1)
    jobs.job_run(job.pk)  # and a late duplicate task finds it done
    assert Session.objects.count() == 1


def test_it_resumes_a_job_whose_worker_died_without_importing_twice(
    client_for, runner, monkeypatch, strava_export
):
    monkeypatch.setattr(jobs, "PROGRESS_ROWS", 2)
    monkeypatch.setattr(jobs, "PROGRESS_SECONDS", 3600.0)
    crash_on_call(monkeypatch, 5)
    client = client_for(runner)
    upload_export(client, strava_export())
    job = ImportJob.objects.get()
    # Progress was written after rows 2 and 4; row 4's session exists, the rest do not.
    assert (job.status, job.done_count, Session.objects.count()) == ("running", 4, 4)
    assert stored_files()  # kept for the resume

    monkeypatch.undo()
    with held_elsewhere(job.pk):  # while a worker holds it, nobody else takes it
        client.get(reverse("import_job", args=[job.pk]))
        job.refresh_from_db()
        assert (job.status, job.done_count) == ("running", 4)

    page = client.get(reverse("import_job", args=[job.pk]))  # the lock is free: resumed
    job.refresh_from_db()
    assert (job.status, job.done_count, job.imported, job.duplicates) == ("done", 5, 5, 0)
    assert Session.objects.count() == 5
    assert sorted(job.session_ids) == sorted(Session.objects.values_list("pk", flat=True))
    assert not stored_files()
    assert "http-equiv" not in page.content.decode()


def test_it_counts_rows_imported_just_before_a_crash_as_the_jobs_own(
    client_for, runner, monkeypatch, strava_export
):
    monkeypatch.setattr(jobs, "PROGRESS_ROWS", 2)
    monkeypatch.setattr(jobs, "PROGRESS_SECONDS", 3600.0)
    crash_on_call(monkeypatch, 4)
    client = client_for(runner)
    upload_export(client, strava_export())
    job = ImportJob.objects.get()
    assert (job.done_count, Session.objects.count()) == (2, 3)  # row 3 not yet recorded

    monkeypatch.undo()
    assert jobs.recover_orphans() == 1  # what every worker's sweep does
    job.refresh_from_db()
    assert (job.status, job.imported, job.duplicates, len(job.session_ids)) == ("done", 5, 0, 5)
    assert Session.objects.count() == 5


def test_it_fails_a_stale_job_whose_files_are_gone(client_for, runner):
    job = ImportJob.objects.create(
        user=runner,
        kind="files",
        status="running",
        label="gone.gpx",
        spool="job-x-gone",
        inputs=[{"name": "gone.gpx", "file": "job-x-gone/00000.gpx"}],
    )
    page = client_for(runner).get(reverse("import_job", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == "failed"
    assert "no longer on the server" in page


def test_it_fails_a_job_cleanly_on_an_unexpected_error(client_for, runner, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jobs, "outcome_steps", boom)
    client = client_for(runner)
    client.post(
        reverse("import_files"),
        {"files": [SimpleUploadedFile("a.gpx", gpx_track(datetime(2026, 1, 3, tzinfo=UTC)))]},
    )
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert "stopped on an unexpected error" in job.lines()[-1]
    assert "disk on fire" not in " ".join(job.lines())  # no internals on the page
    assert not stored_files()
    assert not Session.objects.exists()


def test_it_keeps_job_pages_to_their_runner(client_for, runner, other_runner):
    job = ImportJob.objects.create(user=runner, kind="files", status="done", session_ids=[])
    stranger = client_for(other_runner)
    assert stranger.get(reverse("import_job", args=[job.pk])).status_code == 404
    assert stranger.get(reverse("import_followup", args=[job.pk])).status_code == 404


# --- what a duplicate is ----------------------------------------------------------

START = datetime(2026, 1, 10, 7, 0, 0, tzinfo=UTC)


def activity(*, start: datetime = START, km: float | None = 10.0, sport: str = "run"):
    return ParsedActivity(
        source_name="x",
        start=start,
        distance_km=km,
        duration_min=50.0,
        elapsed_min=52.0,
        activity=sport,
        surface=None,
        elevation_gain_m=None,
        avg_hr=None,
        sport_raw=sport,
    )


@pytest.mark.parametrize(
    ("other", "duplicate"),
    [
        (activity(), True),
        (activity(start=START + timedelta(milliseconds=900)), True),
        (activity(start=START - timedelta(seconds=1)), True),
        (activity(km=10.09), True),  # within 1 %
        (activity(km=9.91), True),
        (activity(start=START + timedelta(seconds=2)), False),
        (activity(km=10.2), False),  # 2 % longer
        (activity(km=None, sport="strength"), False),  # no distance against 10 km
    ],
)
def test_it_calls_a_duplicate_the_same_start_within_a_second_and_distance_within_1pct(
    runner, other, duplicate
):
    me = mapping.Runner.of(runner)
    first = mapping.import_activity(activity(), runner=me, source="file", label="a")
    assert first.status == "imported"
    second = mapping.import_activity(other, runner=me, source="file", label="b")
    assert second.status == ("duplicate" if duplicate else "imported")
    if duplicate:
        assert second.session_id == first.session_id


def test_it_refuses_what_a_session_cannot_hold(runner):
    me = mapping.Runner.of(runner)
    too_far = mapping.import_activity(activity(km=401.0), runner=me, source="file", label="a")
    assert too_far.status == "refused" and "400 km" in too_far.detail
    long = ParsedActivity(**{**activity().__dict__, "duration_min": 1801.0})
    assert (
        "1800 minutes" in mapping.import_activity(long, runner=me, source="file", label="b").detail
    )
    no_km = mapping.import_activity(activity(km=None), runner=me, source="file", label="c")
    assert no_km.status == "refused" and "needs one" in no_km.detail
    assert not Session.objects.exists()


def test_it_lists_jobs_in_the_admin(client, django_user_model, runner):
    ImportJob.objects.create(user=runner, kind="strava", status="done", label="export.zip")
    staff = django_user_model.objects.create_superuser("admin", "a@example.org", "pw-123456789")
    client.force_login(staff)
    page = client.get(reverse("admin:tracker_importjob_changelist"))
    assert page.status_code == 200 and "export.zip" in page.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("started_ago", "waiting"), [(1, True), (jobs.TASK_TAKING_SECONDS + 5, False)]
)
def test_a_task_a_worker_has_just_taken_is_nobodys_orphan(settings, started_ago, waiting):
    """Between a worker taking the task and taking the job's lock the job looked
    orphaned, and the sweep queued it a second time; a task taken longer ago whose
    lock is free is a dead worker's."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from tracker.imports.tasks import run_import_job

    result = run_import_job.enqueue(0)
    DBTaskResult.objects.filter(id=result.id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(seconds=started_ago)
    )
    assert jobs._task_waiting(str(result.id)) is waiting
