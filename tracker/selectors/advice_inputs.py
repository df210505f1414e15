"""The runner's log as advice takes it: frozen records, summaries from the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from django.db.models import CharField, DecimalField, Max, Min, Model, Q, Sum
from django.db.models.functions import Coalesce

from advice.instruments import HOOPER_FIELDS, OSTRC_FIELDS
from advice.types import (
    History,
    OstrcRecord,
    SessionRecord,
    ShoeRecord,
    SorenessRecord,
    WellnessRecord,
)
from tracker.models import Activity, OstrcResponse, Profile, Session, Shoe, Soreness, WellnessEntry
from tracker.selectors.log import ZERO_KM
from tracker.session_fields import Use, session_columns

# The model's fields advice reads (tracker/session_fields.py), named and ordered as
# SessionRecord's fields are, so that a row is the record's first arguments in order
# (the fields advice has and the model has not yet come last: a test holds that).
_ADVICE_COLUMNS = frozenset(session_columns(Use.ADVICE))
_SESSION_FIELDS = tuple(f.name for f in fields(SessionRecord) if f.name in _ADVICE_COLUMNS)
# SorenessRecord's fields are the model's, name for name.
_SORENESS_FIELDS = tuple(f.name for f in fields(SorenessRecord))


def _conversions(model: type[Model], names: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """Which columns advice takes otherwise than the model stores them: Decimals as
    floats, and blank choices ("" = not recorded) as None. Worked out once, so that
    a row costs a few assignments however many fields it has."""
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    decimals = [i for i, n in enumerate(names) if isinstance(by_attname[n], DecimalField)]
    blanks = [
        i
        for i, n in enumerate(names)
        if isinstance(by_attname[n], CharField) and by_attname[n].blank
    ]
    return decimals, blanks


_SESSION_DECIMALS, _SESSION_BLANKS = _conversions(Session, _SESSION_FIELDS)
_SORENESS_DECIMALS, _SORENESS_BLANKS = _conversions(Soreness, _SORENESS_FIELDS)


def _advice_values(row: Sequence[Any], decimals: list[int], blanks: list[int]) -> list[Any]:
    values = list(row)
    for i in decimals:
        if values[i] is not None:
            values[i] = float(values[i])
    for i in blanks:
        values[i] = values[i] or None
    return values


def session_record(values: Mapping[str, Any]) -> SessionRecord:
    """One session as advice takes it, from its model values by attribute name
    (``shoe_id``); fields advice has and the model has not yet (``race``: issue 13
    adds and fills it) keep their defaults."""
    row = [values[name] for name in _SESSION_FIELDS]
    return SessionRecord(*_advice_values(row, _SESSION_DECIMALS, _SESSION_BLANKS))


def advice_history(*, profile: Profile, today: date, since: date | None = None) -> History:
    """The runner's log as ``advice`` takes it, as it stood on ``today``.

    With ``since`` only rows from that day on are loaded, and what came before is
    summarised by the database (shoe wear, first session, last run), so a page that
    only needs recent flags costs the same for three months or ten years of history.
    Six queries, whatever the history's length.
    """
    user_id = profile.user_id
    sessions = Session.objects.filter(user_id=user_id, date__lte=today)
    soreness = Soreness.objects.filter(user_id=user_id, date__lte=today)
    if since is not None:
        sessions = sessions.filter(date__gte=since)
        soreness = soreness.filter(date__gte=since)
    # The questionnaires' rules reach back 28 days at most, well inside any window.
    wellness = WellnessEntry.objects.filter(user_id=user_id, date__lte=today)
    ostrc = OstrcResponse.objects.filter(user_id=user_id, week__lte=today)
    if since is not None:
        wellness = wellness.filter(date__gte=since)
        ostrc = ostrc.filter(week__gte=since)
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
    return History(
        sessions=tuple(
            SessionRecord(*_advice_values(row, _SESSION_DECIMALS, _SESSION_BLANKS))
            for row in session_rows
        ),
        soreness=tuple(
            SorenessRecord(*_advice_values(row, _SORENESS_DECIMALS, _SORENESS_BLANKS))
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
        week_start=profile.first_weekday(),
        started_running=profile.started_running,
        since=since,
        first_session=summary["first"],
        last_run_before=summary["last_run_before"],
        wellness=tuple(
            WellnessRecord(*row)
            for row in wellness.order_by("date").values_list("date", *HOOPER_FIELDS)
        ),
        ostrc=tuple(
            OstrcRecord(*row)
            for row in ostrc.order_by("week", "area").values_list("week", "area", *OSTRC_FIELDS)
        ),
    )
