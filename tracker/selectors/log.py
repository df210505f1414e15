"""Reads for the log pages: sessions, soreness and shoes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Max, Min, Q, QuerySet, Sum, Value, Window
from django.db.models.functions import Coalesce, RowNumber

from advice.rules import PAIN_MIN
from advice.wording import area_label
from tracker.models import Activity, Session, Shoe, Side, Soreness

ZERO_KM = Value(Decimal(0), output_field=DecimalField(max_digits=12, decimal_places=3))


def shoes_with_usage(*, user_id: int) -> QuerySet[Shoe]:
    """The runner's shoes, each with ``used_km`` (sum of its sessions), session count
    and first/last session dates, in one query."""
    return (
        Shoe.objects.filter(user_id=user_id)
        .annotate(
            used_km=Coalesce(Sum("sessions__distance_km"), ZERO_KM),
            session_count=Count("sessions"),
            first_session=Min("sessions__date"),
            last_session=Max("sessions__date"),
        )
        .order_by("retired", "name")
    )


@dataclass(frozen=True)
class ShoeUsage:
    shoe: Shoe
    used_km: Decimal
    limit_km: int
    share: float  # used / limit, 1.0 = worn out
    age_days: int | None  # since first use (or first session)


def shoe_usage(shoe: Shoe, *, today: date) -> ShoeUsage:
    """Derived figures of an annotated shoe from ``shoes_with_usage``."""
    limit = shoe.effective_limit_km
    used = shoe.used_km or Decimal(0)  # type: ignore[attr-defined]  # shoes_with_usage's
    first = shoe.first_used or shoe.first_session  # type: ignore[attr-defined]  # likewise
    return ShoeUsage(
        shoe=shoe,
        used_km=used,
        limit_km=limit,
        share=float(used) / limit,
        age_days=(today - first).days if first else None,
    )


# The text fields a search of the session list looks in. A field added to sessions
# (a title) joins the search by joining this tuple.
SEARCHED_FIELDS: tuple[str, ...] = ("title", "notes")


def matching(rows: QuerySet[Session], text: str) -> QuerySet[Session]:
    """The sessions whose searched fields hold every word of ``text`` (in any field,
    whatever the case)."""
    for word in text.split():
        anywhere = Q()
        for name in SEARCHED_FIELDS:
            anywhere |= Q(**{f"{name}__icontains": word})
        rows = rows.filter(anywhere)
    return rows


def sessions_for(
    *,
    user_id: int,
    start: date | None = None,
    end: date | None = None,
    activity: str | None = None,
    shoe_id: int | None = None,
    search: str | None = None,
) -> QuerySet[Session]:
    """The runner's sessions under the session list's filters, newest first."""
    rows = Session.objects.filter(user_id=user_id).select_related("shoe")
    if start:
        rows = rows.filter(date__gte=start)
    if end:
        rows = rows.filter(date__lte=end)
    if activity:
        rows = rows.filter(activity=activity)
    if shoe_id:
        rows = rows.filter(shoe_id=shoe_id)
    if search:
        rows = matching(rows, search)
    return rows.order_by("-date", "-id")


@dataclass(frozen=True)
class SessionDefaults:
    shoe_id: int | None
    surface: str


def session_defaults(*, user_id: int) -> SessionDefaults:
    """What the add form preselects: the shoe and surface of the latest session."""
    last = (
        Session.objects.filter(user_id=user_id, shoe__retired__isnull=True)
        .order_by("-date", "-id")
        .values("shoe_id", "surface")
        .first()
    )
    last_surface = (
        Session.objects.filter(user_id=user_id)
        .exclude(surface="")
        .order_by("-date", "-id")
        .values_list("surface", flat=True)
        .first()
    )
    return SessionDefaults(shoe_id=last["shoe_id"] if last else None, surface=last_surface or "")


@dataclass(frozen=True)
class OpenArea:
    """An area and side whose latest report is pain (PAIN_MIN/10 or more).

    ``side`` is "both" when the left and the right are open from the same report of
    both sides; sides reported apart are open apart. ``day`` and ``severity`` are
    those of that latest report.
    """

    area: str
    side: str
    severity: int
    day: date

    @property
    def label(self) -> str:
        """ "calf left", "calf both sides" (as the warnings name them: a Text, shown in
        the page's language)."""
        return area_label(self.area, self.side)


def open_sore_areas(*, user_id: int, today: date) -> list[OpenArea]:
    """Every area still sore, whenever it was last reported: a side is open while its
    latest report (a report of both sides counts for either) is PAIN_MIN or more,
    the same line at which the warnings count a pain as resolved (CONTRACT.md).

    One query: the latest report of each area and side (at most 33 rows), ranked by
    the database, whatever the length of the log.
    """
    latest = (
        Soreness.objects.filter(user_id=user_id, date__lte=today)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("area"), F("side")],
                order_by=[F("date").desc(), F("id").desc()],
            )
        )
        .filter(rank=1)
        .values_list("area", "side", "date", "id", "severity")
    )
    reports: dict[tuple[str, str], tuple[date, int, int]] = {
        (area, side): (day, pk, severity) for area, side, day, pk, severity in latest
    }
    result = []
    for area in sorted({area for area, _ in reports}):
        both = reports.get((area, Side.BOTH.value))
        # Per side, the later of its own latest report and the latest "both" report.
        per_side = {
            side: max(filter(None, (reports.get((area, side)), both)), default=None)
            for side in (Side.LEFT.value, Side.RIGHT.value)
        }
        open_sides = {
            side: report
            for side, report in per_side.items()
            if report is not None and report[2] >= PAIN_MIN
        }
        if both is not None and len(open_sides) == 2 and set(open_sides.values()) == {both}:
            result.append(OpenArea(area=area, side=Side.BOTH.value, severity=both[2], day=both[0]))
            continue
        result += [
            OpenArea(area=area, side=side, severity=severity, day=day)
            for side, (day, _, severity) in open_sides.items()
        ]
    return result


def soreness_for(*, user_id: int) -> QuerySet[Soreness]:
    return Soreness.objects.filter(user_id=user_id).order_by("-date", "area", "side", "-id")


def running_totals(*, user_id: int, start: date, end: date) -> dict[str, Decimal | int]:
    """Running km and session count between two dates, for headers and the dashboard."""
    totals = Session.objects.filter(user_id=user_id, date__gte=start, date__lte=end).aggregate(
        run_km=Coalesce(Sum("distance_km", filter=Q(activity=Activity.RUN)), ZERO_KM),
        sessions=Count("id"),
    )
    return totals
