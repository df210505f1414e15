"""The dashboard charts' series, summed by the database.

Every read is one query whatever the range or the length of the history, and
groups in SQL by period (``PeriodNumber``: days, the runner's weeks, months...),
so what leaves the database is at most a row a column of the chart (and surface,
area...), never one per session. Two reads need days: the ratio's (a row a day
with running, over at most two and a half years and the lookback) and the pain
table's (at most two years). A chart's registry entry (tracker/charts/registry.py)
names its reads; each takes the same two arguments.

The reads that run on every first view of the dashboard are written in SQL
(``_grouped_sql``; the period number is ``period_sql``, PeriodNumber's own):
through the ORM, building these small aggregate queries cost as much as the
database took to run them, or several times more. Only the session-load read,
made when a runner asks for that view, is still built by the ORM.

Grouping on ``date``, a DateField holding the runner's own local date, rather than
truncating a UTC datetime keeps a run at 23:30 local time on the day (and in the
week) it was run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    F,
    FloatField,
    Model,
    Q,
    Sum,
)
from django.db.models.functions import Cast

from advice import LOOKBACK_DAYS
from advice.patterns import PAIN_MIN, PainDay, RunGroup
from tracker.charts.pain import pain_window
from tracker.charts.periods import Bins, Period, period_first_day
from tracker.charts.ranges import LOAD_EFFORT, week_start_of
from tracker.charts.ratios import CHRONIC_WEEKS
from tracker.charts.series import (
    ChartQuery,
    EffortLoad,
    RunningKm,
    ShoeWear,
    SorenessCell,
    SorenessSeries,
    Training,
    TrainingPeriod,
)
from tracker.models import (
    Activity,
    Area,
    OstrcResponse,
    Session,
    Shoe,
    Side,
    Soreness,
    Surface,
    WellnessEntry,
)
from tracker.selectors.periods import PeriodNumber, period_sql

# The log's own order of surfaces (not recorded last), areas and sides.
SURFACES: tuple[str, ...] = (*Surface.values, "")
_AREA_ORDER = {area: i for i, area in enumerate(Area.values)}
_SIDE_ORDER = {side: i for i, side in enumerate(Side.values)}


@dataclass(frozen=True)
class LogBounds:
    """The runner's first session and first check-in, whatever the range; the last
    wellness check and OSTRC week (``ChartQuery.last_wellness``, ``last_ostrc``)."""

    first_session: date | None
    first_soreness: date | None
    last_wellness: date | None = None
    last_ostrc: date | None = None

    @property
    def first_day(self) -> date | None:
        days = [d for d in (self.first_session, self.first_soreness) if d is not None]
        return min(days) if days else None


def _edges_sql() -> str:
    """The bounds' query: MIN and MAX over the runner's rows, which SQLite and
    PostgreSQL both answer from the (user, date) indexes without reading a row."""
    quote = connection.ops.quote_name

    def edge(aggregate: str, model: type[Model], column: str) -> str:
        table = quote(model._meta.db_table)
        return f"(SELECT {aggregate}({quote(column)}) FROM {table} WHERE {quote('user_id')} = %s)"

    return "SELECT " + ", ".join(
        (
            edge("MIN", Session, "date"),
            edge("MIN", Soreness, "date"),
            edge("MAX", WellnessEntry, "date"),
            edge("MAX", OstrcResponse, "week"),
        )
    )


def _day(value: date | str | None) -> date | None:
    # SQLite hands a date column back as its ISO text; PostgreSQL as a date.
    return date.fromisoformat(value) if isinstance(value, str) else value


def log_bounds(*, user_id: int) -> LogBounds:
    """The first session and check-in, the last wellness check and OSTRC week, in one
    query of four index-only lookups: the "all" range and the 28-day ratio rule need
    the first two; the last two let the questionnaires' reads be skipped when they
    could return nothing (a query each, and the costliest to build: ORM work, not
    the database's). Written in SQL: as four ORM subqueries, building the query
    took a millisecond, fifty times what the database took to answer it."""
    with connection.cursor() as cursor:
        cursor.execute(_edges_sql(), [user_id] * 4)
        row = cursor.fetchone()
    first, first_sore, last_wellness, last_ostrc = (_day(value) for value in row)
    return LogBounds(first, first_sore, last_wellness, last_ostrc)


def _bins(bins: Bins | None) -> Bins:
    if bins is None:
        raise ValueError("this read sums by period: give its chart a PeriodRule")
    return bins


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def _grouped_sql(model: type[Model], select: Sequence[str], groups: int, *, runs: bool) -> str:
    """``SELECT select... FROM model's table`` over one runner's span of days
    (parameters: the runner, then the first and the last day; with ``runs``, the
    runs only: the runner, "run", the days), grouped by the first ``groups``
    columns. The reads that are written in SQL (see ``_training_sql``) share it."""
    q = connection.ops.quote_name
    where = [f"{q('user_id')} = %s", *([f"{q('activity')} = %s"] if runs else [])]
    where += [f"{q('date')} >= %s", f"{q('date')} <= %s"]
    return (
        f"SELECT {', '.join(select)} FROM {q(model._meta.db_table)} WHERE {' AND '.join(where)}"
        f" GROUP BY {', '.join(str(i) for i in range(1, groups + 1))}"
    )


def _span(query: ChartQuery, start: date | None = None, *, runs: bool) -> list[Any]:
    """The parameters of ``_grouped_sql``'s WHERE: the range, or from ``start``."""
    day = connection.ops.adapt_datefield_value
    first = query.window.start if start is None else start
    return [
        query.user_id,
        *([Activity.RUN.value] if runs else []),
        day(first),
        day(query.window.end),
    ]


def _training_sql(period: Period, week_start: int) -> str:
    """The training read's query: the runs of a span summed by period.

    Written in SQL because the ORM took as long to build it (seventeen aggregates,
    eleven of them filtered) as the database took to run it over ten years: about
    2 ms of every dashboard's first view; the other reads of runs and check-ins
    followed, for the same reason on a smaller scale. ``PeriodNumber``'s own SQL
    groups them; the filtered aggregates are Django's own form of them (FILTER,
    which SQLite from 3.30 and PostgreSQL both read), and
    tests/tracker/test_chart_selectors.py checks the sums against ones counted by
    hand, on either database.
    """
    q = connection.ops.quote_name
    date_, distance, minutes, surface = (
        q(c) for c in ("date", "distance_km", "duration_min", "surface")
    )
    timed = f"{distance} > 0 AND {minutes} > 0"
    columns = [
        period_sql(connection.vendor, date_, period, week_start),
        "COUNT(*)",  # runs
        f"COUNT(DISTINCT {date_})",  # days with a run
        f"COUNT({q('warmup_min')})",  # runs recording a warm-up
        f"COUNT(*) FILTER (WHERE {q('warmup_min')} > 0)",  # ... that had one
        f"COUNT({q('cooldown_min')})",
        f"COUNT(*) FILTER (WHERE {q('cooldown_min')} > 0)",
        # km on each of SURFACES, a parameter each
        *(f"SUM({distance}) FILTER (WHERE {surface} = %s)" for _ in SURFACES),
        # the timed runs' km and minutes, for the average pace
        f"SUM({distance}) FILTER (WHERE {timed})",
        f"SUM({minutes}) FILTER (WHERE {timed})",
    ]
    return _grouped_sql(Session, columns, 1, runs=True)


def _float(value: float | Decimal | None) -> float:
    # PostgreSQL sums a numeric column as a Decimal, SQLite as an int or a float:
    # floats, as FloatField made them (the charts round to 0.01 anyway).
    return 0.0 if value is None else float(value)


def training(*, query: ChartQuery, bins: Bins | None) -> Training:
    """Running a column (empty columns included), from one query grouped by period:
    distance, distance on each surface, runs, days with a run, and the runs that
    record a warm-up or a cool-down and had one."""
    bins = _bins(bins)
    rows = _fetch(
        _training_sql(bins.period, bins.week_start), [*SURFACES, *_span(query, runs=True)]
    )
    periods = [
        TrainingPeriod(start=first, days=bins.days_inside(column))
        for column, first in enumerate(bins.firsts)
    ]
    present: set[str] = set()
    for number, *counts_and_km in rows:
        period = periods[bins.column_of_index(number)]
        counts = counts_and_km[:6]
        km_by_surface = [_float(km) for km in counts_and_km[6:-2]]
        period.paced_km, period.paced_min = (_float(value) for value in counts_and_km[-2:])
        (
            period.runs,
            period.run_days,
            period.warmup_recorded,
            period.warmup_done,
            period.cooldown_recorded,
            period.cooldown_done,
        ) = counts
        for surface, km in zip(SURFACES, km_by_surface, strict=True):
            if km:
                period.km_by_surface[surface] = km
                period.run_km += km
                present.add(surface)
    return Training(bins=bins, periods=periods, surfaces=tuple(s for s in SURFACES if s in present))


def running_km(*, query: ChartQuery, bins: Bins | None) -> RunningKm:
    """Running distance for the acute:chronic ratio, by day when the chart's columns
    are weeks (from LOOKBACK_DAYS before the range, so the EWMA has settled by its
    first day, as advice's), else by week (from the three weeks before the range, for
    the four-week average). At most a row a day of two and a half years, or a row a
    week; one query. None when the chart shows session load, which has no ratio:
    its read takes this one's place, so both views make as many queries."""
    bins = _bins(bins)
    if query.load == LOAD_EFFORT:
        span = Bins(Period.WEEK, query.window.start, query.window.end, query.week_start)
        return RunningKm(
            period=Period.WEEK,
            week_start=query.week_start,
            first=span.first_index,
            last=span.index(query.window.end),
            km={},
            first_session=query.first_session,
        )
    if bins.period in (Period.DAY, Period.WEEK):
        period, start = Period.DAY, query.window.start - timedelta(days=LOOKBACK_DAYS)
    else:
        period = Period.WEEK
        start = week_start_of(query.window.start, query.week_start) - timedelta(
            weeks=CHRONIC_WEEKS - 1
        )
    q = connection.ops.quote_name
    number = period_sql(connection.vendor, q("date"), period, query.week_start)
    rows = _fetch(
        _grouped_sql(Session, [number, f"SUM({q('distance_km')})"], 1, runs=True),
        _span(query, start, runs=True),
    )
    span = Bins(period, start, query.window.end, query.week_start)
    return RunningKm(
        period=period,
        week_start=query.week_start,
        first=span.first_index,
        last=span.index(query.window.end),
        km={n: _float(km) for n, km in rows if km},
        first_session=query.first_session,
    )


# A session's session-RPE load, effort x minutes (advice.effort.session_load), in
# SQL: NULL when either is missing, which SUM leaves out. Cast to a float so every
# database sums (and returns) floats.
SESSION_LOAD = Cast(F("rpe") * F("duration_min"), output_field=FloatField())
_UNRATED = Q(rpe__isnull=True) | Q(duration_min__isnull=True)


def session_load(*, query: ChartQuery, bins: Bins | None) -> EffortLoad:
    """Session load of every activity by day when the columns are weeks (at most two
    and a half years of days), else by column, with the sessions that lack an effort
    or a duration: one query, and none when the chart shows distance."""
    bins = _bins(bins)
    period = Period.DAY if bins.period is Period.WEEK else bins.period
    if query.load != LOAD_EFFORT:
        return EffortLoad(shown=False, period=period)
    rows = (
        Session.objects.filter(
            user_id=query.user_id, date__gte=query.window.start, date__lte=query.window.end
        )
        .annotate(period=PeriodNumber("date", period, week_start=bins.week_start))
        .values("period")
        .annotate(load=Sum(SESSION_LOAD), unrated=Count("id", filter=_UNRATED))
        .order_by()
        .values_list("period", "load", "unrated")
    )
    load: dict[int, float] = {}
    unrated: dict[int, int] = {}
    for number, au, missing in rows:
        if au:
            load[number] = au
        if missing:
            unrated[number] = missing
    return EffortLoad(shown=True, period=period, load=load, unrated=unrated)


def soreness(*, query: ChartQuery, bins: Bins | None) -> SorenessSeries:
    """The worst check-in a period for each area and side: one query."""
    bins = _bins(bins)
    q = connection.ops.quote_name
    number = period_sql(connection.vendor, q("date"), bins.period, bins.week_start)
    rows = _fetch(
        _grouped_sql(
            Soreness, [number, q("area"), q("side"), f"MAX({q('severity')})"], 3, runs=False
        ),
        _span(query, runs=False),
    )
    cells = [
        SorenessCell(period_first_day(bins.period, number, bins.week_start), area, side, worst)
        for number, area, side, worst in rows
    ]
    keys = {(cell.area, cell.side) for cell in cells}
    order = sorted(
        keys,
        key=lambda k: (_AREA_ORDER.get(k[0], len(_AREA_ORDER)), _SIDE_ORDER.get(k[1], 9)),
    )
    return SorenessSeries(bins=bins, rows=tuple(order), cells=cells)


def shoe_wear(*, query: ChartQuery, bins: Bins | None = None) -> list[ShoeWear]:
    """Every pair, in use first, in one query (a pair retired after today is in use).
    In SQL: through the ORM, the join to the sessions took ten times as long to
    build as the database took to sum it."""
    since, today = query.window.start, query.window.end
    q = connection.ops.quote_name
    km, shoe = f"x.{q('distance_km')}", f"s.{q('id')}, s.{q('name')}, s.{q('retired')}"
    rows = _fetch(
        f"SELECT {shoe}, s.{q('limit_km')}, SUM({km}),"
        f" SUM({km}) FILTER (WHERE x.{q('date')} >= %s)"
        f" FROM {q(Shoe._meta.db_table)} s LEFT JOIN {q(Session._meta.db_table)} x"
        f" ON x.{q('shoe_id')} = s.{q('id')} WHERE s.{q('user_id')} = %s"
        f" GROUP BY {shoe}, s.{q('limit_km')} ORDER BY s.{q('retired')}, s.{q('name')}",
        [connection.ops.adapt_datefield_value(since), query.user_id],
    )
    wear = [
        ShoeWear(
            id=pk,
            name=name,
            retired=(_day(retired) or date.max) <= today,
            limit_km=Shoe.limit_or_default(limit),
            total_km=_float(total),
            range_km=_float(in_range),
        )
        for pk, name, retired, limit, total, in_range in rows
    ]
    return sorted(wear, key=lambda shoe: shoe.retired)  # stable: names stay in order


def run_groups(*, query: ChartQuery, bins: Bins | None = None) -> list[RunGroup]:
    """Runs counted by day, pair, surface and terrain in the pain table's window (two
    years at most): one query, at most a row a day with runs (the day as its ordinal
    and the pair as its id: no date to parse, no join; the pairs' names come from
    ``shoe_wear``, which the shoes chart reads anyway).

    Rows a day rather than a column: which runs pain followed is a join of days on a
    window of days. Done in SQL (an IN over the days with pain) it took longer than
    reading these rows does.
    """
    q = connection.ops.quote_name
    number = period_sql(connection.vendor, q("date"), Period.DAY)
    rows = _fetch(
        _grouped_sql(
            Session, [number, q("shoe_id"), q("surface"), q("terrain"), "COUNT(*)"], 4, runs=True
        ),
        _span(query, pain_window(query.window)[0], runs=True),
    )
    return [
        RunGroup(date.fromordinal(day), shoe, surface, terrain, runs)
        for day, shoe, surface, terrain, runs in rows
    ]


def pain_days(*, query: ChartQuery, bins: Bins | None = None) -> list[PainDay]:
    """Days with pain (PAIN_MIN or more, advice's line) by area in the pain table's
    window, from check-ins and sessions (a session's own report counts like a
    check-in, as it does for the rules): one query, a UNION of the two, a row a day
    with pain at most. In SQL: the ORM took seven times as long to build the UNION
    as the database took to run it."""
    q, day = connection.ops.quote_name, connection.ops.adapt_datefield_value
    start, end = pain_window(query.window)
    number = period_sql(connection.vendor, q("date"), Period.DAY)
    span = f"{q('user_id')} = %s AND {q('date')} >= %s AND {q('date')} <= %s"
    # UNION (not UNION ALL) leaves one row per day, area and severity.
    rows = _fetch(
        f"SELECT {number}, {q('area')}, {q('severity')} FROM {q(Soreness._meta.db_table)}"
        f" WHERE {span} AND {q('severity')} >= %s"
        f" UNION SELECT {number}, {q('pain_area')}, {q('pain')} FROM {q(Session._meta.db_table)}"
        f" WHERE {span} AND {q('pain')} >= %s AND {q('pain_area')} <> ''",
        [query.user_id, day(start), day(end), PAIN_MIN] * 2,
    )
    return [PainDay(date.fromordinal(n), area, worst) for n, area, worst in sorted(rows)]
