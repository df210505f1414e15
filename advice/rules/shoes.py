"""Shoes: worn out, old, or not made for running.

Each rule here: its thresholds (with where they come from), its catalogue entry
and its check, side by side. Retired pairs are checked too, so that the history
keeps what they raised; their flags are resolved on the day of retirement.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date
from itertools import accumulate, compress

from .. import sources as src
from ..i18n import N_, Text
from ..load import add_months, metres
from ..types import Flag, Grade, Severity
from ..wording import as_date
from .base import (
    EPISODE_MAX_DAYS,
    INFO,
    WARNING,
    Context,
    RuleInfo,
    ids,
    make_flag,
    retired_on,
    rule,
)
from .episodes import clip_day, episodes

FAMILY = N_("Shoes")

# --- shoe-worn --------------------------------------------------------------------

# The usual 480-800 km replacement range is convention (EVIDENCE.md): the pair's
# own limit (the site default 650 km) decides, with a first word at 90%.
SHOE_WORN_INFO_PCT = 90
SHOE_WORN_WARNING_PCT = 100

SHOE_WORN = RuleInfo(
    "shoe-worn",
    "Shoes near their limit",
    (INFO, WARNING),
    Text(
        "A pair reaches {shoe_worn_info_pct}% (info) or {shoe_worn_warning_pct}% (warning) of "
        "its distance limit and is run in after that; the flag lasts until the pair's latest "
        "run, and ends when the pair is retired.",
        shoe_worn_info_pct=SHOE_WORN_INFO_PCT,
        shoe_worn_warning_pct=SHOE_WORN_WARNING_PCT,
    ),
    (src.SHOES_SPREAD, src.UNCOMFORTABLE_SHOES),
    src.EVIDENCE_SHOES,
    Grade.MIXED,
)


@rule(SHOE_WORN, reach_days=EPISODE_MAX_DAYS)
def shoe_worn(ctx: Context) -> Iterable[Flag]:
    """A pair at 90% (info) or 100% (warning) of its limit.

    Wear counts every session in the pair (walks too) plus ``km_before``. The
    flag starts the day the pair crossed the line reached and ends on its latest
    run, so a pair no longer run in drops out of the active list. Only the
    highest line reached is flagged.
    """
    lines = ((INFO, SHOE_WORN_INFO_PCT), (WARNING, SHOE_WORN_WARNING_PCT))
    for shoe in ctx.shoes:
        limit = metres(shoe.limit_km)
        if limit <= 0:
            continue
        rows = ctx.in_shoe(shoe.id)
        # worn[i]: the wear before session i (worn[0] from before the window), so
        # the session that took the pair over a line is found by bisect.
        worn = list(accumulate(rows.metres, initial=metres(shoe.km_before)))
        crossed: dict[Severity, int] = {}
        for severity, pct in lines:
            at = bisect_left(worn, -(-limit * pct // 100))  # worn * 100 >= limit * pct
            if at < len(worn):
                # 0: crossed before the window (any ordinal before it will do)
                crossed[severity] = rows.days[at - 1] if at else 0
        if not crossed:
            continue
        severity = WARNING if WARNING in crossed else INFO
        since = crossed[severity]
        run_days = list(compress(rows.days, rows.is_run))
        if not run_days or run_days[-1] < since:
            continue
        end = run_days[-1]
        start = clip_day(since, end, run_days)
        runs = list(compress(rows.sessions, rows.is_run))[bisect_left(run_days, start) :]
        total = worn[-1]
        yield make_flag(
            SHOE_WORN,
            severity,
            start,
            end,
            shoe.name,
            Text(
                "{shoe} has {total} on it, {share}% of its {limit} limit.",
                shoe=shoe.name,
                total=ctx.fmt(total),
                share=round(total * 100 / limit),
                limit=ctx.fmt(limit),
            ),
            Text("Replace this pair soon; keep it for walking.")
            if severity is WARNING
            else Text(
                "This pair is near the end of its life: plan a new one, and check that the "
                "soles are not spreading out to the sides."
            ),
            src.SHOES_SPREAD,
            ids(runs),
            title=N_("Shoes worn out") if severity is WARNING else None,
            resolved=retired_on(shoe, ctx.today, end),
        )


# --- shoe-age -----------------------------------------------------------------------

SHOE_AGE_MONTHS = 6  # document 003: "either after 4 months, or after six months"

SHOE_AGE = RuleInfo(
    "shoe-age",
    "Old shoes still in use",
    (INFO,),
    Text(
        "A pair is run in more than {shoe_age_months} months after it was first used; the flag "
        "lasts until the pair's latest run, and ends when the pair is retired.",
        shoe_age_months=SHOE_AGE_MONTHS,
    ),
    (src.SHOES_SIX_MONTHS,),
    src.EVIDENCE_SHOES,
    Grade.MIXED,
)


@rule(SHOE_AGE, reach_days=EPISODE_MAX_DAYS)
def shoe_age(ctx: Context) -> Iterable[Flag]:
    """A pair run in more than six months after it was first used.

    First used: the pair's ``first_used``, else its earliest session ever
    (``first_session``), else its earliest loaded session. The flag ends on the
    pair's latest run, so it shows while the pair is being run in and drops out
    two weeks after its last run.
    """
    for shoe in ctx.shoes:
        rows = ctx.in_shoe(shoe.id)
        first_used: date | None = (
            shoe.first_used
            or shoe.first_session
            or (rows.sessions[0].date if rows.sessions else None)
        )
        if first_used is None:
            continue
        mark = add_months(first_used, SHOE_AGE_MONTHS).toordinal()
        all_run_days = list(compress(rows.days, rows.is_run))
        later = bisect_right(all_run_days, mark)
        run_days = all_run_days[later:]
        if not run_days:
            continue
        end = run_days[-1]
        start = clip_day(run_days[0], end, run_days)
        last = date.fromordinal(end)
        months = (last.year - first_used.year) * 12 + last.month - first_used.month
        months -= last.day < first_used.day
        yield make_flag(
            SHOE_AGE,
            INFO,
            start,
            end,
            shoe.name,
            Text(
                "{shoe} was first used on {first}; you ran in it on {last}, {months} months later.",
                shoe=shoe.name,
                first=first_used,
                last=as_date(end),
                months=months,
            ),
            Text(
                "Running shoes wear out with time as well as distance: check the soles and plan "
                "a new pair."
            ),
            src.SHOES_SIX_MONTHS,
            ids(list(compress(rows.sessions, rows.is_run))[bisect_left(all_run_days, start) :]),
            resolved=retired_on(shoe, ctx.today, end),
        )


# --- non-running-shoes ----------------------------------------------------------------

NON_RUNNING_KINDS = frozenset({"casual"})

NON_RUNNING_SHOES = RuleInfo(
    "non-running-shoes",
    "Running in shoes not made for it",
    (WARNING,),
    Text(
        "A run in a pair of kind casual; ends when the pair is retired.",
    ),
    (src.RUNNING_SHOES, src.NON_RUNNING_SNEAKERS),
    src.EVIDENCE_SHOES,
    Grade.MIXED,
)


@rule(NON_RUNNING_SHOES, reach_days=EPISODE_MAX_DAYS)
def non_running_shoes(ctx: Context) -> Iterable[Flag]:
    """Runs in a pair of kind ``casual``, one flag per stretch of such runs."""
    for shoe in ctx.shoes:
        if shoe.kind not in NON_RUNNING_KINDS:
            continue
        rows = ctx.in_shoe(shoe.id)
        runs = list(compress(rows.sessions, rows.is_run))
        if not runs:
            continue
        days = list(compress(rows.days, rows.is_run))
        for _state, first, last in episodes(days, [WARNING] * len(days)):
            count = len(set(days[first : last + 1]))
            when = (
                Text("on {day}", day=as_date(days[last]))
                if count == 1
                else Text(
                    "on {count} days between {first} and {last}",
                    count=count,
                    first=as_date(days[first]),
                    last=as_date(days[last]),
                )
            )
            yield make_flag(
                NON_RUNNING_SHOES,
                WARNING,
                days[first],
                days[last],
                shoe.name,
                Text(
                    "You ran in {shoe}, a pair not made for running, {when}.",
                    shoe=shoe.name,
                    when=when,
                ),
                Text(
                    "Run in running shoes: other shoes do not spread the load between the muscles "
                    "and strain the Achilles tendon."
                ),
                src.RUNNING_SHOES,
                ids(runs[first : last + 1]),
                resolved=retired_on(shoe, ctx.today, days[last]),
            )
