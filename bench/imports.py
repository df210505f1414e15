"""Time the imports and the export.

Run from the repository root: ``python bench/imports.py``. It sets up a throwaway
SQLite database in a temporary folder (never the data folder, never DATABASE_URL)
and prints:

- files per second for a batch of 200 GPX files (one-hour runs with a point every
  2 s, as a watch's "smart" recording writes them, with heart rate; made from one
  template track by shifting its times a day per file), run as an import job the
  way a task worker runs it; the parsing alone for comparison;
- rows per second for a 2,000-row sessions.csv through the web's preview and
  confirm tasks, run as a worker runs them (each plans the file; confirm writes
  it in batches), and again as a re-import that adds nothing;
- the time to export a ten-year history (seed_demo, seed 1) as the download zip.

Each figure is given by the wall clock and by this process's CPU time (SQLite runs
in it too): on a busy machine the second is the one to compare. Figures depend on
the machine; the point is the order of magnitude and that none of them grows
faster than the data.
"""

from __future__ import annotations

import io
import math
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GPX_FILES = 200
GPX_POINTS = 1800  # one hour, a point every POINT_EVERY_S seconds
POINT_EVERY_S = 2
CSV_ROWS = 2000
EXPORT_YEARS = 10
SEED = 1
END = "2026-06-28"  # a fixed "today", so every run sees the same log
NOW = datetime(2026, 6, 28, 17, 0, tzinfo=UTC)
EXPORT_REPEATS = 5


class Clock:
    """Wall and CPU seconds of a block: ``with Clock() as c: ...; c.wall, c.cpu``."""

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu

    def rate(self, count: int, unit: str) -> str:
        return (
            f"{count / self.wall:8.1f} {unit}/s wall, {count / self.cpu:8.1f} {unit}/s CPU "
            f"({self.wall:.2f} s, {self.cpu:.2f} s CPU)"
        )


def _setup(data_dir: str) -> None:
    # Before Django reads its settings: a private database and data folder.
    os.environ["STRIDEWISE_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(data_dir) / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    # Uploads and job locks go to the data folder, which is the temporary one.
    call_command("migrate", verbosity=0)


def _template_points() -> list[tuple[float, float, float, int]]:
    """(lat, lon, elevation, heart rate) of a one-hour loop, the same every run."""
    rng = random.Random(SEED)
    points = []
    for i in range(GPX_POINTS):
        angle = 2 * math.pi * i / GPX_POINTS
        # A 10 km loop (radius about 1.6 km) with a little GPS noise.
        lat = 51.5 + 0.0144 * math.sin(angle) + rng.uniform(-2e-6, 2e-6)
        lon = -0.12 + 0.0231 * (1 - math.cos(angle)) + rng.uniform(-2e-6, 2e-6)
        elevation = 30 + 15 * math.sin(3 * angle) + rng.uniform(-0.3, 0.3)
        points.append((lat, lon, elevation, 140 + int(15 * math.sin(angle)) + rng.randint(-2, 2)))
    return points


def gpx_batch() -> list[tuple[str, bytes]]:
    """GPX_FILES files: the template track, each a day later than the one before."""
    template = _template_points()
    first = datetime(2025, 1, 1, 6, 30, tzinfo=UTC)
    files = []
    for n in range(GPX_FILES):
        start = first + timedelta(days=n)
        rows = []
        for i, (lat, lon, ele, hr) in enumerate(template):
            moment = (start + timedelta(seconds=i * POINT_EVERY_S)).strftime("%Y-%m-%dT%H:%M:%SZ")
            rows.append(
                f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{ele:.1f}</ele><time>{moment}</time>'
                "<extensions><gpxtpx:TrackPointExtension>"
                f"<gpxtpx:hr>{hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>"
            )
        text = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1" '
            'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
            f"<trk><name>Run {n}</name><type>running</type><trkseg>\n"
            + "\n".join(rows)
            + "\n</trkseg></trk></gpx>\n"
        )
        files.append((f"run-{n:03d}.gpx", text.encode()))
    return files


def sessions_csv() -> bytes:
    """CSV_ROWS sessions on distinct days before END, in the contract's columns."""
    rng = random.Random(SEED)
    end = date.fromisoformat(END)
    lines = ["date,activity,distance_km,duration_min,surface,rpe,pain,pain_area,pain_side,notes"]
    for n in range(CSV_ROWS):
        day = end - timedelta(days=n + 1)
        km = round(rng.uniform(3, 25), 2)
        pain = rng.choice(["", "", "", "2"])
        area, side = ("calf", "left") if pain else ("", "")
        surface = rng.choice(["asphalt", "trail", "track", "treadmill"])
        lines.append(
            f"{day},run,{km},{round(km * rng.uniform(4.8, 6.5), 1)},{surface},"
            f"{rng.randint(2, 9)},{pain},{area},{side},session {n}"
        )
    return ("\n".join(lines) + "\n").encode()


def _runner(username: str):
    from django.contrib.auth import get_user_model

    from tracker.models import Profile

    user = get_user_model().objects.create_user(username=username, password=None)
    Profile.objects.create(user=user)
    return user


def bench_gpx() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tracker.imports import jobs
    from tracker.imports.readers import parse_activity_file
    from tracker.models import ImportKind

    files = gpx_batch()
    megabytes = sum(len(data) for _, data in files) / 1e6
    user = _runner("gpx")

    with Clock() as parsing:
        for name, data in files:
            parse_activity_file(data, name)

    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    with Clock() as importing:
        # Store the uploads and run the job to the end, as upload + worker do.
        job = jobs.job_create(user=user, kind=ImportKind.FILES, uploads=uploads)
        jobs.job_run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.imported) == ("done", GPX_FILES), job.messages[:3]
    print(f"GPX: {GPX_FILES} files of {GPX_POINTS} points ({megabytes:.0f} MB)")
    print(f"  parse only:              {parsing.rate(GPX_FILES, 'files')}")
    print(f"  import job:              {importing.rate(GPX_FILES, 'files')}")


def bench_csv() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tracker.imports.contract import preview as csv_jobs
    from tracker.models import ImportJob, Session

    data = sessions_csv()
    user = _runner("csv")
    today = date.fromisoformat(END)

    def preview() -> ImportJob:
        upload = SimpleUploadedFile("sessions.csv", data)
        job = csv_jobs.csv_job_create(user=user, today=today, uploads={"sessions": upload})
        csv_jobs.csv_preview_run(job.pk)  # the preview task, as a worker runs it
        job.refresh_from_db()
        return job

    with Clock() as checking:
        job = preview()
    assert csv_jobs.CsvState.of(job).phase == csv_jobs.READY, job.messages[:3]
    with Clock() as confirm:
        assert csv_jobs.csv_confirm_request(job=job, today=today)
        csv_jobs.csv_confirm_run(job.pk)  # the confirm task: plan again, write in batches
    job.refresh_from_db()
    assert (job.status, job.imported) == ("done", CSV_ROWS), job.messages[:3]
    assert Session.objects.filter(user=user).count() == CSV_ROWS
    with Clock() as again:
        job = preview()
    assert job.status == "done" and job.duplicates == 0 and job.imported == 0

    print(f"sessions.csv: {CSV_ROWS} rows ({len(data) / 1e3:.0f} KB)")
    print(f"  preview task:            {checking.rate(CSV_ROWS, 'rows')}")
    print(f"  confirm task (plan + write in batches): {confirm.rate(CSV_ROWS, 'rows')}")
    print(f"  re-import (all known):   {again.rate(CSV_ROWS, 'rows')}")


def bench_export() -> None:
    from django.core.management import call_command

    from tracker.imports.contract import export_zip
    from tracker.models import Session, Soreness

    username = "export10y"
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        call_command(
            "seed_demo", user=username, years=EXPORT_YEARS, seed=SEED, end=END, stdout=io.StringIO()
        )
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    sessions = Session.objects.filter(user=user).count()
    soreness = Soreness.objects.filter(user=user).count()
    walls, cpus = [], []
    for _ in range(EXPORT_REPEATS):
        with Clock() as clock:
            data = export_zip(user=user)
        walls.append(clock.wall)
        cpus.append(clock.cpu)
    print(
        f"export: {EXPORT_YEARS}-year history ({sessions} sessions, {soreness} check-ins) "
        f"-> {len(data) / 1e3:.0f} KB zip"
    )
    print(
        f"  median of {EXPORT_REPEATS}: {statistics.median(walls) * 1000:.0f} ms wall, "
        f"{statistics.median(cpus) * 1000:.0f} ms CPU"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="stridewise-bench-") as data_dir:
        _setup(data_dir)
        bench_gpx()
        bench_csv()
        bench_export()


if __name__ == "__main__":
    main()
