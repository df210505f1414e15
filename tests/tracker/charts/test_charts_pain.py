"""tracker.charts.pain: the "what comes before pain" card (advice.patterns finds them)."""

from __future__ import annotations

from datetime import date, timedelta

from chart_builders import context

from advice.patterns import PainDay, RunGroup
from tracker.charts import pain
from tracker.charts.series import ShoeWear


def test_it_lists_the_patterns_with_the_pairs_names():
    day = date(2026, 6, 1)
    runs, days = [], []
    for i in range(9):
        runs.append(RunGroup(day, 7, "asphalt", "", 1))
        if i < 6:
            days.append(PainDay(day + timedelta(days=1), "knee", 3))
        day += timedelta(days=5)
    card = pain.build(
        context(None, end=day), runs, days, [ShoeWear(7, "<b>Grey</b>", False, 800, 0.0, 0.0)]
    )
    assert card.template == "tracker/_chart_pain.html" and card.figure is None
    assert card.table.rows[0] == (
        "Knee pain follows 6 of 9 asphalt runs in <b>Grey</b>",  # escaped by the template
        "67%",
        "67% (6 of 9)",
    )


def test_it_says_why_the_table_is_empty():
    few = pain.pain_table([], runs=2, pain=0)
    assert few.rows == [] and "at least 5 runs" in few.empty
    no_pain = pain.pain_table([], runs=20, pain=0)
    assert "No pain was reported" in no_pain.empty
    no_pattern = pain.pain_table([], runs=20, pain=3)
    assert "has 5 runs followed by pain" in no_pattern.empty
