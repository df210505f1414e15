"""Reads for the log pages: sessions, soreness and shoes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, Max, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from tracker.models import Activity, Session, Shoe, Soreness

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
    limit = shoe.limit_km or settings.SHOE_DEFAULT_LIMIT_KM
    used = shoe.used_km or Decimal(0)  # type: ignore[attr-defined]
    first = shoe.first_used or shoe.first_session  # type: ignore[attr-defined]
    return ShoeUsage(
        shoe=shoe,
        used_km=used,
        limit_km=limit,
        share=float(used) / limit,
        age_days=(today - first).days if first else None,
    )


def sessions_for(
    *,
    user_id: int,
    start: date | None = None,
    end: date | None = None,
    activity: str | None = None,
    shoe_id: int | None = None,
) -> QuerySet[Session]:
    rows = Session.objects.filter(user_id=user_id).select_related("shoe")
    if start:
        rows = rows.filter(date__gte=start)
    if end:
        rows = rows.filter(date__lte=end)
    if activity:
        rows = rows.filter(activity=activity)
    if shoe_id:
        rows = rows.filter(shoe_id=shoe_id)
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


def last_sore_areas(*, user_id: int) -> tuple[date | None, list[tuple[str, str]]]:
    """The latest check-in day and the (area, side) pairs still sore on it."""
    last_day = Soreness.objects.filter(user_id=user_id).aggregate(day=Max("date"))["day"]
    if last_day is None:
        return None, []
    pairs = (
        Soreness.objects.filter(user_id=user_id, date=last_day, severity__gt=0)
        .values_list("area", "side")
        .distinct()
        .order_by("area", "side")
    )
    return last_day, list(pairs)


def soreness_for(*, user_id: int) -> QuerySet[Soreness]:
    return Soreness.objects.filter(user_id=user_id).order_by("-date", "area", "side", "-id")


def running_totals(*, user_id: int, start: date, end: date) -> dict[str, Decimal | int]:
    """Running km and session count between two dates, for headers and the dashboard."""
    totals = Session.objects.filter(user_id=user_id, date__gte=start, date__lte=end).aggregate(
        run_km=Coalesce(Sum("distance_km", filter=Q(activity=Activity.RUN)), ZERO_KM),
        sessions=Count("id"),
    )
    return totals
