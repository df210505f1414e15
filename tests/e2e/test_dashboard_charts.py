"""The dashboard's charts in a real browser: drawn by plotly from our own files,
under the site's Content-Security-Policy, with hover, toggle, ranges and a phone."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from advice import RULE_CATALOGUE
from tracker.services import runner_today

pytestmark = pytest.mark.django_db(transaction=True)

CHARTS = ("load", "soreness", "surfaces", "shoes", "habits")
VOLUME_JUMP_TITLE = next(r.title for r in RULE_CATALOGUE if r.rule == "volume-jump")


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def log_with_a_jump(runner, make_session, make_soreness, make_shoe) -> date:
    """Two easy weeks, then a week with twice the distance: a volume-jump flag on
    the current week. Returns that week's first day."""
    today = runner_today(runner.profile)
    this_week = week_start(today)
    grey = make_shoe(runner, "<script>alert(1)</script>")
    make_shoe(runner, "Old pair", retired=this_week - timedelta(days=30))
    for weeks_ago, km in ((2, "10"), (1, "10"), (0, "25")):
        make_session(
            runner,
            date=this_week - timedelta(weeks=weeks_ago),
            distance_km=Decimal(km),
            surface="asphalt",
            shoe=grey,
            warmup_min=5,
        )
    make_soreness(runner, date=today, area="calf", side="left", severity=3)
    return this_week


def hover_centre(page: Page, locator) -> None:
    """Move the mouse over an element: plotly listens on a layer above its points,
    so Playwright's own hover() would find the point covered."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_it_draws_every_chart_and_shows_the_flag_on_hover(
    page: Page, make_user, make_session, make_soreness, make_shoe, log_in, console_errors
) -> None:
    runner = make_user("dee")
    log_with_a_jump(runner, make_session, make_soreness, make_shoe)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # Every Content-Security-Policy violation, whatever the console makes of it.
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.cspViolations"
        ".push(e.violatedDirective + ' ' + e.sourceFile + ':' + e.lineNumber));"
    )
    log_in(page, "dee")

    for key in CHARTS:
        expect(page.locator(f"#chart-{key}-plot .main-svg").first).to_be_visible()

    marker = page.locator("#chart-load-plot .scatterlayer .point").first
    expect(marker).to_be_visible()
    hover_centre(page, marker)
    expect(page.locator("#chart-load-plot .hoverlayer")).to_contain_text(VOLUME_JUMP_TITLE)

    # A shoe's name is text on the chart, never markup that runs.
    expect(page.locator("#chart-shoes-plot .ytick")).to_contain_text(["<script>alert(1)</script>"])
    assert dialogs == []
    # plotly must not need an inline style (its rules come from plotly.css).
    assert page.evaluate("window.cspViolations") == []
    assert console_errors == []


def test_it_shows_retired_pairs_on_request(
    page: Page, make_user, make_session, make_soreness, make_shoe, log_in, console_errors
) -> None:
    runner = make_user("eli")
    log_with_a_jump(runner, make_session, make_soreness, make_shoe)
    log_in(page, "eli")

    ticks = page.locator("#chart-shoes-plot .ytick")
    expect(ticks.first).to_be_visible()
    expect(page.locator("#chart-shoes-plot")).not_to_contain_text("Old pair")
    page.get_by_label("Show retired pairs").check()
    expect(ticks.filter(has_text="Old pair")).to_have_count(1)
    page.get_by_label("Show retired pairs").uncheck()
    expect(ticks.filter(has_text="Old pair")).to_have_count(0)
    assert console_errors == []


def test_it_keeps_the_range_in_the_url_and_redraws(
    page: Page, make_user, make_session, make_soreness, make_shoe, log_in, console_errors
) -> None:
    runner = make_user("fay")
    log_with_a_jump(runner, make_session, make_soreness, make_shoe)
    log_in(page, "fay")

    page.get_by_role("navigation", name="Chart range").get_by_role("link", name="6 months").click()
    expect(page).to_have_url("/dashboard/?range=6m")
    current = page.get_by_role("navigation", name="Chart range").locator("[aria-current=page]")
    expect(current).to_have_text("6 months")
    expect(page.locator("#chart-load-plot .main-svg").first).to_be_visible()
    # Every chart has its numbers in a table as well.
    numbers = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Weekly load")
    )
    numbers.get_by_text("Show the numbers").click()
    expect(numbers.locator("tbody tr")).to_have_count(26)
    assert console_errors == []


def test_it_fits_a_phone_and_follows_the_window(
    phone_page: Page, make_user, make_session, make_soreness, make_shoe, log_in, console_errors
) -> None:
    page = phone_page
    runner = make_user("gus")
    log_with_a_jump(runner, make_session, make_soreness, make_shoe)
    log_in(page, "gus")

    svg = page.locator("#chart-load-plot .main-svg").first
    expect(svg).to_be_visible()
    page.wait_for_function(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert svg.bounding_box()["width"] <= 390

    # Wider window, wider chart: plotly's responsive mode follows the page.
    page.set_viewport_size({"width": 1000, "height": 844})
    page.wait_for_function(
        "() => document.querySelector('#chart-load-plot .main-svg')"
        ".getBoundingClientRect().width > 600"
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function(
        "() => document.querySelector('#chart-load-plot .main-svg')"
        ".getBoundingClientRect().width <= 390"
    )
    assert console_errors == []


def test_it_draws_in_the_dark_colour_scheme(
    page: Page, make_user, make_session, make_soreness, make_shoe, log_in, console_errors
) -> None:
    runner = make_user("hal")
    log_with_a_jump(runner, make_session, make_soreness, make_shoe)
    log_in(page, "hal")
    expect(page.locator("#chart-load-plot .main-svg").first).to_be_visible()

    page.emulate_media(color_scheme="dark")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    # The axis labels take the page's (light) text colour; the paper stays transparent.
    page.wait_for_function(
        """() => {
            const tick = document.querySelector('#chart-load-plot .xtick text');
            const body = getComputedStyle(document.body).color;
            return tick && getComputedStyle(tick).fill === body;
        }"""
    )
    background = page.locator("#chart-load-plot .main-svg").first.evaluate(
        "svg => getComputedStyle(svg).backgroundColor"
    )
    assert background in ("rgba(0, 0, 0, 0)", "transparent")
    assert console_errors == []


def test_it_tells_a_new_runner_where_to_start(
    page: Page, make_user, log_in, console_errors
) -> None:
    make_user("ivy")
    log_in(page, "ivy")
    weekly = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Weekly load")
    )
    expect(weekly.get_by_role("link", name="Log a session")).to_be_visible()
    soreness = page.locator("section.card").filter(has=page.get_by_role("heading", name="Soreness"))
    expect(soreness.get_by_role("link", name="Check in")).to_be_visible()
    shoes = page.locator("section.card").filter(has=page.get_by_role("heading", name="Shoes"))
    expect(shoes.get_by_role("link", name="Add a pair")).to_be_visible()
    expect(page.locator(".main-svg")).to_have_count(0)
    assert console_errors == []
