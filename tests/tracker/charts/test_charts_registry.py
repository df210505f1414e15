"""tracker.charts.registry and dashboard: the cards in order, each read run once,
and the drawing modules free of plotly and Django."""

from __future__ import annotations

import inspect
import subprocess
import sys
from datetime import date
from pathlib import Path

from tracker.charts import chart_range
from tracker.charts.dashboard import dashboard_cards
from tracker.charts.periods import Period, PeriodRule
from tracker.charts.plot import Card, ChartSpec, Table
from tracker.charts.registry import CHARTS, Entry
from tracker.charts.series import ChartQuery

ROOT = Path(__file__).resolve().parents[3]
QUERY = ChartQuery(
    user_id=1,
    window=chart_range("1y", today=date(2026, 11, 20), week_start=0, first_day=None),
    week_start=0,
    first_session=None,
)


def test_it_lists_the_dashboards_cards_in_page_order():
    assert [entry.chart.key for entry in CHARTS] == [
        "load",
        "soreness",
        "wellness",
        "ostrc",
        "surfaces",
        "shoes",
        "habits",
        "pain",
    ]
    for entry in CHARTS:
        # build(context, *series): one series a read, in order.
        parameters = list(inspect.signature(entry.chart.build).parameters)
        assert len(parameters) == 1 + len(entry.reads), entry.chart.key


def test_it_shares_the_reads_of_charts_with_the_same_columns():
    """Load, surfaces and habits draw the same weekly sums: one query, not three."""
    by_read: dict[object, set[PeriodRule | None]] = {}
    for entry in CHARTS:
        for read in entry.reads:
            by_read.setdefault(read, set()).add(entry.chart.periods)
    assert all(len(rules) == 1 for rules in by_read.values()), by_read


def test_it_runs_each_read_once_a_request_for_each_set_of_columns():
    calls: list[tuple[str, object]] = []

    def read(*, query, bins):
        calls.append(("read", bins.period if bins else None))
        return "series"

    def build(context, series):
        return Card(
            key=str(len(calls)), title="", intro="", figure=None, table=Table("", (), []), needs=""
        )

    weekly = PeriodRule(Period.WEEK, max_columns=130)
    monthly = PeriodRule(Period.MONTH, max_columns=130)
    charts = [
        Entry(ChartSpec("a", build, weekly), (read,)),
        Entry(ChartSpec("b", build, weekly), (read,)),
        Entry(ChartSpec("c", build, monthly), (read,)),
        Entry(ChartSpec("d", build), (read,)),
    ]
    cards = dashboard_cards(QUERY, [], units="km", charts=charts)
    assert calls == [("read", Period.WEEK), ("read", Period.MONTH), ("read", None)]
    assert [card.key for card in cards] == ["1", "1", "2", "3"]


def test_it_draws_without_plotly_or_django():
    """The selectors import the series types, and the chart modules draw plain data:
    none of it needs plotly (a test-only dependency now) or Django."""
    code = (
        "import sys; "
        "import tracker.charts.series, tracker.charts.load, tracker.charts.soreness, "
        "tracker.charts.surfaces, tracker.charts.shoes, tracker.charts.habits, "
        "tracker.charts.pain; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('plotly', 'django')]; "
        "assert not bad, bad"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
