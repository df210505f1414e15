"""The demo runner written to the database: ``seed_demo`` (the command) is a thin
wrapper around ``seed_demo_runner``.

The plan is made whole before anything is written, then written with a few
``bulk_create`` calls in one transaction; an existing runner is left alone unless
``replace`` is given, and then their log is replaced rather than added to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils.translation import gettext, ngettext

from tracker import flagstore
from tracker.dates import format_day
from tracker.demo.plan import DemoPlanner
from tracker.demo.records import STORED_SESSION_FIELDS, DemoLog
from tracker.management.runners import runner_named
from tracker.models import Profile, SeenFlag, Session, Shoe, Soreness, Units, Weekday
from tracker.services import profile_for, runner_today

DEFAULT_PASSWORD = "demo-runner-2026"
DEFAULT_YEARS = 2.0
TIME_ZONE = "Europe/London"
BATCH_SIZE = 500
MAX_DAYS = 40 * 366  # a guard against typos such as --years 2000


class SeedRefused(ValueError):
    """Nothing was written; the message says why and what to do instead (worded in the
    active language: the command's --language)."""


@dataclass(frozen=True)
class Seeded:
    username: str
    start: date
    end: date
    log: DemoLog

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def history_days(*, years: float | None, days: int | None) -> int:
    """The span asked for, in days (two years when nothing is asked)."""
    if years is not None and days is not None:
        raise SeedRefused(gettext("Give --years or --days, not both."))
    if days is None:
        days = round(float(DEFAULT_YEARS if years is None else years) * 365.25)
    if not 1 <= days <= MAX_DAYS:
        raise SeedRefused(
            gettext("The history must span 1 to %(most)s days (got %(days)s).")
            % {"most": MAX_DAYS, "days": days}
        )
    return int(days)


def seed_demo_runner(
    *,
    username: str,
    password: str,
    days: int,
    seed: int,
    end: date | None = None,
    replace: bool = False,
    years: float | None = None,
) -> Seeded:
    """Plan ``days`` of training up to ``end`` (today in the demo's time zone) and
    write them as ``username``'s log. ``years`` only shapes the second name
    suggested when the runner exists already."""
    # Decide the dates before writing anything, so a bad end changes nothing.
    today = runner_today(Profile(time_zone=TIME_ZONE))
    end = end or today
    if end > today:
        raise SeedRefused(
            gettext("--end %(end)s is in the future (today is %(today)s).")
            % {"end": end, "today": today}
        )
    start = end - timedelta(days=days - 1)
    log = DemoPlanner(seed=seed, start=start, end=end).plan()

    second = another_name(username, years)
    with transaction.atomic():
        existing = existing_log(username)
        if existing is not None and not replace:
            as_user = "" if username == "demo" else f" USER={username}"
            raise SeedRefused(
                gettext(
                    "A runner named “%(name)s” already exists (%(log)s); nothing was "
                    "changed. To replace that log: --replace (make demo%(as_user)s REPLACE=1). "
                    "To keep it and add a second demo runner: --user %(second)s "
                    "(make demo USER=%(second)s)."
                )
                % {"name": username, "log": existing, "as_user": as_user, "second": second}
            )
        user = _reset_runner(username, password, started=start)
        _write(user, log)
    return Seeded(username=username, start=start, end=end, log=log)


def another_name(username: str, years: float | None) -> str:
    """A free username to suggest for a second demo runner: demo10 for ten years."""
    base = username.rstrip("0123456789") or username
    candidates = [f"{base}{years:g}"] if years is not None else []
    candidates += [f"{username}-{n}" for n in range(2, 100)]
    taken = set(User.objects.filter(username__in=candidates).values_list("username", flat=True))
    return next((c for c in candidates if c != username and c not in taken), "another-name")


def existing_log(username: str) -> str | None:
    """What a runner of that name already has, or None when there is no such runner."""
    user = User.objects.filter(username=username).first()
    if user is None:
        return None
    span = Session.objects.filter(user=user).aggregate(
        count=Count("id"), first=Min("date"), last=Max("date")
    )
    if not span["count"]:
        return gettext("no sessions")
    return ngettext(
        "%(count)s session from %(first)s to %(last)s",
        "%(count)s sessions from %(first)s to %(last)s",
        span["count"],
    ) % {
        "count": span["count"],
        "first": format_day(span["first"]),
        "last": format_day(span["last"]),
    }


def _reset_runner(username: str, password: str, *, started: date) -> User:
    user = runner_named(username, create=True)
    user.set_password(password)
    user.is_active = True
    user.save()
    Session.objects.filter(user=user).delete()
    Soreness.objects.filter(user=user).delete()
    Shoe.objects.filter(user=user).delete()
    # "Seen" marks belong to flags of the log being replaced.
    SeenFlag.objects.filter(user=user).delete()
    profile = profile_for(user)
    profile.units = Units.KM
    profile.time_zone = TIME_ZONE
    profile.time_zone_chosen = True
    profile.week_start = Weekday.MONDAY
    profile.started_running = started
    profile.save()
    return user


def _write(user: User, log: DemoLog) -> None:
    # The planned records carry the model's field names (STORED_SESSION_FIELDS for a
    # session, whose pair is planned by name).
    shoes = Shoe.objects.bulk_create(Shoe(user=user, **vars(s)) for s in log.shoes)
    shoe_by_name = {shoe.name: shoe for shoe in shoes}
    if any(shoe.pk is None for shoe in shoes):
        # Databases without RETURNING on bulk inserts leave pks unset.
        shoe_by_name = {shoe.name: shoe for shoe in Shoe.objects.filter(user=user)}
    Session.objects.bulk_create(
        (
            Session(
                user=user,
                shoe=shoe_by_name.get(s.shoe),
                **{name: getattr(s, name) for name in STORED_SESSION_FIELDS},
            )
            for s in log.sessions
        ),
        batch_size=BATCH_SIZE,
    )
    Soreness.objects.bulk_create(
        (Soreness(user=user, **vars(c)) for c in log.checkins), batch_size=BATCH_SIZE
    )
    flagstore.data_changed(user.pk)  # bulk_create sends no signal
