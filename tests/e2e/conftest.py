"""Browser tests: pytest-django's live server, Playwright driving Debian's chromium.

Never downloads a browser. Without /usr/bin/chromium the whole suite skips with one
line saying how to enable it, except where STRIDEWISE_E2E_REQUIRED is set (CI),
where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("STRIDEWISE_CHROMIUM", "/usr/bin/chromium"))
HOW_TO_ENABLE = (
    f"browser tests skipped: no browser at {CHROMIUM}; `apt-get install -y chromium` enables them"
)
# Flags for a closed network and a root user (see Playwright's docs on containers).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; the ORM calls that the
# tests make to set up data are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    e2e = [item for item in items if here in Path(str(item.fspath)).parents]
    for item in e2e:
        item.add_marker(pytest.mark.e2e)
    if e2e and not CHROMIUM.exists() and not os.environ.get("STRIDEWISE_E2E_REQUIRED"):
        skip = pytest.mark.skip(reason=HOW_TO_ENABLE)
        for item in e2e:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"STRIDEWISE_E2E_REQUIRED is set but {HOW_TO_ENABLE}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class ConsoleErrors(list):
    """Console errors and uncaught page errors seen during a test."""


@pytest.fixture
def console_errors() -> ConsoleErrors:
    return ConsoleErrors()


def _new_page(browser, live_server, console_errors, viewport=None):
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on(
        "console",
        lambda msg: console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    return context, page


@pytest.fixture
def page(browser, live_server, console_errors):
    context, page = _new_page(browser, live_server, console_errors)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, console_errors):
    context, page = _new_page(browser, live_server, console_errors, viewport=PHONE)
    yield page
    context.close()


@pytest.fixture
def log_in():
    """Log a runner in through the real log-in form."""

    def go(page, username: str, password: str = "a-long-passphrase-42") -> None:
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/dashboard/")

    return go
