"""The pages issue 12 added, in a browser: the edit that lost a race to another
tab, and the account deletion page (axe-clean, and whole on a phone)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from test_phone import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_shows_an_edit_that_another_tab_overtook_and_saves_it_on_purpose(
    phone_page: Page, seasoned_runner, sign_in, axe_violations
) -> None:
    sign_in(phone_page, seasoned_runner)
    session = seasoned_runner.training_sessions.order_by("-date").first()
    path = f"/sessions/{session.pk}/edit/"
    first = phone_page
    second = phone_page.context.new_page()
    first.goto(path)
    second.goto(path)

    first.get_by_label("Notes").fill("Saved from the first tab")
    first.get_by_role("button", name="Save session", exact=True).click()
    expect(first.get_by_text("Saved from the first tab")).to_be_visible()

    second.get_by_label("Notes").fill("Typed in the second tab")
    second.get_by_role("button", name="Save session", exact=True).click()
    expect(second.get_by_text("Changed in another tab or window.")).to_be_visible()
    table = second.get_by_role("table", name="Where the saved entry and this page differ")
    expect(table.get_by_role("row", name="Notes")).to_contain_text("Saved from the first tab")
    expect(table.get_by_role("row", name="Notes")).to_contain_text("Typed in the second tab")
    assert_fits_a_phone(second)
    assert axe_violations(second) == []
    session.refresh_from_db()
    assert session.notes == "Saved from the first tab"  # nothing saved by the stale page

    second.get_by_role("button", name="Save session", exact=True).click()
    expect(second.get_by_text("Typed in the second tab")).to_be_visible()
    session.refresh_from_db()
    assert session.notes == "Typed in the second tab"


def test_it_offers_the_export_before_deleting_an_account(
    phone_page: Page, seasoned_runner, sign_in, axe_violations
) -> None:
    sign_in(phone_page, seasoned_runner)
    phone_page.goto("/accounts/delete/")
    expect(
        phone_page.get_by_role("link", name="Download my data (zip of CSV files)")
    ).to_be_visible()
    assert_fits_a_phone(phone_page)
    assert axe_violations(phone_page) == []
