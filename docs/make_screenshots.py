"""Render the README's screenshots from the demo runner's log.

    .venv/bin/python docs/make_screenshots.py [--out docs/screenshots]

Builds a throwaway SQLite database in a temporary folder (migrate, then
``seed_demo --user demo --years 1 --seed 7``), serves it with ``runserver`` on a
free port of 127.0.0.1, and drives Debian's chromium through Playwright over the
dashboard, the warnings, the calendar, the log form and the check-in form, at desktop
(1280 x 900) and phone (390 x 844) sizes, and the charts once more in dark mode on
the desktop. Nothing outside the temporary folder and
the output folder is touched; the server is stopped whatever happens.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("STRIDEWISE_CHROMIUM", "/usr/bin/chromium"))
USER, PASSWORD = "demo", "demo-runner-screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SERVER_START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict[str, str]) -> None:
    # Quiet: seed_demo's "log in at ..." names a port that is not this server's.
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@contextmanager
def demo_server(data_dir: Path) -> Iterator[str]:
    """A server with the demo runner's year of training; yields its base URL."""
    env = {
        **os.environ,
        "STRIDEWISE_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'screenshots.sqlite3'}",
        # runserver serves the static files itself only in debug mode; the pages
        # look the same either way.
        "DEBUG": "true",
        "SECRET_KEY": "screenshots-only-not-secret",
    }
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage(
        "seed_demo", "--user", USER, "--years", "1", "--seed", "7", "--password", PASSWORD, env=env
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # runserver logs every request to stderr: into a file, so no pipe fills and stalls it.
    log = (data_dir / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(url, server, data_dir / "server.log")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped before it answered:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/rules/", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.25)  # a script polling a process it started, not a test
    raise SystemExit(f"the server did not answer within {SERVER_START_SECONDS} s")


def charts_drawn(page: Any) -> None:
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every((d) => d.dataset.drawn)"
    )


def scroll_to_trends(page: Any) -> None:
    charts_drawn(page)
    page.evaluate(
        "window.scrollTo(0, document.getElementById('trends-heading')"
        ".getBoundingClientRect().top + window.scrollY - 16)"
    )


# name -> (path, what to wait for or do before the picture)
SHOTS: dict[str, tuple[str, Callable[[Any], None]]] = {
    "dashboard": ("/dashboard/", charts_drawn),
    "dashboard-charts": ("/dashboard/", scroll_to_trends),
    "warnings": ("/warnings/", lambda page: None),
    "calendar": ("/calendar/", lambda page: None),
    "log-a-session": ("/sessions/add/", lambda page: None),
    "check-in": ("/soreness/add/", lambda page: None),
}


# (size, colour scheme, browser language, pictures): dark mode once, where it shows
# most, the charts; Russian (from the browser's Accept-Language) for two pages.
RUNS = [
    ("desktop", "light", "en-GB", tuple(SHOTS)),
    ("desktop", "dark", "en-GB", ("dashboard-charts",)),
    ("phone", "light", "en-GB", tuple(SHOTS)),
    ("desktop", "light", "ru-RU", ("dashboard", "warnings")),
]


def log_in(page: Any) -> None:
    page.goto("/accounts/login/")
    # By the fields' ids: their labels are in the browser's language.
    page.locator("#id_username").fill(USER)
    page.locator("#id_password").fill(PASSWORD)
    page.locator('form:has(#id_username) button[type="submit"]').click()
    page.wait_for_url("**/dashboard/")


def take(url: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for size, scheme, locale, names in RUNS:
                context = browser.new_context(
                    base_url=url, viewport=SIZES[size], locale=locale, color_scheme=scheme
                )
                page = context.new_page()
                log_in(page)
                for name in names:
                    path, prepare = SHOTS[name]
                    page.goto(path)
                    prepare(page)
                    suffix = ("-dark" if scheme == "dark" else "") + (
                        "" if locale.startswith("en") else "-" + locale[:2]
                    )
                    target = out / f"{name}-{size}{suffix}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"no browser at {CHROMIUM}; `apt-get install -y chromium` gives one")
    args.out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="stridewise-screenshots-") as tmp,
        demo_server(Path(tmp)) as url,
    ):
        for path in take(url, args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
