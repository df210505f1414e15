"""The language of a management command's human output (docs/contract.md, "The
commands").

Every command that talks to a person takes ``--language`` (one of settings.LANGUAGES;
by default settings.LANGUAGE_CODE, English), never the runner's profile language: a
script's output must not change because a runner picked another language on the
site. What the contract fixes for scripts stays as it is in every language: the CSV
files, ``flags --format json``, the ``FILE:LINE: column:`` in front of an
``import_csv`` error and the ``FILE: imported|duplicate|refused:`` in front of an
``import_files`` line; only the words after them follow ``--language``.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def add_language_option(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--language",
        choices=language_codes(),
        default=settings.LANGUAGE_CODE,
        help=f"the language of the messages (default: {settings.LANGUAGE_CODE}); "
        "the machine-readable parts stay as the contract writes them",
    )


class LocalisedCommand(BaseCommand):
    """A command whose messages, its errors included, are in ``--language``."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        add_language_option(parser)
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        # Around the whole command, so a CommandError's message (worded with gettext
        # when raised) is in the language too.
        with translation.override(options.get("language") or settings.LANGUAGE_CODE):
            return super().execute(*args, **options)
