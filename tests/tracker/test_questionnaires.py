"""The wellness check on the check-in screen and the weekly OSTRC-O2 page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from tracker import questionnaires
from tracker.charts.ranges import week_start_of
from tracker.dates import format_day
from tracker.flagging import evaluated
from tracker.models import OstrcResponse, WellnessEntry
from tracker.services import runner_today
from tracker.wellness_forms import OstrcForm

pytestmark = pytest.mark.django_db


def today_of(user):
    return runner_today(user.profile)


def wellness_post(day, **ratings):
    values = {"sleep": 2, "fatigue": 3, "stress": 2, "soreness": 4, **ratings}
    return {"wellness-date": day.isoformat(), **{f"wellness-{k}": v for k, v in values.items()}}


def test_the_check_in_screen_offers_the_four_ratings_with_hooper_s_anchors(runner, client_for):
    page = client_for(runner).get(reverse("soreness_add")).content.decode()
    for label in ("Sleep quality", "Fatigue", "Stress", "Muscle soreness"):
        assert label in page
    assert "1 very, very good" in page and "7 very, very bad" in page
    assert "1 very, very low" in page and "7 very, very high" in page
    assert page.count('name="wellness-sleep"') == 7


def test_a_wellness_check_is_saved_once_a_day_and_replaced(runner, client_for):
    client, today = client_for(runner), today_of(runner)
    response = client.post(reverse("wellness_save"), wellness_post(today))
    assert response.status_code == 302
    client.post(reverse("wellness_save"), wellness_post(today, sleep=6))
    entry = WellnessEntry.objects.get(user=runner)
    assert (entry.date, entry.sleep, entry.index) == (today, 6, 6 + 3 + 2 + 4)


@pytest.mark.parametrize(
    "bad",
    [{"sleep": 0}, {"fatigue": 8}, {"stress": "x"}, {"soreness": ""}],
)
def test_a_bad_rating_is_refused_on_the_page_never_a_500(runner, client_for, bad):
    response = client_for(runner).post(
        reverse("wellness_save"), wellness_post(today_of(runner), **bad)
    )
    assert response.status_code == 200
    assert "Please tap a number" in response.content.decode()
    assert not WellnessEntry.objects.exists()


def test_a_wellness_check_of_tomorrow_is_refused(runner, client_for):
    tomorrow = today_of(runner) + timedelta(days=1)
    response = client_for(runner).post(reverse("wellness_save"), wellness_post(tomorrow))
    assert response.status_code == 200
    assert not WellnessEntry.objects.exists()


def test_a_wellness_check_before_1900_is_refused_as_the_csv_would_refuse_it(runner, client_for):
    """It was saved, exported, and then refused by the import of that export."""
    response = client_for(runner).post(reverse("wellness_save"), wellness_post(date(1850, 3, 1)))
    assert response.status_code == 200
    assert "check the year" in response.content.decode()
    assert not WellnessEntry.objects.exists()


@pytest.mark.parametrize("field", ["sleep", "fatigue", "stress", "soreness"])
def test_the_database_refuses_a_rating_outside_one_to_seven(runner, field):
    values = {"sleep": 1, "fatigue": 1, "stress": 1, "soreness": 1, field: 8}
    with pytest.raises(IntegrityError), transaction.atomic():
        WellnessEntry.objects.create(user=runner, date=today_of(runner), **values)


def test_the_database_holds_one_check_a_day(runner):
    WellnessEntry.objects.create(
        user=runner, date=today_of(runner), sleep=1, fatigue=1, stress=1, soreness=1
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        WellnessEntry.objects.create(
            user=runner, date=today_of(runner), sleep=2, fatigue=1, stress=1, soreness=1
        )


@pytest.mark.parametrize(
    "answers",
    [
        (3, 0, 0, 0),
        (3, 4, 4, 2),
        (1, 4, 0, 0),
        (2, 0, 4, 0),
        (4, 0, 0, 0),
        (0, 5, 0, 0),
        (0, 0, 0, 4),
    ],
)
def test_the_database_refuses_answers_the_questionnaire_cannot_give(runner, answers):
    fields = dict(
        zip(("participation", "modification", "performance", "symptoms"), answers, strict=True)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        OstrcResponse.objects.create(user=runner, week=today_of(runner), area="calf", **fields)


def _week(runner):
    return week_start_of(today_of(runner), runner.profile.first_weekday())


def test_the_weekly_page_asks_about_each_area_that_hurt_in_the_past_7_days(
    runner, client_for, make_soreness, make_session
):
    week = _week(runner)
    make_soreness(runner, date=week - timedelta(days=2), area="calf", severity=4)
    make_soreness(runner, date=week - timedelta(days=3), area="knee", severity=1)  # not pain
    make_soreness(runner, date=week - timedelta(days=8), area="hip", severity=6)  # too early
    make_session(runner, date=week - timedelta(days=6), pain=3, pain_area="achilles")
    assert questionnaires.ostrc_areas(user_id=runner.pk, week=week) == ["calf", "achilles"]
    page = client_for(runner).get(reverse("ostrc_weekly")).content.decode()
    period = questionnaires.ostrc_period(week=week, today=today_of(runner))
    assert f"problems in the calf {period}" in page
    assert f"problems in the achilles {period}" in page
    assert "Cannot participate due to problems" in page and "To a moderate extent" in page
    prompt = client_for(runner).get(reverse("soreness_add")).content.decode()
    assert "Answer the weekly questions" in prompt


def _answers(area, q1, q2=None, q3=None, q4=None):
    data = {f"ostrc-{area}-participation": q1}
    for name, value in (("modification", q2), ("performance", q3), ("symptoms", q4)):
        if value is not None:
            data[f"ostrc-{area}-{name}"] = value
    return data


def test_a_substantial_problem_is_saved_scored_and_raises_the_warning(
    runner, client_for, make_soreness
):
    week = _week(runner)
    make_soreness(runner, date=week, area="calf", severity=4)
    client = client_for(runner)
    response = client.post(reverse("ostrc_weekly"), _answers("calf", 2, 2, 1, 2))
    assert response.status_code == 302
    row = OstrcResponse.objects.get(user=runner)
    assert (row.week, row.area, row.score.severity, row.score.substantial) == (
        week,
        "calf",
        53,
        True,
    )
    flags = evaluated(profile=runner.profile, today=today_of(runner))
    assert any(f.rule == "ostrc-substantial-problem" for f in flags)
    # The prompt is gone once answered.
    assert "Answer the weekly questions" not in client.get(reverse("soreness_add")).content.decode()


def test_cannot_participate_answers_the_rest(runner, client_for, make_soreness):
    make_soreness(runner, date=_week(runner), area="calf", severity=7)
    client_for(runner).post(reverse("ostrc_weekly"), _answers("calf", 3))
    row = OstrcResponse.objects.get(user=runner)
    assert row.score.severity == 100 and row.score.substantial


@pytest.mark.parametrize(
    "data",
    [_answers("calf", 1, 4, 0, 0), _answers("calf", 1, 1), _answers("calf", 9, 0, 0, 0), {}],
)
def test_impossible_or_missing_answers_are_refused_on_the_page(
    runner, client_for, make_soreness, data
):
    make_soreness(runner, date=_week(runner), area="calf", severity=4)
    response = client_for(runner).post(reverse("ostrc_weekly"), data)
    assert response.status_code == 200
    assert "Please answer the questions marked below" in response.content.decode()
    assert not OstrcResponse.objects.exists()


def test_another_runner_s_pain_and_answers_are_not_asked_about(
    runner, other_runner, client_for, make_soreness
):
    make_soreness(other_runner, date=_week(other_runner), area="calf", severity=4)
    page = client_for(runner).get(reverse("ostrc_weekly")).content.decode()
    assert "nothing to answer this week" in page


@pytest.mark.parametrize("days_later", [0, 3])
def test_the_questions_name_the_days_they_are_about(days_later):
    """Asked on the first day of the week, the published "during the past 7 days";
    answered later in the week, the days the answers are counted for (the 7 days to
    that first day), never a "past 7 days" that is another week."""
    week = date(2026, 11, 23)
    period = questionnaires.ostrc_period(week=week, today=week + timedelta(days=days_later))
    assert period == (
        "during the past 7 days" if days_later == 0 else "in the 7 days to 23 Nov 2026"
    )
    label = OstrcForm(area="calf", area_label="Calf", period=period).fields["participation"].label
    assert label.endswith(f"problems in the calf {period}?")


def test_the_prompt_names_the_week_it_asks_about(runner, client_for, make_soreness):
    week = _week(runner)
    make_soreness(runner, date=week - timedelta(days=1), area="calf", severity=4)
    page = client_for(runner).get(reverse("soreness_add")).content.decode()
    assert f"about the 7 days to {format_day(week)}: 1 area hurt then" in page
