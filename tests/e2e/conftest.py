"""Browser tests: pytest-django's live server, Playwright driving Debian's chromium.

Never downloads a browser. Without /usr/bin/chromium the whole suite skips with one
line saying how to enable it, except where STRIDEWISE_E2E_REQUIRED is set (CI),
where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, nullcontext
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from file_db import file_db_env, start_worker, stop_worker

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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    e2e = [item for item in items if _is_browser_test(item)]
    for item in e2e:
        item.add_marker(pytest.mark.e2e)
    if e2e and not CHROMIUM.exists() and not os.environ.get("STRIDEWISE_E2E_REQUIRED"):
        skip = pytest.mark.skip(reason=HOW_TO_ENABLE)
        for item in e2e:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """One line, whatever the -r options, when the browser tests could not run.

    Counted from the skip reports, which reach this process from xdist workers too.
    """
    reports = terminalreporter.stats.get("skipped", [])
    skipped = sum(1 for report in reports if HOW_TO_ENABLE in str(report.longrepr))
    if skipped:
        terminalreporter.write_line(f"{skipped} {HOW_TO_ENABLE}", yellow=True)


class _Chromium:
    """One chromium for a run of browser tests, stopped as soon as the run leaves them.

    While Playwright's sync API is alive it keeps an event loop running in this
    thread, and Django then refuses ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
    The browser tests' own ORM calls (test data) are synchronous and safe; but the
    rest of the suite, and the subprocesses it starts (`check --deploy` warns about
    that variable), must see neither, so both live only while browser tests run.
    """

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self._previous_env: str | None = None

    def get(self) -> Any:
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._previous_env = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        return self._browser

    def stop(self) -> None:
        if self._playwright is None:
            return
        try:
            self._browser.close()
            self._playwright.stop()
        finally:
            self._playwright = self._browser = None
            if self._previous_env is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self._previous_env


_chromium = _Chromium()


def _is_browser_test(item: pytest.Item | None) -> bool:
    return item is not None and Path(__file__).parent in Path(str(item.fspath)).parents


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    # After the test's own teardown (the database flush still runs with the browser
    # up), and after the session's when this was the last test of all.
    result = yield
    if not _is_browser_test(nextitem):
        _chromium.stop()
    return result


def pytest_sessionfinish(session: pytest.Session) -> None:
    _chromium.stop()


@pytest.fixture
def browser() -> Any:
    if not CHROMIUM.exists():
        pytest.fail(f"STRIDEWISE_E2E_REQUIRED is set but {HOW_TO_ENABLE}")
    return _chromium.get()


class ConsoleErrors(list):
    """Console errors and uncaught page errors seen during a test."""


@pytest.fixture
def console_errors() -> ConsoleErrors:
    return ConsoleErrors()


def _new_page(browser, live_server, console_errors, viewport=None, **options: Any):
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, locale="en-GB", **options
    )
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


@contextmanager
def _database_file_for_this_process(path: Path) -> Iterator[dict[str, Any]]:
    """This process's ``default`` database moved, for the block, from the suite's
    in-memory test database to a file copy of it, which other processes can open.

    The test's thread gets a connection to the file, and so does every thread
    opened meanwhile (they build theirs from ``connections.settings``); the
    in-memory database stays open, untouched, and is back when the block ends.
    """
    from django.db import connections

    memory = connections["default"]
    memory.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        memory.connection.backup(target)  # the migrated, empty schema, in milliseconds
    in_memory = connections.settings["default"]
    on_file = {**in_memory, "NAME": str(path)}
    connections.settings["default"] = on_file
    connections["default"] = file_connection = type(memory)(on_file, "default")
    try:
        yield on_file
    finally:
        file_connection.close()
        connections["default"] = memory
        connections.settings["default"] = in_memory


def _database_url(database: dict[str, Any]) -> str:
    """DATABASE_URL for a child process on the same database as this one."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database["HOST"] or "localhost"
    return f"postgres://{credentials}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


class WorkerSite:
    """A live server whose tasks a real ``manage.py db_worker`` process runs."""

    def __init__(self, url: str, worker_env: dict[str, str]) -> None:
        self.url = url
        self._worker_env = worker_env
        self.worker: subprocess.Popen[bytes] | None = None

    def start_worker(self) -> subprocess.Popen[bytes]:
        assert self.worker is None, "one worker per test"
        self.worker = start_worker(self._worker_env)
        return self.worker


@pytest.fixture
def worker_site(transactional_db, settings, tmp_path) -> Iterator[WorkerSite]:
    """A live server, the test's own database calls and a task worker process
    (``worker_site.start_worker()``, when the test wants it) on one database.

    The suite's SQLite test database lives in memory, which no other process can
    see: here it becomes a file for this test (PostgreSQL's is shared already).
    Tasks go to the database queue, as in production, and uploads and job locks
    to folders that the worker is pointed at too. The worker is stopped when the
    test ends, however it ends (and dies with the test process if that is killed).
    """
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    data = tmp_path / "data"
    spool, locks = data / "import-spool", data / "locks"
    data.mkdir()
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": spool, "base_url": None},
        },
    }
    settings.IMPORT_LOCK_DIR = locks
    moved = (
        _database_file_for_this_process(data / "stridewise.sqlite3")
        if connection.vendor == "sqlite" and connection.is_in_memory_db()
        else nullcontext(connection.settings_dict)
    )
    with moved as database:
        worker_env = file_db_env(
            data,
            DATABASE_URL=_database_url(database),
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            IMPORT_STORAGE_OPTIONS=json.dumps({"location": str(spool), "base_url": None}),
            IMPORT_LOCK_DIR=str(locks),
        )
        # Started here, not through the session's live_server: that one shares the
        # in-memory connection with its threads; this one's threads open the file.
        server = LiveServer("localhost")
        site = WorkerSite(server.url, worker_env)
        try:
            yield site
        finally:
            try:
                if site.worker is not None:
                    stop_worker(site.worker)
            finally:
                server.stop()


@pytest.fixture
def worker_page(browser, worker_site, console_errors):
    """A desktop page on ``worker_site``."""
    context, page = _new_page(browser, worker_site, console_errors)
    yield page
    context.close()


@pytest.fixture
def sign_in(live_server) -> Callable[[Any, Any], None]:
    """Start a page logged in as ``user`` without the log-in form: a session cookie
    made on the server side. For tests about something else than logging in."""

    def go(page: Any, user: Any) -> None:
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return go


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


@pytest.fixture(autouse=True, scope="session")
def _patient_expect() -> None:
    """Auto-waiting assertions get the same patience as actions: the machines that
    run the suite are often busy, and a 5 s default makes a slow page a flaky test."""
    try:
        from playwright.sync_api import expect
    except ImportError:  # the suite is skipped anyway without Playwright
        return
    expect.set_options(timeout=10_000)


@pytest.fixture
def dark_page(browser, live_server, console_errors):
    """A desktop page whose system colour scheme is dark."""
    context, page = _new_page(browser, live_server, console_errors, color_scheme="dark")
    yield page
    context.close()


@pytest.fixture
def today_of() -> Callable[[Any], date]:
    """Today's date where the runner is (what the forms accept as the latest date)."""

    def today(user: Any) -> date:
        from tracker.models import Profile
        from tracker.services import runner_today

        return runner_today(Profile.objects.get(user=user))

    return today


# axe-core's impact levels that fail the suite; "moderate" and "minor" are reported
# by axe as best practice and left to judgement.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})


@pytest.fixture(scope="session")
def axe_violations() -> Callable[[Any], list[str]]:
    """``axe_violations(page)`` -> one line per serious or critical axe-core finding."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page: Any) -> list[str]:
        results = axe.run(page)
        return [
            f"{page.url}: {v['id']} ({v['impact']}) {v['help']} -> "
            + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:5])
            for v in results.response["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]

    return run


@pytest.fixture
def seasoned_runner(make_user, make_shoe, today_of):
    """A runner with six weeks of runs, two pairs of shoes, a calf that has hurt for
    six days and one sharp pain: every page has something to show, every warning
    card and the urgent banner included."""
    from decimal import Decimal

    from tracker.models import Session, Soreness

    runner = make_user("sam")
    today = today_of(runner)
    road = make_shoe(runner, name="Road pair", limit_km=700)
    trail = make_shoe(runner, name="Trail pair", kind="trail")
    sessions = []
    for day in range(42, 0, -1):
        if day % 7 in (2, 5):  # two rest days a week
            continue
        sessions.append(
            Session(
                user=runner,
                date=today - timedelta(days=day),
                distance_km=Decimal(6 + (day % 4) * 2 + (4 if day < 8 else 0)),
                duration_min=Decimal(35 + (day % 4) * 10),
                surface="asphalt" if day % 3 else "trail",
                shoe=trail if day % 3 == 0 else road,
                warmup_min=10,
                cooldown_min=5 if day % 2 else 0,
                rpe=5 + day % 4,
            )
        )
    Session.objects.bulk_create(sessions)
    Soreness.objects.bulk_create(
        [
            Soreness(
                user=runner, date=today - timedelta(days=d), area="calf", side="left", severity=4
            )
            for d in range(5, -1, -1)
        ]
        + [Soreness(user=runner, date=today, area="shin", side="right", severity=5, kind="sharp")]
    )
    return runner


@pytest.fixture(autouse=True)
def _fresh_chart_cache():
    """The dashboard's cached charts are keyed on a runner's id and log version; a
    test database rolled back or flushed hands the same ids and versions to the next
    test's runners, whose log differs: start every test with an empty cache."""
    from django.core.cache import caches

    caches["charts"].clear()
    yield
