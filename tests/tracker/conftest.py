"""Fixtures for the tests under tests/tracker (the builders live in tests/conftest.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.db import connection
from file_db import manage


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    """A migrated SQLite file for child processes to copy.

    On SQLite the test database already has the schema, and the backup API copies it
    in milliseconds; on PostgreSQL (CI's second run) a real `migrate` builds one.
    Tests using it need the database (``django_db``) so that the test database exists.
    """
    path = tmp_path_factory.mktemp("template") / "stridewise.sqlite3"
    with django_db_blocker.unblock():
        name = connection.settings_dict["NAME"]
        if connection.vendor == "sqlite" and connection.creation.is_in_memory_db(name):
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            return path
    done = manage(path.parent, "migrate", "--noinput", "-v0", timeout=300)
    assert done.returncode == 0, done.stderr
    return path


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings, tmp_path):
    """Tasks run inside the call that enqueues them (deterministic), uploads wait
    in a throwaway folder, and job locks live there too. The tests that need a
    real worker process set their own backend."""
    settings.TASKS = IMMEDIATE_TASKS
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "spool", "base_url": None},
        },
    }
    settings.IMPORT_LOCK_DIR = tmp_path / "locks"


@pytest.fixture(autouse=True)
def _fresh_chart_cache():
    """The dashboard's cached charts are keyed on a runner's id and log version; a
    test database rolled back or flushed hands the same ids and versions to the next
    test's runners, whose log differs: start every test with an empty cache."""
    from django.core.cache import caches

    caches["charts"].clear()
    yield
