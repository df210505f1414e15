"""``import_files`` end to end: every reference file under ../shared/realdata goes
through the command into Session rows and out again through ``export_csv``, with
the figures SOURCES.md gives (distance within 1 %, duration within 1 s, start
date), or is refused with a clear reason where SOURCES.md calls it corrupt.

The parsers' own figures are tested in tests/tracker/importers/; here the point is
what lands in the log and in the contract files.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tracker.models import Session, Shoe

pytestmark = pytest.mark.django_db

STRAVA_CSV = "csv/strava-activity-map__export_08_25_2025__activities.csv"
GARMIN_CSV = "csv/grunt__garmin-connect__Activities.csv"


@dataclass(frozen=True)
class Figures:
    day: date  # the start date (UTC; the runner below lives in UTC)
    distance_m: float
    duration_s: float  # moving/timer time where the file has one, else elapsed
    activity: str


# From SOURCES.md. GPX: length_2d and gpxpy's moving time; TCX: the lap sums;
# FIT: the session's total_distance and total_timer_time.
GOOD: dict[str, Figures] = {
    "gpx/togeojson__run_gpxtpx.gpx": Figures(date(2015, 1, 19), 3572.3, 1076, "run"),
    "gpx/georust-gpx__garmin-activity.gpx": Figures(date(2017, 7, 29), 12835.5, 5492, "run"),
    "gpx/togeojson__Friday-Evening-Run.gpx": Figures(date(2025, 5, 2), 87.7, 35.503, "run"),
    "gpx/gpxpy__cerknicko-jezero.gpx": Figures(date(2010, 8, 5), 4580.1, 2425, "walk"),
    "tcx/python-tcxparser__test.tcx": Figures(date(2012, 12, 26), 4689.24, 1992.78, "run"),
    "tcx/tcxreader__cross-country-skiing_activity_1.tcx": Figures(
        date(2020, 12, 26), 5692.01, 2401.26, "other"
    ),
    "tcx/togeojson__garmin_connect.tcx": Figures(date(2020, 3, 6), 1691.68, 4352, "cycle"),
    "tcx/togeojson__sample.tcx": Figures(date(2007, 8, 7), 8348.50, 2325.02, "run"),
    "fit/python-fitparse__activity-small-fenix2-run.fit": Figures(
        date(2015, 8, 15), 9008.22, 2832.0, "run"
    ),
    "fit/python-fitparse__garmin-fenix-5-run.fit": Figures(
        date(2017, 6, 11), 157.56, 56.887, "run"
    ),
    "fit/python-fitparse__2015-10-13-08-43-15.fit": Figures(
        date(2015, 10, 13), 11536.43, 1558.198, "cycle"
    ),
}

# SOURCES.md: a planned route, hand-edited bad values, and three damaged FIT files.
REFUSED: dict[str, str] = {
    "gpx/georust-gpx__strava_route_example.gpx": "GPX has no timestamps: a planned route",
    "gpx/togeojson__bad.gpx": "invalid coordinate 'undefined'",
    "fit/python-fitparse__strava-android-app-201.10-b1218918.fit": (
        "the file is damaged: part of it cannot be decoded"
    ),
    "fit/python-fitparse__nick.fit": "the file ends in the middle of a record",
    "fit/python-fitparse__activity-unexpected-eof.fit": (
        "the file ends in the middle of a record: it was cut short while copying"
    ),
}


def import_files(username: str, *paths: Path | str) -> tuple[list[str], bool]:
    """(stdout's lines, then the tally, whether the command succeeded).

    stdout is one line per activity; the tally goes to stderr, or is the error's
    message when something was refused.
    """
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_files", "--user", username, *map(str, paths), stdout=out, stderr=err)
        # The tally is stderr's last line, after which fields each format filled.
        ok, tally = True, err.getvalue().strip().splitlines()[-1]
    except CommandError as exc:
        ok, tally = False, str(exc).split(";")[0]
    lines = out.getvalue().splitlines()
    assert all(re.fullmatch(r".+: (imported|duplicate|refused): .+", line) for line in lines)
    return [*lines, tally], ok


def exported_sessions(username: str, tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / f"export-{username}"
    call_command("export_csv", "--user", username, "--out", str(out), stdout=io.StringIO())
    text = (out / "sessions.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_every_reference_file_has_an_expectation(realdata_file):
    folder_of = realdata_file("")
    present = {
        f"{folder}/{path.name}"
        for folder in ("gpx", "tcx", "fit", "csv")
        for path in (folder_of / folder).iterdir()
    }
    assert present == set(GOOD) | set(REFUSED) | {STRAVA_CSV, GARMIN_CSV}


def test_it_imports_every_good_reference_file_with_its_figures_into_the_export(
    runner, tmp_path, realdata_file
):
    paths = [realdata_file(relative) for relative in GOOD]
    lines, ok = import_files(runner.username, *paths)
    assert ok, lines
    assert len(lines) == len(GOOD) + 1  # one per activity, and the tally
    for path, line in zip(paths, lines, strict=False):
        assert line.startswith(f"{path}: imported: "), line
    assert lines[-1] == f"{len(GOOD)} imported, 0 already in the log, 0 refused"

    rows = exported_sessions(runner.username, tmp_path)
    assert len(rows) == len(GOOD)
    by_day = {row["date"]: row for row in rows}
    for relative, expected in GOOD.items():
        row = by_day[expected.day.isoformat()]
        assert row["activity"] == expected.activity, relative
        assert float(row["distance_km"]) * 1000 == pytest.approx(expected.distance_m, rel=0.01), (
            relative
        )
        assert abs(float(row["duration_min"]) * 60 - expected.duration_s) <= 1, relative
    assert set(Session.objects.values_list("source", flat=True)) == {"file"}
    assert not Session.objects.filter(started_at__isnull=True).exists()


@pytest.mark.parametrize("relative", sorted(REFUSED), ids=lambda r: r.split("/")[1])
def test_it_refuses_each_damaged_reference_file_with_its_reason(runner, relative, realdata_file):
    path = realdata_file(relative)
    lines, ok = import_files(runner.username, path)
    assert not ok
    assert lines[0].startswith(f"{path}: refused: {REFUSED[relative]}"), lines[0]
    assert not Session.objects.exists()
    # The damaged Strava FIT decodes to 2085 just before failing; nothing of it is kept.
    assert "2085" not in lines[0]


def test_it_imports_the_good_files_of_a_mixed_batch_and_exits_non_zero(runner, realdata_file):
    good = realdata_file("fit/python-fitparse__garmin-fenix-5-run.fit")
    bad = realdata_file("gpx/togeojson__bad.gpx")
    lines, ok = import_files(runner.username, bad, good)
    assert not ok
    assert lines[0].startswith(f"{bad}: refused: ")
    assert lines[1].startswith(f"{good}: imported: run 0.158 km")
    assert Session.objects.count() == 1


def test_it_adds_nothing_the_second_time_and_says_duplicate(runner, realdata_file):
    paths = [
        realdata_file("tcx/python-tcxparser__test.tcx"),
        realdata_file("tcx/togeojson__sample.tcx"),
    ]
    import_files(runner.username, *paths)
    lines, ok = import_files(runner.username, *paths)
    assert ok
    assert all(": duplicate: already in the log: run " in line for line in lines[:2]), lines
    assert lines[-1] == "0 imported, 2 already in the log, 0 refused"
    assert Session.objects.count() == 2


def test_it_reads_gzip_compressed_files_like_the_plain_ones(runner, tmp_path, realdata_file):
    source = realdata_file("fit/python-fitparse__activity-small-fenix2-run.fit")
    packed = tmp_path / f"{source.name}.gz"
    packed.write_bytes(gzip.compress(source.read_bytes()))
    lines, ok = import_files(runner.username, packed)
    assert ok and lines[0].startswith(f"{packed}: imported: run 9.008 km")
    # The same activity, plain: a duplicate.
    lines, ok = import_files(runner.username, source)
    assert ok and ": duplicate: " in lines[0]


def test_it_dates_a_session_in_the_runners_time_zone(make_user, realdata_file):
    west = make_user(time_zone="America/Los_Angeles")
    # Starts 2020-03-06T00:23:46Z: the evening of the 5th in Los Angeles.
    import_files(west.username, realdata_file("tcx/togeojson__garmin_connect.tcx"))
    session = Session.objects.get(user=west)
    assert session.date == date(2020, 3, 5)
    assert session.started_at.isoformat() == "2020-03-06T00:23:46+00:00"


def test_it_keeps_heart_rate_and_elevation_where_the_file_has_them(runner, realdata_file):
    import_files(runner.username, realdata_file("gpx/togeojson__run_gpxtpx.gpx"))
    session = Session.objects.get()
    assert session.avg_hr == 169  # SOURCES.md: mean 168.6
    assert session.ascent_m == 95
    assert session.title == "Greeting SF with a dumb, dumb route"
    assert session.surface == ""  # the runner's to say


def test_it_imports_the_reference_strava_export(runner, tmp_path, realdata_file):
    """activities.csv of a real export, zipped without its track files: every row
    from the CSV's own figures; the three multi-day rides over 400 km refused, and
    two "hikes" at 5:30 /km (10.9 km/h: a ride or a drive, no walk)."""
    csv_path = realdata_file(STRAVA_CSV)
    export = tmp_path / "export_08_25_2025.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(csv_path, "activities.csv")
    lines, ok = import_files(runner.username, export)
    assert not ok
    assert lines[-1] == "1840 imported, 0 already in the log, 5 refused"
    refused = [line for line in lines if ": refused: " in line]
    too_long = [line for line in refused if "km is longer than the 400 km one session" in line]
    too_fast = [line for line in refused if "/km is faster than anyone walks" in line]
    assert (len(too_long), len(too_fast)) == (3, 2)
    assert {line.split(":")[1] for line in too_fast} == {
        "activities/9515859170.gpx",
        "activities/14827328714.gpx",
    }

    runs = Session.objects.filter(activity="run")
    assert runs.count() == 643  # SOURCES.md: Runs 643 rows
    total_km = sum(float(s.distance_km) for s in runs)
    assert total_km == pytest.approx(3818.77, rel=0.01)  # SOURCES.md: 3818.77 km
    first = runs.order_by("started_at").first()
    # SOURCES.md: the first Run, ID 740821460, moving 1765 s, 6639.4 m.
    assert float(first.distance_km) == pytest.approx(6.6394, abs=0.001)
    assert abs(float(first.duration_min) * 60 - 1765) <= 1
    assert set(Session.objects.values_list("source", flat=True)) == {"strava"}
    # Its gear is only ever on rides: a bike is not a shoe.
    assert not Shoe.objects.exists()
    assert len(exported_sessions(runner.username, tmp_path)) == 1840


def test_it_imports_the_reference_garmin_connect_activities_csv(make_user, tmp_path, realdata_file):
    """Garmin Connect's own CSV export (comma decimals, dot thousands, "--" for
    nothing), dated in the runner's zone: Sheffield, so Europe/London."""
    path = realdata_file(GARMIN_CSV)
    sheffield = make_user(time_zone="Europe/London")
    lines, ok = import_files(sheffield.username, path)
    assert ok, [line for line in lines if ": refused: " in line][:5]
    assert lines[-1] == "1131 imported, 0 already in the log, 0 refused"  # SOURCES.md: 1131 rows

    sessions = Session.objects.filter(user=sheffield)
    total_km = sum(float(s.distance_km) for s in sessions)
    assert total_km == pytest.approx(11564.32, rel=0.01)  # SOURCES.md: 11 564.32 km
    assert sessions.filter(surface="treadmill").count() == 188  # Treadmill Running 188
    assert set(sessions.values_list("activity", flat=True)) == {"run"}
    longest = sessions.order_by("-distance_km").first()
    # SOURCES.md: 2025-06-14 07:00:20, Ultra Running, 110,98 km.
    assert (longest.date, longest.distance_km) == (date(2025, 6, 14), Decimal("110.980"))
    first = sessions.get(date=date(2026, 1, 4), distance_km=Decimal("3.4"))
    # SOURCES.md: Treadmill Running, 3,40 km, Time 00:17:01, Avg HR 153; its Moving
    # Time column (the duration the contract asks for) says 00:16:51.
    assert (first.surface, first.avg_hr) == ("treadmill", 153)
    assert abs(float(first.duration_min) * 60 - (16 * 60 + 51)) <= 1
    assert first.started_at.isoformat() == "2026-01-04T12:38:59+00:00"  # GMT in January
    assert len(exported_sessions(sheffield.username, tmp_path)) == 1131


def test_it_reads_a_garmin_csv_in_the_runners_units_and_names_a_bad_row(make_user, tmp_path):
    header = '"Activity Type","Date","Distance","Time","Moving Time","Avg HR","Total Ascent"'
    path = tmp_path / "Activities.csv"
    path.write_text(
        f"{header}\n"
        '"Running","2025-03-01 08:00:00","3.10","00:30:00","00:29:30,5","150","1,200"\n'
        '"Walking","someday","1.00","00:20:00","--:--:--","--","--"\n',
        encoding="utf-8",
    )
    american = make_user(units="mi", time_zone="America/New_York")
    lines, ok = import_files(american.username, path)
    assert not ok
    assert lines[0] == (
        f"{path}:2: imported: run 4.989 km in 29.51 min on 1 Mar 2025 (distances read as "
        "miles: the file does not say, so your account's unit (miles))"
    )
    assert lines[1] == f"{path}:3: refused: Date: 'someday' is not a date and time"
    session = Session.objects.get(user=american)
    assert session.ascent_m == 366  # 1,200 ft
    assert session.started_at.isoformat() == "2025-03-01T13:00:00+00:00"


def test_it_refuses_a_file_it_cannot_read_or_does_not_know(runner, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    lines, ok = import_files(runner.username, tmp_path / "missing.gpx", notes)
    assert not ok
    assert lines[0].startswith(f"{tmp_path / 'missing.gpx'}: refused: cannot read the file")
    assert lines[1].startswith(f"{notes}: refused: notes.txt: unsupported file type")


def test_it_names_an_unknown_runner():
    with pytest.raises(CommandError, match='No runner named "nobody"'):
        call_command("import_files", "--user", "nobody", "x.gpx", stdout=io.StringIO())


def test_a_garmin_csv_in_km_stays_km_in_a_miles_account(make_user, realdata_file):
    """Issue 13: the file's step counts and stride lengths say km, whatever the
    account's unit; the first row's line says which unit was used."""
    american = make_user(units="mi", time_zone="Europe/London")
    lines, ok = import_files(american.username, realdata_file(GARMIN_CSV))
    assert ok
    assert lines[0].endswith(
        "(distances read as km: the file's step counts and stride lengths add up to them)"
    )
    assert sum("distances read as" in line for line in lines) == 1
    first = Session.objects.get(user=american, date=date(2026, 1, 4), start_time=time(12, 38))
    assert first.distance_km == Decimal("3.400")  # not 3.4 mi = 5.472 km
    assert (first.title, first.avg_hr, first.max_hr) == ("Treadmill Running", 153, 166)


def test_it_says_which_fields_each_format_fills(runner, realdata_file):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_files",
        "--user",
        runner.username,
        str(realdata_file("gpx/togeojson__run_gpxtpx.gpx")),
        str(realdata_file("tcx/togeojson__sample.tcx")),
        stdout=out,
        stderr=err,
    )
    said = err.getvalue().splitlines()
    assert said[0].startswith("GPX: date, start time, distance, duration, average and maximum")
    assert said[1].startswith("TCX: date, start time")
    assert len(out.getvalue().splitlines()) == 2  # stdout: one line per activity, no more
