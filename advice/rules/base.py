"""What every rule shares: its catalogue entry, the registry's ``Rule``, the
windows, and the ``Context`` that ``evaluate`` builds once for all the rules.

Conventions shared by the rules
-------------------------------
- "Pain" is a report of severity ``PAIN_MIN`` (2) or more, 0-10. Reports come
  from soreness check-ins and from a session's ``pain``/``pain_area``/
  ``pain_side``. A session pain without an area counts for acute-pain and
  recurring-pain only; the rules about one area (and side) ignore it. A missing
  side is its own side ("knee").
- Side ``both`` counts for the left and for the right.
- Several sessions on one day are one running day: single-run flags are per day.
- Pattern rules (a streak, a habit, a worn pair) raise one flag per episode:
  points that keep the pattern going, no more than ``EPISODE_GAP_DAYS`` apart.
  A flag shows at most the last ``EPISODE_MAX_DAYS`` of an episode, so that it
  depends only on the last ``LOOKBACK_DAYS`` of data.
- A pain flag is resolved on the first day after its end on which each of its
  areas (and sides) is reported below ``PAIN_MIN`` without swelling; a shoe flag
  on the day its pair is retired (``Context.cleared``, ``retired_on``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import NamedTuple, TypeVar, cast

from ..i18n import Text
from ..load import DailySeries, metres
from ..types import (
    Flag,
    Grade,
    History,
    OstrcRecord,
    SessionRecord,
    Severity,
    ShoeRecord,
    SorenessRecord,
    Source,
    WellnessRecord,
)
from ..wording import area_label, as_date, distance

INFO, WARNING, URGENT = Severity.INFO, Severity.WARNING, Severity.URGENT

# --- windows ----------------------------------------------------------------

# A flag may use at most this many days of data before its end (each rule states
# its own reach, ``Rule.reach_days``, and a test holds them under this), and the
# chronic EWMA (lambda 2/29) keeps (27/29)**180 = 2.6e-6 of what it held 180 days
# earlier: a history loaded from 180 days before a range gives the same flags in it.
LOOKBACK_DAYS = 180
# Longest stretch of an episode a flag covers; older points are left out.
EPISODE_MAX_DAYS = 90
# Points of a pattern further apart than the active window are two episodes.
EPISODE_GAP_DAYS = 14
ACTIVE_DAYS = 14  # CONTRACT.md: active flags end in the 14 days up to the day
PAIN_MIN = 2  # the app's line between "not really" (0-1) and pain

# --- the catalogue entry and the registry's rule ----------------------------


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule as the rules page lists it.

    ``when`` says when it fires, with the numbers; where a number is a distance,
    ``when`` is a function of the runner's units ("km" or "mi") so that the page
    can give the threshold in the units the runner reads (``wording.limit``).
    """

    rule: str  # stable kebab-case id, the Flag.rule of its flags
    title: str
    severities: tuple[Severity, ...]
    when: str | Callable[[str], str]
    sources: tuple[Source, ...]
    evidence: str
    grade: Grade

    def threshold(self, units: str = "km") -> str:
        """When the rule fires, distances in ``units``."""
        return self.when if isinstance(self.when, str) else self.when(units)


Check = Callable[["Context"], Iterable[Flag]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as the registry holds it: its catalogue entry and its check.

    ``reach_days``: how many days before a flag's end the data it reads may lie
    (a window, plus ``EPISODE_MAX_DAYS`` for rules that group episodes). The
    windowed evaluations (the page banner, a chart's range) rely on it.
    """

    info: RuleInfo
    check: Check
    reach_days: int

    @property
    def id(self) -> str:
        return self.info.rule

    @property
    def urgent(self) -> bool:
        return URGENT in self.info.severities

    def __call__(self, ctx: Context) -> Iterable[Flag]:
        return self.check(ctx)


def rule(info: RuleInfo, *, reach_days: int) -> Callable[[Check], Rule]:
    """Make a check function a registered rule: the family module's rules are
    collected from its namespace, in the order they are defined."""

    def register(check: Check) -> Rule:
        return Rule(info, check, reach_days)

    return register


# --- the shared context -----------------------------------------------------


class PainReport(NamedTuple):
    """A check-in, or a session's own pain fields, as one report.

    A tuple rather than a dataclass: a ten-year log has ~7,000 of them and
    ``build_context`` builds each with the C-level ``tuple.__new__``.
    """

    day: int  # date ordinal
    severity: int
    area: str | None
    side: str | None
    kind: str | None = None
    swelling: bool | None = None
    at_night: bool | None = None
    session_id: int | None = None

    @property
    def label(self) -> str:
        return area_label(self.area, self.side)


_report = tuple.__new__
_SIDES_OF = {"both": ("left", "right"), None: ("left", "right")}


def sides(side: str | None) -> tuple[str | None, ...]:
    """The sides a report of ``side`` speaks for when opening a pain: both = left
    and right; a missing side is its own."""
    return ("left", "right") if side == "both" else (side,)


class ShoeSessions(NamedTuple):
    """The sessions in one pair and, in step with them, their days and metres."""

    sessions: list[SessionRecord]
    days: list[int]
    metres: list[int]
    is_run: list[bool]


_NO_SESSIONS = ShoeSessions([], [], [], [])
_Clear = tuple[int, str, str | None]  # a report below PAIN_MIN: (day, area, side)
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_AREA = attrgetter("area")
_DATE = attrgetter("date")
_DISTANCE = attrgetter("distance_km")
_SHOE = attrgetter("shoe_id")


@dataclass(slots=True)
class Context:
    """What every rule needs, computed once per ``evaluate``."""

    today: date
    today_ord: int
    units: str
    week_start: int
    sessions: list[SessionRecord]  # dated up to today, oldest first
    runs: list[SessionRecord]  # the sessions with activity "run"
    run_ords: list[int]  # runs[i].date as an ordinal
    run_metres: list[int]  # runs[i].distance_km in metres
    run_days: list[int]  # distinct ordinals with a run, ascending
    run_m: DailySeries  # running metres a day
    soreness: list[SorenessRecord]  # the check-ins up to today, oldest first
    with_pain: list[SessionRecord]  # the sessions with their own pain field filled in
    pains: list[PainReport]  # the reports of pain (severity >= PAIN_MIN), by day
    shoes: tuple[ShoeRecord, ...]
    first_session_ord: int | None
    beginner_until: int | None  # first ordinal after the first 8 weeks of running
    last_run_before_ord: int | None
    wellness: list[WellnessRecord]  # the daily wellness checks up to today, oldest first
    ostrc: list[OstrcRecord]  # the weekly OSTRC-O2 answers up to today, oldest first
    _by_shoe: dict[int, ShoeSessions] | None = None
    _clear: dict[str, list[_Clear]] | None = field(default=None)
    _clear_days: dict[str, list[int]] | None = field(default=None)
    _hurting: set[tuple[int, str | None, str | None]] | None = field(default=None)

    def fmt(self, m: float) -> str:
        return distance(m, self.units)

    def runs_between(self, first: int, last: int) -> list[SessionRecord]:
        """The runs dated ``first`` to ``last`` (ordinals, inclusive).

        Bisect on the sorted ordinals rather than a dict of per-day lists: only
        flagged days are looked up, and 3,000 small lists cost more to build.
        """
        ords = self.run_ords
        return self.runs[bisect_left(ords, first) : bisect_right(ords, last)]

    def runs_on(self, day: int) -> list[SessionRecord]:
        return self.runs_between(day, day)

    def run_distance(self, day: int) -> int:
        return sum(metres(r.distance_km) for r in self.runs_on(day))

    # -- resolution ----------------------------------------------------------

    def cleared(self, areas: Iterable[tuple[str | None, str | None]], after: int) -> date | None:
        """The first day after ``after`` by which every (area, side) was reported
        below PAIN_MIN without swelling, or None.

        A ``both`` or side-less area needs the left and the right (a ``both``
        report clears both). A day that also has pain in that area and side does
        not clear it (the careful reading, as pain-persisting has it). An area
        that is not recorded can never be cleared.
        """
        last = 0
        for area, side in areas:
            if area is None:
                return None
            for one_side in _SIDES_OF.get(side, (side,)):
                day = self.first_clear(area, one_side, after)
                if day is None:
                    return None
                last = max(last, day)
        return as_date(last) if last else None

    def first_clear(self, area: str, side: str | None, after: int) -> int | None:
        """The first day after ``after`` with ``area`` and ``side`` reported below
        PAIN_MIN without swelling and without pain there the same day, or None."""
        if self._clear is None:
            self._index_clear()
        assert self._clear is not None and self._clear_days is not None
        assert self._hurting is not None
        reports = self._clear.get(area)
        if not reports:
            return None
        hurting = self._hurting
        for i in range(bisect_right(self._clear_days[area], after), len(reports)):
            day, _area, reported = reports[i]
            if (reported == side or reported == "both" or reported is None) and not (
                (day, area, side) in hurting or (day, area, "both") in hurting
            ):
                return day
        return None

    def _index_clear(self) -> None:
        """The reports below PAIN_MIN without swelling, as (day, area, side), by area
        and then day: check-ins and sessions' own pain fields."""
        clear: list[_Clear] = [
            (r.date.toordinal(), r.area, r.side)
            for r in self.soreness
            if r.severity < PAIN_MIN and not r.swelling
        ]
        clear.sort(key=_SECOND)  # stable: each area's reports stay in day order
        by_area: dict[str, list[_Clear]] = {
            area: list(rows) for area, rows in groupby(clear, key=_SECOND)
        }
        resort: set[str] = set()
        for s in self.with_pain:
            if s.pain is not None and s.pain < PAIN_MIN and s.pain_area:
                by_area.setdefault(s.pain_area, []).append(
                    (s.date.toordinal(), s.pain_area, s.pain_side)
                )
                resort.add(s.pain_area)
        for area in resort:
            by_area[area].sort(key=_FIRST)
        self._clear = by_area
        self._clear_days = {area: [row[0] for row in rows] for area, rows in by_area.items()}
        self._hurting = {(p.day, p.area, p.side) for p in self.pains}

    # -- shoes -----------------------------------------------------------------

    def in_shoe(self, shoe_id: int) -> ShoeSessions:
        """The sessions in one pair, oldest first, with their days and metres
        (indexed on first use: only the shoe rules ask)."""
        if self._by_shoe is None:
            # A stable sort by pair keeps each pair's sessions in day order.
            worn = sorted([s for s in self.sessions if s.shoe_id is not None], key=_SHOE)
            groups = {shoe: list(rows) for shoe, rows in groupby(worn, key=_SHOE)}
            self._by_shoe = {
                shoe: ShoeSessions(
                    rows,
                    list(map(date.toordinal, map(_DATE, rows))),
                    [round(km * 1000) if km else 0 for km in map(_DISTANCE, rows)],
                    [s.activity == "run" for s in rows],
                )
                for shoe, rows in groups.items()
            }
        return self._by_shoe.get(shoe_id) or _NO_SESSIONS


def retired_on(shoe: ShoeRecord, today: date, end: int) -> date | None:
    """When a shoe flag ending on ``end`` is resolved: the pair's retirement, if it
    happened by ``today`` (never before the flag's own end)."""
    if shoe.retired is None or shoe.retired > today:
        return None
    return max(shoe.retired, as_date(end))


def build_context(history: History, today: date) -> Context:
    """Precompute the series and indexes the rules share (data after ``today`` dropped).

    The history's rows are sorted by date (``History`` says so); data after
    ``today`` is cut with a bisect rather than a filter a row.
    """
    by_date = attrgetter("date")
    sessions = _up_to(history.sessions, today, by_date)
    soreness = _up_to(history.soreness, today, by_date)
    runs = [s for s in sessions if s.activity == "run"]
    run_ords = [r.date.toordinal() for r in runs]
    run_metres = [round(r.distance_km * 1000) if r.distance_km else 0 for r in runs]
    run_days = list(dict.fromkeys(run_ords))  # runs are sorted, so these are too

    today_ord = today.toordinal()
    starts = [s[0].date.toordinal() for s in (sessions, soreness) if s]
    origin = min(starts) if starts else today_ord
    run_m = DailySeries(origin, today_ord, zip(run_ords, run_metres, strict=True))

    # Only the reports of pain become PainReports (the "no pain" ones are indexed
    # on first use, see ``Context.first_clear``): in a daily log most are 0 or 1.
    pains = [
        _report(
            PainReport,
            (
                r.date.toordinal(),
                r.severity,
                r.area,
                r.side,
                r.kind,
                r.swelling,
                r.at_night,
                None,
            ),
        )
        for r in soreness
        if r.severity >= PAIN_MIN
    ]
    with_pain = [s for s in sessions if s.pain is not None]
    pains.extend(
        _report(
            PainReport,
            (s.date.toordinal(), s.pain, s.pain_area, s.pain_side, None, None, None, s.id),
        )
        for s in with_pain
        if (s.pain or 0) >= PAIN_MIN
    )
    # By day (check-ins first within a day): both parts are in day order already,
    # so this is one merge. No rule depends on the order within a day (a day with
    # pain and a "0" in one area counts as pain: ``first_clear`` looks at the day).
    pains.sort(key=_FIRST)

    first_session = history.first_session or (sessions[0].date if sessions else None)
    first_session_ord = first_session.toordinal() if first_session else None
    started = history.started_running or first_session
    beginner_until = started.toordinal() + 7 * BEGINNER_WEEKS if started else None
    last_before = history.last_run_before
    return Context(
        today=today,
        today_ord=today_ord,
        units=history.units,
        week_start=history.week_start,
        sessions=sessions,
        runs=runs,
        run_ords=run_ords,
        run_metres=run_metres,
        run_days=run_days,
        run_m=run_m,
        soreness=soreness,
        with_pain=with_pain,
        pains=pains,
        shoes=history.shoes,
        first_session_ord=first_session_ord,
        beginner_until=beginner_until,
        last_run_before_ord=(
            last_before.toordinal() if last_before and last_before <= today else None
        ),
        wellness=_up_to(history.wellness, today, by_date),
        ostrc=_up_to(history.ostrc, today, attrgetter("week")),
    )


# The first weeks of running, when four days in a row is already a lot (no-rest-day);
# here because the context computes the date once for every rule.
BEGINNER_WEEKS = 8
_Row = TypeVar("_Row", SessionRecord, SorenessRecord, WellnessRecord, OstrcRecord)


def _up_to(rows: Sequence[_Row], today: date, key: Callable[[_Row], date]) -> list[_Row]:
    """``rows`` (sorted by ``key``) dated up to ``today``; sorted first if they were not."""
    dates = list(map(key, rows))
    if dates != sorted(dates):  # a sorted list sorts in one C pass: cheaper than a check
        rows = sorted(rows, key=key)
        dates = list(map(key, rows))
    return list(rows[: bisect_right(dates, today)])


# --- building flags ---------------------------------------------------------


def ids(sessions: Iterable[SessionRecord]) -> tuple[int, ...]:
    """The ids of distinct sessions, as ``make_flag`` takes them without a check."""
    return tuple([s.id for s in sessions if s.id is not None])


def make_flag(
    info: RuleInfo,
    severity: Severity,
    start: int,
    end: int,
    subject: str,
    detail: str,
    advice: str,
    source: Source,
    session_ids: Iterable[int | None] = (),  # a tuple only from ids()
    title: str | None = None,
    resolved: date | None = None,
) -> Flag:
    # ids() gives a tuple of distinct ids; anything else may repeat or hold None.
    clean = (
        cast("tuple[int, ...]", session_ids)
        if type(session_ids) is tuple
        else tuple(dict.fromkeys([i for i in session_ids if i is not None]))
    )
    # Positional, in Flag's field order: keyword calls cost more, ~1,000 flags a log.
    return Flag(
        info.rule,
        severity,
        as_date(start),
        as_date(end),
        subject,
        title or info.title,
        # details may open with "calf left"; a Text is capitalised in every language
        detail.capitalised() if isinstance(detail, Text) else detail[:1].upper() + detail[1:],
        advice,
        source,
        info.evidence,
        info.grade,
        clean,
        resolved,
    )


def runs_by_day(ctx: Context, kept: list[int]) -> Iterator[tuple[int, list[SessionRecord]]]:
    """(day, that day's runs) for the runs at indexes ``kept``, grouped by day.

    The callers filter all runs in one comprehension and only group what passed:
    cheaper than visiting every running day when a rule cares about a few runs.
    """
    ords, runs = ctx.run_ords, ctx.runs
    for day, group in groupby(kept, key=ords.__getitem__):
        yield day, [runs[i] for i in group]
