"""The dashboard: the last week in a line, the top warnings and the trend charts."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from tracker import flagging, flagstore, selectors
from tracker.charts import RANGE_OPTIONS, chart_range
from tracker.charts.dashboard import dashboard_cards
from tracker.charts.load import WEEK_MARKER_RULES
from tracker.charts.plot import Card
from tracker.charts.ranges import LOAD_DISTANCE, LOAD_OPTIONS, ChartRange, load_measure
from tracker.charts.series import ChartQuery
from tracker.charts.soreness import PAIN_EPISODE_RULE
from tracker.flagging import RunnerFlag
from tracker.models import Profile
from tracker.services import runner_today
from tracker.sharing.scope import EVERYTHING, Visibility
from tracker.views._helpers import profile_of

TOP_FLAGS = 3
# The rules whose flags the charts draw (markers on the load chart, outlines on the
# soreness map): the only flags of the range the page reads.
CHARTED_RULES = (*WEEK_MARKER_RULES, PAIN_EPISODE_RULE)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    # The active flags are shared with the urgent banner of the layout.
    context = dashboard_context(
        profile_of(request),
        range_key=request.GET.get("range"),
        load_key=request.GET.get("load"),
        active=lambda: flagging.active_for_request(request, current=True),
    )
    return render(request, "tracker/dashboard.html", context)


def dashboard_context(
    profile: Profile,
    *,
    range_key: str | None,
    active: Callable[[], list[RunnerFlag]],
    load_key: str | None = None,
    visibility: Visibility = EVERYTHING,
) -> dict[str, object]:
    """The page for ``profile``, showing what ``visibility`` allows: the runner's
    own dashboard and a share's (tracker/views/shared.py). ``active`` gives the
    active unseen flags; it is called once the stored flags are current."""
    today = runner_today(profile)
    user_id = profile.user_id
    # The stored evaluation (current after one evaluation at most: flagging.stored),
    # and the log's version, read before anything else of the log.
    version = flagging.stored(profile=profile, today=today)
    bounds = selectors.log_bounds(user_id=user_id)
    week_start = profile.first_weekday()
    window = chart_range(
        range_key,
        today=today,
        week_start=week_start,
        first_day=bounds.first_day,
    )
    query = ChartQuery(
        user_id=user_id,
        window=window,
        week_start=week_start,
        first_session=bounds.first_session,
        load=load_measure(load_key),
        last_wellness=bounds.last_wellness,
        last_ostrc=bounds.last_ostrc,
    )

    @functools.cache
    def cards() -> list[Card]:
        # Called by the template only when its cached fragment is missing: the
        # charted rules' flags ending in the range, then every chart.
        flags = visibility.flags(flagstore.ending_since(user_id, window.start, rules=CHARTED_RULES))
        return dashboard_cards(query, flags, units=profile.units, charts=visibility.charts)

    shown = visibility.runner_flags(active())
    week = selectors.running_totals(user_id=user_id, start=today - timedelta(days=6), end=today)
    return {
        "today": today,
        "week": week,
        "active_count": len(shown),
        "top_flags": shown[:TOP_FLAGS],
        "window": window,
        "range_options": RANGE_OPTIONS,
        "load_options": LOAD_OPTIONS,
        "load": query.load,
        # Each choice keeps the other in the URL; the defaults stay out of it.
        "load_param": "" if query.load == LOAD_DISTANCE else f"&load={query.load}",
        "cards": cards,
        "cards_key": cards_key(
            profile,
            version=version,
            today=today,
            window=window,
            load=query.load,
            visibility=visibility,
            week_start=week_start,
        ),
    }


def cards_key(
    profile: Profile,
    *,
    version: int,
    today: date,
    window: ChartRange,
    load: str,
    visibility: Visibility,
    week_start: int,
) -> str:
    """What the dashboard's charts are a function of, as the key of their cached
    fragment (templates/tracker/dashboard.html; the template adds the share).

    The charts read the runner's sessions, check-ins, shoes and profile (units, week
    start, time zone) and the flags evaluated from them: every write to those bumps
    the log's version (tracker/flagstore.py), the same guarantee the stored flags
    rely on. The rest is the day, the range, the load chart's measure, what the
    viewer may see, the language the page is in and the first day of the week:
    for a runner who leaves that to their language it follows the page's language,
    which changes with no write to the log (a browser in another language).
    """
    return ":".join(
        str(part)
        for part in (
            profile.user_id,
            version,
            today.isoformat(),
            window.key,
            window.start.isoformat(),
            load,
            int(visibility.everything),
            int(visibility.notes),
            get_language(),
            week_start,
        )
    )
