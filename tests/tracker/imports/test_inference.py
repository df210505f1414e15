"""The activity of a file that does not say: guessed from the pace (and cadence),
band by band, and what an import makes of it."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from tracker.imports import inference
from tracker.imports.inference import CYCLE, OTHER, RUN, WALK, Guess, guess_activity
from tracker.models import Session


def at_pace(min_per_km: float, km: float = 10.0, **figures: float | None) -> Guess:
    return guess_activity(distance_km=km, moving_min=min_per_km * km, **figures)


# (pace in min/km, cadence in steps/min or None, the guess). Each band's bounds,
# and just inside its neighbours.
BANDS = [
    (0.99, None, OTHER),  # faster than 60 km/h: a car or a train
    (1.0, None, CYCLE),
    (2.49, None, CYCLE),
    (2.5, None, OTHER),  # a fast runner or a slow cyclist: cannot tell
    # nor can a cadence: one foot's 90 strides and a crank's 90 turns, doubled, alike
    (2.5, 180, OTHER),
    (3.0, 90, OTHER),
    (3.49, None, OTHER),
    (3.5, None, RUN),
    (5.1, None, RUN),  # the 5:06 /km of Strava's GPX export
    (8 + 19 / 60, None, RUN),
    (8 + 20 / 60, None, OTHER),  # a slow jog or a brisk walk: cannot tell
    (8 + 20 / 60, 165, RUN),
    (8 + 20 / 60, 115, WALK),
    (9.0, 135, OTHER),
    (9.49, None, OTHER),
    (9.5, None, WALK),
    (12.0, None, WALK),
    (30.0, None, WALK),
    (30.01, None, OTHER),  # mostly standing about
]


@pytest.mark.parametrize(("pace", "cadence", "activity"), BANDS)
def test_it_guesses_each_band_from_the_pace(pace, cadence, activity):
    guess = at_pace(pace, cadence_spm=cadence)
    assert guess == Guess(activity, activity != OTHER)


def test_the_run_band_starts_at_the_plausibility_limit():
    """One source: the fastest run the form takes is the fastest pace guessed as one."""
    assert inference.RUN_FASTEST_MIN_PER_KM == 2.5


@pytest.mark.parametrize(
    ("km", "minutes"),
    [
        (0.19, 1.0),  # too short to tell: GPS noise
        (5.0, 1.9),  # too brief
        (None, 30.0),  # no distance
        (0.0, 30.0),
        (5.0, None),  # no time
        (5.0, 0.0),
        (float("nan"), 30.0),
        (5.0, float("inf")),
    ],
)
def test_it_guesses_nothing_without_enough_to_go_on(km, minutes):
    assert guess_activity(distance_km=km, moving_min=minutes) == Guess(OTHER, False)


def test_the_shortest_that_is_guessed():
    assert guess_activity(distance_km=0.4, moving_min=2.0) == Guess(RUN, True)


def test_a_run_with_a_long_stop_is_still_a_run():
    """The moving pace counts: an hour waiting at a crossing makes no walk of it."""
    assert guess_activity(distance_km=10, moving_min=50, elapsed_min=110) == Guess(RUN, True)


def test_the_elapsed_time_stands_in_for_a_missing_moving_time():
    assert guess_activity(distance_km=10, moving_min=None, elapsed_min=50) == Guess(RUN, True)
    assert guess_activity(distance_km=10, moving_min=0, elapsed_min=130) == Guess(WALK, True)


@pytest.mark.parametrize(
    ("elapsed", "activity"),
    [(200.0, WALK), (2 * 88.0, WALK), (2 * 88.0 - 1, OTHER), (95.0, OTHER)],
)
def test_stop_start_in_the_jog_or_walk_band_is_a_walk(elapsed, activity):
    """Moving at 8:48 /km for 88 minutes: stopped half the time or more, a hike."""
    guess = guess_activity(distance_km=10, moving_min=88.0, elapsed_min=elapsed)
    assert guess.activity == activity


@pytest.mark.parametrize(
    ("activity", "sport", "says"),
    [
        ("other", "", False),
        ("other", "generic", False),
        ("other", " Generic ", False),
        ("other", "swimming", True),  # a sport the log has no activity for
        ("other", "Other", True),
        ("run", "", True),
    ],
)
def test_only_a_files_silence_is_guessed(activity, sport, says):
    assert inference.file_does_not_say(activity, sport) is not says


# --- what an import makes of it ----------------------------------------------


def untyped_gpx(
    *, km_per_hour: float, minutes: int, kind: str = "", cad: int | None = None
) -> bytes:
    """A track due north at a steady speed, a point every 2 s, with no <type>
    (or with ``kind``), each point with one foot's cadence ``cad`` when given."""
    step = km_per_hour / 3600 * 2 / 111.195  # degrees of latitude every 2 s
    start = int(datetime(2024, 3, 1, 7, 0, tzinfo=UTC).timestamp())
    points = "".join(
        f'<trkpt lat="{46 + i * step:.7f}" lon="14.0"><time>'
        f"{datetime.fromtimestamp(start + 2 * i, UTC):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>\n"
        for i in range(minutes * 30 + 1)
    )
    typed = f"<type>{kind}</type>" if kind else ""
    if cad is not None:
        points = points.replace(
            "</time></trkpt>",
            f"</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:cad>{cad}</gpxtpx:cad>"
            "</gpxtpx:TrackPointExtension></extensions></trkpt>",
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"'
        ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk>{typed}<trkseg>\n{points}</trkseg></trk></gpx>\n"
    ).encode()


def import_files(username: str, *paths) -> str:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_files", "--user", username, *map(str, paths), stdout=out, stderr=err)
    except Exception as exc:  # the command fails when anything was refused
        return out.getvalue() + str(exc)
    return out.getvalue()


@pytest.mark.django_db
def test_stravas_gpx_export_imports_as_a_guessed_run(runner, realdata_file):
    lines = import_files(runner.username, realdata_file("gpx/togeojson__run_gpxtpx.gpx"))
    assert "imported: run (guessed from the pace) 3.572 km" in lines
    session = Session.objects.get()
    assert (session.activity, session.activity_guessed) == ("run", True)


@pytest.mark.django_db
def test_a_typed_run_is_not_guessed(runner, realdata_file):
    import_files(runner.username, realdata_file("gpx/georust-gpx__garmin-activity.gpx"))
    assert Session.objects.get().activity_guessed is False


@pytest.mark.django_db
def test_an_untyped_ride_imports_as_a_guessed_ride(runner, tmp_path):
    ride = tmp_path / "ride.gpx"
    ride.write_bytes(untyped_gpx(km_per_hour=27, minutes=40))
    lines = import_files(runner.username, ride)
    assert "imported: cycle (guessed from the pace)" in lines
    session = Session.objects.get()
    assert (session.activity, session.activity_guessed) == ("cycle", True)


@pytest.mark.django_db
def test_a_device_file_with_an_impossible_run_is_refused_with_the_pace(runner, tmp_path):
    fast = tmp_path / "fast.gpx"
    fast.write_bytes(untyped_gpx(km_per_hour=30, minutes=20, kind="running"))
    lines = import_files(runner.username, fast)
    assert "fast.gpx: refused: 2:00 /km is faster than the world record pace" in lines
    assert not Session.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("cad", "activity"), [(None, "other"), (84, "run"), (56, "walk")])
def test_a_gpx_cadence_tells_a_slow_jog_from_a_brisk_walk(runner, tmp_path, cad, activity):
    """6.8 km/h (8:50 /km) is either; one foot's <cad>, doubled, decides: 168 steps a
    minute is a runner's, 112 a walker's, and without a cadence nothing is guessed."""
    track = tmp_path / "slow.gpx"
    track.write_bytes(untyped_gpx(km_per_hour=6.8, minutes=40, cad=cad))
    import_files(runner.username, track)
    session = Session.objects.get()
    assert (session.activity, session.activity_guessed) == (activity, activity != "other")


@pytest.mark.parametrize(
    ("avg_cadence", "steps"), [(84, 168.0), (0, None), (None, None), (255, None)]
)
def test_a_fit_sessions_cadence_is_doubled_to_steps(avg_cadence, steps):
    from tracker.imports.readers.fit import _steps_a_minute

    assert _steps_a_minute({"avg_cadence": avg_cadence}) == steps
