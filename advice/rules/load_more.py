"""The load family's last two rules, return-after-break and too-much-speed, kept
apart from load.py for its size; load.py imports them at its end, so that they
stand last in the family as the registry reads it (advice.rules)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from .. import sources as src
from ..i18n import Text
from ..types import Flag, Grade
from ..wording import as_date, iso
from .base import (
    INFO,
    LOOKBACK_DAYS,
    Context,
    RuleInfo,
    ids,
    make_flag,
    rule,
)

# Two weeks off is a break worth building back from (return-after-break); the
# week a break ends in is that rule's business, not volume-jump's.
BREAK_DAYS = 14


# --- return-after-break -----------------------------------------------------------

RETURN_AFTER_BREAK = RuleInfo(
    "return-after-break",
    "Back after a break",
    (INFO,),
    Text(
        "A run after {break_days} or more days without one, when there was running before.",
        break_days=BREAK_DAYS,
    ),
    (src.GRADUALLY, src.FEASIBLE_LOAD),
    src.EVIDENCE_RETURN_AFTER_BREAK,
    Grade.DOCUMENTS_ONLY,
)


@rule(RETURN_AFTER_BREAK, reach_days=LOOKBACK_DAYS)
def return_after_break(ctx: Context) -> Iterable[Flag]:
    """A run after 14 or more days without one, when there was a run before.

    The run before may be older than the loaded window: ``last_run_before``.
    """
    previous = ctx.last_run_before_ord
    for day in ctx.run_days:
        if previous is not None and previous < day and day - previous - 1 >= BREAK_DAYS:
            yield make_flag(
                RETURN_AFTER_BREAK,
                INFO,
                day,
                day,
                iso(day),
                Text(
                    "First run in {days} days (the one before was on {previous}): {distance}.",
                    days=day - previous - 1,
                    previous=as_date(previous),
                    distance=ctx.fmt(ctx.run_distance(day)),
                ),
                Text(
                    "Start again below where you left off and build up gradually over the next "
                    "weeks."
                ),
                src.GRADUALLY,
                ids(ctx.runs_on(day)),
            )
        previous = day


# --- too-much-speed -----------------------------------------------------------------

FAST_MAX_PCT = 30  # document 000: "no more than 30% ... optimally up to 10%"
FAST_IDEAL_PCT = 10

TOO_MUCH_SPEED = RuleInfo(
    "too-much-speed",
    "A lot of fast running",
    (INFO,),
    Text(
        "More than {fast_max_pct}% of a run at speed (the document: at most {fast_max_pct}%, "
        "ideally up to {fast_ideal_pct}%).",
        fast_max_pct=FAST_MAX_PCT,
        fast_ideal_pct=FAST_IDEAL_PCT,
    ),
    (src.SPEED_SHARE,),
    src.EVIDENCE_TOO_MUCH_SPEED,
    Grade.DOCUMENTS_ONLY,
)


@rule(TOO_MUCH_SPEED, reach_days=0)
def too_much_speed(ctx: Context) -> Iterable[Flag]:
    """A run with more than 30% of its distance at speed (document 000)."""
    # fast_pct may be None: "or 0" keeps the test one comparison.
    fast_runs = [i for i, r in enumerate(ctx.runs) if (r.fast_pct or 0) > FAST_MAX_PCT]
    advice = Text(
        "Keep accelerations to at most {most}% of a run, ideally up to {ideal}%.",
        most=FAST_MAX_PCT,
        ideal=FAST_IDEAL_PCT,
    )
    metres_of = ctx.run_metres
    for day, group in groupby(fast_runs, key=ctx.run_ords.__getitem__):
        at = list(group)
        fast = [ctx.runs[i] for i in at]
        pct = max(r.fast_pct or 0 for r in fast)
        yield make_flag(
            TOO_MUCH_SPEED,
            INFO,
            day,
            day,
            iso(day),
            Text(
                "{pct}% of the run on {day} ({distance}) was at speed.",
                pct=pct,
                day=as_date(day),
                distance=ctx.fmt(sum(metres_of[i] for i in at)),
            ),
            advice,
            src.SPEED_SHARE,
            ids(fast),
        )
