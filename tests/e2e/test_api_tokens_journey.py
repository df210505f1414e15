"""API tokens in a browser: make one on the settings page (shown once, copied), a
script uses it, the docs page draws under the site's Content-Security-Policy from
local files, and after a confirmed revoke the token is refused."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_token_is_made_used_documented_and_revoked(
    live_server, page: Page, seasoned_runner, sign_in, console_errors
):
    sign_in(page, seasoned_runner)
    page.goto("/accounts/profile/")
    page.get_by_role("link", name=re.compile("^API tokens")).click()
    page.get_by_label("What it is for").fill("Backup script")
    page.get_by_label("Read and write").check()
    page.get_by_label("30 days").check()
    page.get_by_role("button", name="Make the token").click()
    field = page.get_by_test_id("api-token")
    expect(field).to_be_visible()
    token = field.input_value()
    assert token.startswith("sw_")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the token").click()
    expect(page.get_by_text("Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == token

    # A script: no cookie, the token only.
    script = page.context.request
    headers = {"Authorization": f"Bearer {token}"}
    listed = script.get(f"{live_server.url}/api/v1/sessions", headers=headers)
    assert listed.status == 200
    assert listed.json()["count"] > 0

    # The docs page: Swagger UI from this server's static files, no CSP violation.
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Stridewise API")
    expect(page.get_by_text("/api/v1/sessions/{id}").first).to_be_visible()
    assert requests and all(url.startswith(live_server.url) for url in requests), requests

    # Revoke, after the confirmation page.
    page.goto("/accounts/api-tokens/")
    page.get_by_role("link", name=re.compile(r"^Revoke\W+Backup script")).click()
    expect(page.get_by_role("heading", name=re.compile("Revoke “Backup script”"))).to_be_visible()
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_text("Revoked: Backup script.")).to_be_visible()
    expect(page.get_by_text("Revoked on")).to_be_visible()
    refused = script.get(f"{live_server.url}/api/v1/sessions", headers=headers)
    assert refused.status == 401
    assert console_errors == []
