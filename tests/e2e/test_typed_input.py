"""Figures typed the way runners write them, in chromium: a distance with a comma
and a duration as mm:ss, saved as 3.5 km and 45.5 minutes with the pace shown; and
the import follow-up setting one pair of shoes on a whole page of sessions at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tracker.models import ImportJob, ImportKind, ImportStatus, Session

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_comma_distance_and_a_clock_duration_save_and_show_the_pace(
    page: Page, make_user, sign_in
) -> None:
    runner = make_user("carla")
    sign_in(page, runner)
    page.goto("/sessions/add/")
    distance = page.get_by_label("Distance (km)")
    expect(distance).to_have_attribute("inputmode", "decimal")
    distance.fill("3,5")
    page.get_by_label("Duration").fill("45:30")
    page.get_by_role("button", name="Save session").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Run")
    session = Session.objects.get(user=runner)
    assert (session.distance_km, session.duration_min) == (Decimal("3.500"), Decimal("45.50"))
    # 45.5 minutes over 3.5 km: 13:00 a km, on the session page and in the list.
    expect(page.locator("[data-pace]")).to_have_text("13:00 /km")
    page.goto("/sessions/")
    expect(page.locator("[data-pace]:visible").first).to_have_text("13:00 /km")


def test_a_refused_pace_names_itself_in_the_form(page: Page, make_user, sign_in) -> None:
    sign_in(page, make_user("dora"))
    page.goto("/sessions/add/")
    page.get_by_label("Distance (km)").fill("21,1")
    page.get_by_label("Duration").fill("44:00")
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_text("2:05 /km is faster than the world record pace")).to_be_visible()
    assert not Session.objects.exists()


def test_the_follow_up_sets_a_shoe_on_a_whole_page_of_sessions_in_one_submit(
    page: Page, make_user, make_shoe, make_session, sign_in
) -> None:
    runner = make_user("gary")
    shoe = make_shoe(runner, name="Ghost 15")
    start = datetime(2026, 1, 1, 7, 0, tzinfo=UTC)
    sessions = [
        make_session(
            runner,
            date=date(2026, 1, 1) + timedelta(days=n),
            distance_km=Decimal("8"),
            duration_min=Decimal("44"),
            started_at=start + timedelta(days=n),
            source="file",
        )
        for n in range(30)
    ]
    job = ImportJob.objects.create(
        user=runner,
        kind=ImportKind.FILES,
        status=ImportStatus.DONE,
        session_ids=[s.pk for s in sessions],
    )
    sign_in(page, runner)
    page.goto(f"/import/jobs/{job.pk}/details/")
    rows = page.get_by_test_id("followup-row")
    expect(rows).to_have_count(25)
    page.get_by_label("Select all 25 sessions on this page").check()
    bulk = page.get_by_test_id("followup-bulk")
    bulk.get_by_label("Shoe").select_option(label="Ghost 15")
    page.get_by_role("button", name="Save and go on").click()

    expect(page.get_by_test_id("followup-row")).to_have_count(5)  # page 2
    assert Session.objects.filter(user=runner, shoe=shoe).count() == 25
    first_page = sorted(s.pk for s in sessions[:25])
    assert sorted(Session.objects.filter(shoe=shoe).values_list("pk", flat=True)) == first_page
