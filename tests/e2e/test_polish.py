"""The finish: a message after every action, styled error pages with DEBUG off,
empty states that say what to do next, the favicon, the runner's units and dates,
and light and dark modes that follow the system."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

BOOTSTRAP_PRIMARY = "rgb(13, 110, 253)"  # proves the stylesheet reached the page


def message(page: Page, text: str):
    return page.get_by_role("status").filter(has_text=text)


def assert_styled(page: Page) -> None:
    button = page.locator(".btn-primary").first
    expect(button).to_have_css("background-color", BOOTSTRAP_PRIMARY)
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href and href.endswith("favicon.svg")


def test_it_confirms_every_action_with_a_message(
    page: Page, make_user, make_shoe, make_soreness, sign_in, today_of
) -> None:
    runner = make_user("mia")
    today = today_of(runner)
    shoe = make_shoe(runner, name="Old pair")
    make_soreness(runner, date=today - timedelta(days=1), area="knee", side="right", severity=3)
    sign_in(page, runner)

    page.goto("/shoes/")
    page.get_by_role("link", name="Edit Old pair").click()
    page.get_by_label("Name").fill("Old faithful")
    page.get_by_role("button", name="Save shoes").click()
    expect(message(page, "Saved Old faithful.")).to_be_visible()
    page.get_by_role("button", name="Retire Old faithful").click()
    expect(message(page, "Old faithful retired.")).to_be_visible()
    page.get_by_text("Retired pairs (1)").click()
    page.get_by_role("button", name="Use again Old faithful").click()
    expect(message(page, "Old faithful is back in use.")).to_be_visible()
    page.goto(f"/shoes/{shoe.pk}/edit/")
    page.get_by_role("link", name="Delete this pair").click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(message(page, "Deleted Old faithful.")).to_be_visible()

    page.goto("/soreness/")
    page.get_by_role("button", name="No pain today").click()
    expect(message(page, "No pain today: recorded 0/10 for knee right.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Edit Knee \(right\) 0\/10")).click()
    page.get_by_label("Severity (0-10)").fill("1")
    page.get_by_role("button", name="Save check-in").click()
    expect(message(page, "Check-in updated.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Delete Knee \(right\) 1\/10")).click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(message(page, "Deleted: Knee (right) 1/10")).to_be_visible()

    # A form with a mistake says so at the top, and at the field.
    page.goto("/sessions/add/")
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_role("alert")).to_contain_text("Please fix the fields marked below.")
    expect(page.get_by_text("Give the distance of a run or a walk.")).to_be_visible()


def test_it_shows_styled_error_pages_with_debug_off(
    page: Page, make_user, sign_in, settings, monkeypatch
) -> None:
    assert settings.DEBUG is False  # as in production: Django's own pages are off
    sign_in(page, make_user("ned"))

    response = page.goto("/sessions/987654/")
    assert response is not None and response.status == 404
    expect(page).to_have_title("Page not found · Stridewise")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_styled(page)
    page.get_by_role("link", name="Back to your log").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    # 403, the way a runner meets it: a form left open until the session is gone.
    page.goto("/sessions/add/")
    page.context.clear_cookies()
    page.get_by_label("Distance (km)").fill("5")
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_role("heading", name="This form has expired")).to_be_visible()
    assert_styled(page)

    # PermissionDenied, a server error and a lost database, raised inside a view.
    import tracker.views.warnings as rules_view

    for error, status, heading in (
        (PermissionDenied(), 403, "Not allowed"),
        (RuntimeError("boom"), 500, "Something went wrong"),
        (OperationalError("database is away"), 503, "Back in a moment"),
    ):

        def fail(*args, _error=error, **kwargs):
            raise _error

        monkeypatch.setattr(rules_view, "render", fail)
        response = page.goto("/rules/")
        assert response is not None and response.status == status, heading
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        assert "boom" not in page.content()
        assert_styled(page)


def test_it_says_what_to_do_next_on_every_empty_page(page: Page, make_user, sign_in) -> None:
    sign_in(page, make_user("ola"))
    for path, says, action in (
        ("/sessions/", "No sessions yet.", "Log a session"),
        ("/soreness/", "No check-ins yet.", "Check in now"),
        ("/shoes/", "No shoes yet.", "Add a pair"),
        ("/dashboard/", "No runs in this range.", "Log a session"),
    ):
        page.goto(path)
        empty = page.locator(".card, .alert").filter(has_text=says).first
        expect(empty, path).to_be_visible()
        expect(empty.get_by_role("link", name=action).first).to_be_visible()
    page.goto("/warnings/")
    expect(page.get_by_text("Nothing active")).to_be_visible()
    expect(page.get_by_text("No warning has ever been raised by your log.")).to_be_visible()

    # And the next step works: the empty shoe list leads to the form.
    page.goto("/shoes/")
    page.locator(".card").get_by_role("link", name="Add a pair").click()
    expect(page.get_by_role("heading", name="Add a pair of shoes")).to_be_visible()


def test_it_serves_the_favicon(page: Page) -> None:
    page.goto("/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href is not None
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in response.body()


def test_it_shows_distances_and_dates_in_the_runners_units_and_zone(
    page: Page, make_user, make_session, make_shoe, sign_in, today_of, console_errors
) -> None:
    # UTC+14: for most of the day this runner's date is a day ahead of the server's.
    runner = make_user("pia", units="mi", time_zone="Pacific/Kiritimati")
    today = today_of(runner)
    shoe = make_shoe(runner, name="Road pair", limit_km=800)
    session = make_session(runner, date=today, distance_km=Decimal("16.0934"), shoe=shoe)
    sign_in(page, runner)
    page.goto("/dashboard/")

    expect(page.locator("main .lead")).to_contain_text("10.0 mi of running in 1 session.")
    page.goto("/sessions/")
    row = page.locator("tbody tr[data-session]").first
    expect(row).to_contain_text(f"{today:%a} {today.day} {today:%b %Y}")
    expect(row).to_contain_text("10.0 mi")
    page.goto(f"/sessions/{session.pk}/")
    expect(page.locator("dl")).to_contain_text("10.0 mi")
    page.goto("/shoes/")
    expect(page.get_by_test_id("shoe-used")).to_have_text("10.0 mi")
    # A limit is a whole number in the runner's units, as the form takes it.
    expect(page.locator(".card").first).to_contain_text("of 497 mi")

    # The form counts in miles and offers the runner's today, not the server's.
    page.goto("/sessions/add/")
    expect(page.get_by_label("Distance (mi)")).to_be_visible()
    expect(page.get_by_label("Date")).to_have_value(today.isoformat())
    expect(page.get_by_label("Date")).to_have_attribute("max", today.isoformat())
    assert console_errors == []


def test_it_follows_the_systems_colour_scheme(
    page: Page, dark_page: Page, seasoned_runner, sign_in, console_errors
) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "light")

    sign_in(dark_page, seasoned_runner)
    for path in ("/dashboard/", "/warnings/", "/sessions/add/"):
        dark_page.goto(path)
        expect(dark_page.locator("html")).to_have_attribute("data-bs-theme", "dark")
        expect(dark_page.locator("body")).to_have_css("background-color", "rgb(33, 37, 41)")
    # The charts take the page's text colour, not plotly's default black.
    dark_page.goto("/dashboard/")
    chart = dark_page.locator("[data-chart]").first
    expect(chart).to_have_attribute("data-drawn", "true")
    tick = chart.locator(".xtick text").first
    expect(tick).not_to_have_css("fill", re.compile(r"rgb\(68, 68, 68\)|rgb\(0, 0, 0\)"))
    assert console_errors == []
    # Error pages follow the system too.
    dark_page.goto("/no-such-page/")
    expect(dark_page.locator("html")).to_have_attribute("data-bs-theme", "dark")
