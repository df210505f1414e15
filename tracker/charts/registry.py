"""The dashboard's charts, in page order: each chart module with the selectors
(``tracker.selectors.charts``) whose series its ``build`` takes, in that order.

Adding a chart: a module here with a ``CHART`` spec, a read in the selectors,
a line below, and a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.charts import habits, load, ostrc, pain, shoes, soreness, surfaces, wellness
from tracker.charts.plot import ChartSpec
from tracker.selectors import charts as reads
from tracker.selectors import questionnaire_charts as questionnaire_reads

# ``read(query=ChartQuery, bins=Bins | None)`` -> the series a chart draws.
Read = Callable[..., Any]


@dataclass(frozen=True)
class Entry:
    chart: ChartSpec
    reads: tuple[Read, ...]


CHARTS: tuple[Entry, ...] = (
    Entry(load.CHART, (reads.training, reads.running_km, reads.session_load)),
    Entry(soreness.CHART, (reads.soreness,)),
    Entry(wellness.CHART, (questionnaire_reads.wellness,)),
    Entry(ostrc.CHART, (questionnaire_reads.ostrc,)),
    Entry(surfaces.CHART, (reads.training,)),
    Entry(shoes.CHART, (reads.shoe_wear,)),
    Entry(habits.CHART, (reads.training,)),
    Entry(
        pain.CHART,
        (
            reads.run_groups,
            reads.pain_days,
            reads.shoe_wear,
            questionnaire_reads.wellness_checks,
        ),
    ),
)
