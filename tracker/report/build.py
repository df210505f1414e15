"""The clinician's report, built from a profile and a scope: the one service both the
page and the PDF (and a share link, which has a profile but no logged-in runner)
read.

Everything is summed in the database: the pain reports of the scope, then a fixed
handful of aggregate queries (weeks, the two parts before and since the pain began,
surfaces, shoes, flags), however long the log or the range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, Sum
from django.utils.translation import gettext

from advice.instruments import OSTRC_FIELDS, OstrcScore, ostrc_score
from advice.rules import PAIN_MIN
from advice.rules.pain import PAIN_REPORT_GAP_DAYS
from advice.types import Flag
from tracker import flagging, flagstore
from tracker.charts.periods import Period, period_first_day, period_index
from tracker.models import (
    Activity,
    Area,
    OstrcResponse,
    PainKind,
    Profile,
    Session,
    Shoe,
    Side,
    Soreness,
    Surface,
)
from tracker.report.scope import MAX_DAYS, PAIN_RULES, Scope, areas_of
from tracker.selectors.log import SEARCHED_FIELDS
from tracker.selectors.periods import PeriodNumber

# "The training in the 4 weeks before the pain began" (issue 16).
DAYS_BEFORE = 28
RUN = Q(activity=Activity.RUN)


class _Labels(dict[str, Any]):
    """A choices' labels, each in the language active when it is read (they are lazy)."""

    def __getitem__(self, key: str) -> str:
        return str(super().__getitem__(key))

    def get(self, key: str, default: Any = None) -> Any:
        return str(super().__getitem__(key)) if key in self else default


_AREAS = _Labels(Area.choices)
_SIDES = _Labels(Side.choices)
_KINDS = _Labels(PainKind.choices)
_SURFACES = _Labels(Surface.choices)
_ACTIVITIES = _Labels(Activity.choices)


@dataclass(frozen=True)
class PainEntry:
    """One report of pain: a check-in, or a session's own pain fields."""

    day: date
    area: str  # the stored value ("" when a session gave no area)
    side: str
    severity: int
    kind: str = ""
    swelling: bool | None = None
    at_night: bool | None = None
    notes: str = ""
    session: str = ""  # the session's activity ("Run") for its pain; "" for a check-in
    session_km: float | None = None
    session_id: int | None = None

    @property
    def where(self) -> str:
        area = _AREAS.get(self.area, "Area not given")
        return f"{area}, {_SIDES[self.side].lower()}" if self.side else area

    @property
    def kind_label(self) -> str:
        return str(_KINDS.get(self.kind, ""))


@dataclass(frozen=True)
class Week:
    """A week of the runner's (their first day of the week), cut to the window."""

    first: date
    days: int  # days of this week inside the window (7 but at its ends)
    runs: int
    run_km: float
    minutes: float
    longest_km: float | None
    rest_days: int  # days with no session of any kind


@dataclass(frozen=True)
class Part:
    """The training of the four weeks before the pain began, or of the days since."""

    first: date
    last: date
    runs: int
    run_km: float
    minutes: float
    longest_km: float | None
    rest_days: int
    first_run: date | None  # the first run of the part (since: after the pain began)

    @property
    def days(self) -> int:
        return max(0, (self.last - self.first).days + 1)

    @property
    def km_per_week(self) -> float:
        return self.run_km * 7 / self.days if self.days else 0.0


@dataclass(frozen=True)
class SurfaceLine:
    surface: str  # label; "Not recorded" for runs without one
    before_km: float
    since_km: float


@dataclass(frozen=True)
class ShoeLine:
    name: str
    kind: str
    before_km: float
    since_km: float
    total_km: float  # every session in the pair up to the report's last day
    limit_km: int
    first_used: date | None
    retired: date | None


@dataclass(frozen=True)
class OstrcLine:
    """One area's weekly OSTRC-O2 answers, scored (advice.instruments)."""

    week: date  # the day asked: the runner's first day of the week, about the 7 days to it
    area: str
    answers: tuple[int, int, int, int]  # the options chosen

    @property
    def area_label(self) -> str:
        return str(_AREAS.get(self.area, self.area))

    @property
    def score(self) -> OstrcScore:
        return ostrc_score(*self.answers)


@dataclass(frozen=True)
class Report:
    runner: str
    units: str
    scope: Scope
    start: date  # the first day of the pain timeline
    end: date
    pain_began: date | None  # the first report at PAIN_MIN or more, if any
    training_from: date  # DAYS_BEFORE days before the pain began (or the start)
    today: date
    pain: list[PainEntry]
    weeks: list[Week]
    before: Part
    since: Part
    surfaces: list[SurfaceLine]
    shoes: list[ShoeLine]
    flags: list[Flag]
    ostrc: list[OstrcLine] = field(default_factory=list)

    @property
    def split(self) -> date:
        """The day "since" begins: the pain's first day, or the timeline's."""
        return self.pain_began or self.start

    @property
    def worst(self) -> int | None:
        return max((entry.severity for entry in self.pain), default=None)


def _km(value: Decimal | float | None) -> float:
    return float(value or 0)


def build_report(*, profile: Profile, scope: Scope, today: date) -> Report:
    user_id = profile.user_id
    end = min(scope.end, today)
    start = scope.start or latest_episode_start(user_id, scope.areas, end)
    start = max(start or end - timedelta(days=DAYS_BEFORE - 1), end - timedelta(days=MAX_DAYS - 1))
    pain = pain_entries(user_id, scope, start, end)
    began = next((p.day for p in pain if p.severity >= PAIN_MIN), None)
    split = began or start
    training_from = split - timedelta(days=DAYS_BEFORE)
    before, since = parts(user_id, training_from, split, end)
    return Report(
        runner=profile.user.get_username(),
        units=profile.units,
        scope=scope,
        start=start,
        end=end,
        pain_began=began,
        training_from=training_from,
        today=today,
        pain=pain,
        weeks=weeks(user_id, training_from, end, week_start=profile.first_weekday()),
        before=before,
        since=since,
        surfaces=surfaces(user_id, training_from, split, end),
        shoes=shoes(user_id, training_from, split, end),
        flags=flags(profile, scope, training_from, end, today),
        ostrc=ostrc_lines(user_id, scope, training_from, end),
    )


def ostrc_lines(user_id: int, scope: Scope, start: date, end: date) -> list[OstrcLine]:
    """The weekly questionnaire's answers for the scope's areas from ``start`` (the
    training's first day) to ``end``, oldest first. One query."""
    rows = OstrcResponse.objects.filter(user_id=user_id, week__range=(start, end))
    if scope.areas:
        rows = rows.filter(area__in=scope.areas)
    return [
        OstrcLine(week, area, (a, b, c, d))
        for week, area, a, b, c, d in rows.order_by("week", "area").values_list(
            "week", "area", *OSTRC_FIELDS
        )
    ]


def latest_episode_start(user_id: int, areas: tuple[str, ...], end: date) -> date | None:
    """Where the latest run of pain reports (PAIN_MIN or more, from check-ins or
    sessions) in ``areas`` began: reports at most PAIN_REPORT_GAP_DAYS apart, as
    advice's pain rules join them; a year back at most. One query."""
    floor = end - timedelta(days=MAX_DAYS - 1)
    checkins = Soreness.objects.filter(
        user_id=user_id, date__range=(floor, end), severity__gte=PAIN_MIN
    )
    runs = Session.objects.filter(user_id=user_id, date__range=(floor, end), pain__gte=PAIN_MIN)
    if areas:
        checkins = checkins.filter(area__in=areas)
        runs = runs.filter(pain_area__in=areas)
    days = sorted(
        set(
            checkins.order_by()
            .values_list("date", flat=True)
            .union(runs.order_by().values_list("date", flat=True))
        ),
        reverse=True,
    )
    if not days:
        return None
    first = days[0]
    for day in days[1:]:
        if (first - day).days > PAIN_REPORT_GAP_DAYS:
            break
        first = day
    return first


def pain_entries(user_id: int, scope: Scope, start: date, end: date) -> list[PainEntry]:
    """Every check-in of the areas (the 0s too: they say when it stopped) and every
    session that gave pain for them, oldest first. Two queries."""
    checkins = Soreness.objects.filter(user_id=user_id, date__range=(start, end))
    runs = Session.objects.filter(user_id=user_id, date__range=(start, end), pain__isnull=False)
    if scope.areas:
        checkins = checkins.filter(area__in=scope.areas)
        runs = runs.filter(pain_area__in=scope.areas)
    else:
        runs = runs.filter(Q(pain__gt=0) | ~Q(pain_area=""))
    entries = [
        PainEntry(
            day=row["date"],
            area=row["area"],
            side=row["side"],
            severity=row["severity"],
            kind=row["kind"],
            swelling=row["swelling"],
            at_night=row["at_night"],
            notes=row["notes"] if scope.notes else "",
        )
        for row in checkins.order_by("date", "area", "side", "id").values(
            "date", "area", "side", "severity", "kind", "swelling", "at_night", "notes"
        )
    ]
    # The session's own words (its notes; a title too once sessions have one): the
    # same fields the session list searches, one list for both.
    for row in runs.order_by("date", "id").values(
        "id", "date", "activity", "distance_km", "pain", "pain_area", "pain_side", *SEARCHED_FIELDS
    ):
        words = " · ".join(str(row[name]) for name in SEARCHED_FIELDS if row[name])
        entries.append(
            PainEntry(
                day=row["date"],
                area=row["pain_area"],
                side=row["pain_side"],
                severity=row["pain"],
                notes=words if scope.notes else "",
                session=_ACTIVITIES[row["activity"]],
                session_km=_km(row["distance_km"]) if row["distance_km"] is not None else None,
                session_id=row["id"],
            )
        )
    entries.sort(key=lambda e: (e.day, e.session_id is not None, e.area, e.side))
    return entries


def weeks(user_id: int, first: date, last: date, *, week_start: int) -> list[Week]:
    """The window's weeks, each summed in the database (one query); a week without
    a session is there too, with its rest days."""
    rows = (
        Session.objects.filter(user_id=user_id, date__range=(first, last))
        .annotate(week=PeriodNumber("date", Period.WEEK, week_start=week_start))
        .order_by()
        .values("week")
        .annotate(
            runs=Count("id", filter=RUN),
            run_km=Sum("distance_km", filter=RUN),
            minutes=Sum("duration_min"),
            longest=Max("distance_km", filter=RUN),
            active=Count("date", distinct=True),
        )
    )
    by_week: dict[int, dict[str, Any]] = {row["week"]: dict(row) for row in rows}
    out = []
    for index in range(
        period_index(Period.WEEK, first, week_start),
        period_index(Period.WEEK, last, week_start) + 1,
    ):
        monday = period_first_day(Period.WEEK, index, week_start)
        days = (min(last, monday + timedelta(days=6)) - max(first, monday)).days + 1
        row: dict[str, Any] = by_week.get(index, {})
        out.append(
            Week(
                first=monday,
                days=days,
                runs=row.get("runs", 0),
                run_km=_km(row.get("run_km")),
                minutes=_km(row.get("minutes")),
                longest_km=_km(row["longest"]) if row.get("longest") is not None else None,
                rest_days=days - row.get("active", 0),
            )
        )
    return out


def parts(user_id: int, first: date, split: date, last: date) -> tuple[Part, Part]:
    """The four weeks before ``split`` and the days from it to ``last``: one query."""
    halves = {"b": Q(date__lt=split), "s": Q(date__gte=split)}
    sums: dict[str, Any] = {}
    for key, when in halves.items():
        sums |= {
            f"{key}_runs": Count("id", filter=RUN & when),
            f"{key}_km": Sum("distance_km", filter=RUN & when),
            f"{key}_min": Sum("duration_min", filter=when),
            f"{key}_long": Max("distance_km", filter=RUN & when),
            f"{key}_active": Count("date", distinct=True, filter=when),
            f"{key}_first": Min("date", filter=RUN & when),
        }
    # The first run after the day the pain began (a run that day was before it hurt,
    # or while it did: the timeline says which).
    sums["after"] = Min("date", filter=RUN & Q(date__gt=split))
    row = Session.objects.filter(user_id=user_id, date__range=(first, last)).aggregate(**sums)

    def part(key: str, a: date, b: date, first_run: date | None) -> Part:
        days = max(0, (b - a).days + 1)
        return Part(
            first=a,
            last=b,
            runs=row[f"{key}_runs"],
            run_km=_km(row[f"{key}_km"]),
            minutes=_km(row[f"{key}_min"]),
            longest_km=_km(row[f"{key}_long"]) if row[f"{key}_long"] is not None else None,
            rest_days=days - row[f"{key}_active"],
            first_run=first_run,
        )

    return (
        part("b", first, split - timedelta(days=1), row["b_first"]),
        part("s", split, last, row["after"]),
    )


def surfaces(user_id: int, first: date, split: date, last: date) -> list[SurfaceLine]:
    """Running distance on each surface before and since ``split``: one query."""
    rows = (
        Session.objects.filter(user_id=user_id, date__range=(first, last), activity=Activity.RUN)
        .order_by()
        .values("surface")
        .annotate(
            before=Sum("distance_km", filter=Q(date__lt=split)),
            since=Sum("distance_km", filter=Q(date__gte=split)),
        )
    )
    order = {surface: i for i, surface in enumerate(["", *Surface.values])}
    lines = [
        SurfaceLine(
            surface=_SURFACES.get(row["surface"], gettext("Not recorded")),
            before_km=_km(row["before"]),
            since_km=_km(row["since"]),
        )
        for row in sorted(rows, key=lambda r: order.get(r["surface"], 0))
    ]
    return [line for line in lines if line.before_km or line.since_km]


def shoes(user_id: int, first: date, split: date, last: date) -> list[ShoeLine]:
    """The pairs run in during the window, or started or retired in it, with their
    distance before, since and in all: one query."""
    in_window = Q(sessions__date__range=(first, last))
    rows = (
        Shoe.objects.filter(user_id=user_id)
        .annotate(
            before=Sum("sessions__distance_km", filter=in_window & Q(sessions__date__lt=split)),
            since=Sum("sessions__distance_km", filter=in_window & Q(sessions__date__gte=split)),
            total=Sum("sessions__distance_km", filter=Q(sessions__date__lte=last)),
        )
        .filter(
            Q(before__gt=0)
            | Q(since__gt=0)
            | Q(retired__range=(first, last))
            | Q(first_used__range=(first, last))
        )
        .order_by("retired", "name")
    )
    return [
        ShoeLine(
            name=shoe.name,
            kind=str(shoe.get_kind_display()),
            before_km=_km(shoe.before),
            since_km=_km(shoe.since),
            total_km=_km(shoe.total),
            limit_km=shoe.effective_limit_km,
            first_used=shoe.first_used,
            retired=shoe.retired,
        )
        for shoe in rows
    ]


def flags(profile: Profile, scope: Scope, first: date, last: date, today: date) -> list[Flag]:
    """What Stridewise flagged in the window: every training flag, and the pain
    flags of the report's areas (all of them when it covers every area)."""
    flagging.stored(profile=profile, today=today)
    found = flagstore.overlapping(profile.user_id, first, last)
    if scope.areas:
        found = [
            flag
            for flag in found
            if flag.rule not in PAIN_RULES or set(areas_of(flag)) & set(scope.areas)
        ]
    return sorted(found, key=lambda flag: (flag.start, flag.end, flag.rule))
