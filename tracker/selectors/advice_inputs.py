"""The runner's log as advice takes it: frozen records, summaries from the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Max, Min, Q, Sum
from django.db.models.functions import Coalesce

from advice.types import History, SessionRecord, ShoeRecord, SorenessRecord
from tracker.models import Activity, Profile, Session, Shoe, Soreness
from tracker.selectors.log import ZERO_KM
from tracker.session_fields import Use, session_columns

# The model's fields advice reads, named as SessionRecord names them.
_SESSION_FIELDS = session_columns(Use.ADVICE)
# SorenessRecord's fields are the model's, name for name.
_SORENESS_FIELDS = tuple(f.name for f in fields(SorenessRecord))


def _advice_value(value: Any) -> Any:
    """A model value as advice takes it: floats for the Decimal columns, None for a
    blank choice ("" means "not recorded" in the model)."""
    if value == "":
        return None
    return float(value) if isinstance(value, Decimal) else value


def session_record(values: Mapping[str, Any]) -> SessionRecord:
    """One session as advice takes it, from its model values by attribute name
    (``shoe_id``); fields advice has and the model has not yet (``race``: issue 13
    adds and fills it) keep their defaults."""
    return SessionRecord(**{name: _advice_value(values[name]) for name in _SESSION_FIELDS})


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
    session_rows = sessions.order_by("date", "id").values(*_SESSION_FIELDS)
    soreness_rows = soreness.order_by("date", "id").values(*_SORENESS_FIELDS)

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
    return History(
        sessions=tuple(session_record(row) for row in session_rows),
        soreness=tuple(
            SorenessRecord(**{name: _advice_value(value) for name, value in row.items()})
            for row in soreness_rows
        ),
        shoes=tuple(
            ShoeRecord(
                id=row[0],
                name=row[1],
                kind=row[2],
                limit_km=float(Shoe.limit_or_default(row[3])),
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
