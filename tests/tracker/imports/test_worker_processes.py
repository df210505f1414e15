"""Real worker processes on a real SQLite file: a worker killed mid-import and a
second one finishing the job (no session twice, none lost), and the README's
promise that ``make run`` and ``make serve`` serve pages and run imports with
no extra step, and stop everything they started."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from file_db import MANAGE, ROOT, file_db_env, start_worker, stop_worker

pytestmark = pytest.mark.django_db  # so that the test database exists for migrated_sqlite


def gpx_file(start: datetime, points: int) -> str:
    rows = "".join(
        f'<trkpt lat="{47.6 + i * 0.00005:.6f}" lon="-122.3"><ele>20</ele>'
        f"<time>{start + timedelta(seconds=2 * i):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
        f"<trkseg>{rows}</trkseg></trk></gpx>"
    )


def write_gpx_files(folder: Path, count: int, points: int) -> None:
    folder.mkdir()
    for n in range(count):
        start = datetime(2025, 1, 1, 7, tzinfo=UTC) + timedelta(days=n)
        (folder / f"run-{n:03d}.gpx").write_text(gpx_file(start, points))


# Makes a runner and an import job of the files in a folder, and enqueues it on
# the database queue, as an upload through the web does.
ENQUEUE = """
from pathlib import Path
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from tracker.imports import jobs
from tracker.models import Profile
user = get_user_model().objects.create_user(username="ann", password=None)
Profile.objects.create(user=user)
uploads = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted(Path({folder!r}).iterdir())]
job = jobs.job_create(user=user, kind="files", uploads=uploads)
jobs.job_start(job)
print(job.pk)
"""


def enqueue(data: Path, folder: Path) -> int:
    done = subprocess.run(
        [sys.executable, MANAGE, "shell", "-c", ENQUEUE.format(folder=str(folder))],
        env=file_db_env(data),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


def job_row(database: Path, job_id: int) -> dict:
    with sqlite3.connect(database, timeout=20) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM tracker_importjob WHERE id = ?", [job_id]).fetchone()
        return dict(row)


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def worker_env(data: Path) -> dict[str, str]:
    return file_db_env(data, IMPORT_SWEEP_SECONDS="0.5")


def test_a_second_worker_finishes_the_job_of_a_killed_one(migrated_sqlite, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    database = data / "stridewise.sqlite3"
    shutil.copy(migrated_sqlite, database)
    files = tmp_path / "files"
    count = 40
    write_gpx_files(files, count, points=2400)

    first = start_worker(worker_env(data))
    try:
        job_id = enqueue(data, files)
        # Killed once it has recorded some progress and before the end.
        wait_for(lambda: job_row(database, job_id)["done_count"] > 0, 120, "the first progress")
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    finally:
        stop_worker(first)
    killed = job_row(database, job_id)
    assert killed["status"] == "running" and 0 < killed["done_count"] < count

    second = start_worker(worker_env(data))
    try:
        wait_for(lambda: job_row(database, job_id)["status"] == "done", 240, "the second worker")
    finally:
        stop_worker(second)
    job = job_row(database, job_id)
    with sqlite3.connect(database) as db:
        starts = [row[0] for row in db.execute("SELECT started_at FROM tracker_session")]
        ids = {row[0] for row in db.execute("SELECT id FROM tracker_session")}
    assert len(starts) == count and len(set(starts)) == count  # every file once: no loss, no twin
    assert (job["imported"], job["duplicates"], job["refused"]) == (count, 0, 0)
    assert job["done_count"] == job["total"] == count
    import json

    assert set(json.loads(job["session_ids"])) == ids
    assert not list((data / "import-spool").rglob("*.gpx"))  # the uploads are gone


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] == "Z"  # a zombie is gone too


@pytest.mark.parametrize(
    ("target", "stop"), [("run", signal.SIGINT), ("serve", signal.SIGTERM)], ids=["run", "serve"]
)
def test_make_starts_the_site_with_a_worker_and_stops_both(tmp_path, target, stop):
    data = tmp_path / "data"  # a fresh clone's: nothing there yet
    port = free_port()
    env = file_db_env(
        data,
        PORT=str(port),
        WEB_CONCURRENCY="1",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on the loopback
        IMPORT_SWEEP_SECONDS="1",
        # Not the checkout's staticfiles/: collectstatic rewrites files there that
        # the other tests' WhiteNoise scans at the same moment.
        STATIC_ROOT=str(tmp_path / "static"),
    )
    env.pop("SECRET_KEY")  # make serve writes its own, as on a fresh machine
    log = tmp_path / "make.log"
    with log.open("wb") as out:
        make = subprocess.Popen(
            ["make", "-s", target],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:

        def page() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5):
                    return True
            except OSError:
                assert make.poll() is None, log.read_text()
                return False

        wait_for(page, 180, f"make {target} to serve the log-in page")
        files = tmp_path / "files"
        write_gpx_files(files, 2, points=30)
        job_id = enqueue(data, files)
        database = data / "stridewise.sqlite3"
        wait_for(lambda: job_row(database, job_id)["status"] == "done", 120, "the worker")
        assert job_row(database, job_id)["imported"] == 2
    finally:
        os.killpg(make.pid, stop)  # what Ctrl+C in the terminal, or a service manager, sends
        try:
            make.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)
            raise
    pids = re.search(r"web pid (\d+), worker pid (\d+)", log.read_text())
    assert pids, log.read_text()
    for pid in map(int, pids.groups()):
        wait_for(lambda pid=pid: gone(pid), 30, f"process {pid} to end")


def test_with_worker_stops_the_worker_when_the_web_server_exits_and_keeps_its_status(
    migrated_sqlite, tmp_path
):
    # -S: no site-packages, as the supervisor needs only the standard library.
    supervisor = [sys.executable, "-S", "-m", "tracker.with_worker"]
    usage = subprocess.run(supervisor, cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert usage.returncode == 2 and "WEB_COMMAND" in usage.stderr

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(migrated_sqlite, data / "stridewise.sqlite3")
    web = [sys.executable, "-c", "import sys; sys.exit(3)"]  # a web server that fails at once
    done = subprocess.run(
        [*supervisor, *web],
        env=file_db_env(data),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert "the web server exited (3)" in done.stdout
    pids = re.search(r"web pid (\d+), worker pid (\d+)", done.stdout)
    assert pids, done.stdout
    worker = int(pids.group(2))
    wait_for(lambda: gone(worker), 30, "the worker to end")


def test_the_task_worker_lowers_its_own_cpu_priority(monkeypatch, settings):
    """Imports are background work: a worker on the web server's machine yields the
    processor to page requests (TASK_WORKER_NICENESS, README)."""
    from django_tasks_db.management.commands import db_worker as library

    from tracker.management.commands import db_worker

    niced: list[int] = []
    monkeypatch.setattr(db_worker.os, "nice", niced.append)
    monkeypatch.setattr(library.Command, "handle", lambda self, *a, **o: None)
    settings.TASK_WORKER_NICENESS = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    db_worker.Command().handle(backend_name="default")
    assert niced == [10]
    settings.TASK_WORKER_NICENESS = 0
    db_worker.Command().handle(backend_name="default")
    assert niced == [10]
