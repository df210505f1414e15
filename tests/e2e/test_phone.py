"""Phone first: the pages a runner opens after a run, at 390 x 844.

On each page: nothing scrolls sideways, and every tap target is at least 44 px
high. What counts as a tap target is written out in TAP_TARGETS below; links in
running text are exempt, as WCAG 2.5.8 exempts targets "in a sentence" (its inline
exception) — they are sized by the line of text they sit in.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

MIN_TARGET_PX = 44

# Buttons, links styled as buttons (Bootstrap's .btn, nav and pagination links, the
# brand), form fields and disclosure toggles. A checkbox or radio is measured with
# its label: .form-check makes the whole row the target, as clicking the label
# toggles the box.
TAP_TARGETS = """
(minimum) => {
  const selector = [
    "button", "[role=button]", "input[type=submit]", "input[type=button]",
    "a.btn", "a.nav-link", "a.page-link", "a.navbar-brand",
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio])",
    "select", "textarea", "summary", ".form-check",
  ].join(",");
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
  };
  const describe = (el) => {
    const classes = [...el.classList].map((name) => "." + name).join("");
    const text = el.innerText || el.value || el.getAttribute("aria-label") || "";
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes +
      ' "' + text.trim().slice(0, 40) + '"';
  };
  // Plotly's own mode bar is a tool for the mouse; the chart's numbers are in the
  // table under it, which is reachable on a phone.
  return [...document.querySelectorAll(selector)]
    .filter((el) => !el.closest(".modebar") && visible(el))
    .map((el) => [describe(el), Math.round(el.getBoundingClientRect().height * 10) / 10])
    .filter(([, height]) => height < minimum);
}
"""

NO_SIDEWAYS_SCROLL = """
() => {
  const root = document.documentElement;
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
}
"""


def assert_fits_a_phone(page: Page) -> None:
    widths = page.evaluate(NO_SIDEWAYS_SCROLL)
    assert widths["scrollWidth"] <= widths["clientWidth"], f"{page.url} scrolls sideways: {widths}"
    too_small = page.evaluate(TAP_TARGETS, MIN_TARGET_PX)
    assert too_small == [], f"{page.url}: tap targets under {MIN_TARGET_PX} px: {too_small}"


def open_the_menu(page: Page) -> None:
    """The collapsed menu's links are tap targets too: measure them opened."""
    page.get_by_role("button", name="Show the menu").click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Shoes")
    ).to_be_visible()


def test_it_fits_the_log_a_run_form_on_a_phone(phone_page: Page, seasoned_runner, sign_in) -> None:
    sign_in(phone_page, seasoned_runner)
    phone_page.goto("/sessions/add/")
    expect(phone_page.get_by_role("button", name="Save session", exact=True)).to_be_visible()
    assert_fits_a_phone(phone_page)
    open_the_menu(phone_page)
    assert_fits_a_phone(phone_page)
    # With every field's error showing, the form must still fit.
    phone_page.get_by_label("Distance (km)").fill("")
    phone_page.get_by_label("Pain (0-10)").fill("3")
    phone_page.get_by_role("button", name="Save session", exact=True).click()
    expect(phone_page.get_by_text("Please fix the fields marked below.")).to_be_visible()
    assert_fits_a_phone(phone_page)


def test_it_fits_the_check_in_form_on_a_phone(
    phone_page: Page, seasoned_runner, sign_in, make_soreness, today_of
) -> None:
    # Still sore from yesterday (what was reported today, "No pain today" leaves alone).
    yesterday = today_of(seasoned_runner) - timedelta(days=1)
    make_soreness(seasoned_runner, date=yesterday, area="knee", side="both", severity=3)
    sign_in(phone_page, seasoned_runner)
    phone_page.goto("/soreness/add/")
    expect(phone_page.get_by_role("button", name="Save check-in")).to_be_visible()
    # "No pain today" for the areas still sore is there, above the form.
    expect(phone_page.get_by_role("button", name="No pain today")).to_be_visible()
    assert_fits_a_phone(phone_page)


def test_it_fits_the_warnings_on_a_phone(phone_page: Page, seasoned_runner, sign_in) -> None:
    sign_in(phone_page, seasoned_runner)
    phone_page.goto("/warnings/")
    expect(phone_page.locator('[data-rule="pain-persisting"]').first).to_be_visible()
    expect(phone_page.get_by_role("alert").filter(has_text="Urgent:")).to_be_visible()
    # Open every "Why Stridewise says this": the quotes must wrap, not overflow.
    for summary in phone_page.locator("details > summary").all():
        summary.click()
    assert_fits_a_phone(phone_page)


def test_it_fits_the_dashboard_and_its_charts_on_a_phone(
    phone_page: Page, seasoned_runner, sign_in
) -> None:
    sign_in(phone_page, seasoned_runner)
    phone_page.goto("/dashboard/")
    charts = phone_page.locator("[data-chart]")
    expect(charts.first).to_have_attribute("data-drawn", "true")
    for chart in charts.all():
        expect(chart).to_have_attribute("data-drawn", "true")
    assert_fits_a_phone(phone_page)

    # Each chart is drawn at the width of its card, not at a desktop width.
    sizes = phone_page.evaluate(
        """() => [...document.querySelectorAll("[data-chart]")].map((div) => ({
            chart: div.id,
            div: div.getBoundingClientRect().width,
            svg: div.querySelector(".main-svg").getBoundingClientRect().width,
        }))"""
    )
    viewport = phone_page.viewport_size["width"]
    for size in sizes:
        assert size["div"] <= viewport, size
        assert abs(size["svg"] - size["div"]) <= 2, size

    # And they follow the page when the window changes size (a phone turned sideways).
    phone_page.set_viewport_size({"width": 844, "height": 390})
    phone_page.wait_for_function(
        """() => [...document.querySelectorAll("[data-chart]")].every((div) =>
            Math.abs(div.querySelector(".main-svg").getBoundingClientRect().width
                     - div.getBoundingClientRect().width) <= 2
            && div.getBoundingClientRect().width > 500)"""
    )
    assert_fits_a_phone(phone_page)


def test_it_fits_the_session_list_and_the_calendar_on_a_phone(
    phone_page: Page, seasoned_runner, sign_in
) -> None:
    sign_in(phone_page, seasoned_runner)
    phone_page.goto("/sessions/")
    expect(phone_page.locator(".session-card").first).to_be_visible()
    phone_page.get_by_text("Filter by date, activity or shoe").click()
    assert_fits_a_phone(phone_page)
    phone_page.goto("/calendar/")
    expect(phone_page.locator(".cal-session").first).to_be_visible()
    assert_fits_a_phone(phone_page)
    # Each day is a tap target of its own.
    heights = phone_page.eval_on_selector_all(
        ".cal-link", "links => links.map((a) => a.getBoundingClientRect().height)"
    )
    assert min(heights) >= 44


def test_it_fits_the_weekly_questions_and_the_api_tokens_on_a_phone(
    phone_page: Page, seasoned_runner, sign_in, make_soreness, today_of
) -> None:
    """The pages issues 16 and 17 added: four questions an area, and the tokens list
    with its form."""
    from tracker.models import Profile

    today = today_of(seasoned_runner)
    make_soreness(seasoned_runner, date=today, area="calf", side="left", severity=4)
    # This week's questions are about the 7 days up to its first day: today's, so
    # today's calf is asked about whatever day of the week the suite runs on.
    Profile.objects.filter(user=seasoned_runner).update(week_start=today.weekday())
    sign_in(phone_page, seasoned_runner)
    phone_page.goto("/weekly/")
    expect(phone_page.locator("#ostrc-calf")).to_be_visible()
    assert_fits_a_phone(phone_page)
    phone_page.goto("/accounts/api-tokens/")
    expect(phone_page.get_by_role("heading", level=1)).to_be_visible()
    assert_fits_a_phone(phone_page)
