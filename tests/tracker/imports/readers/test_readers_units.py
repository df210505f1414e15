"""Small crafted inputs: sport mapping, treadmill detection, multi-track GPX,
multi-activity TCX, and the ParsedActivity invariants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tracker.imports.readers import accepted_suffixes, parse_activity_file
from tracker.imports.readers.base import ImportRefused, ParsedActivity
from tracker.imports.readers.common import (
    elevation_gain,
    mean_heart_rate,
    parse_xml_datetime,
    sport_to_activity,
)
from tracker.imports.readers.gpx import parse_gpx
from tracker.imports.readers.tcx import parse_tcx


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Strava activity types, as in activities.csv and the API's CamelCase.
        ("Run", "run"),
        ("Trail Run", "run"),
        ("Virtual Run", "run"),
        ("VirtualRun", "run"),
        ("Treadmill", "run"),
        ("Walk", "walk"),
        ("Hike", "walk"),
        ("Ride", "cycle"),
        ("Virtual Ride", "cycle"),
        ("E-Bike Ride", "cycle"),
        ("EBikeRide", "cycle"),
        ("Velomobile", "cycle"),
        ("Mountain Bike Ride", "cycle"),
        ("MountainBikeRide", "cycle"),
        ("Gravel Ride", "cycle"),
        ("Weight Training", "strength"),
        ("WeightTraining", "strength"),
        ("Workout", "strength"),
        ("Crossfit", "strength"),
        ("Nordic Ski", "other"),
        ("Alpine Ski", "other"),
        ("Sail", "other"),
        ("Snowshoe", "other"),
        ("Canoe", "other"),
        ("Swim", "other"),
        # FIT sports
        ("running", "run"),
        ("walking", "walk"),
        ("hiking", "walk"),
        ("cycling", "cycle"),
        ("training", "other"),
        ("jump_rope", "jump_rope"),
        # TCX Sport attribute
        ("Running", "run"),
        ("Biking", "cycle"),
        ("Other", "other"),
        # GPX <type>
        ("running", "run"),
        ("trail_running", "run"),
        ("9", "run"),
        ("", "other"),
        ("  ", "other"),
    ],
)
def test_sport_to_activity(raw: str, expected: str) -> None:
    assert sport_to_activity(raw) == expected


def test_parsed_activity_needs_an_aware_start_and_stores_utc() -> None:
    fields = dict(
        source_name="x",
        distance_km=1.0,
        duration_min=5.0,
        elapsed_min=5.0,
        activity="run",
        surface=None,
        elevation_gain_m=None,
        avg_hr=None,
        sport_raw="",
    )
    with pytest.raises(ValueError):
        ParsedActivity(start=datetime(2024, 1, 1, 8), **fields)  # type: ignore[arg-type]  # mixed dict
    with pytest.raises(ValueError):
        ParsedActivity(
            start=datetime(2024, 1, 1, 8, tzinfo=UTC),
            **{**fields, "activity": "swim"},  # type: ignore[arg-type]  # a bad value on purpose
        )
    cet = timezone(timedelta(hours=1))
    got = ParsedActivity(  # the fields dict mixes types
        start=datetime(2024, 1, 1, 9, tzinfo=cet),
        **fields,  # type: ignore[arg-type]  # a dict of mixed value types
    )
    assert got.start == datetime(2024, 1, 1, 8, tzinfo=UTC) and got.start.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01T07:00:00Z", datetime(2024, 3, 1, 7, tzinfo=UTC)),
        ("2024-03-01T07:00:00.123456789Z", datetime(2024, 3, 1, 7, 0, 0, 123456, tzinfo=UTC)),
        ("2024-03-01T08:00:00+01:00", datetime(2024, 3, 1, 7, tzinfo=UTC)),
        ("2024-03-01T07:00:00", datetime(2024, 3, 1, 7, tzinfo=UTC)),
    ],
)
def test_parse_xml_datetime(text: str, expected: datetime) -> None:
    assert parse_xml_datetime(text) == expected


def test_mean_heart_rate_ignores_dropouts() -> None:
    assert mean_heart_rate([0, 150, 255, None, 152]) == 151
    assert mean_heart_rate([None, 0]) is None


def test_elevation_gain_refuses_spikes() -> None:
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    climb = [(t0 + timedelta(seconds=10 * i), 100.0 + i) for i in range(20)]
    assert elevation_gain([climb]) == pytest.approx(19, abs=1)
    spike = [*climb, (t0 + timedelta(seconds=205), 1200.0)]
    assert elevation_gain([spike]) is None
    assert elevation_gain([[], []]) is None


def test_accepted_suffixes() -> None:
    assert accepted_suffixes() == (
        ".fit",
        ".gpx",
        ".tcx",
        ".gz",
        ".zip",
        ".csv",
        ".fit.gz",
        ".gpx.gz",
        ".tcx.gz",
    )


def _gpx(body: str, version: str = "1.1") -> bytes:
    ns = (
        "http://www.topografix.com/GPX/1/1"
        if version == "1.1"
        else "http://www.topografix.com/GPX/1/0"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><gpx version="{version}" creator="t" '
        f'xmlns="{ns}" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"{body}</gpx>"
    ).encode()


def _pt(lat: float, lon: float, time: str, hr: int | None = None, ele: float | None = None) -> str:
    ext = (
        f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr>"
        "</gpxtpx:TrackPointExtension></extensions>"
        if hr is not None
        else ""
    )
    elevation = f"<ele>{ele}</ele>" if ele is not None else ""
    return f'<trkpt lat="{lat}" lon="{lon}">{elevation}<time>{time}</time>{ext}</trkpt>'


def test_gpx_multiple_tracks_are_one_activity() -> None:
    body = (
        "<trk><name>empty</name></trk>"
        "<trk><type>hiking</type><trkseg>"
        + _pt(46.0, 14.0, "2024-03-01T07:00:00Z", 100)
        + _pt(46.001, 14.0, "2024-03-01T07:01:00Z", 110)
        + "</trkseg></trk><trk><trkseg>"
        + _pt(46.002, 14.0, "2024-03-01T08:00:00Z", 120)
        + _pt(46.003, 14.0, "2024-03-01T08:01:00Z", 130)
        + "</trkseg></trk>"
    )
    (activity,) = parse_gpx(_gpx(body), "two.gpx")
    assert activity.start == datetime(2024, 3, 1, 7, tzinfo=UTC)
    assert activity.elapsed_min == pytest.approx(61)
    assert activity.duration_min == pytest.approx(2)  # moving time skips the gap
    assert activity.distance_km == pytest.approx(0.2224, rel=0.01)  # gap not counted
    assert activity.activity == "walk" and activity.sport_raw == "hiking"
    assert activity.avg_hr == 115


def test_gpx_1_0_without_extensions() -> None:
    body = (
        "<trk><trkseg>"
        + _pt(46.0, 14.0, "2024-03-01T07:00:00Z", ele=500)
        + _pt(46.001, 14.0, "2024-03-01T07:01:00Z", ele=510)
        + "</trkseg></trk>"
    )
    (activity,) = parse_gpx(_gpx(body, "1.0"), "old.gpx")
    assert activity.avg_hr is None
    assert activity.elevation_gain_m == pytest.approx(10)
    assert activity.activity == "other" and activity.sport_raw == ""


def test_gpx_without_positions_is_a_treadmill_run() -> None:
    body = (
        "<trk><type>running</type><trkseg>"
        + _pt(0, 0, "2024-03-01T07:00:00Z", 140)
        + _pt(0, 0, "2024-03-01T07:30:00Z", 150)
        + "</trkseg></trk>"
    )
    (activity,) = parse_gpx(_gpx(body), "treadmill.gpx")
    assert activity.surface == "treadmill"
    assert activity.distance_km is None
    assert activity.elapsed_min == pytest.approx(30)
    assert activity.duration_min == pytest.approx(30)


def test_gpx_latin1_declared_encoding() -> None:
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><gpx version="1.1" creator="t">'
        "<trk><name>Cerknica \xe9t\xe9</name><trkseg>"
        + _pt(46.0, 14.0, "2024-03-01T07:00:00Z")
        + _pt(46.001, 14.0, "2024-03-01T07:01:00Z")
        + "</trkseg></trk></gpx>"
    ).encode("latin-1")
    (activity,) = parse_gpx(data, "latin.gpx")
    assert activity.start.year == 2024


TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def _tcx(activities: str) -> bytes:
    return (
        f'<?xml version="1.0"?><TrainingCenterDatabase xmlns="{TCX_NS}">'
        f"<Activities>{activities}</Activities></TrainingCenterDatabase>"
    ).encode()


def _tcx_activity(sport: str, start: str, seconds: float, metres: float, points: str) -> str:
    return (
        f'<Activity Sport="{sport}"><Id>{start}</Id><Lap StartTime="{start}">'
        f"<TotalTimeSeconds>{seconds}</TotalTimeSeconds><DistanceMeters>{metres}</DistanceMeters>"
        f"<Track>{points}</Track></Lap></Activity>"
    )


def _tp(time: str, hr: int | None = None, lat: float | None = None) -> str:
    position = (
        f"<Position><LatitudeDegrees>{lat}</LatitudeDegrees>"
        "<LongitudeDegrees>14.0</LongitudeDegrees></Position>"
        if lat is not None
        else ""
    )
    heart = f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>" if hr else ""
    return f"<Trackpoint><Time>{time}</Time>{position}{heart}</Trackpoint>"


def test_tcx_without_positions_is_a_treadmill_run() -> None:
    points = _tp("2024-03-01T07:00:00Z", 140) + _tp("2024-03-01T07:30:00Z", 160)
    data = _tcx(_tcx_activity("Running", "2024-03-01T07:00:00Z", 1800, 5000, points))
    (activity,) = parse_tcx(data, "indoor.tcx")
    assert activity.surface == "treadmill"
    assert activity.distance_km == pytest.approx(5.0)
    assert activity.duration_min == pytest.approx(30)
    assert activity.avg_hr == 150


def test_tcx_indoor_ride_has_no_surface() -> None:
    points = _tp("2024-03-01T07:00:00Z") + _tp("2024-03-01T08:00:00Z")
    data = _tcx(_tcx_activity("Biking", "2024-03-01T07:00:00Z", 3600, 30000, points))
    (activity,) = parse_tcx(data, "trainer.tcx")
    assert activity.activity == "cycle" and activity.surface is None


def test_tcx_with_two_activities() -> None:
    first = _tcx_activity(
        "Running",
        "2024-03-01T07:00:00Z",
        600,
        2000,
        _tp("2024-03-01T07:00:00Z", lat=46.0) + _tp("2024-03-01T07:10:00Z", lat=46.01),
    )
    second = _tcx_activity(
        "Biking",
        "2024-03-01T09:00:00Z",
        1200,
        10000,
        _tp("2024-03-01T09:00:00Z", lat=46.0) + _tp("2024-03-01T09:20:00Z", lat=46.1),
    )
    runs = parse_tcx(_tcx(first + second), "double.tcx")
    assert [a.activity for a in runs] == ["run", "cycle"]
    assert [a.start.hour for a in runs] == [7, 9]
    assert all(a.surface is None for a in runs)


def test_tcx_lap_heart_rate_when_points_have_none() -> None:
    data = _tcx(
        '<Activity Sport="Running"><Id>2024-03-01T07:00:00Z</Id>'
        '<Lap StartTime="2024-03-01T07:00:00Z"><TotalTimeSeconds>600</TotalTimeSeconds>'
        "<DistanceMeters>2000</DistanceMeters><AverageHeartRateBpm><Value>141</Value>"
        "</AverageHeartRateBpm></Lap></Activity>"
    )
    (activity,) = parse_tcx(data, "laps-only.tcx")
    assert activity.avg_hr == 141
    assert activity.elapsed_min == pytest.approx(10)


def test_tcx_future_id_is_refused() -> None:
    data = _tcx(_tcx_activity("Running", "2085-01-01T00:00:00Z", 60, 100, ""))
    with pytest.raises(ImportRefused, match="in the future"):
        parse_tcx(data, "future.tcx")


def test_dispatch_is_case_insensitive_and_keeps_the_given_name() -> None:
    body = (
        "<trk><trkseg>"
        + _pt(46.0, 14.0, "2024-03-01T07:00:00Z")
        + _pt(46.001, 14.0, "2024-03-01T07:01:00Z")
        + "</trkseg></trk>"
    )
    (activity,) = parse_activity_file(_gpx(body), "uploads/Morning Run.GPX")
    assert activity.source_name == "uploads/Morning Run.GPX"


@pytest.mark.parametrize(
    ("sport", "sub_sport", "expected"),
    [
        ("running", "treadmill", ("run", "treadmill")),
        ("running", "indoor_running", ("run", "treadmill")),
        ("fitness_equipment", "treadmill", ("run", "treadmill")),
        ("walking", "treadmill", ("walk", "treadmill")),
        ("running", "trail", ("run", None)),
        ("running", "generic", ("run", None)),
        ("cycling", "indoor_cycling", ("cycle", None)),
        ("training", "strength_training", ("strength", None)),
        ("training", "cardio_training", ("other", None)),
        ("hiking", "", ("walk", None)),
    ],
)
def test_fit_sport_and_sub_sport(
    sport: str, sub_sport: str, expected: tuple[str, str | None]
) -> None:
    from tracker.imports.readers.fit import _activity

    assert _activity(sport, sub_sport) == expected
