"""Faults: an import killed half-way leaves the log as it was; a database out of reach
gives a friendly 503 and the site comes back by itself when the database does."""

from __future__ import annotations

import csv
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.urls import reverse
from file_db import MANAGE, ROOT, file_db_env


def write_sessions_csv(path: Path, rows: int, *, first: date) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "activity", "distance_km", "duration_min", "surface", "notes"])
        for n in range(rows):
            day = first + timedelta(days=n % 5000)
            km = 5 + n % 17
            writer.writerow([day.isoformat(), "run", f"{km}.5", str(km * 6), "asphalt", f"#{n}"])


def import_csv(user: str, sessions: Path) -> list[str]:
    command = [sys.executable, MANAGE, "import_csv", "--user", user, "--create-user"]
    return [*command, "--sessions", str(sessions)]


def dump(database: Path) -> list[str]:
    """Everything committed in the database, as SQL: equal dumps, equal databases."""
    with sqlite3.connect(database) as db:
        return list(db.iterdump())


def holds_write_lock(database: Path) -> bool:
    """Whether another connection is inside a write transaction right now."""
    db = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return True
    finally:
        db.close()


@pytest.mark.django_db  # so that the test database exists for migrated_sqlite to copy
def test_it_leaves_the_log_as_it_was_when_an_import_is_killed(migrated_sqlite, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    database = data / "stridewise.sqlite3"
    shutil.copy(migrated_sqlite, database)
    env = file_db_env(data)

    # The log before: a runner with a few sessions, imported the ordinary way.
    small, large = tmp_path / "small.csv", tmp_path / "sessions.csv"
    write_sessions_csv(small, 30, first=date(2024, 1, 1))
    first = subprocess.run(
        import_csv("ann", small),
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr
    before = dump(database)
    assert sum('INSERT INTO "tracker_session"' in line for line in before) == 30

    # A large import for a new runner (created inside the import's transaction)...
    write_sessions_csv(large, 8000, first=date(2005, 1, 1))
    importer = subprocess.Popen(
        import_csv("bob", large),
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        # ...killed once it is inside its write transaction, the runner created and
        # the rows being planned and written.
        deadline = time.monotonic() + 60
        while not holds_write_lock(database):
            assert importer.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.005)
        time.sleep(0.3)
        assert importer.poll() is None, "the import ended before it could be killed"
        importer.send_signal(signal.SIGKILL)
    finally:
        importer.kill()
        importer.communicate(timeout=30)
    assert importer.returncode == -signal.SIGKILL

    # Nothing of it is left: not one session, not the new runner; the file is sound
    # and takes the next writer at once.
    assert dump(database) == before
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not holds_write_lock(database)


# --- the database out of reach ------------------------------------------------------


class Outage:
    """Every new query fails as it does when the server or the file is gone.

    Patched on the connection itself, so the driver's own OperationalError goes
    through Django's error wrapping, as a real outage's does.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.db = connections[DEFAULT_DB_ALIAS]
        self.real_create_cursor = self.db.create_cursor

    def _refuse(self, *args: object, **kwargs: object) -> object:
        raise self.db.Database.OperationalError("could not connect to server: Connection refused")

    def start(self) -> None:
        self.monkeypatch.setattr(self.db, "create_cursor", self._refuse)

    def end(self) -> None:
        self.monkeypatch.setattr(self.db, "create_cursor", self.real_create_cursor)


@pytest.fixture
def outage(monkeypatch) -> Outage:
    return Outage(monkeypatch)


@pytest.fixture
def browser(runner) -> Client:
    """A logged-in browser that shows error pages rather than raising in the test."""
    client = Client(raise_request_exception=False)
    client.force_login(runner)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/dashboard/"), ("get", "/sessions/"), ("post", "/sessions/add/")],
)
def test_it_says_back_in_a_moment_while_the_database_is_down(browser, outage, method, path):
    outage.start()
    response = getattr(browser, method)(path, {"date": "2026-01-01"})
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Back in a moment" in page and "Your log is safe" in page
    assert "Traceback" not in page and "OperationalError" not in page


@pytest.mark.django_db
def test_it_comes_back_when_the_database_does(browser, outage, runner, make_session):
    make_session(runner)
    outage.start()
    assert browser.get(reverse("dashboard")).status_code == 503
    assert browser.get(reverse("session_list")).status_code == 503
    outage.end()  # the database is back: no restart, no stale connection state
    assert browser.get(reverse("dashboard")).status_code == 200
    assert browser.get(reverse("session_list")).status_code == 200


@pytest.mark.django_db
def test_it_keeps_other_errors_a_plain_500(browser, monkeypatch):
    from tracker.views import sessions

    def broken(**kwargs: object) -> object:
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr(sessions.selectors, "sessions_for", broken)
    response = browser.get(reverse("session_list"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "RuntimeError" not in response.content.decode()
