"""Read-only sharing in a browser: the runner makes a share, a viewer with no account
opens it in a fresh browser, the runner revokes it, the viewer's reload is a 404.
The Sharing page and the shared pages are axe-clean and fit a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import open_fully
from test_phone import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)


def _make_share(page: Page, label: str = "Physio Anna", covers: str = "Everything") -> str:
    page.goto("/accounts/profile/")
    page.get_by_role("link", name=re.compile("^Sharing")).click()
    page.get_by_label("Who it is for").fill(label)
    page.get_by_label(covers).check()
    page.get_by_label("30 days").check()
    page.get_by_role("button", name="Make the link").click()
    link = page.get_by_test_id("share-link")
    expect(link).to_be_visible()
    # The Copy button is the static script's (hidden without it).
    expect(page.get_by_role("button", name="Copy the link")).to_be_visible()
    return link.input_value()


def test_a_share_is_made_opened_revoked_and_then_a_404(
    browser, live_server, page: Page, seasoned_runner, sign_in, console_errors
):
    sign_in(page, seasoned_runner)
    link = _make_share(page)
    assert link.startswith(live_server.url + "/s/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the link").click()
    expect(page.get_by_text("Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link

    # A fresh browser context: no account, no cookie.
    viewer_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    viewer = viewer_context.new_page()
    try:
        response = viewer.goto(link)
        assert response is not None and response.status == 200
        assert re.search(r"/shared/\d+/$", viewer.url)  # the token left the address bar
        expect(viewer.get_by_test_id("share-banner")).to_contain_text("sam's running log")
        expect(viewer.get_by_test_id("share-banner")).to_contain_text("until")
        expect(viewer.get_by_role("heading", name="The last 7 days")).to_be_visible()
        expect(viewer.locator("[data-chart]").first).to_have_attribute("data-drawn", "true")
        assert viewer.get_by_role("button", name="Mark as seen").count() == 0
        assert viewer.get_by_role("link", name="Log a session").count() == 0
        viewer.get_by_role("link", name="Calendar").click()
        expect(viewer.get_by_role("navigation", name="Months")).to_be_visible()

        # The runner sees it was opened, and revokes it.
        page.goto("/accounts/sharing/")
        expect(page.get_by_text("last opened")).to_be_visible()
        page.get_by_role("button", name=re.compile(r"^Revoke\W+Physio Anna")).click()
        expect(page.get_by_text("Revoked: Physio Anna.")).to_be_visible()

        again = viewer.reload()
        assert again is not None and again.status == 404
        gone = viewer.goto(link)
        assert gone is not None and gone.status == 404
    finally:
        viewer_context.close()
    assert console_errors == []


def test_the_sharing_page_and_shared_pages_are_axe_clean_and_fit_a_phone(
    browser, live_server, phone_page: Page, seasoned_runner, sign_in, axe_violations, today_of
):
    sign_in(phone_page, seasoned_runner)
    link = _make_share(phone_page, label="Coach", covers="Pain and load only")
    found = axe_violations(phone_page)
    assert_fits_a_phone(phone_page)
    phone_page.goto("/accounts/sharing/")
    found += axe_violations(phone_page)
    assert_fits_a_phone(phone_page)

    viewer_context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 390, "height": 844}
    )
    viewer = viewer_context.new_page()
    try:
        viewer.goto(link)
        home = viewer.url
        today = today_of(seasoned_runner)
        for path in (
            home,
            home + "calendar/",
            home + f"calendar/{today.year}/{today.month}/{today.day}/",
            home + "warnings/",
            home + "report/",
        ):
            open_fully(viewer, path)
            found += axe_violations(viewer)
            assert_fits_a_phone(viewer)
    finally:
        viewer_context.close()
    assert found == [], "\n".join(found)
