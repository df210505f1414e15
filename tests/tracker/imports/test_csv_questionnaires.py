"""wellness.csv and ostrc.csv: their columns, their errors, and the round trip."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.imports.contract import apply_import, export_rows, plan_import
from tracker.wellness_models import OstrcResponse, WellnessEntry

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)
W_HEADER = "date,sleep,fatigue,stress,soreness\n"
O_HEADER = "week,area,participation,modification,performance,symptoms\n"


def plan(user, wellness=None, ostrc=None):
    return plan_import(
        user=user,
        today=TODAY,
        wellness=("wellness.csv", W_HEADER + wellness) if wellness is not None else None,
        ostrc=("ostrc.csv", O_HEADER + ostrc) if ostrc is not None else None,
    )


def test_rows_are_read_and_written_as_the_contract_says(runner, other_runner):
    result = apply_import(
        plan(
            runner,
            "2026-11-01,2,3,4,5\n2026-11-02,1,1,1,7\n",
            "2026-11-15,calf,17,13,6,17\n2026-11-15,knee,25,25,25,25\n",
        )
    )
    assert result.added["wellness"] == 2 and result.added["ostrc"] == 2
    calf = OstrcResponse.objects.get(user=runner, area="calf")
    # Stored as the options chosen; the file carries the instrument's points.
    assert (calf.participation, calf.modification, calf.performance, calf.symptoms) == (2, 2, 1, 2)
    assert calf.score.severity == 17 + 13 + 6 + 17
    assert OstrcResponse.objects.get(user=runner, area="knee").score.severity == 100
    assert WellnessEntry.objects.get(user=runner, date=date(2026, 11, 2)).index == 10

    texts = export_rows(user=runner)
    assert texts["wellness.csv"] == (
        "date,sleep,fatigue,stress,soreness\r\n2026-11-01,2,3,4,5\r\n2026-11-02,1,1,1,7\r\n"
    )
    assert texts["ostrc.csv"] == (
        "week,area,participation,modification,performance,symptoms\r\n"
        "2026-11-15,calf,17,13,6,17\r\n2026-11-15,knee,25,25,25,25\r\n"
    )
    # Into an empty account: the same rows, and a second import adds nothing.
    copied = apply_import(
        plan_import(
            user=other_runner,
            today=TODAY,
            **{name.removesuffix(".csv"): (name, text) for name, text in texts.items()},
        )
    )
    assert copied.added["wellness"] == 2 and copied.added["ostrc"] == 2
    assert export_rows(user=other_runner) == texts
    again = plan(runner, "2026-11-01,2,3,4,5\n", "2026-11-15,calf,17,13,6,17\n")
    assert again.errors == [] and again.added()["wellness"] == 0
    assert again.duplicates["wellness"] == 1 and again.duplicates["ostrc"] == 1


@pytest.mark.parametrize(
    ("wellness", "error"),
    [
        (
            "2026-11-01,0,3,4,5\n",
            "wellness.csv:2: sleep: 0 is out of range: must be between 1 and 7",
        ),
        ("2026-11-01,2,3,4,\n", "wellness.csv:2: soreness: "),
        ("2026-11-01,2,3.5,4,5\n", "wellness.csv:2: fatigue: "),
        ("2026-11-21,2,3,4,5\n", "wellness.csv:2: date: 2026-11-21 is in the future"),
        (
            "2026-11-01,2,3,4,5\n2026-11-01,2,3,4,6\n",
            "wellness.csv:3: date: a wellness check of that day is already on line 2",
        ),
    ],
)
def test_bad_wellness_rows_are_named_and_nothing_is_written(runner, wellness, error):
    result = plan(runner, wellness)
    assert any(e.startswith(error) for e in result.errors), result.errors
    assert result.wellness_to_add == []


@pytest.mark.parametrize(
    ("ostrc", "error"),
    [
        ("2026-11-15,calf,10,0,0,0\n", "ostrc.csv:2: participation: 10 is not one of the points"),
        ("2026-11-15,calf,8,8,0,0\n", "ostrc.csv:2: modification: 8 is not one of the points"),
        ("2026-11-15,calf,25,0,0,0\n", "ostrc.csv:2: participation: these answers cannot go"),
        ("2026-11-15,calf,8,25,0,0\n", "ostrc.csv:2: participation: these answers cannot go"),
        ("2026-11-15,ankle,8,6,0,0\n", "ostrc.csv:2: area: "),
        (
            "2026-11-15,calf,8,6,0,0\n2026-11-15,calf,8,6,6,0\n",
            "ostrc.csv:3: week: that week's answers for that area is already on line 2",
        ),
    ],
)
def test_bad_ostrc_rows_are_named_and_nothing_is_written(runner, ostrc, error):
    result = plan(runner, ostrc=ostrc)
    assert any(e.startswith(error) for e in result.errors), result.errors
    assert result.ostrc_to_add == []


def test_a_row_that_differs_from_the_log_is_an_error_not_an_overwrite(runner):
    apply_import(plan(runner, "2026-11-01,2,3,4,5\n", "2026-11-15,calf,8,6,0,8\n"))
    changed = plan(runner, "2026-11-01,2,3,4,6\n", "2026-11-15,calf,8,6,6,8\n")
    assert changed.errors == [
        "wellness.csv:2: date: the log already has a wellness check of that day with other "
        "answers; change it on the site, or leave this row out",
        "ostrc.csv:2: week: the log already has that week's answers for that area with other "
        "answers; change it on the site, or leave this row out",
    ]
    assert WellnessEntry.objects.get(user=runner).soreness == 5
