"""The wellness and overuse charts: the database's sums against sums by hand."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product

import pytest

from advice.instruments import ostrc_score, ostrc_valid
from tracker.charts import ostrc as ostrc_chart
from tracker.charts import wellness as wellness_chart
from tracker.charts.periods import Bins, Period
from tracker.charts.ranges import ChartRange
from tracker.charts.series import ChartQuery
from tracker.selectors import questionnaire_charts as reads
from tracker.wellness_models import OstrcResponse, WellnessEntry

pytestmark = pytest.mark.django_db

MON = date(2026, 11, 2)


def query(user, start: date, end: date) -> tuple[ChartQuery, Bins]:
    window = ChartRange("x", "x", start, end)
    return ChartQuery(user.pk, window, 0, None), Bins(Period.WEEK, start, end, 0)


def test_wellness_averages_and_worst_day_a_week(runner, other_runner):
    ratings = [(2, 2, 2, 2), (3, 3, 3, 3), (1, 7, 1, 7)]
    for i, r in enumerate(ratings):
        WellnessEntry.objects.create(
            user=runner,
            date=MON + timedelta(days=i),
            **dict(zip(("sleep", "fatigue", "stress", "soreness"), r, strict=True)),
        )
    WellnessEntry.objects.create(
        user=runner, date=MON + timedelta(days=7), sleep=4, fatigue=4, stress=4, soreness=4
    )
    WellnessEntry.objects.create(
        user=other_runner, date=MON, sleep=7, fatigue=7, stress=7, soreness=7
    )
    q, bins = query(runner, MON, MON + timedelta(days=13))
    series = reads.wellness(query=q, bins=bins)
    first, second = series.periods
    assert (first.start, first.checks, first.worst) == (MON, 3, 16)
    assert first.index == pytest.approx((8 + 12 + 16) / 3)
    assert first.sleep == pytest.approx(2.0) and first.fatigue == pytest.approx(4.0)
    assert (second.start, second.checks, second.index) == (MON + timedelta(days=7), 1, 16.0)
    card = wellness_chart.build(None, series)  # type: ignore[arg-type]  # build ignores its context
    assert card.figure is not None
    assert card.table.rows[0][-2:] == ("12.0", "16")


def test_ostrc_severity_in_sql_equals_the_scoring_for_every_possible_answer(runner):
    valid = [a for a in product(range(4), range(5), range(5), range(4)) if ostrc_valid(*a)]
    areas = [
        "calf",
        "shin",
        "knee",
        "achilles",
        "heel",
        "foot",
        "thigh",
        "hamstring",
        "hip",
        "back",
        "other",
    ]
    # One week per answer set and area slot: each period holds exactly one row.
    rows = []
    for i, answers in enumerate(valid):
        week = MON + timedelta(weeks=i // len(areas))
        rows.append(
            OstrcResponse(
                user=runner,
                week=week,
                area=areas[i % len(areas)],
                **dict(
                    zip(
                        ("participation", "modification", "performance", "symptoms"),
                        answers,
                        strict=True,
                    )
                ),
            )
        )
    OstrcResponse.objects.bulk_create(rows)
    last = MON + timedelta(weeks=len(valid) // len(areas) + 1)
    q, bins = query(runner, MON, last)
    series = reads.ostrc(query=q, bins=bins)
    got = {(c.start, c.area): (c.severity, c.substantial) for c in series.cells}
    for row in rows:
        score = ostrc_score(row.participation, row.modification, row.performance, row.symptoms)
        assert got[(row.week, row.area)] == (score.severity, score.substantial)
    assert len(got) == len(valid) == 193


def test_ostrc_takes_the_worst_week_of_a_month(runner):
    for week, answers in ((MON, (1, 1, 1, 1)), (MON + timedelta(weeks=1), (2, 2, 2, 2))):
        OstrcResponse.objects.create(
            user=runner,
            week=week,
            area="calf",
            **dict(
                zip(
                    ("participation", "modification", "performance", "symptoms"),
                    answers,
                    strict=True,
                )
            ),
        )
    window = ChartRange("x", "x", date(2026, 11, 1), date(2026, 11, 30))
    q = ChartQuery(runner.pk, window, 0, None)
    series = reads.ostrc(query=q, bins=Bins(Period.MONTH, window.start, window.end, 0))
    assert [(c.area, c.severity, c.substantial) for c in series.cells] == [
        ("calf", 17 + 13 + 13 + 17, True)
    ]
    card = ostrc_chart.build(None, series)  # type: ignore[arg-type]  # build ignores its context
    assert card.table.rows[0][1] == "60 (substantial)"
