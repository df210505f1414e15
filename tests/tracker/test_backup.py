"""`manage.py backup`: a consistent copy of a live SQLite database, and a restore
that gives back every row that existed when the backup was taken."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connections
from file_db import ROOT, file_db_env, manage


@pytest.fixture
def live_data(tmp_path, migrated_sqlite) -> Path:
    data = tmp_path / "live"
    data.mkdir()
    shutil.copy(migrated_sqlite, data / "stridewise.sqlite3")
    return data


# Logs a few thousand sessions at once, then one session a transaction until it is
# killed, printing each id once committed: a server under load.
WRITER = """
from datetime import date
import django
django.setup()
from django.contrib.auth.models import User
from tracker.models import Session

user = User.objects.create_user("writer")
Session.objects.bulk_create(
    Session(user=user, date=date(2025, 1, 1), activity="run", distance_km=5, notes="x" * 200)
    for _ in range(5000)
)
print("ready", flush=True)
while True:
    session = Session.objects.create(user=user, date=date(2026, 1, 1), activity="walk",
                                     distance_km=3)
    print(session.pk, flush=True)
"""

# Through the app's own settings: the restored schema is complete (no migration
# left to apply), then the session ids it holds.
READ_RESTORED = """
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor
from tracker.models import Session

executor = MigrationExecutor(connection)
assert not executor.migration_plan(executor.loader.graph.leaf_nodes()), "unapplied migrations"
print(" ".join(map(str, Session.objects.values_list("pk", flat=True))))
"""


@pytest.mark.django_db  # so that the test database exists for migrated_sqlite to copy
def test_it_backs_up_a_live_database_and_restores_every_committed_row(live_data, tmp_path):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER],
        env=file_db_env(live_data),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        # Every row read here was committed before the backup started.
        before_backup = [int(writer.stdout.readline()) for _ in range(20)]
        backup = tmp_path / "copies" / "stridewise-copy.sqlite3"
        done = manage(live_data, "backup", "--out", str(backup))
    finally:
        writer.kill()
        # Not communicate(): it reads the pipe itself and would miss the lines
        # readline() has already buffered.
        rest = writer.stdout.read()
        writer.wait(timeout=30)
    committed = set(before_backup) | {int(line) for line in rest.split()}
    assert done.returncode == 0, done.stderr
    assert f"to {backup}" in done.stdout and "sessions" in done.stdout
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # health data
    assert not list(backup.parent.glob("*.partial"))

    # Restore: the copy becomes the database of a fresh install.
    fresh = tmp_path / "restored"
    fresh.mkdir()
    shutil.copy(backup, fresh / "stridewise.sqlite3")
    read = manage(fresh, "shell", "-v", "0", "-c", READ_RESTORED)
    assert read.returncode == 0, read.stderr
    restored = {int(pk) for pk in read.stdout.split()}
    assert set(before_backup) <= restored
    one_at_a_time = {pk for pk in restored if pk > 5000}  # the bulk rows are 1..5000
    assert len(restored - one_at_a_time) == 5000
    # Nothing that was not committed; the writer may have died between a commit and
    # printing its id, hence the one id after the last printed.
    assert one_at_a_time <= committed | {max(committed) + 1}
    # The writer went on while the backup ran: the copy is a moment, not a lock.
    assert max(committed) > max(restored)
    with sqlite3.connect(fresh / "stridewise.sqlite3") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.django_db
def test_it_never_overwrites_an_earlier_backup(live_data, tmp_path):
    existing = tmp_path / "kept.sqlite3"
    existing.write_bytes(b"an earlier backup")
    done = manage(live_data, "backup", "--out", str(existing))
    assert done.returncode != 0 and "exists already" in done.stderr
    assert existing.read_bytes() == b"an earlier backup"


def test_it_sends_postgresql_users_to_pg_dump(monkeypatch, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(connections[DEFAULT_DB_ALIAS], "vendor", "postgresql")
    with pytest.raises(CommandError, match="pg_dump") as refused:
        call_command("backup")
    assert "pg_restore" in str(refused.value)
    assert not (tmp_path / "backups").exists()


@pytest.mark.django_db
def test_it_speaks_the_language_asked_for(live_data, tmp_path):
    """--language ru (docs/contract.md, the commands); English by default."""
    data = live_data
    done = manage(data, "backup", "--out", str(tmp_path / "copy.sqlite3"), "--language", "ru")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Копия ") and "0 тренировок" in done.stdout
    again = manage(data, "backup", "--out", str(tmp_path / "copy.sqlite3"), "--language", "ru")
    assert again.returncode != 0 and "уже существует; укажите другой --out." in again.stderr


def test_backup_sends_postgresql_users_to_pg_dump_in_russian(monkeypatch, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(connections[DEFAULT_DB_ALIAS], "vendor", "postgresql")
    with pytest.raises(CommandError) as refused:
        call_command("backup", language="ru")
    text = str(refused.value)
    assert text.startswith("Это база PostgreSQL: сохраняйте её копию через pg_dump")
    assert "pg_restore --no-owner" in text and "back it up" not in text
