"""``import_files``: GPX, TCX and FIT files (also .gz) and Strava export zips into a
runner's log, each activity on its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.imports import DUPLICATE, IMPORTED, REFUSED, Input, import_paths


class Command(BaseCommand):
    help = (
        "Import activity files (GPX, TCX, FIT, optionally gzip-compressed) and Strava "
        "bulk-export zips into a runner's log. Each activity is imported on its own, all "
        "or nothing; one line per activity says FILE: imported|duplicate|refused: detail. "
        "Exits non-zero if any activity was refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, metavar="NAME", help="the runner's username")
        parser.add_argument("files", nargs="+", metavar="FILE", help="activity files or zips")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get(**{user_model.USERNAME_FIELD: options["user"]})
        except user_model.DoesNotExist:
            raise CommandError(f'No runner named "{options["user"]}".') from None

        inputs = [Input(name, Path(name)) for name in options["files"]]
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
        if counts[REFUSED]:
            raise CommandError(f"{summary}; the other activities were imported.")
        self.stderr.write(summary)
