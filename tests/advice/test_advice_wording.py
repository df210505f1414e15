"""The phrasing every rule shares: dates, distances, lists, body areas."""

from __future__ import annotations

from datetime import date

import pytest

from advice.wording import (
    ago,
    area_label,
    date_text,
    day_text,
    distance,
    join,
    limit,
    readable_dates,
    sore_part,
)


@pytest.mark.parametrize(
    ("m", "units", "expected"),
    [
        (42000, "km", "42.0 km"),
        (42000, "mi", "26.1 mi"),
        (29000, "mi", "18.0 mi"),
        (50, "km", "0.1 km"),
    ],
)
def test_it_formats_distances_in_the_runner_s_units(m: int, units: str, expected: str) -> None:
    assert distance(m, units) == expected


@pytest.mark.parametrize(
    ("m", "units", "expected"),
    [
        (5000, "km", "5 km"),
        (1000, "km", "1 km"),
        (10000, "km", "10 km"),
        (5000, "mi", "3.1 mi"),
        (1000, "mi", "0.6 mi"),
        (10000, "mi", "6.2 mi"),
        (16093.44, "mi", "10 mi"),
    ],
)
def test_it_gives_thresholds_as_round_as_they_are(m: float, units: str, expected: str) -> None:
    assert limit(m, units) == expected


def test_it_writes_dates_as_people_do() -> None:
    assert day_text(date(2026, 11, 3).toordinal()) == "3 Nov 2026"
    assert date_text(date(2026, 1, 27)) == "27 Jan 2026"
    assert readable_dates("week of 2026-11-16") == "week of 16 Nov 2026"
    assert readable_dates("calf left") == "calf left"
    assert readable_dates("2026-02-01 to 2026-02-28") == "1 Feb 2026 to 28 Feb 2026"


def test_it_joins_lists() -> None:
    assert join([]) == ""
    assert join(["calf left"]) == "calf left"
    assert join(["a", "b"]) == "a and b"
    assert join(["a", "b", "c"]) == "a, b and c"


def test_it_labels_areas() -> None:
    assert area_label("calf", "left") == "calf left"
    assert area_label("calf", "both") == "calf both sides"
    assert area_label("knee", None) == "knee"
    assert area_label(None, "left") == "area not recorded"


@pytest.mark.parametrize(
    ("areas", "expected"),
    [
        (["calf"], "that leg"),
        (["calf", "knee"], "that leg"),
        (["back"], "your back"),
        (["hip"], "that hip"),
        (["calf", "back"], "the sore area"),
        ([None], "the sore area"),
        (["other"], "the sore area"),
    ],
)
def test_it_names_the_sore_part_so_back_pain_is_not_a_leg(
    areas: list[str | None], expected: str
) -> None:
    assert sore_part(areas) == expected


def test_it_says_how_long_ago() -> None:
    assert [ago(10, 10), ago(9, 10), ago(7, 10)] == ["today", "yesterday", "3 days ago"]
