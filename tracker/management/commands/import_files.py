"""``import_files``: GPX, TCX and FIT files (also .gz) and Strava export zips into a
runner's log, each activity on its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.imports.mapping import DUPLICATE, IMPORTED, REFUSED
from tracker.imports.readers import Upload, fills_lines
from tracker.imports.steps import import_paths
from tracker.management.runners import runner_named


class Command(BaseCommand):
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
            self.stdout.write(outcome.line)
        # stdout holds exactly one line per activity (CONTRACT.md), for scripts to read;
        # the tally is for the person at the terminal.
        summary = (
            f"{counts[IMPORTED]} imported, {counts[DUPLICATE]} already in the log, "
            f"{counts[REFUSED]} refused"
        )
        # Which fields each format filled, for the person reading the tally.
        for line in fills_lines((upload.name, upload.head()) for upload in inputs):
            self.stderr.write(f"{line}")
        if counts[REFUSED]:
            raise CommandError(f"{summary}; the other activities were imported.")
        self.stderr.write(summary)
