"""The pain family's last two rules, night-pain and recurring-pain, and the hint
every pain flag ends with, kept apart from pain.py for its size; pain.py imports
the rules at its end, so that they stand last in the family as the registry reads
it (advice.rules)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date

from .. import sources as src
from ..i18n import N_, Text, concat
from ..types import Flag, Grade, Severity
from ..wording import as_date, join_text
from .base import (
    EPISODE_MAX_DAYS,
    INFO,
    PAIN_MIN,
    WARNING,
    Context,
    PainReport,
    RuleInfo,
    make_flag,
    rule,
)
from .episodes import episodes


def _close_hint(resolved: date | None) -> str:
    """How a runner ends a pain flag, said while it is open."""
    if resolved is not None:
        return ""
    return Text(" When it no longer hurts, check in with 0/10 for it: that closes this warning.")


def _with_hint(advice: str, resolved: date | None) -> str:
    """The advice, and while the flag is open, how to close it (each translated)."""
    hint = _close_hint(resolved)
    return concat(advice, hint) if hint else advice


# --- night-pain ------------------------------------------------------------------------

NIGHT_WINDOW_DAYS = 14
NIGHT_MIN_NIGHTS = 2

NIGHT_PAIN = RuleInfo(
    "night-pain",
    "Pain at night",
    (INFO, WARNING),
    Text(
        "{night_min_nights} or more nights with pain ({pain_min}/10 or more) within "
        "{night_window_days} days: only cramps is info, any other night pain a warning.",
        night_min_nights=NIGHT_MIN_NIGHTS,
        pain_min=PAIN_MIN,
        night_window_days=NIGHT_WINDOW_DAYS,
    ),
    (src.NIGHT_CRAMP, src.WORSE_AT_NIGHT),
    src.EVIDENCE_NIGHT_PAIN,
    Grade.MIXED,
)


@rule(NIGHT_PAIN, reach_days=EPISODE_MAX_DAYS + NIGHT_WINDOW_DAYS)
def night_pain(ctx: Context) -> Iterable[Flag]:
    """Two or more nights with pain within 14 days.

    Nights with cramps only give an info (recurring night cramps); any other
    pain at night in the window makes it a warning.
    """
    nights: dict[int, list[PainReport]] = {}
    for p in ctx.pains:
        if p.at_night:
            nights.setdefault(p.day, []).append(p)
    days = list(nights)
    other = [0]  # prefix count of nights with pain other than cramps
    for d in days:
        other.append(other[-1] + any(p.kind != "cramp" for p in nights[d]))
    window_first: list[int] = []
    states: list[Severity | None] = []
    lo = 0
    for i, day in enumerate(days):
        while days[lo] <= day - NIGHT_WINDOW_DAYS:
            lo += 1
        window_first.append(lo)
        if i - lo + 1 < NIGHT_MIN_NIGHTS:
            states.append(None)
        else:
            states.append(WARNING if other[i + 1] > other[lo] else INFO)
    for severity, first, last in episodes(days, states):
        shown = days[window_first[first] : last + 1]
        reports = [p for d in shown for p in nights[d]]
        areas = dict.fromkeys(p.label for p in reports)
        resolved = ctx.cleared(dict.fromkeys((p.area, p.side) for p in reports), shown[-1])
        cramps = severity is INFO
        yield make_flag(
            NIGHT_PAIN,
            severity,
            shown[0],
            shown[-1],
            Text("night cramps") if cramps else Text("night pain"),
            Text(
                N_("Cramps at night on {nights} nights between {first} and {last} ({areas}).")
                if cramps
                else N_("Pain at night on {nights} nights between {first} and {last} ({areas})."),
                nights=len(shown),
                first=as_date(shown[0]),
                last=as_date(shown[-1]),
                areas=join_text(areas),
            ),
            _with_hint(
                Text(
                    "Recurring night cramps are worth mentioning to a doctor; do not start "
                    "supplements on your own."
                )
                if cramps
                else Text(
                    "Pain that wakes you at night is not ordinary training soreness: see a doctor."
                ),
                resolved,
            ),
            src.NIGHT_CRAMP if cramps else src.WORSE_AT_NIGHT,
            (p.session_id for p in reports),
            title=N_("Night cramps keep coming back") if cramps else None,
            resolved=resolved,
        )


# --- recurring-pain ----------------------------------------------------------------------

# Document 003 ("constant companions of training"): 3 days in 14, at 3/10 or more.
RECURRING_SEVERITY = 3
RECURRING_MIN_DAYS = 3
RECURRING_WINDOW_DAYS = 14

RECURRING_PAIN = RuleInfo(
    "recurring-pain",
    "Pain keeps coming back",
    (WARNING,),
    Text(
        "Pain of {recurring_severity}/10 or more on at least {recurring_min_days} different "
        "days within {recurring_window_days} days, while the running distance of those days is "
        "not lower than in the {recurring_window_days} days before.",
        recurring_severity=RECURRING_SEVERITY,
        recurring_min_days=RECURRING_MIN_DAYS,
        recurring_window_days=RECURRING_WINDOW_DAYS,
    ),
    (src.REVIEW_THE_PROGRAM, src.OVERLOAD_STOP_A_WEEK),
    src.EVIDENCE_RECURRING_PAIN,
    Grade.DOCUMENTS_ONLY,
)


@rule(RECURRING_PAIN, reach_days=EPISODE_MAX_DAYS + 2 * RECURRING_WINDOW_DAYS)
def recurring_pain(ctx: Context) -> Iterable[Flag]:
    """Pain >= 3 on 3 days within 14 while running does not go down.

    "Does not go down": running distance in the 14 days up to the day is not
    lower than in the 14 days before, and there was some running. Resolved when
    the areas it names are all reported below 2 (a session's pain without an
    area is left out of that, when some area is named).
    """
    painful = [p for p in ctx.pains if p.severity >= RECURRING_SEVERITY]
    painful_days = [p.day for p in painful]
    days = sorted(set(painful_days))
    window_first: list[int] = []
    states: list[Severity | None] = []
    lo = 0
    for i, day in enumerate(days):
        while days[lo] <= day - RECURRING_WINDOW_DAYS:
            lo += 1
        window_first.append(lo)
        if i - lo + 1 < RECURRING_MIN_DAYS:
            states.append(None)
            continue
        now = ctx.run_m.total(day - RECURRING_WINDOW_DAYS + 1, day)
        before = ctx.run_m.total(day - 2 * RECURRING_WINDOW_DAYS + 1, day - RECURRING_WINDOW_DAYS)
        states.append(WARNING if now > 0 and now >= before else None)
    for _state, first, last in episodes(days, states):
        start, end = days[window_first[first]], days[last]
        reports = painful[bisect_left(painful_days, start) : bisect_right(painful_days, end)]
        labels = list(dict.fromkeys(p.label for p in reports))
        # A Text whose English is "calf left, shin right and 1 more" (the subject the
        # seen-marks and the JSON contract key on), each label in the page's language.
        subject: str = concat(
            *(part for i, label in enumerate(labels[:3]) for part in (", ", label)[not i :])
        )
        if len(labels) > 3:
            subject = Text("{areas} and {count} more", areas=subject, count=len(labels) - 3)
        named = dict.fromkeys((p.area, p.side) for p in reports if p.area is not None)
        resolved = ctx.cleared(named, end) if named else None
        now = ctx.run_m.total(end - RECURRING_WINDOW_DAYS + 1, end)
        before = ctx.run_m.total(end - 2 * RECURRING_WINDOW_DAYS + 1, end - RECURRING_WINDOW_DAYS)
        yield make_flag(
            RECURRING_PAIN,
            WARNING,
            start,
            end,
            subject,
            Text(
                "Pain of {severity}/10 or more on {days} days between {start} and {end}, while "
                "you ran {now} in the {window} days to {end} ({before} in the {window} days "
                "before).",
                severity=RECURRING_SEVERITY,
                days=last - window_first[first] + 1,
                start=as_date(start),
                end=as_date(end),
                now=ctx.fmt(now),
                window=RECURRING_WINDOW_DAYS,
                before=ctx.fmt(before),
            ),
            _with_hint(
                Text(
                    "Pain keeps coming back while training stays as heavy: review your plan, it "
                    "may be too much, and rest for at least a week."
                ),
                resolved,
            ),
            src.REVIEW_THE_PROGRAM,
            (p.session_id for p in reports),
            resolved=resolved,
        )
