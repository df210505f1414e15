"""The calendar: a month at a glance, a day to see and add to; and the cost of the
calendar and of the session list with its totals, whatever the history's length."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracker.models import Profile
from tracker.selectors.calendar import calendar_month
from tracker.services import runner_today

pytestmark = pytest.mark.django_db

NOVEMBER = date(2026, 11, 1)  # a Sunday


def month(user, first=NOVEMBER, today=date(2026, 11, 18), week_start=0):
    return calendar_month(user_id=user.pk, month=first, today=today, week_start=week_start)


def test_it_lays_a_month_out_in_whole_weeks_from_the_runners_first_day(runner):
    monday = month(runner)
    assert monday.weeks[0].start == date(2026, 10, 26)  # the Monday before the 1st
    assert monday.weeks[-1].days[-1].day == date(2026, 12, 6)
    assert [d.day.weekday() for d in monday.weeks[0].days] == [0, 1, 2, 3, 4, 5, 6]
    assert monday.weekday_names[0] == ("Mon", "Monday")

    sunday = month(runner, week_start=6)
    assert sunday.weeks[0].start == NOVEMBER
    assert sunday.weekday_names[0] == ("Sun", "Sunday")
    assert len(sunday.weeks) == 5
    assert all(len(week.days) == 7 for week in sunday.weeks)
    days = [d for week in sunday.weeks for d in week.days]
    assert [d.day for d in days if d.is_today] == [date(2026, 11, 18)]
    assert not days[0].is_future and days[-1].is_future
    assert [d.in_month for d in days].count(True) == 30


def test_it_puts_each_session_and_check_in_on_its_day_with_a_dot_for_pain(
    runner, other_runner, make_session, make_soreness
):
    make_session(runner, date=date(2026, 11, 3), distance_km=Decimal("8.2"))
    make_session(runner, date=date(2026, 11, 3), activity="strength", distance_km=None)
    make_session(runner, date=date(2026, 11, 4), distance_km=Decimal("5"), pain=4)
    make_session(runner, date=date(2026, 11, 5), distance_km=Decimal("5"), pain=1)
    make_soreness(runner, date=date(2026, 11, 6), severity=0)
    make_soreness(runner, date=date(2026, 11, 6), area="knee", severity=3)
    make_session(other_runner, date=date(2026, 11, 3), distance_km=Decimal("99"))
    make_soreness(other_runner, date=date(2026, 11, 5), severity=9)

    days = {d.day: d for week in month(runner).weeks for d in week.days}

    third = days[date(2026, 11, 3)]
    assert [(s.activity, s.distance_km) for s in third.sessions] == [
        ("run", Decimal("8.200")),
        ("strength", None),
    ]
    assert third.pain is None and third.checkins == 0
    assert days[date(2026, 11, 4)].pain == 4
    assert days[date(2026, 11, 5)].pain is None  # 1/10 is not pain
    assert (days[date(2026, 11, 6)].checkins, days[date(2026, 11, 6)].pain) == (2, 3)


def test_it_totals_each_week_whole_and_the_month_alone(runner, make_session):
    make_session(runner, date=date(2026, 10, 31), distance_km=Decimal("10"), duration_min=60)
    make_session(runner, date=date(2026, 11, 1), distance_km=Decimal("5"), duration_min=30)
    make_session(
        runner, date=date(2026, 11, 1), activity="cycle", distance_km=Decimal("20"), duration_min=50
    )
    make_session(runner, date=date(2026, 11, 30), distance_km=Decimal("7"), duration_min=40)

    cal = month(runner)

    first_week = cal.weeks[0].totals  # 26 Oct - 1 Nov, from October's last days too
    assert (first_week.sessions, first_week.minutes) == (3, Decimal(140))
    assert first_week.distances == [("Run", Decimal("15.000")), ("Cycle", Decimal("20.000"))]
    assert (cal.totals.sessions, cal.totals.minutes) == (3, Decimal(120))  # November only
    assert cal.totals.distances == [("Run", Decimal("12.000")), ("Cycle", Decimal("20.000"))]


def test_the_page_shows_the_month_and_links_every_day(client_for, make_user, make_session):
    runner = make_user(units="mi", week_start=6)
    today = runner_today(runner.profile)
    make_session(runner, date=today, distance_km=Decimal("16.09344"), notes="Tempo")
    client = client_for(runner)

    page = client.get(reverse("calendar")).content.decode()

    day_url = reverse("calendar_day", args=[today.year, today.month, today.day])
    assert f'href="{day_url}" aria-current="date"' in page
    assert '10.0<span class="cal-unit"> mi</span>' in page
    assert re.search(r'<th scope="col"[^>]*><abbr title="(\w+)"', page)[1] == "Sunday"
    previous = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    assert reverse("calendar_month", args=[previous.year, previous.month]) in page


def test_a_day_shows_its_rows_and_adds_to_it_with_its_date(
    client_for, runner, other_runner, make_session, make_soreness
):
    today = runner_today(runner.profile)
    day = today - timedelta(days=3)
    make_session(runner, date=day, notes="Hill repeats")
    make_soreness(runner, date=day, area="heel", severity=2)
    make_session(other_runner, date=day, notes="Not yours")
    client = client_for(runner)

    page = client.get(reverse("calendar_day", args=[day.year, day.month, day.day]))
    text = page.content.decode()

    assert "Hill repeats" in text and "Heel" in text and "Not yours" not in text
    here = reverse("calendar_day", args=[day.year, day.month, day.day])
    assert f"/sessions/add/?date={day.isoformat()}&amp;next={here.replace('/', '%2F')}" in text
    form = client.get(reverse("session_add"), {"date": day.isoformat(), "next": here})
    assert form.context["form"]["date"].value() == day
    saved = client.post(
        f"{reverse('session_add')}?date={day.isoformat()}",
        {"date": day.isoformat(), "activity": "walk", "distance": "3", "next": here},
    )
    assert saved["Location"] == here


def test_a_future_day_offers_nothing_to_add(client_for, runner):
    later = runner_today(runner.profile) + timedelta(days=10)
    text = client_for(runner).get(
        reverse("calendar_day", args=[later.year, later.month, later.day])
    )
    assert "still to come" in text.content.decode()
    assert "/sessions/add/" not in text.content.decode().split("<main")[1]


@pytest.mark.parametrize(
    "args",
    [(2026, 13), (2026, 0), (1899, 12), (9999, 12), (2026, 2, 30), (2026, 11, 0)],
    ids=str,
)
def test_it_answers_404_for_a_month_or_day_that_is_not_there(client_for, runner, args):
    name = "calendar_month" if len(args) == 2 else "calendar_day"
    assert client_for(runner).get(reverse(name, args=args)).status_code == 404


def test_it_offers_no_month_before_the_earliest_date(client_for, runner):
    page = client_for(runner).get(reverse("calendar_month", args=[1900, 1])).content.decode()
    assert 'rel="prev"' not in page and 'rel="next"' in page


# --- the cost: the same queries for three months and ten years ----------------


def seeded(username: str, *span: str):
    call_command(
        "seed_demo", "--user", username, *span, "--seed", "5", "--password", "x" * 20,
        stdout=StringIO(),
    )  # fmt: skip
    user = Profile.objects.select_related("user").get(user__username=username).user
    return user


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_calendar_and_the_list_cost_the_same_for_three_months_and_ten_years(client_for):
    short, long = seeded("short", "--days", "90"), seeded("long", "--years", "10")
    counts = {}
    for user in (short, long):
        client = client_for(user)
        today = runner_today(user.profile)
        counts[user.username] = [
            _queries(client, reverse("calendar"))[0],
            _queries(client, reverse("calendar_month", args=[today.year, today.month]))[0],
            _queries(client, reverse("session_list"))[0],
            _queries(client, reverse("session_list") + "?page=3")[0],
            _queries(client, reverse("session_list") + "?q=easy")[0],
        ]
        client.logout()
    print("queries (calendar, month, list, list page 3, search):", counts)
    assert counts["short"] == counts["long"], counts


def test_the_list_totals_add_up_the_sessions_of_each_week(client_for, make_user, make_session):
    """Totals from the database, checked against the rows the week holds."""
    runner = make_user(week_start=2)  # weeks from Wednesday
    day = date(2026, 10, 7)  # a Wednesday
    minutes = 0
    for offset, km in enumerate((5, 7, 9, 11, 13, 15, 17, 19)):
        make_session(
            runner,
            date=day + timedelta(days=offset),
            distance_km=Decimal(km),
            duration_min=Decimal(30 + offset),
        )
        minutes += 30 + offset if offset < 7 else 0

    page = client_for(runner).get(reverse("session_list")).content.decode()

    weeks = re.findall(r"Week of ([^:<]+): <span[^>]*data-sessions=\"(\d+)\"[^>]*>([^<]*)", page)
    assert ("14 Oct 2026", "1", "1 session · 37 min · Run 19.0 km") in weeks
    assert (
        "7 Oct 2026",
        "7",
        f"7 sessions · 3 h 51 min · Run {5 + 7 + 9 + 11 + 13 + 15 + 17}.0 km",
    ) in weeks
    assert minutes == 231


def test_a_week_still_to_come_is_not_called_rest(client_for, make_user):
    """ "rest" is what a past week without sessions was; a week that has not started
    yet says nothing."""
    runner = make_user()
    today = runner_today(Profile.objects.get(user=runner))
    client = client_for(runner)
    rest = '<span class="text-body-secondary">rest</span>'
    past = client.get(reverse("calendar_month", args=[today.year - 1, 3])).content.decode()
    assert past.count(rest) >= 4
    ahead = client.get(reverse("calendar_month", args=[today.year + 1, 3])).content.decode()
    assert rest not in ahead and "rest<" not in ahead
