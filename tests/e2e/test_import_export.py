"""A runner brings years of history in and takes everything out again, in a browser.

The Strava-style export is built here from rows of the reference activities.csv
(../shared/realdata) and a GPX for one of them. The journey's import is run by a
real ``manage.py db_worker`` process, on a file copy of the test database that the
live server shares with it (the worker_site fixture); the other tests run tasks
inside the request that enqueues them.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

STRAVA_CSV = "csv/strava-activity-map__export_08_25_2025__activities.csv"
# A ride, the first run, a hike, a walk and a velomobile ride (its gear: a bike).
ROW_IDS = ("203707851", "740821460", "2221060769", "3408296494", "14142078574")
RUN_ID = "740821460"  # Oct 10, 2016, 8:55:48 PM (UTC); 6639.4 m


@pytest.fixture(autouse=True)
def _tasks_at_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "spool", "base_url": None},
        },
    }
    settings.IMPORT_LOCK_DIR = tmp_path / "locks"


@pytest.fixture
def strava_export(realdata_file):
    """``strava_export(folder)``: a Strava-style export zip of five reference rows."""
    source = realdata_file(STRAVA_CSV)

    def build(folder: Path) -> Path:
        with source.open(encoding="utf-8", newline="") as stream:
            header, *body = list(csv.reader(stream))
        gear = header.index("Activity Gear")
        rows = []
        for row in body:
            if row[0] in ROW_IDS:
                if row[0] == RUN_ID:
                    row[gear] = "Pegasus 40"
                rows.append(row)
        text = io.StringIO(newline="")
        csv.writer(text).writerows([header, *rows])
        start = datetime(2016, 10, 10, 20, 55, 48, tzinfo=UTC)
        points = "".join(
            f'<trkpt lat="{47.6 + i * 0.0005:.6f}" lon="-122.3"><ele>20</ele>'
            f"<time>{start + timedelta(seconds=i * 30):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
            for i in range(60)
        )
        gpx = (
            '<?xml version="1.0"?><gpx version="1.1" creator="watch" '
            'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
            f"<trkseg>{points}</trkseg></trk></gpx>"
        )
        path = folder / "export_12345.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("activities.csv", text.getvalue())
            archive.writestr(f"activities/{RUN_ID}.gpx", gpx)
        return path

    return build


def test_it_imports_a_strava_export_fills_the_details_exports_and_reimports(
    worker_site,
    worker_page: Page,
    console_errors,
    make_user,
    log_in,
    tmp_path,
    axe_violations,
    strava_export,
) -> None:
    from tracker.imports.tasks import run_import_job
    from tracker.models import ImportJob

    page = worker_page
    make_user("newcomer")
    log_in(page, "newcomer")
    page.get_by_role("link", name="Import / export").click()

    page.get_by_label("Files from a watch, an app or Strava").set_input_files(
        strava_export(tmp_path)
    )
    page.get_by_role("button", name="Import the files").click()
    # No worker runs yet: the job waits in the queue, and its page says so.
    status, progress = page.get_by_test_id("job-status"), page.get_by_test_id("job-progress")
    bar = page.get_by_role("progressbar", name="Import progress")
    expect(status).to_have_text("Waiting")
    expect(progress).to_contain_text("0 of 1 done: 0 imported")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.get_by_text("this page updates itself")).to_be_visible()
    # A worker process takes the task; the page follows the job by itself to the end.
    worker_site.start_worker()
    expect(status).to_have_text("Done", timeout=60_000)
    expect(progress).to_contain_text("5 of 5 done: 5 imported")
    expect(bar).to_have_attribute("aria-valuenow", "100")
    assert axe_violations(page) == []
    # The worker ran it, not this process: the queue's row names the worker.
    job = ImportJob.objects.get(user__username="newcomer")
    result = run_import_job.get_result(job.task_id)
    assert result.status == "SUCCESSFUL" and len(result.worker_ids) == 1

    page.get_by_role("link", name="Add surface, shoes and pain to the new sessions").click()
    rows = page.get_by_test_id("followup-row")
    expect(rows).to_have_count(5)
    assert axe_violations(page) == []
    run = rows.filter(has_text="· Run ·")
    run.get_by_label("Surface").select_option("trail")
    run.get_by_label("Shoe").select_option(label="Pegasus 40")
    run.get_by_label("Warm-up (min)").fill("10")
    run.get_by_label("Pain (0-10)").fill("2")
    run.get_by_label("Pain area").select_option("calf")
    run.get_by_label("Pain side").select_option("left")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Saved the details of 5")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Pegasus 40")).to_contain_text("Trail")

    page.goto("/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my log (zip)").click()
    exported = tmp_path / "exported"
    with zipfile.ZipFile(download.value.path()) as archive:
        archive.extractall(exported)
    assert sorted(p.name for p in exported.iterdir()) == [
        "ostrc.csv",
        "sessions.csv",
        "shoes.csv",
        "soreness.csv",
        "wellness.csv",
    ]

    # Into a brand-new account: the same sessions, shoe and details included.
    page.context.clear_cookies()
    make_user("second-life")
    log_in(page, "second-life")
    page.goto("/import/")
    for name in ("shoes.csv", "sessions.csv", "soreness.csv"):
        page.get_by_label(name).set_input_files(exported / name)
    page.get_by_role("button", name="Check the files").click()
    expect(page.get_by_test_id("preview-sessions")).to_contain_text("5")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Import these rows").click()
    expect(
        page.get_by_role("status").filter(has_text="Imported 1 shoes, 5 sessions")
    ).to_be_visible()
    page.goto("/sessions/")
    expect(page.locator("tbody tr[data-session]")).to_have_count(5)
    expect(page.get_by_role("row").filter(has_text="Pegasus 40")).to_contain_text("Trail")
    assert console_errors == []


def test_the_job_page_follows_a_running_job_until_it_is_done(
    page: Page, console_errors, make_user, log_in
) -> None:
    import threading

    from django.db import connections

    from tracker.imports.locks import job_lock
    from tracker.models import ImportJob

    runner = make_user("patient")
    job = ImportJob.objects.create(
        user=runner,
        kind="strava",
        status="running",
        label="export.zip",
        total=40,
        done_count=10,
        imported=10,
    )
    # Its worker holds the job's lock meanwhile, so the page only watches.
    taken, finished = threading.Event(), threading.Event()

    def worker() -> None:
        with job_lock(job.pk):
            taken.set()
            finished.wait(60)
        connections.close_all()

    holder = threading.Thread(target=worker)
    holder.start()
    assert taken.wait(30)
    log_in(page, "patient")
    polls: list[str] = []
    page.on(
        "request", lambda request: polls.append(request.url) if "/status/" in request.url else None
    )
    page.goto(f"/import/jobs/{job.pk}/")
    expect(page.get_by_test_id("job-status")).to_have_text("Running")
    expect(page.get_by_test_id("job-progress")).to_contain_text("10 of 40 done")
    # It asks for the job's status a few hundred milliseconds apart (job.js), not
    # once a refresh: three asks inside the first refresh's two seconds.
    page.wait_for_timeout(1500)
    assert len(polls) >= 3, polls
    # The worker finishes while the page is open; the page reloads itself.
    ImportJob.objects.filter(pk=job.pk).update(
        status="done", done_count=40, imported=40, updated_at=timezone.now()
    )
    finished.set()
    holder.join(30)
    expect(page.get_by_test_id("job-status")).to_have_text("Done")
    expect(page.get_by_test_id("job-progress")).to_contain_text("40 of 40 done")
    assert console_errors == []


def test_the_follow_up_form_fits_a_phone(phone_page: Page, make_user, log_in) -> None:
    from decimal import Decimal

    from tracker.models import ImportJob, Session

    runner = make_user("thumbs")
    sessions = [
        Session.objects.create(
            user=runner,
            date=datetime(2026, 1, day, tzinfo=UTC).date(),
            distance_km=Decimal("10.5"),
            duration_min=Decimal("55"),
            started_at=datetime(2026, 1, day, 7, tzinfo=UTC),
            source="file",
        )
        for day in (3, 4, 5)
    ]
    job = ImportJob.objects.create(
        user=runner, kind="files", status="done", session_ids=[s.pk for s in sessions]
    )
    log_in(phone_page, "thumbs")
    phone_page.goto(f"/import/jobs/{job.pk}/details/")
    expect(phone_page.get_by_test_id("followup-row")).to_have_count(3)
    widths = phone_page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the follow-up form scrolls sideways: {widths}"
    field = phone_page.get_by_test_id("followup-row").first.get_by_label("Surface")
    assert field.bounding_box()["height"] >= 44
