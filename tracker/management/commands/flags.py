"""``manage.py flags``: the log's flags as CONTRACT.md specifies, in text or JSON.

The text is for people, in ``--language``; ``--format json`` is the contract's,
English keys and values whatever the language."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from advice import Flag, active_flags
from tracker.flagging import contract_json, evaluated
from tracker.i18n import translated
from tracker.labels import severity_label
from tracker.management.language import LocalisedCommand
from tracker.management.runners import runner_named
from tracker.services import profile_for, runner_today


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            gettext("--on: “%(value)s” is not a date (YYYY-MM-DD)") % {"value": value}
        ) from exc


def flag_text(flag: Flag) -> str:
    """One flag for a person, in the active language: dates ISO, rule id as it is."""
    severity = severity_label(flag.severity).upper()  # as the pages' badges say it
    resolved = (
        " " + gettext("(resolved on %(day)s)") % {"day": flag.resolved} if flag.resolved else ""
    )
    lines = [
        f"{flag.end} {severity:7} {flag.rule} [{translated(flag.subject)}] "
        f"{translated(flag.title)}{resolved}",
        f"    {translated(flag.detail)}",
        "    " + gettext("What to do: %(advice)s") % {"advice": translated(flag.advice)},
        "    "
        + gettext("Source (%(document)s): “%(quote)s”")
        % {"document": flag.source.document, "quote": flag.source.quote},
    ]
    # The quote stays in the documents' language (English), as on the pages; another
    # language adds the catalogue's rendering, marked as a translation.
    rendering = translated(flag.source.quote)
    if rendering != flag.source.quote:
        lines.append("    " + gettext("Translation: %(text)s") % {"text": rendering})
    return "\n".join(lines)


class Command(LocalisedCommand):
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
        # --language words the flags; which weeks they count is the JSON's
        # (flagging.contract_json): the profile's language's, else the site's.
        with translation.override(settings.LANGUAGE_CODE):
            flags = evaluated(profile=profile, today=on)
        if not options["all"]:
            flags = active_flags(flags, on)
        if not flags:
            none = (
                gettext("No flags on %(day)s.")
                if options["all"]
                else gettext("No active flags on %(day)s.")
            )
            self.stdout.write(none % {"day": on})
        for flag in flags:
            self.stdout.write(flag_text(flag))
