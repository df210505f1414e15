"""The native CSV contract (CONTRACT.md), driven through import_csv/export_csv.

Every column's bad values give ``FILE:LINE: column:``, one bad row writes nothing,
a re-import adds nothing, and export -> import into an empty account -> export
gives the same files.
"""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tracker.imports.contract import (
    ImportRejected,
    apply_import,
    export_rows,
    guard_formula,
    plan_import,
    render_decimal,
    unguard_formula,
)
from tracker.models import (
    MAX_SHOE_LIMIT_KM,
    MAX_WARMUP_MIN,
    NAME_MAX,
    NOTES_MAX,
    Origin,
    Profile,
    Session,
    Shoe,
    Soreness,
)
from tracker.services import runner_today

pytestmark = pytest.mark.django_db

# Two days ahead is later than "today" in every time zone.
FUTURE = (timezone.now().date() + timedelta(days=2)).isoformat()
TODAY = date(2026, 11, 20)  # for the library-level tests, which take `today` as an argument

SESSION_HEADER = [
    "date",
    "activity",
    "distance_km",
    "duration_min",
    "surface",
    "terrain",
    "shoe",
    "warmup_min",
    "cooldown_min",
    "fast_pct",
    "rpe",
    "stopped",
    "pain",
    "pain_area",
    "pain_side",
    "notes",
    "title",
    "start_time",
    "avg_hr",
    "max_hr",
    "ascent_m",
    "race",
]
SORENESS_HEADER = ["date", "area", "side", "severity", "kind", "swelling", "at_night", "notes"]
SHOE_HEADER = ["name", "kind", "first_used", "retired", "limit_km", "notes"]

GOOD_SHOE = {
    "name": "Pegasus",
    "kind": "running",
    "first_used": "2025-01-05",
    "retired": "",
    "limit_km": "800",
    "notes": "blue pair",
}
GOOD_SESSION = {
    "date": "2025-06-01",
    "activity": "run",
    "distance_km": "10.5",
    "duration_min": "55.25",
    "surface": "asphalt",
    "terrain": "rolling",
    "shoe": "Pegasus",
    "warmup_min": "10",
    "cooldown_min": "0",
    "fast_pct": "15",
    "rpe": "6",
    "stopped": "no",
    "pain": "2",
    "pain_area": "calf",
    "pain_side": "left",
    "notes": "easy run",
}
GOOD_SORENESS = {
    "date": "2025-06-02",
    "area": "shin",
    "side": "both",
    "severity": "3",
    "kind": "aching",
    "swelling": "no",
    "at_night": "yes",
    "notes": "after the hills",
}


def csv_text(header: list[str], *rows: dict[str, str]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row.get(name, "") for name in header)
    return out.getvalue()


@pytest.fixture
def files(tmp_path: Path):
    """``files(sessions="...text...")`` -> {"sessions": "/tmp/.../sessions.csv"}."""

    def write(**texts: str | bytes) -> dict[str, str]:
        paths = {}
        for kind, text in texts.items():
            path = tmp_path / f"{kind}.csv"
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8", newline="")
            paths[kind] = str(path)
        return paths

    return write


def run_import(username: str, paths: dict[str, str], *extra: str) -> tuple[str, str]:
    """import_csv as a runner types it; returns (stdout, stderr)."""
    args = ["--user", username, *extra]
    for kind, path in paths.items():
        args += [f"--{kind}", path]
    out, err = io.StringIO(), io.StringIO()
    call_command("import_csv", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused_import(username: str, paths: dict[str, str], *extra: str) -> list[str]:
    """import_csv expected to fail; returns the error lines it printed."""
    err = io.StringIO()
    args = ["--user", username, *extra]
    for kind, path in paths.items():
        args += [f"--{kind}", path]
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_csv", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines()


def export_texts(username: str, out_dir: Path) -> dict[str, str]:
    call_command("export_csv", "--user", username, "--out", str(out_dir), stdout=io.StringIO())
    return {
        name: (out_dir / name).read_bytes().decode("utf-8")
        for name in ("shoes.csv", "sessions.csv", "soreness.csv")
    }


def counts() -> tuple[int, int, int]:
    return Shoe.objects.count(), Session.objects.count(), Soreness.objects.count()


# --- every column's bad values ----------------------------------------------

BAD_CELLS: list[tuple[str, str, str, str]] = [
    # (file, column, bad cell, part of the message)
    ("sessions", "date", "", "required"),
    ("sessions", "date", "2025-13-01", "not a real date"),
    ("sessions", "date", "2025-02-29", "not a real date"),
    ("sessions", "date", "01/06/2025", "YYYY-MM-DD"),
    ("sessions", "date", "2025-6-1", "YYYY-MM-DD"),
    ("sessions", "date", "20250601", "YYYY-MM-DD"),
    ("sessions", "date", FUTURE, "in the future"),
    ("sessions", "activity", "", "required"),
    ("sessions", "activity", "swim", "not one of: run, walk, cycle"),
    ("sessions", "activity", "Run", "not one of"),
    ("sessions", "distance_km", "", "required for a run"),
    ("sessions", "distance_km", "-1", "out of range"),
    ("sessions", "distance_km", "400.001", "out of range"),
    ("sessions", "distance_km", "abc", "not a number"),
    ("sessions", "distance_km", "NaN", "not a number"),
    ("sessions", "distance_km", "inf", "not a number"),
    ("sessions", "distance_km", "1e2", "not a number"),
    ("sessions", "distance_km", "5,2", "use a dot"),
    ("sessions", "distance_km", "10 km", "not a number"),
    ("sessions", "duration_min", "-0.5", "out of range"),
    ("sessions", "duration_min", "1800.01", "out of range"),
    ("sessions", "duration_min", "Infinity", "not a number"),
    ("sessions", "duration_min", "45:00", "not a number"),
    # tracker.plausibility, in the contract's format (10.5 km on line 3).
    ("sessions", "distance_km", "0", "a run needs a distance above 0"),
    ("sessions", "duration_min", "0", "a duration of 0 with a distance cannot be"),
    ("sessions", "duration_min", "21.9", "2:05 /km is faster than the world record pace"),
    ("sessions", "surface", "ice", "not one of: asphalt"),
    ("sessions", "surface", "Asphalt", "not one of"),
    ("sessions", "terrain", "cliff", "not one of: flat"),
    ("sessions", "shoe", "Vaporfly", 'no shoe named "Vaporfly"'),
    ("sessions", "shoe", "x" * (NAME_MAX + 1), f"at most {NAME_MAX}"),
    ("sessions", "warmup_min", "-1", "out of range"),
    ("sessions", "warmup_min", "2.5", "not a whole number"),
    ("sessions", "warmup_min", str(MAX_WARMUP_MIN + 1), "out of range"),
    ("sessions", "warmup_min", "ten", "not a number"),
    ("sessions", "cooldown_min", "-1", "out of range"),
    ("sessions", "cooldown_min", "1.5", "not a whole number"),
    ("sessions", "cooldown_min", str(MAX_WARMUP_MIN + 1), "out of range"),
    ("sessions", "fast_pct", "101", "out of range"),
    ("sessions", "fast_pct", "-1", "out of range"),
    ("sessions", "fast_pct", "50.5", "not a whole number"),
    ("sessions", "rpe", "0", "out of range"),
    ("sessions", "rpe", "11", "out of range"),
    ("sessions", "rpe", "hard", "not a number"),
    ("sessions", "stopped", "maybe", "not yes or no"),
    ("sessions", "stopped", "2", "not yes or no"),
    ("sessions", "pain", "11", "out of range"),
    ("sessions", "pain", "-1", "out of range"),
    ("sessions", "pain", "nan", "not a number"),
    ("sessions", "pain_area", "elbow", "not one of: calf"),
    ("sessions", "pain_side", "middle", "not one of: left, right, both"),
    ("sessions", "notes", "x" * (NOTES_MAX + 1), f"at most {NOTES_MAX}"),
    ("sessions", "notes", "a\x00b", "NUL"),
    ("soreness", "date", "", "required"),
    ("soreness", "date", "2025-02-30", "not a real date"),
    ("soreness", "date", FUTURE, "in the future"),
    ("soreness", "area", "", "required"),
    ("soreness", "area", "elbow", "not one of: calf"),
    ("soreness", "side", "", "required"),
    ("soreness", "side", "up", "not one of: left, right, both"),
    ("soreness", "severity", "", "required"),
    ("soreness", "severity", "11", "out of range"),
    ("soreness", "severity", "-1", "out of range"),
    ("soreness", "severity", "3.5", "not a whole number"),
    ("soreness", "kind", "dull", "not one of: aching"),
    ("soreness", "swelling", "maybe", "not yes or no"),
    ("soreness", "at_night", "nope", "not yes or no"),
    ("soreness", "notes", "x" * (NOTES_MAX + 1), f"at most {NOTES_MAX}"),
    ("shoes", "name", "", "required"),
    ("shoes", "name", "   ", "required"),
    ("shoes", "name", "x" * (NAME_MAX + 1), f"at most {NAME_MAX}"),
    ("shoes", "name", "Pegasus", "already on line 2"),
    ("shoes", "kind", "", "required"),
    ("shoes", "kind", "sneaker", "not one of: running, trail, racing, casual"),
    ("shoes", "first_used", "2025-02-30", "not a real date"),
    ("shoes", "retired", "soon", "YYYY-MM-DD"),
    ("shoes", "retired", "2025-01-04", "before first_used"),
    ("shoes", "limit_km", "0", "out of range"),
    ("shoes", "limit_km", str(MAX_SHOE_LIMIT_KM + 1), "out of range"),
    ("shoes", "limit_km", "-5", "out of range"),
    ("shoes", "limit_km", "500.5", "not a whole number"),
    ("shoes", "limit_km", "lots", "not a number"),
    ("shoes", "notes", "x" * (NOTES_MAX + 1), f"at most {NOTES_MAX}"),
]


@pytest.mark.parametrize(
    ("kind", "column", "cell", "message"),
    BAD_CELLS,
    ids=[f"{kind}-{column}-{cell[:12]!r}" for kind, column, cell, _ in BAD_CELLS],
)
def test_it_refuses_each_bad_cell_with_file_line_and_column(
    runner, files, kind, column, cell, message
):
    # A good row on line 2, the bad one on line 3: the good one is not written either.
    good = {"sessions": GOOD_SESSION, "soreness": GOOD_SORENESS, "shoes": GOOD_SHOE}[kind]
    header = {"sessions": SESSION_HEADER, "soreness": SORENESS_HEADER, "shoes": SHOE_HEADER}[kind]
    second = {**good, "name": "Ghost"} if kind == "shoes" else good
    texts = {kind: csv_text(header, good, {**second, column: cell})}
    if kind == "sessions":
        texts["shoes"] = csv_text(SHOE_HEADER, GOOD_SHOE)
    paths = files(**texts)
    before = counts()

    errors = refused_import(runner.username, paths)

    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{paths[kind]}:3: {column}: "), errors
    assert message in errors[0]
    assert counts() == before


def test_it_refuses_an_implausible_walk_and_takes_the_edges(runner, files):
    """A walk at 5:00 /km is refused; a run at 2:30 /km exactly, a 1 km sprint at
    2:00 /km and a walk at 6:00 /km are not."""
    plain = GOOD_SESSION | {"shoe": "", "pain": "", "pain_area": "", "pain_side": ""}
    edges = [
        plain | {"distance_km": "10", "duration_min": "25"},
        plain | {"distance_km": "1", "duration_min": "2"},
        plain | {"activity": "walk", "distance_km": "5", "duration_min": "30"},
        plain | {"activity": "cycle", "distance_km": "40", "duration_min": "60"},
    ]
    walk = plain | {"activity": "walk", "distance_km": "5", "duration_min": "25"}
    paths = files(sessions=csv_text(SESSION_HEADER, *edges, walk))
    errors = refused_import(runner.username, paths)
    assert errors == [
        f"{paths['sessions']}:6: duration_min: 5:00 /km is faster than anyone walks: "
        "check the distance and the time, or log it as a run"
    ]
    paths = files(sessions=csv_text(SESSION_HEADER, *edges))
    call_command(
        "import_csv",
        "--user",
        runner.username,
        "--sessions",
        paths["sessions"],
        stdout=io.StringIO(),
    )
    assert Session.objects.count() == len(edges)


def test_it_reports_every_bad_row_not_just_the_first(runner, files):
    text = csv_text(
        SESSION_HEADER,
        GOOD_SESSION | {"shoe": ""},
        GOOD_SESSION | {"shoe": "", "rpe": "12", "pain_side": "up"},
        GOOD_SESSION | {"shoe": ""},
        GOOD_SESSION | {"shoe": "", "date": "yesterday"},
    )
    paths = files(sessions=text)

    errors = refused_import(runner.username, paths)

    assert [error.split(": ")[0:2] for error in errors] == [
        [f"{paths['sessions']}:3", "rpe"],
        [f"{paths['sessions']}:3", "pain_side"],
        [f"{paths['sessions']}:5", "date"],
    ]
    assert not Session.objects.exists()


def test_it_names_an_unknown_column(runner, files):
    text = csv_text([*SESSION_HEADER, "heart_rate"], GOOD_SESSION | {"shoe": ""})
    paths = files(sessions=text)

    errors = refused_import(runner.username, paths)

    assert errors == [
        f"{paths['sessions']}:1: heart_rate: unknown column; the columns are: "
        + ", ".join(SESSION_HEADER)
    ]


@pytest.mark.parametrize(
    ("kind", "header", "missing"),
    [
        ("sessions", ["date", "distance_km"], "activity"),
        ("sessions", ["activity", "distance_km"], "date"),
        ("soreness", ["date", "area", "side"], "severity"),
        ("shoes", ["name", "notes"], "kind"),
    ],
)
def test_it_refuses_a_file_without_a_required_column(runner, files, kind, header, missing):
    row = {"date": "2025-06-01", "distance_km": "5", "activity": "cycle", "area": "calf"}
    paths = files(**{kind: csv_text(header, row | {"side": "left", "name": "Pegasus"})})

    errors = refused_import(runner.username, paths)

    assert errors == [f"{paths[kind]}:1: {missing}: required column is missing"]


def test_it_accepts_any_column_order_and_leaves_out_optional_columns(runner, files):
    text = "notes,activity,date\nspin class,cycle,2025-06-01\n"
    run_import(runner.username, files(sessions=text))

    session = Session.objects.get()
    assert (session.activity, session.date, session.notes) == (
        "cycle",
        date(2025, 6, 1),
        "spin class",
    )
    assert session.distance_km is None and session.stopped is None and session.surface == ""


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ":1: header: the file is empty"),
        (b"2025-06-01,run,5\n", ":1: header: no header row"),
        (b"date,activity,date\n2025-06-01,run,2025-06-01\n", ":1: date: column appears twice"),
        (b"date,activity\n2025-06-01,cycle\n2025-06-02,cycle,extra\n", ":3: row: has 3 cells"),
        (b"date,activity\n2025-06-01\n", ":2: row: has 1 cells but the header has 2"),
        (b"date,activity,notes\n2025-06-01,cycle,ok\n2025-06-02,cycle,caf\xe9\n", ":3: encoding:"),
        (b'date,activity,notes\n2025-06-01,cycle,"a"b\n', ":2: row: unreadable: a quote"),
    ],
    ids=["empty", "no-header", "twice", "long-row", "short-row", "latin-1", "bad-quotes"],
)
def test_it_refuses_a_malformed_file_clearly(runner, files, content, expected):
    paths = files(sessions=content)

    errors = refused_import(runner.username, paths)

    assert errors[0].startswith(paths["sessions"] + expected), errors
    assert not Session.objects.exists()


def test_it_reports_every_line_of_a_file_that_is_not_utf8(runner, files):
    content = (
        "date,activity,notes\n2025-06-01,cycle,café\n2025-06-02,cycle,ok\n2025-06-03,cycle,thé\n"
    )
    paths = files(sessions=content.encode("latin-1"))

    errors = refused_import(runner.username, paths)

    assert [error.split(": ")[0] for error in errors] == [
        f"{paths['sessions']}:2",
        f"{paths['sessions']}:4",
    ]
    assert "byte 0xE9" in errors[0] and "UTF-8" in errors[0]


def test_it_counts_physical_lines_past_notes_with_line_breaks_and_blank_lines(runner, files):
    text = (
        "date,activity,notes\r\n"
        '2025-06-01,cycle,"first line\r\nsecond line\r\nthird line"\r\n'
        "\r\n"
        "2025-06-02,swim,\r\n"
    )
    paths = files(sessions=text)

    errors = refused_import(runner.username, paths)

    assert errors == [
        f"{paths['sessions']}:6: activity: "
        '"swim" is not one of: run, walk, cycle, jump_rope, strength, other'
    ]


def test_it_reads_a_spreadsheet_export_with_bom_crlf_and_padding(runner, files):
    text = "\ufeffdate,activity,distance_km,stopped\r\n 2025-06-01 , run ,  5.5 , YES \r\n,,,\r\n"
    run_import(runner.username, files(sessions=text))

    session = Session.objects.get()
    assert (session.date, session.activity, session.distance_km) == (
        date(2025, 6, 1),
        "run",
        Decimal("5.5"),
    )
    assert session.stopped is True


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        *[("yes", True), ("Yes", True), ("TRUE", True), ("1", True)],
        *[("no", False), ("False", False), ("0", False), ("", None)],
    ],
)
def test_it_reads_every_spelling_of_a_boolean(runner, files, cell, stored):
    text = csv_text(SORENESS_HEADER, GOOD_SORENESS | {"swelling": cell})
    run_import(runner.username, files(soreness=text))

    assert Soreness.objects.get().swelling is stored


def test_it_rounds_extra_decimals_to_what_is_stored_and_still_adds_nothing_twice(runner, files):
    text = csv_text(["date", "activity", "distance_km", "duration_min"])
    text += "2025-06-01,run,5.12345,32.333333\n"
    paths = files(sessions=text)

    run_import(runner.username, paths)
    out, _ = run_import(runner.username, paths)

    session = Session.objects.get()
    assert (session.distance_km, session.duration_min) == (Decimal("5.123"), Decimal("32.33"))
    assert "0 added, 1 already in the log" in out


def test_it_refuses_a_date_after_today_where_the_runner_is(make_user, files):
    # Kiritimati is UTC+14 and Pago Pago UTC-11: Kiritimati's today is always
    # a day the runner in Pago Pago has not reached yet.
    east = make_user(time_zone="Pacific/Kiritimati")
    west = make_user(time_zone="Pacific/Pago_Pago")
    their_today = runner_today(east.profile).isoformat()
    paths = files(sessions=f"date,activity\n{their_today},cycle\n")

    run_import(east.username, paths)
    errors = refused_import(west.username, paths)

    assert Session.objects.filter(user=east).count() == 1
    assert errors[0].startswith(f"{paths['sessions']}:2: date: {their_today} is in the future")


# --- all or nothing, and idempotence -----------------------------------------


def test_it_writes_nothing_when_one_row_in_any_file_is_bad(runner, files, make_session):
    make_session(runner, date=date(2025, 5, 1))
    paths = files(
        shoes=csv_text(SHOE_HEADER, GOOD_SHOE),
        sessions=csv_text(SESSION_HEADER, GOOD_SESSION, GOOD_SESSION | {"date": "2025-06-05"}),
        soreness=csv_text(SORENESS_HEADER, GOOD_SORENESS, GOOD_SORENESS | {"severity": "12"}),
    )
    before = counts()

    errors = refused_import(runner.username, paths)

    assert errors == [
        f"{paths['soreness']}:3: severity: 12 is out of range: must be between 0 and 10"
    ]
    assert counts() == before


def test_it_imports_good_files_and_adds_nothing_the_second_time(runner, files):
    paths = files(
        shoes=csv_text(SHOE_HEADER, GOOD_SHOE, GOOD_SHOE | {"name": "Old trail", "kind": "trail"}),
        sessions=csv_text(SESSION_HEADER, GOOD_SESSION, GOOD_SESSION | {"date": "2025-06-03"}),
        soreness=csv_text(SORENESS_HEADER, GOOD_SORENESS),
    )

    first, _ = run_import(runner.username, paths)
    after_first = counts()
    second, _ = run_import(runner.username, paths)

    assert after_first == (2, 2, 1)
    assert counts() == after_first
    assert f"{paths['shoes']}: 2 added, 0 already in the log (skipped)" in first
    assert f"{paths['sessions']}: 2 added, 0 already in the log (skipped)" in first
    assert f"{paths['soreness']}: 1 added, 0 already in the log (skipped)" in first
    assert f"{paths['shoes']}: 0 added, 2 already in the log (skipped)" in second
    assert f"{paths['sessions']}: 0 added, 2 already in the log (skipped)" in second
    assert f"{paths['soreness']}: 0 added, 1 already in the log (skipped)" in second


def test_it_stores_every_value_of_a_session_and_marks_it_as_a_csv_import(runner, files):
    paths = files(
        shoes=csv_text(SHOE_HEADER, GOOD_SHOE),
        sessions=csv_text(SESSION_HEADER, GOOD_SESSION),
    )

    run_import(runner.username, paths)

    session = Session.objects.select_related("shoe").get()
    assert session.user == runner and session.source == Origin.CSV
    assert session.shoe is not None and session.shoe.user == runner
    assert (session.date, session.activity, session.distance_km, session.duration_min) == (
        date(2025, 6, 1),
        "run",
        Decimal("10.5"),
        Decimal("55.25"),
    )
    assert (session.surface, session.terrain, session.shoe.name) == (
        "asphalt",
        "rolling",
        "Pegasus",
    )
    assert (session.warmup_min, session.cooldown_min, session.fast_pct, session.rpe) == (
        10,
        0,
        15,
        6,
    )
    assert (session.stopped, session.pain, session.pain_area, session.pain_side) == (
        False,
        2,
        "calf",
        "left",
    )
    assert session.notes == "easy run"


def test_it_imports_identical_rows_of_one_file_as_that_many_sessions(runner, files, make_session):
    twice = csv_text(SESSION_HEADER, GOOD_SESSION | {"shoe": ""}, GOOD_SESSION | {"shoe": ""})
    paths = files(sessions=twice)

    run_import(runner.username, paths)
    assert Session.objects.count() == 2
    out, _ = run_import(runner.username, paths)
    assert Session.objects.count() == 2
    assert "0 added, 2 already in the log" in out

    thrice = csv_text(SESSION_HEADER, *[GOOD_SESSION | {"shoe": ""}] * 3)
    out, _ = run_import(runner.username, files(sessions=thrice))
    assert Session.objects.count() == 3
    assert "1 added, 2 already in the log" in out


def test_it_treats_a_row_that_differs_in_any_value_as_new(runner, files):
    run_import(
        runner.username, files(sessions=csv_text(SESSION_HEADER, GOOD_SESSION | {"shoe": ""}))
    )

    changed = GOOD_SESSION | {"shoe": "", "notes": "easy run!"}
    out, _ = run_import(runner.username, files(sessions=csv_text(SESSION_HEADER, changed)))

    assert Session.objects.count() == 2
    assert "1 added, 0 already in the log" in out


def test_it_matches_a_decimal_however_it_is_written(runner, files):
    run_import(runner.username, files(sessions="date,activity,distance_km\n2025-06-01,run,5\n"))

    out, _ = run_import(
        runner.username, files(sessions="date,activity,distance_km\n2025-06-01,run,5.000\n")
    )

    assert Session.objects.count() == 1
    assert "0 added, 1 already in the log" in out


def test_it_does_not_count_another_runners_rows_as_duplicates(runner, other_runner, files):
    paths = files(sessions=csv_text(SESSION_HEADER, GOOD_SESSION | {"shoe": ""}))

    run_import(other_runner.username, paths)
    run_import(runner.username, paths)

    assert Session.objects.filter(user=runner).count() == 1
    assert Session.objects.filter(user=other_runner).count() == 1


def test_it_applies_a_plan_once_even_if_it_is_applied_twice(runner):
    # A double submit on the web import page: the second apply finds the rows there.
    plan = plan_import(
        user=runner,
        today=TODAY,
        sessions=("sessions.csv", csv_text(SESSION_HEADER, GOOD_SESSION | {"shoe": ""})),
        soreness=("soreness.csv", csv_text(SORENESS_HEADER, GOOD_SORENESS)),
    )

    first = apply_import(plan)
    second = apply_import(plan)

    assert first.added == {"shoes": 0, "sessions": 1, "soreness": 1, "wellness": 0, "ostrc": 0}
    assert second.added == {"shoes": 0, "sessions": 0, "soreness": 0, "wellness": 0, "ostrc": 0}
    assert second.duplicates == {
        "shoes": 0,
        "sessions": 1,
        "soreness": 1,
        "wellness": 0,
        "ostrc": 0,
    }
    assert counts() == (0, 1, 1)


def test_it_refuses_to_apply_a_plan_with_errors(runner):
    plan = plan_import(
        user=runner,
        today=TODAY,
        soreness=("s.csv", csv_text(SORENESS_HEADER, GOOD_SORENESS, GOOD_SORENESS | {"side": ""})),
    )

    assert plan.errors == ["s.csv:3: side: required"]
    assert plan.soreness_to_add == []
    with pytest.raises(ImportRejected) as refused:
        apply_import(plan)
    assert refused.value.errors == plan.errors
    assert counts() == (0, 0, 0)


def test_it_plans_without_writing_and_lists_what_it_would_add(runner, make_shoe):
    make_shoe(runner, "Pegasus")
    plan = plan_import(
        user=runner,
        today=TODAY,
        shoes=("shoes.csv", csv_text(SHOE_HEADER, GOOD_SHOE, GOOD_SHOE | {"name": "Kinvara"})),
        sessions=("sessions.csv", csv_text(SESSION_HEADER, GOOD_SESSION).encode()),
    )

    assert plan.ok and plan.errors == []
    assert [shoe.name for shoe in plan.shoes_to_add] == ["Kinvara"]
    assert plan.duplicates == {"shoes": 1, "sessions": 0, "soreness": 0, "wellness": 0, "ostrc": 0}
    assert [session.notes for session in plan.sessions_to_add] == ["easy run"]
    assert all(session.pk is None for session in plan.sessions_to_add)
    assert counts() == (1, 0, 0)


# --- shoes named by sessions -------------------------------------------------


def test_it_links_a_session_to_a_pair_that_is_only_in_shoes_csv(runner, files):
    paths = files(
        shoes=csv_text(SHOE_HEADER, GOOD_SHOE | {"name": "Kinvara 14"}),
        sessions=csv_text(SESSION_HEADER, GOOD_SESSION | {"shoe": "Kinvara 14"}),
    )

    run_import(runner.username, paths)

    shoe = Shoe.objects.get(user=runner, name="Kinvara 14")
    assert Session.objects.get().shoe == shoe


def test_it_links_a_session_to_a_pair_already_in_the_log(runner, files, make_shoe):
    pair = make_shoe(runner, "Pegasus", limit_km=600)
    paths = files(sessions=csv_text(SESSION_HEADER, GOOD_SESSION))

    run_import(runner.username, paths)

    assert Session.objects.get().shoe == pair
    assert Shoe.objects.count() == 1


def test_it_keeps_an_existing_pair_of_the_same_name_untouched(runner, files, make_shoe):
    pair = make_shoe(runner, "Pegasus", limit_km=600)
    paths = files(shoes=csv_text(SHOE_HEADER, GOOD_SHOE))

    out, _ = run_import(runner.username, paths)

    pair.refresh_from_db()
    assert pair.limit_km == 600
    assert "0 added, 1 already in the log" in out


def test_it_refuses_a_shoe_that_is_neither_in_shoes_csv_nor_in_the_log(
    runner, other_runner, files, make_shoe
):
    make_shoe(other_runner, "Pegasus")  # another runner's pair is not this runner's
    paths = files(
        shoes=csv_text(SHOE_HEADER, GOOD_SHOE | {"name": "Kinvara"}),
        sessions=csv_text(SESSION_HEADER, GOOD_SESSION),
    )

    errors = refused_import(runner.username, paths)

    assert errors == [
        f'{paths["sessions"]}:2: shoe: no shoe named "Pegasus" in {paths["shoes"]} or in the log'
    ]
    assert not Shoe.objects.filter(user=runner).exists()


# --- the runner ------------------------------------------------------------


def test_it_refuses_an_unknown_runner_with_a_clear_message(files):
    paths = files(sessions=csv_text(SESSION_HEADER, GOOD_SESSION | {"shoe": ""}))

    with pytest.raises(CommandError, match=r'No runner named "nobody".*--create-user'):
        run_import("nobody", paths)
    assert not get_user_model().objects.filter(username="nobody").exists()


def test_it_creates_the_runner_with_create_user(files):
    paths = files(sessions=csv_text(SESSION_HEADER, GOOD_SESSION | {"shoe": ""}))

    run_import("newcomer", paths, "--create-user")

    user = get_user_model().objects.get(username="newcomer")
    assert not user.has_usable_password()
    assert Profile.objects.filter(user=user).exists()
    assert Session.objects.get().user == user


def test_it_does_not_create_the_runner_when_the_files_are_refused(files):
    paths = files(sessions=csv_text(SESSION_HEADER, GOOD_SESSION | {"activity": "swim"}))

    refused_import("newcomer", paths, "--create-user")

    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_it_needs_at_least_one_file_and_a_readable_one(runner, tmp_path):
    with pytest.raises(CommandError, match="Nothing to import"):
        run_import(runner.username, {})
    with pytest.raises(CommandError, match="cannot read"):
        run_import(runner.username, {"sessions": str(tmp_path / "missing.csv")})


# --- export and the round trip -----------------------------------------------


def full_log(user, make_shoe, make_session, make_soreness) -> None:
    pegasus = make_shoe(user, "Pegasus", first_used=date(2025, 1, 5), limit_km=800, notes="blue")
    make_shoe(
        user, "Old trail", kind="trail", first_used=date(2024, 3, 1), retired=date(2025, 2, 1)
    )
    make_shoe(user, "Sandals", kind="casual")
    make_session(
        user,
        date=date(2025, 6, 1),
        distance_km=Decimal("12.345"),
        duration_min=Decimal("61.50"),
        surface="trail",
        terrain="hilly",
        shoe=pegasus,
        warmup_min=10,
        cooldown_min=0,
        fast_pct=20,
        rpe=7,
        stopped=True,
        pain=3,
        pain_area="achilles",
        pain_side="right",
        notes='tight, then "fine"\nsecond line',
        title="=Hill reps",
        start_time=time(7, 5),
        avg_hr=150,
        max_hr=181,
        ascent_m=420,
        race=False,
    )
    make_session(user, date=date(2025, 6, 1), distance_km=Decimal("5"))  # twice on one day
    make_session(user, date=date(2025, 6, 1), distance_km=Decimal("5"))
    make_session(user, date=date(2025, 5, 30), activity="strength", distance_km=None)
    # A distance of 0 (a run or a walk needs more: tracker.plausibility).
    make_session(user, date=date(2025, 5, 29), activity="jump_rope", distance_km=Decimal("0"))
    make_soreness(user, date=date(2025, 6, 2), severity=0, kind="stiffness", swelling=False)
    make_soreness(user, date=date(2025, 6, 2), area="knee", side="both", at_night=True, notes="é ✓")


def test_it_exports_the_contract_columns_in_order_with_plain_values(
    runner, tmp_path, make_shoe, make_session, make_soreness
):
    full_log(runner, make_shoe, make_session, make_soreness)

    texts = export_texts(runner.username, tmp_path / "out" / "new")

    sessions = list(csv.reader(io.StringIO(texts["sessions.csv"], newline="")))
    assert sessions[0] == SESSION_HEADER
    assert sessions[1] == ["2025-05-29", "jump_rope", "0", *[""] * 19]
    assert sessions[-1] == [
        "2025-06-01",
        "run",
        "5",
        *[""] * 19,
    ]
    detailed = sessions[3]
    assert detailed == [
        "2025-06-01",
        "run",
        "12.345",
        "61.5",
        "trail",
        "hilly",
        "Pegasus",
        "10",
        "0",
        "20",
        "7",
        "yes",
        "3",
        "achilles",
        "right",
        'tight, then "fine"\nsecond line',
        "'=Hill reps",
        "07:05",
        "150",
        "181",
        "420",
        "no",
    ]
    shoes = list(csv.reader(io.StringIO(texts["shoes.csv"], newline="")))
    assert shoes == [
        SHOE_HEADER,
        ["Old trail", "trail", "2024-03-01", "2025-02-01", "", ""],
        ["Pegasus", "running", "2025-01-05", "", "800", "blue"],
        ["Sandals", "casual", "", "", "", ""],
    ]
    soreness = list(csv.reader(io.StringIO(texts["soreness.csv"], newline="")))
    assert soreness[0] == SORENESS_HEADER
    assert ["2025-06-02", "calf", "left", "0", "stiffness", "no", "", ""] in soreness
    assert texts["shoes.csv"].endswith("\r\n")


def test_it_exports_then_imports_into_an_empty_account_giving_the_same_log(
    runner, tmp_path, make_shoe, make_session, make_soreness
):
    full_log(runner, make_shoe, make_session, make_soreness)
    first = export_texts(runner.username, tmp_path / "first")
    paths = {
        kind: str(tmp_path / "first" / f"{kind}.csv") for kind in ("shoes", "sessions", "soreness")
    }

    run_import("copy", paths, "--create-user")
    again = export_texts("copy", tmp_path / "again")

    assert again == first
    assert Session.objects.filter(user__username="copy").count() == 5
    assert Soreness.objects.filter(user__username="copy").count() == 2


def test_it_exports_an_empty_log_as_headers_only(runner):
    texts = export_rows(user=runner)

    assert texts == {
        "shoes.csv": ",".join(SHOE_HEADER) + "\r\n",
        "sessions.csv": ",".join(SESSION_HEADER) + "\r\n",
        "soreness.csv": ",".join(SORENESS_HEADER) + "\r\n",
        "wellness.csv": "date,sleep,fatigue,stress,soreness\r\n",
        "ostrc.csv": "week,area,participation,modification,performance,symptoms\r\n",
    }


def test_it_refuses_to_export_an_unknown_runner(tmp_path):
    with pytest.raises(CommandError, match='No runner named "nobody"'):
        export_texts("nobody", tmp_path)


FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tindented",
    "'=already quoted",
    "''+twice",
]


def test_it_neutralises_formulas_on_export_and_gives_them_back_on_import(
    runner, tmp_path, make_shoe, make_session
):
    pair = make_shoe(runner, "=cmd|' /C calc'!A0", notes="-10 km left")
    for note in FORMULAS:
        make_session(runner, date=date(2025, 6, 1), shoe=pair, notes=note)

    first = export_texts(runner.username, tmp_path / "first")

    notes_at = SESSION_HEADER.index("notes")
    rows = csv.reader(io.StringIO(first["sessions.csv"], newline=""))
    cells = [row[notes_at] for row in rows][1:]
    assert sorted(cells) == sorted("'" + note for note in FORMULAS)
    assert "\r\n'=cmd|' /C calc'!A0,running,,,,'-10 km left\r\n" in first["shoes.csv"]

    paths = {kind: str(tmp_path / "first" / f"{kind}.csv") for kind in ("shoes", "sessions")}
    run_import("copy", paths, "--create-user")
    copied = Session.objects.filter(user__username="copy").select_related("shoe")
    assert sorted(session.notes for session in copied) == sorted(FORMULAS)
    assert {session.shoe.name for session in copied} == {"=cmd|' /C calc'!A0"}
    assert export_texts("copy", tmp_path / "again") == first


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("'=1+1", "=1+1"),
        ("=1+1", "=1+1"),  # a formula typed into the file is kept as plain text
        ("'hello", "'hello"),
        ("''=x", "'=x"),
        ("it's -5", "it's -5"),
        ("'", "'"),
    ],
)
def test_it_takes_off_exactly_the_apostrophe_that_guards_a_formula(cell, text):
    assert unguard_formula(cell) == text
    assert unguard_formula(guard_formula(text)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("5.000"), "5"),
        (Decimal("5.250"), "5.25"),
        (Decimal("12.345"), "12.345"),
        (Decimal("0.000"), "0"),
        (Decimal("400.000"), "400"),
        (Decimal("100"), "100"),
        (Decimal("1E+2"), "100"),
        (Decimal("30.50"), "30.5"),
        (Decimal("0.001"), "0.001"),
    ],
)
def test_it_writes_decimals_without_trailing_noise(value, text):
    assert render_decimal(value) == text
    assert Decimal(text) == value


# --- cost --------------------------------------------------------------------


def sessions_file(rows: int) -> str:
    start = date(2020, 1, 1)
    lines = [
        GOOD_SESSION
        | {"date": (start + timedelta(days=i % 1500)).isoformat(), "rpe": str(i % 10 + 1)}
        for i in range(rows)
    ]
    return csv_text(SESSION_HEADER, *lines)


def test_it_reads_the_log_in_a_constant_number_of_queries(
    runner, make_shoe, make_session, django_assert_num_queries
):
    make_shoe(runner, "Pegasus")
    for day in range(1, 20):
        make_session(runner, date=date(2021, 1, day))

    def plan(rows: int) -> Any:
        return plan_import(
            user=runner,
            today=TODAY,
            shoes=("shoes.csv", csv_text(SHOE_HEADER, GOOD_SHOE)),
            sessions=("sessions.csv", sessions_file(rows)),
            soreness=("soreness.csv", csv_text(SORENESS_HEADER, GOOD_SORENESS)),
        )

    with django_assert_num_queries(3):
        small = plan(1)
    with django_assert_num_queries(3):
        large = plan(2000)

    assert len(small.sessions_to_add) == 1 and len(large.sessions_to_add) == 2000


def test_it_exports_in_five_queries_whatever_the_size(
    runner, make_shoe, make_session, make_soreness, django_assert_num_queries
):
    full_log(runner, make_shoe, make_session, make_soreness)

    with django_assert_num_queries(5):
        export_rows(user=runner)
