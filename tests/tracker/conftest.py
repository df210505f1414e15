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
