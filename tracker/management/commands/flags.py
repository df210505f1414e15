"""``manage.py flags``: the log's flags as CONTRACT.md specifies, in text or JSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from advice import active_flags
from tracker.flagging import contract_json, evaluated
from tracker.management.runners import runner_named
from tracker.services import profile_for, runner_today


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--on: “{value}” is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = "Print the flags a runner's log raises: active ones, or --all."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the runner's username")
        parser.add_argument(
            "--on", help="evaluate the log as it stood on this day (default: today)"
        )
        parser.add_argument("--all", action="store_true", help="every flag raised up to that day")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        user = runner_named(options["user"])
        profile = profile_for(user)
        on = _day(options["on"]) if options["on"] else runner_today(profile)
        # Data dated after `on` is ignored: the selector loads rows up to that day.
        # --all: every flag, resolved ones (retired pairs' too) with their date;
        # otherwise the active ones, which leave out the resolved.
        if options["format"] == "json":
            # The same list the API's /flags answers with (one serialiser).
            items = contract_json(profile=profile, today=on, everything=options["all"])
            self.stdout.write(json.dumps(items, ensure_ascii=False, indent=2))
            return
        flags = evaluated(profile=profile, today=on)
        if not options["all"]:
            flags = active_flags(flags, on)
        if not flags:
            self.stdout.write(f"No {'flags' if options['all'] else 'active flags'} on {on}.")
        for flag in flags:
            resolved = f" (resolved on {flag.resolved})" if flag.resolved else ""
            self.stdout.write(
                f"{flag.end} {flag.severity.upper():7} {flag.rule} [{flag.subject}] {flag.title}"
                f"{resolved}\n"
                f"    {flag.detail}\n    What to do: {flag.advice}\n"
                f"    Source ({flag.source.document}): “{flag.source.quote}”"
            )
