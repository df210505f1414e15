"""Flags for a runner: selector -> advice.evaluate -> the runner's "seen" marks.

The one place views get flags from, so every page agrees on what is active. The
full evaluation is kept between requests (``tracker.flagstore``): pages read it
with a query or two, and it is evaluated again only after a write to the log or
on a new day (``stored``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext

from advice import (
    ACTIVE_DAYS,
    LOOKBACK_DAYS,
    URGENT_LOOKBACK_DAYS,
    URGENT_RULES,
    active_flags,
    evaluate,
)
from advice.types import Flag, Severity
from tracker import flagstore
from tracker.dates import format_day
from tracker.i18n import translated
from tracker.models import Profile, SeenFlag
from tracker.requests import profile_of
from tracker.selectors import advice_history
from tracker.services import runner_today


@dataclass(frozen=True)
class RunnerFlag:
    """A flag and whether the runner has marked it as seen."""

    flag: Flag
    seen: bool

    def __getattr__(self, name: str) -> object:  # templates read flag fields directly
        return getattr(self.flag, name)


def evaluated(*, profile: Profile, today: date, since: date | None = None) -> list[Flag]:
    """Every flag raised by the log up to ``today``; with ``since``, those ending on
    or after it (loading only the rows the rules need to get those right)."""
    window = None if since is None else since - timedelta(days=LOOKBACK_DAYS)
    flags = evaluate(advice_history(profile=profile, today=today, since=window), today)
    if since is not None:
        flags = [flag for flag in flags if flag.end >= since]
    return flags


def contract_json(*, profile: Profile, today: date, everything: bool) -> list[dict[str, object]]:
    """The flags as ``manage.py flags --format json`` prints them and the API's
    /flags answers (docs/contract.md): every flag raised up to ``today``
    (``everything``, resolved ones with their date) or the active ones. Read from
    the stored evaluation (equal to a full one: tests/tracker/test_flag_store.py),
    so that a script polling the API costs a query, not every rule over the log.

    The flags do not change with the asker's language (a script's Accept-Language,
    the command's --language): a runner who left the first day of the week to their
    language has the weeks of the profile's language, else of the site's."""
    with translation.override(settings.LANGUAGE_CODE):
        stored(profile=profile, today=today)
    flags = flagstore.all_flags(profile.user_id)
    if not everything:
        flags = active_flags(flags, today)
    return [flag.to_json() for flag in flags]


def stored(*, profile: Profile, today: date) -> int:
    """Make the stored flags the full evaluation of the log as it is on ``today``:
    a query when they are already; otherwise one evaluation, kept. Returns the log's
    version, read before the log (the dashboard's cached charts are keyed on it)."""
    week_start = profile.first_weekday()
    version, fresh = flagstore.current_version(profile.user_id, today, week_start=week_start)
    if not fresh:
        flags = evaluated(profile=profile, today=today)
        flagstore.save(
            user_id=profile.user_id,
            version=version,
            today=today,
            week_start=week_start,
            flags=flags,
        )
    return version


def seen_keys(*, user_id: int, keys: list[str]) -> set[str]:
    """Which of ``keys`` the runner has marked as seen (asked for those only: the
    marks pile up over the years)."""
    # With no keys, ask for "" (never a flag's key) rather than skip the query: a
    # page's queries then do not depend on whether the log raised flags.
    asked = [key[:400] for key in keys] or [""]
    rows = SeenFlag.objects.filter(user_id=user_id, key__in=asked)
    return set(rows.values_list("key", flat=True))


def with_seen(flags: list[Flag], *, user_id: int) -> list[RunnerFlag]:
    seen = seen_keys(user_id=user_id, keys=[flag.key for flag in flags])
    return [RunnerFlag(flag=flag, seen=flag.key in seen) for flag in flags]


def active_unseen(*, profile: Profile, today: date, current: bool = False) -> list[RunnerFlag]:
    """What is active now and not yet marked as seen, urgent first. ``current``: the
    caller has just made the stored flags current (``stored``): not asked again."""
    if not current:
        stored(profile=profile, today=today)
    flags = active_flags(flagstore.active(profile.user_id, today), today)
    return [item for item in with_seen(flags, user_id=profile.user_id) if not item.seen]


def urgent_unseen(flags: list[RunnerFlag]) -> list[RunnerFlag]:
    return [item for item in flags if item.flag.severity == Severity.URGENT]


def urgent_for_request(request: HttpRequest) -> list[RunnerFlag]:
    """The urgent, unseen, active flags for the banner every page shows.

    When the page has read the active flags already, those are reused; when the
    stored flags are current, a query; otherwise (the first page after a write, or
    of a new day) only the urgent rules run, over the few weeks of rows they need,
    rather than every rule over the whole log.
    """
    cached = getattr(request, "_active_flags", None)
    if cached is not None:
        return urgent_unseen(cached)
    profile = profile_of(request)
    today = runner_today(profile)
    _version, fresh = flagstore.current_version(
        profile.user_id, today, week_start=profile.first_weekday()
    )
    if fresh:
        flags = active_flags(flagstore.active(profile.user_id, today, urgent_only=True), today)
        return [item for item in with_seen(flags, user_id=profile.user_id) if not item.seen]
    since = today - timedelta(days=ACTIVE_DAYS - 1)
    window = since - timedelta(days=URGENT_LOOKBACK_DAYS)
    history = advice_history(profile=profile, today=today, since=window)
    flags = active_flags(evaluate(history, today, rules=URGENT_RULES), today)
    return [item for item in with_seen(flags, user_id=profile.user_id) if not item.seen]


@dataclass(frozen=True)
class FlagGroup:
    """The active flags of one rule: the newest in full, the others as a list
    (three runs on acute pain are one card, not three)."""

    newest: RunnerFlag
    earlier: list[RunnerFlag]

    @property
    def flag(self) -> Flag:
        return self.newest.flag

    @property
    def count(self) -> int:
        return 1 + len(self.earlier)

    @property
    def keys(self) -> list[str]:
        return [self.newest.flag.key, *(item.flag.key for item in self.earlier)]


def grouped(flags: list[RunnerFlag]) -> list[FlagGroup]:
    """``flags`` (urgent first, newest first) grouped by rule, in that order."""
    by_rule: dict[str, list[RunnerFlag]] = {}
    for item in flags:
        by_rule.setdefault(item.flag.rule, []).append(item)
    return [FlagGroup(newest=items[0], earlier=items[1:]) for items in by_rule.values()]


@dataclass(frozen=True)
class BannerLine:
    """One line of the urgent banner: a rule, how many of its flags are urgent
    and unseen, and what they are about."""

    rule: str
    title: str
    count: int
    subjects: str


def banner_lines(flags: list[RunnerFlag]) -> list[BannerLine]:
    """The urgent flags as one line per rule (most recent rule first): a run on
    acute pain three days running is one line, "3 times", not three."""
    by_rule: dict[str, list[Flag]] = {}
    for item in flags:
        by_rule.setdefault(item.flag.rule, []).append(item.flag)
    lines = []
    for rule, group in by_rule.items():
        # In the page's language: the banner's tool tip is read like its text.
        subjects = list(
            dict.fromkeys(translated(f.subject_text) or format_day(f.end) for f in group)
        )
        shown = ", ".join(subjects[:2])
        lines.append(
            BannerLine(
                rule=rule,
                title=group[0].title,
                count=len(group),
                subjects=gettext("%(subjects)s and more") % {"subjects": shown}
                if len(subjects) > 2
                else shown,
            )
        )
    return lines


def urgent_banner(request: HttpRequest) -> list[BannerLine]:
    """What the urgent banner on every page shows."""
    return banner_lines(urgent_for_request(request))


def active_for_request(request: HttpRequest, *, current: bool = False) -> list[RunnerFlag]:
    """``active_unseen`` once per request: the banner and the page share it."""
    cached = getattr(request, "_active_flags", None)
    if cached is None:
        profile = profile_of(request)
        cached = active_unseen(profile=profile, today=runner_today(profile), current=current)
        # A memo for this request only, in its own namespace (the banner and the page).
        vars(request)["_active_flags"] = cached
    return cached


def raised_by_session(
    *, profile: Profile, session_id: int, session_date: date, today: date
) -> list[Flag]:
    """The flags that a session's own data helped raise."""
    flags = evaluated(profile=profile, today=today, since=session_date)
    return [flag for flag in flags if session_id in flag.session_ids]


def mark_seen(*, user_id: int, keys: list[str]) -> None:
    """Mark flags as seen (several at once: a card of one rule's flags)."""
    SeenFlag.objects.bulk_create(
        [SeenFlag(user_id=user_id, key=key[:400]) for key in dict.fromkeys(keys)],
        ignore_conflicts=True,  # marked already: the unique constraint keeps one
    )
