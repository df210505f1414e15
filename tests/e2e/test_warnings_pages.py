"""The warnings, the rules page and the urgent banner in a browser: what a runner
reads must not overlap, and must not bury the page on a phone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_phone import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_HEIGHT = 844

# The boxes of a rule card's blocks, top to bottom: each must end above the next.
BLOCKS = """
() => [...document.querySelectorAll(".rule-card")].map((card) => ({
  rule: card.id,
  boxes: [...card.querySelectorAll(
    ".card-body > h3, .card-body > p, .source-quote, .source-ref"
  )].map((el) => {
    const box = el.getBoundingClientRect();
    return { what: el.className || el.tagName, top: box.top, bottom: box.bottom,
             left: box.left, right: box.right };
  }),
}))
"""


def _overlaps(cards: list[dict]) -> list[str]:
    found = []
    for card in cards:
        boxes = card["boxes"]
        for above, below in pairwise(boxes):
            if below["top"] < above["bottom"] - 0.5:
                found.append(f"{card['rule']}: {below['what']} over {above['what']}")
    return found


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_rules_page_prints_no_quote_over_another_line(
    page: Page, phone_page: Page, phone: bool
) -> None:
    tab = phone_page if phone else page
    tab.goto("/rules/")
    expect(tab.locator(".rule-card").first).to_be_visible()
    cards = tab.evaluate(BLOCKS)
    assert len(cards) == 24 and all(len(card["boxes"]) >= 6 for card in cards)
    assert _overlaps(cards) == []
    # The documents by their titles, the file as a small reference.
    expect(tab.get_by_text("Why do my calves hurt after or during running?").first).to_be_visible()
    if phone:
        assert_fits_a_phone(tab)


def test_the_rules_page_speaks_miles_to_a_miles_runner(page: Page, make_user, sign_in) -> None:
    sign_in(page, make_user("mia", units="mi"))
    page.goto("/rules/#volume-jump")
    card = page.locator("#volume-jump")
    expect(card).to_contain_text("at least 3.1 mi above")
    expect(card).not_to_contain_text(" km")


def _urgent_and_busy_runner(make_user, today_of):
    """Two urgent rules (acute shin pain, then three runs on it) and a year of
    history: a runner whose warnings page used to run to many screens."""
    from tracker.models import Session, Soreness

    runner = make_user("una")
    today = today_of(runner)
    Session.objects.bulk_create(
        Session(
            user=runner,
            date=today - timedelta(days=day),
            activity="run",
            distance_km=Decimal(8),
            stopped=day % 9 == 0,  # a history row every ninth day
            fast_pct=45 if day % 13 == 0 else None,
        )
        for day in range(360, 0, -1)
    )
    Soreness.objects.create(
        user=runner, date=today - timedelta(days=4), area="shin", side="right", severity=8
    )
    Soreness.objects.create(
        user=runner,
        date=today - timedelta(days=3),
        area="calf",
        side="left",
        severity=6,
        kind="sharp",
    )
    return runner


def test_the_warnings_page_and_banner_stay_short_on_a_phone(
    phone_page: Page, make_user, sign_in, today_of
) -> None:
    sign_in(phone_page, _urgent_and_busy_runner(make_user, today_of))
    phone_page.goto("/warnings/")
    banner = phone_page.get_by_role("alert").filter(has_text="Urgent:")
    expect(banner).to_be_visible()
    # One line per rule, with a count, not one per run.
    expect(banner.get_by_role("link", name="Running on acute pain, 3 times")).to_have_count(1)
    expect(banner.get_by_role("link", name="Acute pain, 2 times")).to_have_count(1)
    box = banner.bounding_box()
    assert box is not None and box["height"] <= PHONE_HEIGHT / 4, box
    # The history: a line a flag, details closed, twenty to a page.
    rows = phone_page.locator(".flag-row")
    expect(rows).to_have_count(20)
    expect(rows.first.locator(".flag-row-body")).to_be_hidden()
    height = phone_page.evaluate("document.documentElement.scrollHeight")
    assert height <= 5 * PHONE_HEIGHT, height
    # Nothing active appears in the history too.
    active = phone_page.locator("section").filter(
        has=phone_page.get_by_role("heading", name="Active now")
    )
    for rule in ("acute-pain", "training-through-pain"):
        expect(active.locator(f'[data-rule="{rule}"]').first).to_be_visible()
        expect(rows.and_(phone_page.locator(f'[data-rule="{rule}"]'))).to_have_count(0)
    rows.first.locator("summary").click()
    expect(rows.first.locator(".flag-row-body")).to_be_visible()
    assert_fits_a_phone(phone_page)
