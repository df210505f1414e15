"""What comes before pain: a table, no figure (advice.patterns finds the patterns)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from advice.i18n import N_, Text
from advice.patterns import (
    FOLLOW_DAYS,
    MIN_RUNS,
    PAIN_MIN,
    PainDay,
    PainPattern,
    RunGroup,
    pain_patterns,
)
from advice.rules.wellness import poor_wellness_days
from advice.types import WellnessRecord
from tracker.charts.plot import Card, ChartContext, ChartSpec, Table, pct
from tracker.charts.ranges import ChartRange
from tracker.charts.series import ShoeWear

# The runs and pain of the last two years of the range at most: pairs and surfaces
# change, and a pattern of ten years ago says little about this year's runs. It also
# keeps the table's work (a row a day with runs) from growing with the history.
WINDOW_DAYS = 2 * 365


def pain_window(window: ChartRange) -> tuple[date, date]:
    """The days the table looks at: the range, or its last WINDOW_DAYS."""
    return max(window.start, window.end - timedelta(days=WINDOW_DAYS - 1)), window.end


def pain_table(
    patterns: Sequence[PainPattern], *, runs: int, pain: int, clipped: bool = False
) -> Table:
    """The patterns as rows; with none, why: too few runs, or no pain after them."""
    if patterns:
        empty: str = ""
    elif runs < MIN_RUNS:
        empty = Text(
            "This table needs at least {runs} runs in one pair, on one surface or on one "
            "terrain, and check-ins after them.",
            runs=MIN_RUNS,
        )
    elif not pain:
        empty = Text(
            "No pain was reported within {days} days of a run in this range.", days=FOLLOW_DAYS
        )
    else:
        empty = Text(
            "No pair, surface or terrain has {runs} runs followed by pain in this range.",
            runs=MIN_RUNS,
        )
    return Table(
        caption=Text(
            N_(
                "Pain ({pain_min}/10 or more) reported on the day of a run or the {days} days "
                "after, for shoes, surfaces, terrains and days of a wellness check worse than "
                "usual with at least {runs} runs in the last two years."
            )
            if clipped
            else N_(
                "Pain ({pain_min}/10 or more) reported on the day of a run or the {days} days "
                "after, for shoes, surfaces, terrains and days of a wellness check worse than "
                "usual with at least {runs} runs."
            ),
            pain_min=PAIN_MIN,
            days=FOLLOW_DAYS,
            runs=MIN_RUNS,
        ),
        headers=(N_("What"), N_("Share"), N_("All your runs")),
        rows=[
            (
                p.sentence,
                pct(p.share),
                Text(
                    "{share} ({followed} of {runs})",
                    share=pct(p.overall_share),
                    followed=p.overall_followed,
                    runs=p.overall_runs,
                ),
            )
            for p in patterns
        ],
        empty=empty,
    )


def build(
    context: ChartContext,
    runs: Sequence[RunGroup],
    pain: Sequence[PainDay],
    shoes: Sequence[ShoeWear],
    wellness: Sequence[WellnessRecord] = (),
) -> Card:
    names = {shoe.id: shoe.name for shoe in shoes}
    patterns = pain_patterns(
        runs,
        pain,
        shoe_names=names,
        last_day=context.window.end,
        poor_wellness=poor_wellness_days(wellness),
    )
    return Card(
        key="pain",
        title=N_("What comes before pain"),
        intro="",
        figure=None,
        table=pain_table(
            patterns,
            runs=sum(group.runs for group in runs),
            pain=sum(1 for day in pain if day.worst >= PAIN_MIN),
            clipped=pain_window(context.window)[0] > context.window.start,
        ),
        needs="session",
        template="tracker/_chart_pain.html",
    )


CHART = ChartSpec(key="pain", build=build)
