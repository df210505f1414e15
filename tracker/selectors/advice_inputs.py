"""The runner's log as advice takes it: frozen records, summaries from the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Max, Min, Q, Sum
from django.db.models.functions import Coalesce

from advice.types import History, SessionRecord, ShoeRecord, SorenessRecord
from tracker.models import Activity, Profile, Session, Shoe, Soreness
from tracker.selectors.log import ZERO_KM

_SESSION_FIELDS = (
    "id",
    "date",
    "activity",
    "distance_km",
    "duration_min",
    "surface",
    "terrain",
    "shoe_id",
    "warmup_min",
    "cooldown_min",
    "fast_pct",
    "rpe",
    "stopped",
    "pain",
    "pain_area",
    "pain_side",
    "race",
)
_SORENESS_FIELDS = ("id", "date", "area", "side", "severity", "kind", "swelling", "at_night")


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def advice_history(*, profile: Profile, today: date, since: date | None = None) -> History:
    """The runner's log as ``advice`` takes it, as it stood on ``today``.

    With ``since`` only rows from that day on are loaded, and what came before is
    summarised by the database (shoe wear, first session, last run), so a page that
    only needs recent flags costs the same for three months or ten years of history.
    Four queries, whatever the history's length.
    """
    user_id = profile.user_id
    sessions = Session.objects.filter(user_id=user_id, date__lte=today)
    soreness = Soreness.objects.filter(user_id=user_id, date__lte=today)
    if since is not None:
        sessions = sessions.filter(date__gte=since)
        soreness = soreness.filter(date__gte=since)
    session_rows = sessions.order_by("date", "id").values_list(*_SESSION_FIELDS)
    soreness_rows = soreness.order_by("date", "id").values_list(*_SORENESS_FIELDS)

    before = Q(sessions__date__lt=since) if since is not None else Q(pk__in=[])
    shoes = (
        Shoe.objects.filter(user_id=user_id)
        .annotate(
            km_before=Coalesce(Sum("sessions__distance_km", filter=before), ZERO_KM),
            first_session_date=Min("sessions__date", filter=Q(sessions__date__lte=today)),
        )
        .values_list(
            "id",
            "name",
            "kind",
            "limit_km",
            "first_used",
            "retired",
            "km_before",
            "first_session_date",
        )
    )
    summary = Session.objects.filter(user_id=user_id, date__lte=today).aggregate(
        first=Min("date"),
        last_run_before=Max(
            "date",
            filter=Q(activity=Activity.RUN, date__lt=since) if since else Q(pk__in=[]),
        ),
    )
    default_limit = settings.SHOE_DEFAULT_LIMIT_KM
    return History(
        sessions=tuple(
            SessionRecord(
                id=row[0],
                date=row[1],
                activity=row[2],
                distance_km=_float(row[3]),
                duration_min=_float(row[4]),
                surface=row[5] or None,
                terrain=row[6] or None,
                shoe_id=row[7],
                warmup_min=row[8],
                cooldown_min=row[9],
                fast_pct=row[10],
                rpe=row[11],
                stopped=row[12],
                pain=row[13],
                pain_area=row[14] or None,
                pain_side=row[15] or None,
                race=row[16],
            )
            for row in session_rows
        ),
        soreness=tuple(
            SorenessRecord(
                id=row[0],
                date=row[1],
                area=row[2],
                side=row[3],
                severity=row[4],
                kind=row[5] or None,
                swelling=row[6],
                at_night=row[7],
            )
            for row in soreness_rows
        ),
        shoes=tuple(
            ShoeRecord(
                id=row[0],
                name=row[1],
                kind=row[2],
                limit_km=float(row[3] or default_limit),
                first_used=row[4],
                retired=row[5],
                km_before=float(row[6]),
                first_session=row[7],
            )
            for row in shoes
        ),
        units=profile.units,
        week_start=profile.week_start,
        started_running=profile.started_running,
        since=since,
        first_session=summary["first"],
        last_run_before=summary["last_run_before"],
    )
