"""A week of training with effort, a daily wellness check, and the weekly OSTRC-O2
for a sore calf on the runner's first day of the week: the charts and the
warning appear."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tracker.wellness_models import OstrcResponse, WellnessEntry

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_week_of_wellness_and_the_weekly_questions_for_a_sore_calf(
    page: Page, make_user, make_session, sign_in, today_of, console_errors
) -> None:
    runner = make_user("ida")
    today = today_of(runner)
    # Today is the runner's first day of the week (the Sunday, whatever
    # day the suite runs on): the weekly questions are due today.
    runner.profile.week_start = today.weekday()
    runner.profile.save()
    for days_ago in range(1, 8):
        make_session(
            runner,
            date=today - timedelta(days=days_ago),
            distance_km=Decimal("8"),
            duration_min=Decimal("45"),
            rpe=3 + days_ago % 4,
        )
    # Three weeks of ordinary mornings before this one: the runner's own baseline.
    for days_ago in range(1, 22):
        WellnessEntry.objects.create(
            user=runner,
            date=today - timedelta(days=days_ago),
            sleep=2,
            fatigue=2 + days_ago % 2,
            stress=2,
            soreness=2,
        )
    sign_in(page, runner)

    page.goto("/soreness/add/")
    wellness = page.locator("#wellness-form")
    # Four taps, one a question.
    for label, value in (
        ("Sleep quality", "5"),
        ("Fatigue", "6"),
        ("Stress", "4"),
        ("Muscle soreness", "7 very, very high"),
    ):
        wellness.get_by_role("group", name=label).get_by_label(value, exact=True).check()
    wellness.get_by_role("button", name="Save wellness").click()
    expect(page.get_by_text("Wellness check saved: 22/28")).to_be_visible()

    # The calf check-in; the weekly questions are then asked about it.
    page.get_by_label("Area").select_option(label="Calf")
    page.get_by_label("Left").check()
    page.get_by_label("Severity (0-10)").fill("5")
    page.get_by_role("button", name="Save check-in").click()
    page.goto("/soreness/add/")
    page.get_by_role("link", name="Answer the weekly questions").click()

    calf = page.locator("#ostrc-calf")
    expect(calf).to_contain_text("problems in the calf during the past 7 days")
    for question, answer in (
        ("difficulties participating", "Reduced participation due to problems"),
        ("modified your training", "To a moderate extent"),
        ("affected your performance", "To a minor extent"),
        ("experienced pain", "Moderate pain"),
    ):
        calf.get_by_role("group", name=question).get_by_label(answer).check()
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_text("Calf 53/100 (a substantial problem)")).to_be_visible()
    assert OstrcResponse.objects.get(user=runner).score.severity == 53

    page.goto("/dashboard/")
    expect(page.locator("#chart-wellness-plot .main-svg").first).to_be_visible()
    expect(page.locator("#chart-ostrc-plot .main-svg").first).to_be_visible()

    page.goto("/warnings/")
    expect(page.locator('[data-rule="ostrc-substantial-problem"]').first).to_be_visible()
    expect(page.locator('[data-rule="wellness-above-baseline"]').first).to_be_visible()
    assert console_errors == []
