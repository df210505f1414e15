"""Every real GPX, TCX and FIT file in the shared reference set parses to the
figures documented for it in realdata/SOURCES.md, or is refused with a clear
reason where SOURCES.md calls it corrupt, bad or without timestamps.

GPX duration: the parser reports gpxpy's moving time (get_moving_data()), so
that is the figure compared; elapsed is first to last timestamp.
TCX and FIT: duration is the lap sum / session total_timer_time.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.imports.readers import parse_activity_file
from tracker.imports.readers.base import ImportRefused, ParsedActivity
from tracker.imports.readers.fit import parse_fit
from tracker.imports.readers.gpx import parse_gpx
from tracker.imports.readers.tcx import parse_tcx


@dataclass(frozen=True)
class Expected:
    start: datetime
    distance_m: float
    duration_s: float
    elapsed_s: float
    activity: str
    avg_hr: int | None
    elevation_gain_m: float | None = None  # None: not checked here
    no_elevation: bool = False  # True: must be None (untrustworthy)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Figures from SOURCES.md. Mean HR values there have one decimal; ParsedActivity
# rounds to whole beats.
GOOD: dict[str, Expected] = {
    # length_2d 3572.3 m, moving 1076 s, 21:24:20-21:45:16 = 1256 s, HR mean 168.6.
    # No <type> in the file: the sport is unknown, so "other".
    "gpx/togeojson__run_gpxtpx.gpx": Expected(
        utc(2015, 1, 19, 21, 24, 20), 3572.3, 1076, 1256, "other", 169, 95.2
    ),
    # length_2d 12835.5 m, moving 5492 s, duration 5498 s, HR mean 145.5 (145.53 exact).
    "gpx/georust-gpx__garmin-activity.gpx": Expected(
        utc(2017, 7, 29, 14, 46, 35), 12835.5, 5492, 5498, "run", 146, 228.8
    ),
    # 3 segments; gpxpy duration = moving = 35.503 s, first to last 2569.3 s.
    "gpx/togeojson__Friday-Evening-Run.gpx": Expected(
        datetime(2025, 5, 2, 15, 51, 15, 692000, tzinfo=UTC), 87.7, 35.503, 2569.3, "run", 150
    ),
    # 8 tracks (first empty) as ONE activity: moving 2425 s, 14:23:59-16:23:49 = 7190 s.
    "gpx/gpxpy__cerknicko-jezero.gpx": Expected(
        utc(2010, 8, 5, 14, 23, 59), 4580.1, 2425, 7190, "other", None, 223.5
    ),
    # Lap sums: 4689.24 m, 1992.78 s; trackpoints 21:29:53-22:03:05; HR mean 156.7.
    "tcx/python-tcxparser__test.tcx": Expected(
        utc(2012, 12, 26, 21, 29, 53), 4689.24, 1992.78, 1992, "run", 157
    ),
    # Sport="Other" (cross-country ski); altitude spike 1258 -> 2337 m.
    "tcx/tcxreader__cross-country-skiing_activity_1.tcx": Expected(
        utc(2020, 12, 26, 15, 14, 21), 5692.01, 2401.26, 2401, "other", 141, no_elevation=True
    ),
    "tcx/togeojson__garmin_connect.tcx": Expected(
        utc(2020, 3, 6, 0, 23, 46), 1691.68, 4352, 4352, "cycle", None
    ),
    # An excerpt: the lap (8348.50 m, 2325.02 s) is authoritative, not the points
    # (which span 1431 s); elapsed cannot be shorter than the lap time.
    "tcx/togeojson__sample.tcx": Expected(
        utc(2007, 8, 7, 2, 42, 41), 8348.50, 2325.02, 2325.02, "run", None
    ),
    # Session has no avg_heart_rate: mean over records, 154.0.
    "fit/python-fitparse__activity-small-fenix2-run.fit": Expected(
        utc(2015, 8, 15, 14, 45, 8), 9008.22, 2832.0, 2832.0, "run", 154, 64
    ),
    "fit/python-fitparse__garmin-fenix-5-run.fit": Expected(
        utc(2017, 6, 11, 14, 34, 9), 157.56, 56.887, 56.887, "run", 90, 2
    ),
    # Paused ride: timer 1558.198 s is shorter than elapsed 1623.198 s.
    "fit/python-fitparse__2015-10-13-08-43-15.fit": Expected(
        utc(2015, 10, 13, 15, 43, 15), 11536.43, 1558.198, 1623.198, "cycle", None, 66
    ),
}

# File -> words the refusal must contain.
REFUSED: dict[str, tuple[str, ...]] = {
    "gpx/georust-gpx__strava_route_example.gpx": ("no timestamps", "planned route"),
    "gpx/togeojson__bad.gpx": ("invalid coordinate 'undefined'",),
    "fit/python-fitparse__strava-android-app-201.10-b1218918.fit": (
        "the file is damaged: part of it cannot be decoded",
    ),
    # Unterminated recording, no session: refused in strict mode (see fit.py).
    "fit/python-fitparse__nick.fit": ("the file ends in the middle of a record",),
    "fit/python-fitparse__activity-unexpected-eof.fit": (
        "the file ends in the middle of a record",
        "cut short while copying",
    ),
}

PARSERS = {"gpx": parse_gpx, "tcx": parse_tcx, "fit": parse_fit}


def _parse(path: Path) -> list[ParsedActivity]:
    return PARSERS[path.suffix[1:]](path.read_bytes(), path.name)


def test_every_reference_file_has_expectations(realdata_file) -> None:
    folder_of = realdata_file("")
    present = {
        f"{folder}/{path.name}"
        for folder in ("gpx", "tcx", "fit")
        for path in (folder_of / folder).glob("*")
        if path.is_file()
    }
    assert present == set(GOOD) | set(REFUSED)


@pytest.mark.parametrize("relative", sorted(GOOD), ids=lambda r: r.split("/")[1])
def test_reference_file_figures(relative: str, realdata_file) -> None:
    expected = GOOD[relative]
    activities = _parse(realdata_file(relative))
    assert len(activities) == 1
    got = activities[0]

    assert got.source_name == Path(relative).name
    assert got.start == expected.start
    assert got.start.tzinfo is UTC
    assert got.distance_km is not None
    assert got.distance_km * 1000 == pytest.approx(expected.distance_m, rel=0.01)
    assert got.duration_min is not None and got.elapsed_min is not None
    assert abs(got.duration_min * 60 - expected.duration_s) <= 1
    assert abs(got.elapsed_min * 60 - expected.elapsed_s) <= 1
    assert got.duration_min <= got.elapsed_min
    assert got.activity == expected.activity
    assert got.avg_hr == expected.avg_hr
    assert got.surface is None  # every reference file has positions / no treadmill flag
    if expected.no_elevation:
        assert got.elevation_gain_m is None
    elif expected.elevation_gain_m is not None:
        assert got.elevation_gain_m == pytest.approx(expected.elevation_gain_m, abs=0.5)


@pytest.mark.parametrize("relative", sorted(REFUSED), ids=lambda r: r.split("/")[1])
def test_reference_file_refused(relative: str, realdata_file) -> None:
    path = realdata_file(relative)
    with pytest.raises(ImportRefused) as caught:
        _parse(path)
    for words in REFUSED[relative]:
        assert words in str(caught.value)


@pytest.mark.parametrize("relative", sorted(GOOD) + sorted(REFUSED), ids=lambda r: r.split("/")[1])
def test_dispatch_plain_and_gzip_agree_with_parser(relative: str, realdata_file) -> None:
    """parse_activity_file gives the same result for the file and its .gz."""
    path = realdata_file(relative)
    data = path.read_bytes()
    outcomes = []
    for payload, name in ((data, path.name), (gzip.compress(data), path.name + ".gz")):
        try:
            result = [
                (a.start, a.distance_km, a.duration_min, a.activity)
                for a in parse_activity_file(payload, name)
            ]
        except ImportRefused as exc:
            result = str(exc)
        outcomes.append(result)
    assert outcomes[0] == outcomes[1]
    if relative in REFUSED:
        assert isinstance(outcomes[0], str)
    else:
        assert isinstance(outcomes[0], list) and outcomes[0][0][0] == GOOD[relative].start


def test_cerknicko_spans_all_tracks_and_ignores_the_empty_one(realdata_file) -> None:
    (activity,) = _parse(realdata_file("gpx/gpxpy__cerknicko-jezero.gpx"))
    # Ends at 16:23:49, the last point of the 8th track.
    assert activity.elapsed_min is not None
    assert activity.start.hour == 14 and activity.elapsed_min * 60 == pytest.approx(7190)


def test_strava_android_fit_never_yields_2085(realdata_file) -> None:
    path = realdata_file("fit/python-fitparse__strava-android-app-201.10-b1218918.fit")
    with pytest.raises(ImportRefused) as caught:
        parse_activity_file(path.read_bytes(), path.name)
    assert "2085" not in str(caught.value)


@pytest.mark.parametrize("offset", [500, 3000])
def test_fit_with_a_flipped_byte_fails_the_crc(offset: int, realdata_file) -> None:
    path = realdata_file("fit/python-fitparse__garmin-fenix-5-run.fit")
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    with pytest.raises(ImportRefused) as caught:
        parse_fit(bytes(data), path.name)
    assert str(caught.value).startswith("the file's checksum does not match its contents")
