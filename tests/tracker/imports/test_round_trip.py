"""The export loses nothing (issue 13): every reference activity file, the Garmin
Connect Activities.csv and the Strava activities.csv imported, exported, imported
into a fresh account and exported again give the same files, and the columns the
sources fill are filled.

Run with ``-s`` to see the count of sessions per filled column."""

from __future__ import annotations

import contextlib
import csv
import io
from collections import Counter
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from tracker.imports.contract import FILE_NAMES, SESSIONS
from tracker.models import Session

NEW_COLUMNS = ("title", "start_time", "avg_hr", "max_hr", "ascent_m", "race", "rpe")
# Strava's Competition and Perceived Exertion are empty in the reference export:
# two rows of a hand-made activities.csv fill them, as Strava writes them.
STRAVA_FLAGS = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
    "Elapsed Time,Distance,Max Heart Rate,Moving Time,Distance,Elevation Gain,"
    "Average Heart Rate,Perceived Exertion,Competition\n"
    '9001,"Mar 2, 2025, 8:00:00 AM",City 10K,Run,Felt strong,2700,10.0,188,2650,'
    "10000.0,42.5,171,8.0,1.0\n"
    '9002,"Mar 4, 2025, 6:30:00 PM",Easy jog,Run,,1800,5.0,,1790,5000.0,,,3.0,0.0\n'
)


def _import_files(username: str, paths: list[Path]) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    # The reference set holds damaged files: refused (CommandError), the rest imported.
    with contextlib.suppress(CommandError):
        call_command("import_files", "--user", username, *map(str, paths), stdout=out, stderr=err)
    return out.getvalue().splitlines()


def _export(username: str, folder: Path) -> dict[str, str]:
    call_command("export_csv", "--user", username, "--out", str(folder), stdout=io.StringIO())
    return {name: (folder / name).read_text(encoding="utf-8") for name in FILE_NAMES.values()}


def _filled(text: str) -> Counter[str]:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    counts = Counter(name for row in rows for name in NEW_COLUMNS if row[name] != "")
    counts["sessions"] = len(rows)
    return counts


def test_export_import_export_gives_back_every_column(realdata_file, make_user, tmp_path):
    folder = realdata_file("")
    activity_files = sorted(
        path for kind in ("fit", "gpx", "tcx") for path in (folder / kind).iterdir()
    )
    flags = tmp_path / "activities.csv"
    flags.write_text(STRAVA_FLAGS, encoding="utf-8")
    sources = [
        *activity_files,
        folder / "csv" / "grunt__garmin-connect__Activities.csv",
        folder / "csv" / "strava-activity-map__export_08_25_2025__activities.csv",
        flags,
    ]
    first_runner = make_user("first", time_zone="America/Denver")
    lines = _import_files(first_runner.username, sources)
    imported = sum(": imported: " in line for line in lines)
    assert imported == Session.objects.filter(user=first_runner).count() > 2900

    first = _export(first_runner.username, tmp_path / "first")
    paths = {kind: tmp_path / "first" / name for kind, name in FILE_NAMES.items()}
    args = [f"--{kind}={path}" for kind, path in paths.items()]
    make_user("second", time_zone="America/Denver")
    call_command("import_csv", "--user", "second", *args, stdout=io.StringIO())
    second = _export("second", tmp_path / "second")

    assert second == first
    counts = _filled(first[FILE_NAMES[SESSIONS]])
    print("\nsessions per filled column after the round trip:", dict(counts))
    assert counts["sessions"] == imported
    # Every source has start times; the files, Garmin's and Strava's CSVs have names,
    # heart rates and climbs; the hand-made rows add race marks and efforts.
    assert counts["start_time"] == imported
    for column in ("title", "avg_hr", "max_hr", "ascent_m"):
        assert counts[column] > 1000, column
    assert counts["race"] == 2 and counts["rpe"] == 2
    race = Session.objects.get(user__username="second", title="City 10K")
    assert (race.race, race.rpe, race.avg_hr, race.max_hr, race.ascent_m, race.notes) == (
        True,
        8,
        171,
        188,
        42,
        "Felt strong",
    )
