"""Property: any valid log survives export -> import into an empty account -> export.

Hypothesis draws the awkward cases a table would miss: notes with commas, quotes,
line breaks and formula characters, names that start with an apostrophe,
decimals at the ends of their ranges, identical sessions on one day.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advice.instruments import CANNOT_PARTICIPATE_ANSWERS, OSTRC_FIELDS, ostrc_valid
from tracker import plausibility
from tracker.imports.contract import (
    apply_import,
    decimal_between,
    export_rows,
    guard_formula,
    plan_import,
    render_decimal,
    unguard_formula,
)
from tracker.models import (
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_SHOE_LIMIT_KM,
    MAX_WARMUP_MIN,
    NAME_MAX,
    Activity,
    Area,
    PainKind,
    Session,
    Shoe,
    ShoeKind,
    Side,
    Soreness,
    Surface,
    Terrain,
)
from tracker.wellness_models import OstrcResponse, WellnessEntry

TODAY = date(2026, 11, 20)

# Any character PostgreSQL can store (no NUL, no lone surrogates), with the ones
# that stress CSV quoting and the formula guard drawn far more often.
TRICKY = st.sampled_from(
    ["'", "=", "+", "-", "@", "\t", "\r", "\n", ",", ";", "|", '"', " ", "\xa0", "é", "✓"]
)
CHAR = st.one_of(TRICKY, st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"))
NOTES = st.one_of(st.just(""), st.text(CHAR, max_size=30))
# Names are stripped on import, as the web forms strip them, so a valid name has no
# surrounding whitespace.
NAMES = st.text(CHAR, min_size=1, max_size=NAME_MAX).filter(lambda name: name == name.strip())


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def blank_or(choices: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(["", *choices.values])


DAYS = st.dates(min_value=date(2015, 1, 1), max_value=TODAY)
DISTANCE = st.decimals(min_value=0, max_value=MAX_DISTANCE_KM, places=3)
DURATION = st.decimals(min_value=0, max_value=MAX_DURATION_MIN, places=2)


@st.composite
def shoes(draw: st.DrawFn) -> dict[str, Any]:
    first_used = draw(maybe(DAYS))
    retired = draw(maybe(st.dates(min_value=first_used or date(2015, 1, 1), max_value=TODAY)))
    return {
        "kind": draw(st.sampled_from(ShoeKind.values)),
        "first_used": first_used,
        "retired": retired,
        "limit_km": draw(maybe(st.integers(1, MAX_SHOE_LIMIT_KM))),
        "notes": draw(NOTES),
    }


def _plausible(row: dict[str, Any]) -> bool:
    """What tracker.plausibility lets in: the contract's valid logs."""
    return not plausibility.check(row["activity"], row["distance_km"], row["duration_min"])


@st.composite
def _sessions(draw: st.DrawFn, shoe_names: list[str]) -> dict[str, Any]:
    activity = draw(st.sampled_from(Activity.values))
    needs_distance = activity in (Activity.RUN, Activity.WALK)
    return {
        "date": draw(DAYS),
        "activity": activity,
        "distance_km": draw(DISTANCE if needs_distance else maybe(DISTANCE)),
        "duration_min": draw(maybe(DURATION)),
        "surface": draw(blank_or(Surface)),
        "terrain": draw(blank_or(Terrain)),
        "shoe": draw(maybe(st.sampled_from(shoe_names))) if shoe_names else None,
        "warmup_min": draw(maybe(st.integers(0, MAX_WARMUP_MIN))),
        "cooldown_min": draw(maybe(st.integers(0, MAX_WARMUP_MIN))),
        "fast_pct": draw(maybe(st.integers(0, 100))),
        "rpe": draw(maybe(st.integers(1, 10))),
        "stopped": draw(maybe(st.booleans())),
        "pain": draw(maybe(st.integers(0, 10))),
        "pain_area": draw(blank_or(Area)),
        "pain_side": draw(blank_or(Side)),
        "notes": draw(NOTES),
    }


def sessions(shoe_names: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return _sessions(shoe_names).filter(_plausible)


SORENESS = st.fixed_dictionaries(
    {
        "date": DAYS,
        "area": st.sampled_from(Area.values),
        "side": st.sampled_from(Side.values),
        "severity": st.integers(0, 10),
        "kind": blank_or(PainKind),
        "swelling": maybe(st.booleans()),
        "at_night": maybe(st.booleans()),
        "notes": NOTES,
    }
)


RATING = st.integers(1, 7)
WELLNESS = st.fixed_dictionaries(
    {"date": DAYS, "sleep": RATING, "fatigue": RATING, "stress": RATING, "soreness": RATING}
)
ANSWERS = st.one_of(
    st.tuples(st.integers(0, 2), st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)),
    st.just(CANNOT_PARTICIPATE_ANSWERS),
).filter(lambda a: ostrc_valid(*a))
OSTRC = st.builds(
    lambda week, area, answers: {
        "week": week,
        "area": area,
        **dict(zip(OSTRC_FIELDS, answers, strict=True)),
    },
    DAYS,
    st.sampled_from(Area.values),
    ANSWERS,
)


@st.composite
def logs(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(NAMES, max_size=4, unique=True))
    pairs = {name: draw(shoes()) for name in names}
    drawn = draw(st.lists(sessions(names), max_size=12))
    # The same session twice on one day is legitimate and must come back twice.
    twins = draw(st.lists(st.sampled_from(drawn), max_size=2)) if drawn else []
    return {
        "shoes": pairs,
        "sessions": drawn + twins,
        "soreness": draw(st.lists(SORENESS, max_size=8)),
        # One a day, one a week and area: as the database holds them.
        "wellness": draw(st.lists(WELLNESS, max_size=6, unique_by=lambda w: w["date"])),
        "ostrc": draw(st.lists(OSTRC, max_size=6, unique_by=lambda o: (o["week"], o["area"]))),
    }


def store(user: Any, log: dict[str, Any]) -> None:
    pairs = {
        name: Shoe.objects.create(user=user, name=name, **v) for name, v in log["shoes"].items()
    }
    Session.objects.bulk_create(
        Session(user=user, **{**values, "shoe": pairs.get(values["shoe"])})
        for values in log["sessions"]
    )
    Soreness.objects.bulk_create(Soreness(user=user, **values) for values in log["soreness"])
    WellnessEntry.objects.bulk_create(WellnessEntry(user=user, **v) for v in log["wellness"])
    OstrcResponse.objects.bulk_create(OstrcResponse(user=user, **v) for v in log["ostrc"])


def import_texts(user: Any, texts: dict[str, str]) -> Any:
    plan = plan_import(
        user=user,
        today=TODAY,
        **{name.removesuffix(".csv"): (name, text) for name, text in texts.items()},
    )
    assert plan.errors == []
    return apply_import(plan)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(log=logs())
def test_it_gives_back_any_valid_log_through_export_and_import(make_user, log):
    original, copy = make_user(), make_user()
    store(original, log)
    exported = export_rows(user=original)

    first = import_texts(copy, exported)
    again = import_texts(copy, exported)

    assert export_rows(user=copy) == exported
    assert first.added == {
        "shoes": len(log["shoes"]),
        "sessions": len(log["sessions"]),
        "soreness": len(log["soreness"]),
        "wellness": len(log["wellness"]),
        "ostrc": len(log["ostrc"]),
    }
    assert again.added == {"shoes": 0, "sessions": 0, "soreness": 0, "wellness": 0, "ostrc": 0}
    assert Session.objects.filter(user=copy, source="csv").count() == len(log["sessions"])


@given(value=st.decimals(min_value=0, max_value=MAX_DISTANCE_KM, places=3))
def test_it_writes_every_distance_so_that_it_reads_back_equal(value: Decimal):
    assert decimal_between(0, MAX_DISTANCE_KM, 3)(render_decimal(value)) == value


# What a spreadsheet may do with a cell before it decides "formula": split it on a
# separator other than the file's own (a semicolon locale, a pipe or tab chosen in
# the import dialogue), on a line break, and trim the spaces in front. Written here
# independently of the guard, as the attacker's view of a cell.
SPLIT_ON = re.compile(r"[,;|\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
RUNS_AS_FORMULA = tuple("=+-@")


def spreadsheet_would_run(cell: str) -> bool:
    return any(part.lstrip().startswith(RUNS_AS_FORMULA) for part in SPLIT_ON.split(cell))


@pytest.mark.parametrize(
    "text",
    [" =1+1", 'x;=HYPERLINK("http://evil.example")', "first line\n=1+1", "a|@SUM(A1)", "\t=1"],
)
def test_it_guards_a_formula_a_spreadsheet_would_find_anywhere_in_a_cell(text):
    cell = guard_formula(text)
    assert not spreadsheet_would_run(cell)
    assert unguard_formula(cell) == text


@settings(max_examples=2000, deadline=None)
@given(text=st.text(CHAR, max_size=40))
def test_it_exports_no_cell_a_spreadsheet_would_run_and_imports_it_back_exactly(text: str):
    cell = guard_formula(text)
    assert not spreadsheet_would_run(cell)
    assert unguard_formula(cell) == text
