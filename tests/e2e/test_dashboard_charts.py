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


def week_start(runner, day: date) -> date:
    """The first day of ``runner``'s week holding ``day``, as their pages cut weeks
    (the site's language's Sunday, unless the runner chose a day or a language)."""
    first = runner.profile.first_weekday()
    return day - timedelta(days=(day.weekday() - first) % 7)


def log_with_a_jump(runner, make_session, make_soreness, make_shoe) -> date:
    """Two easy weeks, then a week with twice the distance: a volume-jump flag on
    the current week. Returns that week's first day."""
    today = runner_today(runner.profile)
    this_week = week_start(runner, today)
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


def ten_years(runner) -> None:
    """Runs and check-ins every other day for ten years: "All" is then 121 columns, a
    month each; "6 months" and "1 year" a column a week."""
    from tracker.models import Session, Soreness

    today = runner_today(runner.profile)
    days = range(0, 10 * 365, 2)
    Session.objects.bulk_create(
        Session(
            user=runner,
            date=today - timedelta(days=day),
            activity="run",
            distance_km=Decimal(5 + day % 7),
            surface=("asphalt", "trail", "grass")[day % 3],
            warmup_min=(0, 10)[day % 2],
        )
        for day in days
    )
    Soreness.objects.bulk_create(
        Soreness(
            user=runner,
            date=today - timedelta(days=day),
            area=("calf", "knee", "hamstring")[day % 3],
            side=("left", "right", "both")[day % 3],
            severity=day % 11,
        )
        for day in days
    )


# The heatmap's cells as drawn: the plot's width over its columns, less the gap that
# is really drawn; and whether the image plotly paints the cells into has a pixel.
HEATMAP_CELLS = """async () => {
    const div = document.querySelector('#chart-soreness-plot');
    const trace = div._fullData[0];
    const width = div.querySelector('.nsewdrag').getBBox().width;
    const cell = width / trace.z[0].length - trace.xgap;
    const image = div.querySelector('.hm image');
    const picture = new Image();
    picture.src = image.getAttribute('href');
    await picture.decode();
    const canvas = document.createElement('canvas');
    canvas.width = picture.width;
    canvas.height = picture.height;
    const context = canvas.getContext('2d');
    context.drawImage(picture, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
    return {cell, painted, columns: trace.z[0].length};
}"""
# Every tick label shown on an x axis, and whether it fits inside the figure.
CLIPPED_TICKS = """() => {
    const out = [];
    document.querySelectorAll('[data-chart] .main-svg').forEach((svg) => {
        const box = svg.getBoundingClientRect();
        svg.querySelectorAll('.xtick text').forEach((tick) => {
            const r = tick.getBoundingClientRect();
            if (!tick.textContent || r.width === 0 || getComputedStyle(tick).display === 'none') {
                return;
            }
            if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.right > innerWidth) {
                out.push(tick.textContent + ' ' + r.left + '-' + r.right);
            }
        });
    });
    return out;
}"""


def test_it_shows_the_soreness_cells_and_whole_labels_on_a_phone_at_every_range(
    phone_page: Page, make_user, log_in, console_errors
) -> None:
    """On a phone the plot is about 170 px wide: 181 or 365 day cells with a gap were
    under a pixel each and the chart showed empty; month labels were cut ("Apr 202")."""
    page = phone_page
    runner = make_user("joy")
    ten_years(runner)
    log_in(page, "joy")
    for key in ("12w", "6m", "1y", "all"):
        page.goto(f"/dashboard/?range={key}")
        expect(page.locator("#chart-soreness-plot")).to_have_attribute("data-drawn", "true")
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-chart]')]"
            ".every((div) => div.dataset.drawn === 'true')"
        )
        cells = page.evaluate(HEATMAP_CELLS)
        assert cells["cell"] >= 1, (key, cells)
        assert cells["painted"] > 0, (key, cells)
        assert page.evaluate(CLIPPED_TICKS) == [], key
    # Wide enough, the cells get their gap back.
    page.set_viewport_size({"width": 1200, "height": 844})
    page.wait_for_function(
        "() => document.querySelector('#chart-soreness-plot').data[0].xgap === 1"
    )
    assert page.evaluate(HEATMAP_CELLS)["cell"] >= 3
    assert console_errors == []


def test_it_names_the_week_or_the_month_of_a_column_on_hover(
    page: Page, make_user, log_in, console_errors
) -> None:
    """The figures carry no dates a column (x0 and a step instead): the hover text
    still names the column's week, or its month over long ranges."""
    runner = make_user("kit")
    ten_years(runner)
    log_in(page, "kit")
    today = runner_today(runner.profile)
    hover_centre(page, page.locator("#chart-load-plot .barlayer .point").last)
    this_week = week_start(runner, today)
    expect(page.locator("#chart-load-plot .hoverlayer")).to_contain_text(
        f"Week of {this_week.day} {this_week:%b %Y}"
    )
    page.goto("/dashboard/?range=all")
    expect(page.locator("#chart-load-plot")).to_have_attribute("data-drawn", "true")
    bar = page.locator("#chart-load-plot .barlayer .point").last
    hover_centre(page, bar)
    hover = page.locator("#chart-load-plot .hoverlayer")
    expect(hover).to_contain_text(f"{today:%b %Y}")
    expect(hover).to_contain_text("km")
    cell = page.locator("#chart-soreness-plot .nsewdrag")
    box = cell.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + 5)
    expect(page.locator("#chart-soreness-plot .hoverlayer")).to_contain_text(f"{today:%b %Y}")
    assert console_errors == []


def test_it_logs_a_week_by_effort_and_shows_its_session_load_and_monotony(
    page: Page, make_user, make_session, log_in, console_errors
) -> None:
    """Last week, its first six days: runs and rope jumping, each 60 minutes at
    effort 5 (Hard), two of them logged through the form. Session load 1,800 AU,
    monotony 2.45: the chart's session-load view draws it, the table shows it,
    and the range keeps the view."""
    runner = make_user("eve")
    first = week_start(runner, runner_today(runner.profile)) - timedelta(weeks=1)
    for day in range(2, 6):
        make_session(
            runner,
            date=first + timedelta(days=day),
            activity="jump_rope" if day % 2 else "run",
            distance_km=None if day % 2 else Decimal(6),
            duration_min=Decimal(60),
            rpe=5,
        )
    log_in(page, "eve")
    page.goto("/sessions/add/")
    for day, activity in ((0, "Run"), (1, "Jump rope")):
        page.get_by_label("Date").fill((first + timedelta(days=day)).isoformat())
        page.get_by_label("Activity").select_option(label=activity)
        if activity == "Run":
            page.get_by_label("Distance (km)").fill("6")
        page.get_by_label("Duration").fill("60")
        page.get_by_label("Effort (session RPE)").select_option(label="5 Hard")
        page.get_by_role("button", name="Save and log another").click()
        expect(page.get_by_text("Saved:")).to_be_visible()

    page.goto("/dashboard/?range=12w")
    measure = page.get_by_role("navigation", name="Load chart measure")
    measure.get_by_role("link", name="Session load").click()
    expect(page).to_have_url("/dashboard/?range=12w&load=effort")
    expect(page.locator("#chart-load-plot .main-svg").first).to_be_visible()
    expect(page.locator("#chart-load-plot .ytitle")).to_have_text("Session load (AU)")
    card = page.locator("section.card").filter(has=page.locator("#chart-load-plot"))
    card.get_by_text("Show the numbers").click()
    row = card.locator("tr").filter(has_text="1,800")
    expect(row).to_contain_text("2.45")
    expect(row).to_contain_text("4,409")

    page.get_by_role("navigation", name="Chart range").get_by_role("link", name="6 months").click()
    expect(page).to_have_url("/dashboard/?range=6m&load=effort")
    measure.get_by_role("link", name="Distance").click()
    expect(page).to_have_url("/dashboard/?range=6m")
    assert console_errors == []
