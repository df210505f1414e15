"""``import_csv``: the native CSV files into one runner's log, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext, ngettext

from tracker.i18n import translated
from tracker.imports.contract import (
    FILE_KINDS,
    OSTRC,
    SESSIONS,
    SHOES,
    SORENESS,
    WELLNESS,
    ImportRejected,
    apply_import,
    plan_import,
)
from tracker.imports.contract.preview import result_line
from tracker.management.language import LocalisedCommand
from tracker.management.runners import runner_named
from tracker.services import profile_for, runner_today


class Command(LocalisedCommand):
    help = (
        "Import shoes.csv, sessions.csv, soreness.csv, wellness.csv and ostrc.csv (the "
        "format of the contract) into a "
        "runner's log. One bad row and nothing is written; rows already in the log are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, metavar="NAME", help="the runner's username")
        for kind in FILE_KINDS:
            parser.add_argument(f"--{kind}", metavar="FILE", help=f"a {kind}.csv file")
        parser.add_argument(
            "--create-user",
            action="store_true",
            help="create the runner (without a password) if there is none of that name",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = {kind: options[kind] for kind in FILE_KINDS if options[kind]}
        if not paths:
            raise CommandError(
                gettext(
                    "Nothing to import: give --shoes, --sessions, --soreness, --wellness "
                    "and/or --ostrc."
                )
            )
        # Read every file before touching the database, so a typo in a path costs nothing.
        inputs = {kind: (path, _read_bytes(path)) for kind, path in paths.items()}

        # The runner created by --create-user is part of the import: if the files are
        # refused, the rollback takes the new account with it.
        try:
            with transaction.atomic():
                user = _runner(options["user"], create=options["create_user"])
                plan = plan_import(
                    user=user,
                    today=runner_today(profile_for(user)),
                    shoes=inputs.get(SHOES),
                    sessions=inputs.get(SESSIONS),
                    soreness=inputs.get(SORENESS),
                    wellness=inputs.get(WELLNESS),
                    ostrc=inputs.get(OSTRC),
                )
                result = apply_import(plan)
        except ImportRejected as rejected:
            # FILE:LINE: column: stay as the contract has them; the message after them
            # is in --language (English by default: the contract's own words).
            for line in rejected.errors:
                self.stderr.write(translated(line))
            count = len(rejected.errors)
            raise CommandError(
                ngettext(
                    "%(count)s error in the files; nothing was imported.",
                    "%(count)s errors in the files; nothing was imported.",
                    count,
                )
                % {"count": count}
            ) from None

        for kind in FILE_KINDS:
            if kind in result.files:
                line = result_line(result.files[kind], result.added[kind], result.duplicates[kind])
                self.stdout.write(translated(line))


def _runner(username: str, *, create: bool) -> User:
    try:
        return runner_named(username, create=create)
    except CommandError as missing:
        hint = gettext("Check the name, or add --create-user to make one.")
        raise CommandError(f"{missing} {hint}") from None


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(
            gettext("%(path)s: cannot read the file (%(reason)s)")
            % {"path": path, "reason": exc.strerror or exc}
        ) from None
