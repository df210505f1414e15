"""``import_files``: GPX, TCX and FIT files (also .gz) and Strava export zips into a
runner's log, each activity on its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext

from tracker.i18n import translated
from tracker.imports.mapping import DUPLICATE, IMPORTED, REFUSED
from tracker.imports.readers import Upload, fills_lines
from tracker.imports.steps import import_paths
from tracker.management.language import LocalisedCommand
from tracker.management.runners import runner_named


class Command(LocalisedCommand):
    help = (
        "Import activity files (GPX, TCX, FIT, optionally gzip-compressed), Garmin Connect's "
        "Activities.csv and Strava bulk-export zips into a runner's log; each file's format "
        "is recognised from its content. Each activity is imported on its own, all "
        "or nothing; one line per activity says FILE: imported|duplicate|refused: detail. "
        "Exits non-zero if any activity was refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, metavar="NAME", help="the runner's username")
        parser.add_argument("files", nargs="+", metavar="FILE", help="activity files or zips")

    def handle(self, *args: Any, **options: Any) -> None:
        user = runner_named(options["user"])

        inputs = [Upload(name, Path(name)) for name in options["files"]]
        counts = dict.fromkeys((IMPORTED, DUPLICATE, REFUSED), 0)
        for outcome in import_paths(user=user, inputs=inputs):
            counts[outcome.status] += 1
            # Printed as it happens, all to stdout so the lines keep their order: a
            # long export shows its progress line by line.
            self.stdout.write(translated(outcome.contract_line))
        # stdout holds exactly one line per activity (CONTRACT.md), for scripts to read;
        # the tally is for the person at the terminal.
        summary = gettext(
            "%(imported)s imported, %(duplicates)s already in the log, %(refused)s refused"
        ) % {
            "imported": counts[IMPORTED],
            "duplicates": counts[DUPLICATE],
            "refused": counts[REFUSED],
        }
        # Which fields each format filled, for the person reading the tally.
        for line in fills_lines((upload.name, upload.head()) for upload in inputs):
            self.stderr.write(translated(line))
        if counts[REFUSED]:
            raise CommandError(
                gettext("%(summary)s; the other activities were imported.") % {"summary": summary}
            )
        self.stderr.write(summary)
