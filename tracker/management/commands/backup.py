"""``backup``: a consistent copy of the SQLite database, safe to take while the server runs.

SQLite's online backup API copies the database inside one read transaction, so
the copy is the database as it stood at one moment, every transaction either in
it whole or not at all. In WAL mode that read does not block the server's
writers. Copying the file with ``cp`` instead can catch it half-written, and
misses whatever still sits in the -wal file.

PostgreSQL has its own tool for this (pg_dump); the command says so and fails.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.sqlite3.creation import DatabaseCreation as SQLiteCreation
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from tracker.management.language import LocalisedCommand
from tracker.models import Session, Shoe, Soreness

PG_DUMP_COMMANDS = (
    '    pg_dump --format=custom --file=stridewise.dump "$DATABASE_URL"',
    '    pg_restore --no-owner --dbname="$DATABASE_URL" stridewise.dump',
)


def pg_dump_hint() -> str:
    dump, restore = PG_DUMP_COMMANDS
    return "\n".join(
        (
            gettext("This database is PostgreSQL: back it up with pg_dump, e.g."),
            dump,
            gettext("and restore it into an empty database with"),
            restore,
        )
    )


class Command(LocalisedCommand):
    help = (
        "Write a consistent copy of the SQLite database (safe while the server runs). "
        "For PostgreSQL, use pg_dump."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            metavar="FILE",
            help="where to write the copy; default: backups/stridewise-<UTC time>.sqlite3 "
            "in the data folder. An existing file is never overwritten.",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="the database alias to copy"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            raise CommandError(pg_dump_hint())
        source = str(connection.settings_dict["NAME"])
        if SQLiteCreation.is_in_memory_db(source) or not Path(source).is_file():
            raise CommandError(gettext("No SQLite database file at %(path)s.") % {"path": source})

        out = Path(options["out"] or _default_path())
        if out.exists():
            raise CommandError(
                gettext("%(path)s exists already; give another --out.") % {"path": out}
            )
        # Health data: the copy is for the owner's eyes only, like the database.
        out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written under a temporary name and renamed when complete and checked, so
        # a file with the final name is always a whole, verified backup.
        partial = out.with_name(out.name + ".partial")
        partial.unlink(missing_ok=True)
        try:
            partial.touch(mode=0o600)
            counts = _copy(Path(source), partial)
            _fsync(partial)
            os.replace(partial, out)
        finally:
            partial.unlink(missing_ok=True)
        summary = ", ".join(
            ROW_WORDS[name](count) % {"count": count} for name, count in counts.items()
        )
        self.stdout.write(
            gettext("Backed up %(source)s to %(out)s (%(summary)s).")
            % {"source": source, "out": out, "summary": summary}
        )


# The rows the summary counts, each worded with its plural forms.
ROW_WORDS: dict[str, Callable[[int], str]] = {
    "sessions": lambda n: ngettext("%(count)s session", "%(count)s sessions", n),
    "check-ins": lambda n: ngettext("%(count)s check-in", "%(count)s check-ins", n),
    "shoes": lambda n: ngettext("%(count)s shoe", "%(count)s shoes", n),
}


def _default_path() -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"stridewise-{stamp}.sqlite3"


def _copy(source: Path, target: Path) -> dict[str, int]:
    """Copy ``source`` to ``target`` in one step; check the copy; count its rows."""
    # The same busy timeout as the server's connections: a checkpoint in progress
    # makes the backup wait rather than fail.
    timeout = float(settings.DATABASES[DEFAULT_DB_ALIAS].get("OPTIONS", {}).get("timeout", 20))
    with (
        closing(sqlite3.connect(source, timeout=timeout)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        # pages=-1: everything in a single step, that is within one read
        # transaction. A copy made in several steps restarts whenever another
        # connection writes in between, which on a busy server may be forever.
        src.backup(dst, pages=-1)
        # The copy inherits the WAL flag; a backup is better as one self-contained
        # file that can be moved, mailed or opened read-only.
        dst.execute("PRAGMA journal_mode=DELETE")
        (verdict,) = dst.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise CommandError(
                gettext("The copy failed its integrity check: %(verdict)s") % {"verdict": verdict}
            )
        return {
            label: dst.execute(f'SELECT count(*) FROM "{model._meta.db_table}"').fetchone()[0]
            for label, model in (
                ("sessions", Session),
                ("check-ins", Soreness),
                ("shoes", Shoe),
            )
        }


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())
