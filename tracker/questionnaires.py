"""Reads and writes of the two questionnaires: a day's wellness check, and the
week's OSTRC-O2 for each area that hurt in the past 7 days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext

from advice import PAIN_MIN
from advice.instruments import HOOPER_FIELDS, OSTRC_FIELDS, PAST_7_DAYS
from tracker.charts.ranges import week_start_of
from tracker.dates import format_day
from tracker.models import AREA_ORDER, Area, OstrcResponse, Session, Soreness, WellnessEntry
from tracker.wellness_forms import OstrcForm, WellnessForm


def wellness_on(*, user_id: int, day: date) -> WellnessEntry | None:
    return WellnessEntry.objects.filter(user_id=user_id, date=day).first()


def save_wellness(form: WellnessForm, *, user_id: int) -> tuple[WellnessEntry, bool]:
    """The day's check, made or replaced (one a day): (row, created).

    Two posts of the same day at once both land on one row: Django's
    update_or_create retries the lookup when its insert meets the unique
    constraint, and saves through the model, so the stored flags and the
    dashboard's charts see the change (tracker.flagstore's signals).
    """
    values = {name: form.cleaned_data[name] for name in HOOPER_FIELDS}
    day = form.cleaned_data["date"]
    return WellnessEntry.objects.update_or_create(user_id=user_id, date=day, defaults=values)


def ostrc_week(today: date, week_start: int) -> date:
    """The day this week's questionnaire is dated: the runner's first day of the week.
    It is about the 7 days up to that day, whenever in the week it is answered."""
    return week_start_of(today, week_start)


def ostrc_period(*, week: date, today: date) -> str:
    """How the questions name their days: the published "during the past 7 days" on
    the day they are about; answered later in the week, the days themselves, so that
    the runner describes the days the answers are counted for."""
    if today == week:
        return gettext(PAST_7_DAYS)
    return gettext("in the 7 days to %(day)s") % {"day": format_day(week)}


def ostrc_areas(*, user_id: int, week: date) -> list[str]:
    """The areas with pain (PAIN_MIN or more) in the 7 days up to ``week``, from
    check-ins and from sessions' own pain, and any already answered for it: one
    query, in the log's order of areas."""
    first = week - timedelta(days=6)
    sore = (
        Soreness.objects.filter(
            user_id=user_id, date__gte=first, date__lte=week, severity__gte=PAIN_MIN
        )
        .order_by()
        .values_list("area", flat=True)
    )
    from_sessions = (
        Session.objects.filter(user_id=user_id, date__gte=first, date__lte=week, pain__gte=PAIN_MIN)
        .exclude(pain_area="")
        .order_by()
        .values_list("pain_area", flat=True)
    )
    answered = (
        OstrcResponse.objects.filter(user_id=user_id, week=week)
        .order_by()
        .values_list("area", flat=True)
    )
    areas = set(sore.union(from_sessions, answered))
    return sorted(areas, key=lambda a: AREA_ORDER.get(a, len(AREA_ORDER)))


def ostrc_answers(*, user_id: int, week: date) -> dict[str, OstrcResponse]:
    return {r.area: r for r in OstrcResponse.objects.filter(user_id=user_id, week=week)}


def ostrc_forms(
    data: object,
    *,
    areas: Sequence[str],
    answered: dict[str, OstrcResponse],
    period: str | None = None,
) -> list[OstrcForm]:
    labels = dict(Area.choices)
    forms = []
    for area in areas:
        row = answered.get(area)
        initial = {name: getattr(row, name) for name in OSTRC_FIELDS} if row else None
        forms.append(
            OstrcForm(
                data or None,
                area=area,
                area_label=str(labels[area]),
                period=period,
                initial=initial,
            )
        )
    return forms


@transaction.atomic
def save_ostrc(forms: Sequence[OstrcForm], *, user_id: int, week: date) -> None:
    """Every area's answers for the week, made or replaced, all or none."""
    for form in forms:
        values = dict(zip(OSTRC_FIELDS, form.answers(), strict=True))
        OstrcResponse.objects.update_or_create(
            user_id=user_id, week=week, area=form.area, defaults=values
        )


def ostrc_due(*, user_id: int, today: date, week_start: int) -> list[str]:
    """The areas this week's questionnaire still asks about (none answered yet)."""
    week = ostrc_week(today, week_start)
    answered = set(ostrc_answers(user_id=user_id, week=week))
    return [a for a in ostrc_areas(user_id=user_id, week=week) if a not in answered]
