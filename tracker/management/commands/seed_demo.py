"""Fill a demo runner's log with years of plausible, reproducible training.

    python manage.py seed_demo --user demo --years 2 --seed 7 [--password P] [--end YYYY-MM-DD]
                               [--replace] [--site http://HOST:PORT]

The planning and writing live in tracker.demo; this command reads the options and
says what it did. ``--site`` is where the server runs, for the log-in URL printed at
the end (``make demo`` passes its HOST and PORT).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from tracker.dates import format_day
from tracker.demo.seed import (
    DEFAULT_PASSWORD,
    DEFAULT_YEARS,
    SeedRefused,
    history_days,
    seed_demo_runner,
)
from tracker.management.language import LocalisedCommand
from tracker.models import Activity

DEFAULT_SITE = "http://127.0.0.1:8000"  # make run's default HOST and PORT
LOGIN_PATH = "/accounts/login/"


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            gettext("--end: “%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
        ) from exc


class Command(LocalisedCommand):
    help = (
        "Create a demo runner with a realistic, reproducible training log. An existing "
        "runner of that name is left alone; with --replace, their sessions, soreness "
        "check-ins and shoes are replaced."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", default="demo", help="Username (default: demo).")
        span = parser.add_mutually_exclusive_group()
        span.add_argument(
            "--years", type=float, help=f"Length of the history (default {DEFAULT_YEARS:g})."
        )
        span.add_argument("--days", type=int, help="Length of the history in days.")
        parser.add_argument("--seed", type=int, default=7, help="Same seed, same log.")
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument(
            "--end", help="Last day of the history (default: today in the runner's time zone)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the log of an existing runner of that name (default: refuse).",
        )
        parser.add_argument(
            "--site",
            default=DEFAULT_SITE,
            help=f"The server's address, for the log-in URL printed (default {DEFAULT_SITE}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username, password = options["user"], options["password"]
        try:
            days = history_days(years=options.get("years"), days=options.get("days"))
            seeded = seed_demo_runner(
                username=username,
                password=password,
                days=days,
                seed=int(options["seed"]),
                end=_parse_date(options.get("end")),
                replace=options["replace"],
                years=options.get("years"),
            )
        except SeedRefused as refused:
            raise CommandError(str(refused)) from refused

        log = seeded.log
        runs = [s for s in log.sessions if s.activity == Activity.RUN]
        run_km = sum((s.distance_km or Decimal(0) for s in runs), Decimal(0))
        span = ngettext("%(days)s day", "%(days)s days", days) % {"days": days}
        self.stdout.write(
            gettext(
                "Seeded “%(name)s” from %(start)s to %(end)s (%(span)s, seed %(seed)s): "
                "%(sessions)s sessions (%(runs)s runs, %(km)s km), "
                "%(checkins)s soreness check-ins, %(shoes)s shoes."
            )
            % {
                "name": username,
                "start": format_day(seeded.start),
                "end": format_day(seeded.end),
                "span": span,
                "seed": options["seed"],
                "sessions": len(log.sessions),
                "runs": len(runs),
                "km": number_format(run_km, 1, force_grouping=True),
                "checkins": len(log.checkins),
                "shoes": len(log.shoes),
            }
        )
        login_url = options["site"].rstrip("/") + LOGIN_PATH
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Log in at %(url)s with username “%(name)s” and password “%(password)s”.")
                % {"url": login_url, "name": username, "password": password}
            )
        )
        self.stdout.write(
            gettext(
                "Seeding “%(name)s” again asks for --replace; another demo runner beside "
                "this one: --user NAME (make demo USER=NAME)."
            )
            % {"name": username}
        )
