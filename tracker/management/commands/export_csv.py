"""``export_csv``: one runner's log as the native CSV files (the contract)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext, ngettext

from tracker.imports.contract import export_rows
from tracker.management.language import LocalisedCommand
from tracker.management.runners import runner_named


class Command(LocalisedCommand):
    help = (
        "Write DIR/shoes.csv, sessions.csv, soreness.csv, wellness.csv and ostrc.csv (the "
        "format of the contract); importing them into an empty account gives back the same log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, metavar="NAME", help="the runner's username")
        parser.add_argument("--out", required=True, metavar="DIR", help="folder to write into")

    def handle(self, *args: Any, **options: Any) -> None:
        user = runner_named(options["user"])

        out = Path(options["out"])
        files = export_rows(user=user)
        try:
            out.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                # newline="": the texts already end lines with CRLF, as RFC 4180 has it.
                (out / name).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise CommandError(
                gettext("%(path)s: cannot write (%(reason)s)")
                % {"path": out, "reason": exc.strerror or exc}
            ) from None

        for name, text in files.items():
            # Counted by the CSV reader: a note may hold line breaks of its own.
            rows = sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1
            self.stdout.write(
                ngettext("wrote %(path)s (%(rows)s row)", "wrote %(path)s (%(rows)s rows)", rows)
                % {"path": out / name, "rows": rows}
            )
