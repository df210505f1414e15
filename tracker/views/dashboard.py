"""The dashboard: the last week in a line, the top warnings and the trend charts."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker import flagging, flagstore, selectors
from tracker.charts import RANGE_OPTIONS, chart_range
from tracker.charts.dashboard import dashboard_cards
from tracker.charts.load import WEEK_MARKER_RULES
from tracker.charts.series import ChartQuery
from tracker.charts.soreness import PAIN_EPISODE_RULE
from tracker.services import runner_today
from tracker.views._helpers import profile_of

TOP_FLAGS = 3
# The rules whose flags the charts draw (markers on the load chart, outlines on the
# soreness map): the only flags of the range the page reads.
CHARTED_RULES = (*WEEK_MARKER_RULES, PAIN_EPISODE_RULE)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request)
    today = runner_today(profile)
    user_id = profile.user_id
    bounds = selectors.log_bounds(user_id=user_id)
    window = chart_range(
        request.GET.get("range"),
        today=today,
        week_start=profile.week_start,
        first_day=bounds.first_day,
    )
    # The stored evaluation (current after one evaluation at most: flagging.stored),
    # the charted rules' flags ending in the range.
    flagging.stored(profile=profile, today=today)
    flags = flagstore.ending_since(user_id, window.start, rules=CHARTED_RULES)
    query = ChartQuery(
        user_id=user_id,
        window=window,
        week_start=profile.week_start,
        first_session=bounds.first_session,
    )
    cards = dashboard_cards(query, flags, units=profile.units)
    # Shared with the urgent banner of the layout.
    active = flagging.active_for_request(request)
    week = selectors.running_totals(user_id=user_id, start=today - timedelta(days=6), end=today)
    return render(
        request,
        "tracker/dashboard.html",
        {
            "today": today,
            "week": week,
            "active_count": len(active),
            "top_flags": active[:TOP_FLAGS],
            "window": window,
            "range_options": RANGE_OPTIONS,
            "cards": cards,
        },
    )
