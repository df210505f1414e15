"""Keyboard and screen readers: axe-core on every page a runner uses, a session
logged with the keyboard alone, and the numbers behind every chart as a table."""

from __future__ import annotations

import contextlib
import re

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = ("/", "/accounts/login/", "/accounts/signup/", "/rules/")


def _api_token(runner):
    from django.utils import timezone

    from tracker.api.tokens import create_token

    return create_token(runner, label="Script", scope="read", days=30, now=timezone.now())[0]


def runner_pages(runner) -> list[str]:
    """Every page a logged-in runner uses, with the runner's own ids."""
    session = runner.training_sessions.order_by("-date").first()
    entry = runner.soreness.first()
    shoe = runner.shoes.first()
    pages = [
        "/dashboard/",
        "/sessions/",
        "/sessions/add/",
        f"/sessions/{session.pk}/",
        f"/sessions/{session.pk}/edit/",
        f"/sessions/{session.pk}/delete/",
        "/calendar/",
        f"/calendar/{session.date.year}/{session.date.month}/{session.date.day}/",
        "/soreness/",
        "/soreness/add/",
        f"/soreness/{entry.pk}/edit/",
        "/weekly/",
        "/shoes/",
        "/shoes/add/",
        f"/shoes/{shoe.pk}/edit/",
        "/warnings/",
        "/rules/",
        "/accounts/profile/",
        "/accounts/password_change/",
        "/accounts/delete/",
        "/accounts/api-tokens/",
        reverse("api_token_revoke", args=[_api_token(runner).pk]),
    ]
    # The import page, once that part of the app is there (export is a download).
    with contextlib.suppress(NoReverseMatch):
        pages.append(reverse("import"))
    return pages


def open_fully(page: Page, path: str) -> None:
    """Load a page with everything a runner could reveal on it: charts drawn,
    every <details> open (the rule's quote, "Show the numbers")."""
    page.goto(path)
    charts = page.locator("[data-chart]")
    for chart in charts.all():
        expect(chart).to_have_attribute("data-drawn", "true")
    page.evaluate("document.querySelectorAll('details').forEach((d) => d.open = true)")


def test_it_finds_no_serious_axe_violation_on_the_public_pages(page: Page, axe_violations):
    found = []
    for path in PUBLIC_PAGES:
        open_fully(page, path)
        found += axe_violations(page)
    assert found == []


def test_it_finds_no_serious_axe_violation_on_a_runners_pages(
    page: Page, seasoned_runner, sign_in, axe_violations
):
    sign_in(page, seasoned_runner)
    found = []
    for path in runner_pages(seasoned_runner):
        open_fully(page, path)
        found += axe_violations(page)
    assert found == [], "\n".join(found)


def test_it_finds_no_serious_axe_violation_in_dark_mode(
    dark_page: Page, seasoned_runner, sign_in, axe_violations
):
    """Contrast is checked again with the system in dark mode (theme.js follows it)."""
    sign_in(dark_page, seasoned_runner)
    found = []
    for path in (
        "/dashboard/",
        "/warnings/",
        "/sessions/add/",
        "/soreness/",
        "/shoes/",
        "/calendar/",
    ):
        open_fully(dark_page, path)
        expect(dark_page.locator("html")).to_have_attribute("data-bs-theme", "dark")
        found += axe_violations(dark_page)
    assert found == [], "\n".join(found)


def test_it_gives_every_chart_its_numbers_as_a_table(page: Page, seasoned_runner, sign_in):
    sign_in(page, seasoned_runner)
    page.goto("/dashboard/")
    cards = page.locator("section.card:has([data-chart])")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 3
    for card in cards.all():
        # The chart names itself and points to its table; the table has a caption
        # and header cells, behind "Show the numbers".
        expect(card.locator("[data-chart]")).to_have_attribute("aria-label", re.compile("table"))
        card.get_by_text("Show the numbers").click()
        table = card.get_by_role("table")
        expect(table).to_be_visible()
        expect(table.locator("caption")).not_to_be_empty()
        expect(table.get_by_role("columnheader").first).to_be_visible()
        expect(table.locator("tbody tr").first).to_be_visible()


def focused(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {id: el.id, tag: el.tagName.toLowerCase(),
                    text: (el.innerText || el.value || "").trim()};
        }"""
    )


def tab_to(page: Page, matches, limit: int = 60) -> None:
    """Press Tab until the focused element matches; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if matches(focused(page)):
            return
    raise AssertionError(f"Tab never reached the element; last focus: {focused(page)}")


def test_it_logs_a_session_with_the_keyboard_alone(
    page: Page, make_user, make_shoe, today_of
) -> None:
    runner = make_user("kai")
    make_shoe(runner, name="Daily trainers")
    today = today_of(runner)

    # Log in: Tab to each field, type, Enter.
    page.goto("/accounts/login/")
    tab_to(page, lambda el: el["id"] == "id_username")
    page.keyboard.type("kai")
    page.keyboard.press("Tab")
    page.keyboard.type("a-long-passphrase-42")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    # Keys pressed while the dashboard still loads its chart scripts can be lost on
    # a busy machine; a person would see the page first. (An event, not a sleep.)
    page.wait_for_load_state("load")

    # The skip link is the first stop and takes focus past the menu.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    # From the dashboard's own "Log a session" button to the form.
    tab_to(page, lambda el: el["tag"] == "a" and el["text"] == "Log a session")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Log a session")).to_be_visible()

    # The date is today already; the activity is a run. Distance and duration:
    tab_to(page, lambda el: el["id"] == "id_distance")
    page.keyboard.type("7.5")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_duration_min"
    page.keyboard.type("42")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_pace"  # or the pace instead: left empty
    # A focused select picks the option whose name is typed.
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_surface"
    page.keyboard.type("trai")
    expect(page.locator("#id_surface")).to_have_value("trail")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_shoe"
    page.keyboard.type("Daily")
    expect(page.locator("#id_shoe option:checked")).to_have_text("Daily trainers")
    tab_to(page, lambda el: el["id"] == "id_rpe")
    page.keyboard.type("6")
    tab_to(page, lambda el: el["id"] == "id_notes")
    page.keyboard.type("Easy loop, keyboard only.")
    # The save button, pressed with Space.
    tab_to(page, lambda el: el["tag"] == "button" and el["text"] == "Save session")
    page.keyboard.press("Space")

    expect(page.get_by_role("status").filter(has_text="Saved: Run on")).to_be_visible()
    details = page.locator("dl")
    expect(details).to_contain_text("7.5 km")
    expect(details).to_contain_text("42:00")
    expect(details).to_contain_text("Trail")
    expect(details).to_contain_text("Daily trainers")
    expect(details).to_contain_text("6/10")
    expect(details).to_contain_text("Easy loop, keyboard only.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{today:%-d %b %Y}")
