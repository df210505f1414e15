"""The two questionnaires: a wellness check clearly worse than the runner's own
recent days, and an area that the weekly OSTRC-O2 counts as a substantial problem.

Each rule here: its thresholds, its catalogue entry and its check, side by side.
The wording and scoring of both instruments are in ``advice.instruments``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from statistics import fmean, pstdev

from .. import sources as src
from ..i18n import N_, Num, Text, concat
from ..instruments import OSTRC_QUESTIONS, Q1_CANNOT, ostrc_score
from ..types import Flag, Grade, WellnessRecord
from ..wording import as_date, iso
from .base import INFO, WARNING, Context, RuleInfo, make_flag, rule

FAMILY = N_("Wellness and overuse")

# A personal baseline, not a fixed cut-off: the index of the previous 28 days'
# checks (four weeks, the chronic window load monitoring uses), and a day "clearly
# above" it when it exceeds their mean by more than 1.5 standard deviations
# (the z-score line athlete-monitoring guides use to start a conversation; the
# number is convention, docs/evidence.md). At least 14 checks in those 28 days so
# that the mean and spread mean something; a spread below 1 point counts as 1, so
# a runner who always answers the same is not flagged for a one-point change.
BASELINE_DAYS = 28
BASELINE_MIN_ENTRIES = 14
BASELINE_Z = 1.5
BASELINE_MIN_SD = 1.0


def baseline_line(indexes: Iterable[int]) -> float:
    """The index above which a day is clearly worse than these days."""
    values = list(indexes)
    return fmean(values) + BASELINE_Z * max(pstdev(values), BASELINE_MIN_SD)


def above_baseline(checks: Sequence[WellnessRecord]) -> Iterator[tuple[int, float, float]]:
    """(position, the line, the baseline's mean) of each check (sorted by date)
    clearly above the previous BASELINE_DAYS days' checks."""
    days = [c.date.toordinal() for c in checks]
    indexes = [c.index for c in checks]
    for i, day in enumerate(days):
        lo = bisect_left(days, day - BASELINE_DAYS, 0, i)
        if i - lo < BASELINE_MIN_ENTRIES:
            continue
        line = baseline_line(indexes[lo:i])
        if indexes[i] > line:
            yield i, line, fmean(indexes[lo:i])


def poor_wellness_days(checks: Sequence[WellnessRecord]) -> frozenset[date]:
    """The days whose check was clearly above the runner's baseline (what comes
    before pain sets the runs of those days apart)."""
    return frozenset(checks[i].date for i, _line, _mean in above_baseline(checks))


WELLNESS_ABOVE_BASELINE = RuleInfo(
    "wellness-above-baseline",
    "Wellness clearly worse than your usual",
    (INFO,),
    Text(
        "The day's Hooper index (sleep + fatigue + stress + soreness, 4-28) is more than "
        "{baseline_z} standard deviations above its mean over the previous {baseline_days} "
        "days, with at least {baseline_min_entries} checks in them.",
        baseline_z=Num(BASELINE_Z, 1),
        baseline_days=BASELINE_DAYS,
        baseline_min_entries=BASELINE_MIN_ENTRIES,
    ),
    (src.REVIEW_THE_PROGRAM,),
    src.EVIDENCE_WELLNESS_BASELINE,
    Grade.MIXED,
)


@rule(WELLNESS_ABOVE_BASELINE, reach_days=BASELINE_DAYS)
def wellness_above_baseline(ctx: Context) -> Iterable[Flag]:
    """One flag a day whose index is clearly above the previous 28 days'."""
    checks = ctx.wellness
    for i, line, mean in above_baseline(checks):
        day, index = checks[i].date.toordinal(), checks[i].index
        yield make_flag(
            WELLNESS_ABOVE_BASELINE,
            INFO,
            day,
            day,
            f"wellness {iso(day)}",
            Text(
                "your wellness check on {day} added up to {index}/28 (higher is worse); over "
                "the previous {days} days it averaged {mean}, and {line} would have been "
                "within your usual range.",
                day=as_date(day),
                index=index,
                days=BASELINE_DAYS,
                mean=Num(mean, 1),
                line=Num(line, 1),
            ),
            Text(
                "Look at what changed: sleep, stress outside running, a hard block of training. "
                "An easier day or two is cheap; if it stays high, review the plan."
            ),
            src.REVIEW_THE_PROGRAM,
        )


OSTRC_SUBSTANTIAL = RuleInfo(
    "ostrc-substantial-problem",
    "A substantial overuse problem (OSTRC-O2)",
    (WARNING,),
    Text(
        "The week's OSTRC-O2 answers for an area say training or performance was reduced to a "
        "moderate extent or more, or that you could not take part at all (Clarsen et al. 2013, "
        "2020).",
    ),
    (src.VISIT_SPECIALIST,),
    src.EVIDENCE_OSTRC_SUBSTANTIAL,
    Grade.SUPPORTED,
)


# What to do, by whether the problem cut the training or stopped it.
CUT_ADVICE = N_(
    "A problem that cuts your training or performance is worth showing to a "
    "physiotherapist or sports doctor now, before it stops you; the clinician's "
    "report carries these answers."
)
STOPPED_ADVICE = N_(
    "A problem that keeps you from training at all is one to have seen by a "
    "physiotherapist or sports doctor before you start again; the clinician's report "
    "carries these answers."
)


def _said(question: str, option: str) -> Text:
    """ "participation: full participation without problems" (both lower-case)."""
    return Text(
        "{question}: {option}", question=Text(question).lowered(), option=Text(option).lowered()
    )


@rule(OSTRC_SUBSTANTIAL, reach_days=7)
def ostrc_substantial_problem(ctx: Context) -> Iterable[Flag]:
    """One flag an area and week whose answers meet the published definition."""
    for answer in ctx.ostrc:
        score = ostrc_score(
            answer.participation, answer.modification, answer.performance, answer.symptoms
        )
        if not score.substantial:
            continue
        day = answer.week.toordinal()
        # Each question's heading and the option chosen, in the page's language.
        said = concat(
            *(
                part
                for i, (q, a) in enumerate(
                    zip(
                        OSTRC_QUESTIONS,
                        (
                            answer.participation,
                            answer.modification,
                            answer.performance,
                            answer.symptoms,
                        ),
                        strict=True,
                    )
                )
                for part in ("; ", _said(q.short, q.options[a][0]))[not i :]
            )
        )
        yield make_flag(
            OSTRC_SUBSTANTIAL,
            WARNING,
            day - 6,
            day,
            f"{answer.area} {iso(day)}",
            Text(
                "{area} in the 7 days to {day}: {said}. Severity {severity}/100, a substantial "
                "problem by the OSTRC-O2 definition.",
                area=Text(answer.area),
                day=as_date(day),
                said=said,
                severity=score.severity,
            ),
            Text(STOPPED_ADVICE if answer.participation == Q1_CANNOT else CUT_ADVICE),
            src.VISIT_SPECIALIST,
        )
