"""What the selectors hand the charts: sums per period, never a row per session.

Plain dataclasses with no plotly and no Django, so the data layer
(``tracker.selectors``) builds them without importing anything that draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.charts.periods import Bins, Period
from tracker.charts.ranges import LOAD_DISTANCE, ChartRange

# A last day not known: the read it would let skip runs.
NOT_KNOWN = date.max


@dataclass(frozen=True)
class ChartQuery:
    """Whose charts, over which range: what every chart selector is asked."""

    user_id: int
    window: ChartRange
    week_start: int
    first_session: date | None  # the acute:chronic ratio is shown from 28 days after it
    load: str = LOAD_DISTANCE  # what the load chart's bars measure (ranges.LOAD_OPTIONS)
    # The last wellness check's day and the last OSTRC answers' week (None: there are
    # none), as the page's bounds query read them: the questionnaires' reads skip a
    # span they cannot have a row in (most runners never answer either). NOT_KNOWN
    # (a caller that did not read them): the reads query as usual.
    last_wellness: date | None = NOT_KNOWN
    last_ostrc: date | None = NOT_KNOWN

    def none_since(self, last: date | None, start: date) -> bool:
        """True when ``last`` (one of the last days above) says there is no row from
        ``start`` on, so a read of that span would return nothing."""
        return last is None or last < start


@dataclass
class TrainingPeriod:
    """One period (a week, a month...) of the runner's running: distance, surfaces
    and habits."""

    start: date  # the period's first day (may be before the range's)
    days: int  # days of this period inside the range (the current one: up to today)
    run_km: float = 0.0
    km_by_surface: dict[str, float] = field(default_factory=dict)  # "" = not recorded
    runs: int = 0
    run_days: int = 0
    warmup_recorded: int = 0
    warmup_done: int = 0
    cooldown_recorded: int = 0
    cooldown_done: int = 0
    # The runs with both a distance and a time, for the average pace.
    paced_km: float = 0.0
    paced_min: float = 0.0

    @property
    def pace_min_per_km(self) -> float | None:
        """The period's average running pace: its timed runs' minutes over their km."""
        return self.paced_min / self.paced_km if self.paced_km > 0 and self.paced_min > 0 else None

    @property
    def rest_days(self) -> int:
        return self.days - self.run_days

    @property
    def warmup_share(self) -> float | None:
        """Share of the runs recording a warm-up that had one; None: none recorded."""
        return self.warmup_done / self.warmup_recorded if self.warmup_recorded else None

    @property
    def cooldown_share(self) -> float | None:
        return self.cooldown_done / self.cooldown_recorded if self.cooldown_recorded else None


@dataclass(frozen=True)
class Training:
    """The range's running, a TrainingPeriod a column (empty periods included)."""

    bins: Bins
    periods: list[TrainingPeriod]
    surfaces: tuple[str, ...]  # run on in the range, in the log's order; "" = not recorded


@dataclass(frozen=True)
class RunningKm:
    """Running distance per day or per week from a lookback before the range to its
    end, for the acute:chronic ratio: the database's sums by period number."""

    period: Period  # DAY or WEEK
    week_start: int
    first: int  # the first period number asked for
    last: int
    km: dict[int, float]  # period number -> km; periods without running are absent
    first_session: date | None  # the ratio is shown from 28 days after it, as the rule


@dataclass(frozen=True)
class EffortLoad:
    """Session-RPE load (effort x minutes, every activity) as the database summed it:
    by day when the chart's columns are weeks (monotony needs the days), else by the
    columns' period. ``shown`` is False when the runner did not ask for it: then
    nothing was read."""

    shown: bool
    period: Period
    load: dict[int, float] = field(default_factory=dict)  # period number -> AU
    # period number -> sessions without an effort or a duration (their load unknown)
    unrated: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SorenessCell:
    """The worst check-in of one period for one area and side."""

    start: date  # the period's first day
    area: str
    side: str
    worst: int


@dataclass(frozen=True)
class SorenessSeries:
    bins: Bins
    rows: tuple[tuple[str, str], ...]  # (area, side) with check-ins, in the log's order
    cells: list[SorenessCell]


@dataclass(frozen=True)
class ShoeWear:
    """A pair's lifetime distance, the part of it run inside the range, and its limit."""

    id: int
    name: str
    retired: bool
    limit_km: int
    total_km: float
    range_km: float

    @property
    def before_km(self) -> float:
        return self.total_km - self.range_km


@dataclass(frozen=True)
class WellnessPeriod:
    """A period's daily wellness checks: their averages (1-7 each, the index 4-28)."""

    start: date  # the period's first day
    checks: int
    sleep: float
    fatigue: float
    stress: float
    soreness: float
    index: float
    worst: int  # the period's highest index


@dataclass(frozen=True)
class WellnessSeries:
    bins: Bins
    periods: list[WellnessPeriod]  # the periods with at least one check


@dataclass(frozen=True)
class OstrcCell:
    """The highest OSTRC-O2 severity of one period for one area."""

    start: date
    area: str
    severity: int  # 0-100
    substantial: bool  # a week of the period met the substantial-problem definition


@dataclass(frozen=True)
class OstrcSeries:
    bins: Bins
    areas: tuple[str, ...]  # with answers in the range, in the log's order
    cells: list[OstrcCell]
