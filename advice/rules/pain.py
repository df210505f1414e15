"""Pain: pain that lasts, acute pain and running on it, vein warning signs,
pain at night, pain that keeps coming back.

Each rule here: its thresholds (with where they come from), its catalogue entry
and its check, side by side. Every flag here is resolved once its areas are
reported below 2/10 (``Context.cleared``), and leaves the active list then.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from .. import sources as src
from ..i18n import N_, Text, concat
from ..types import Flag, Grade, SorenessRecord
from ..wording import ago_text, area_label, as_date, iso, join_text, sore_part
from .base import (
    EPISODE_MAX_DAYS,
    PAIN_MIN,
    URGENT,
    WARNING,
    Context,
    PainReport,
    RuleInfo,
    make_flag,
    rule,
    sides,
)
from .episodes import clip
from .pain_more import _with_hint

FAMILY = N_("Pain")

_Key = tuple[str | None, str | None]


# --- pain-persisting ------------------------------------------------------------

# Document 003: "if it does not stop within five days ... consult a doctor".
PAIN_PERSIST_DAYS = 5
# Reports further apart are not one continuing pain: a check-in every 4 days of
# the same pain is still the same pain.
PAIN_REPORT_GAP_DAYS = 4

PAIN_PERSISTING = RuleInfo(
    "pain-persisting",
    "Pain lasting more than five days",
    (WARNING,),
    Text(
        "Pain ({pain_min}/10 or more) in one area and side reported again and again, no more "
        "than {pain_report_gap_days} days apart and never below {pain_min} in between, the "
        "last at least {pain_persist_days} days after the first.",
        pain_min=PAIN_MIN,
        pain_report_gap_days=PAIN_REPORT_GAP_DAYS,
        pain_persist_days=PAIN_PERSIST_DAYS,
    ),
    (src.FIVE_DAYS, src.VISIT_SPECIALIST),
    src.EVIDENCE_PAIN_PERSISTING,
    Grade.SUPPORTED,
)


@rule(PAIN_PERSISTING, reach_days=EPISODE_MAX_DAYS + PAIN_REPORT_GAP_DAYS)
def pain_persisting(ctx: Context) -> Iterable[Flag]:
    """Pain in one area and side lasting more than five days.

    Reports of it no more than 4 days apart, none below 2 in between, the last
    at least 5 days after the first: six daily reports fire on the sixth day. A
    ``both`` report continues the left and the right episode. A day with pain
    counts as a pain day even if the same area was also reported below 2 that
    day (the careful reading).

    Only the pain reports are grouped by area and side; whether it was reported
    below 2 between two of them is the context's index (``Context.first_clear``).
    """
    by_key: dict[tuple[str, str | None], list[PainReport]] = {}
    for pain in ctx.pains:
        area = pain.area
        if area is None:
            continue
        if pain.side == "both":  # sides(), inlined: this loop sees every pain report
            by_key.setdefault((area, "left"), []).append(pain)
            by_key.setdefault((area, "right"), []).append(pain)
        else:
            by_key.setdefault((area, pain.side), []).append(pain)
    for (area, side), reports in by_key.items():
        episode: list[PainReport] = []
        for p in [*reports, None]:
            if p is not None and (
                not episode
                or p.day == episode[-1].day
                or p.day == episode[-1].day + 1  # no day between to be better on
                or (
                    p.day - episode[-1].day <= PAIN_REPORT_GAP_DAYS
                    and (ctx.first_clear(area, side, episode[-1].day) or p.day) >= p.day
                )
            ):
                episode.append(p)
                continue
            if episode and episode[-1].day - episode[0].day >= PAIN_PERSIST_DAYS:
                yield _persisting_flag(ctx, area, side, episode)
            episode = [p] if p is not None else []


def _persisting_flag(ctx: Context, area: str, side: str | None, episode: list[PainReport]) -> Flag:
    subject = area_label(area, side)
    days = [p.day for p in episode]
    shown = episode[clip(days, [True] * len(days), 0, len(days) - 1) :]
    start, end = shown[0].day, shown[-1].day
    resolved = ctx.cleared([(area, side)], end)
    return make_flag(
        PAIN_PERSISTING,
        WARNING,
        start,
        end,
        subject,
        Text(
            "{subject}: pain reported on {reported} days from {start} to {end} ({days} days), "
            "up to {worst}/10.",
            subject=subject,
            reported=len({p.day for p in shown}),
            start=as_date(start),
            end=as_date(end),
            days=end - start + 1,
            worst=max(p.severity for p in shown),
        ),
        _with_hint(
            Text(
                "Pain that has not stopped within five days is a reason to see a doctor; do not "
                "train through it."
            ),
            resolved,
        ),
        src.FIVE_DAYS,
        (p.session_id for p in shown),
        resolved=resolved,
    )


# --- acute-pain -------------------------------------------------------------------

# Document 003: acute pain = sharp; 7/10 is the usual "severe" line on 0-10, and a
# sharp twinge must still be real pain (4/10) to send a runner to a doctor.
ACUTE_SEVERITY = 7
ACUTE_KINDS = frozenset({"sharp"})
ACUTE_KIND_SEVERITY = 4

ACUTE_PAIN = RuleInfo(
    "acute-pain",
    "Acute pain",
    (URGENT,),
    Text(
        "A pain report of severity {acute_severity}/10 or more, or of kind sharp at "
        "{acute_kind_severity}/10 or more.",
        acute_severity=ACUTE_SEVERITY,
        acute_kind_severity=ACUTE_KIND_SEVERITY,
    ),
    (src.ACUTE_PAIN, src.SEE_DOCTOR_IMMEDIATELY),
    src.EVIDENCE_ACUTE_PAIN,
    Grade.SUPPORTED,
)


def is_acute(p: PainReport) -> bool:
    return p.severity >= ACUTE_SEVERITY or (
        p.kind in ACUTE_KINDS and p.severity >= ACUTE_KIND_SEVERITY
    )


@rule(ACUTE_PAIN, reach_days=0)
def acute_pain(ctx: Context) -> Iterable[Flag]:
    """A report of 7/10 or more, or sharp at 4 or more: one flag per area, side and day."""
    groups: dict[tuple[int, str | None, str | None], list[PainReport]] = {}
    for p in ctx.pains:
        if is_acute(p):
            groups.setdefault((p.day, p.area, p.side), []).append(p)
    for (day, area, side), reports in groups.items():
        label = area_label(area, side)
        worst = max(p.severity for p in reports)
        sharp = any(p.kind in ACUTE_KINDS for p in reports)
        resolved = ctx.cleared([(area, side)], day)
        part = sore_part([area])
        leg = part == "that leg"
        if day == ctx.today_ord or resolved is not None:
            # Each branch marked: xgettext reads only a call's first string.
            advice: str = Text(
                N_(
                    "Stop all training on that leg now and see a doctor (a traumatologist) to "
                    "find out what is wrong: acute pain can be a sprain or a torn muscle or "
                    "ligament."
                )
                if leg
                else N_(
                    "Stop all training now and see a doctor (a traumatologist) to find out "
                    "what is wrong: acute pain can be a sprain or a torn muscle or ligament."
                )
            )
        else:
            advice = Text(
                N_(
                    "You reported it {ago} and not below {pain_min}/10 since: if it still "
                    "hurts, do not train on that leg until a doctor (a traumatologist) has seen it."
                )
                if leg
                else N_(
                    "You reported it {ago} and not below {pain_min}/10 since: if it still "
                    "hurts, do not train until a doctor (a traumatologist) has seen it."
                ),
                ago=ago_text(day, ctx.today_ord),
                pain_min=PAIN_MIN,
            )
        yield make_flag(
            ACUTE_PAIN,
            URGENT,
            day,
            day,
            label,
            Text(
                N_("{label}: sharp pain {worst}/10 on {day}.")
                if sharp
                else N_("{label}: pain {worst}/10 on {day}."),
                label=label,
                worst=worst,
                day=as_date(day),
            ),
            _with_hint(advice, resolved),
            src.ACUTE_PAIN,
            (p.session_id for p in reports),
            resolved=resolved,
        )


# --- training-through-pain -----------------------------------------------------------

# An acute report with no later "below 2" stops counting after four weeks: the
# runner probably forgot to log that it healed.
ACUTE_OPEN_DAYS = 28

TRAINING_THROUGH_PAIN = RuleInfo(
    "training-through-pain",
    "Running on acute pain",
    (URGENT,),
    Text(
        "A run on a later day than an acute-pain report, before that area (and side) is "
        "reported below {pain_min}/10, within {acute_open_days} days of the report.",
        pain_min=PAIN_MIN,
        acute_open_days=ACUTE_OPEN_DAYS,
    ),
    (src.NO_TRAINING_THROUGH_ACUTE_PAIN, src.ACUTE_PAIN),
    src.EVIDENCE_ACUTE_PAIN,
    Grade.SUPPORTED,
)


@rule(TRAINING_THROUGH_PAIN, reach_days=ACUTE_OPEN_DAYS)
def training_through_pain(ctx: Context) -> Iterable[Flag]:
    """A run on a later day than an acute-pain report, before the area is reported below 2.

    Per area and side (``both`` opens and closes left and right). Only reports
    dated before the run's day count: a "0" logged on the run's own day does not
    clear it, nor does one on a day that also has pain there. An acute report with
    no "below 2" after it stops counting after 28 days. Runs on one day make one
    flag.
    """
    # Each acute report opens its area and side for the runs after it: up to the
    # first later day it is reported below 2 (a run on that day is still flagged),
    # at most 28 days. A later acute report of the same area and side takes over.
    run_days = ctx.run_days
    open_on: dict[int, dict[_Key, PainReport]] = {}
    for p in ctx.pains:
        if p.area is None or (
            p.severity < ACUTE_SEVERITY
            and (p.kind not in ACUTE_KINDS or p.severity < ACUTE_KIND_SEVERITY)
        ):  # is_acute(), inlined: this loop sees every pain report
            continue
        for side in sides(p.side):
            key = (p.area, side)
            last = p.day + ACUTE_OPEN_DAYS
            cleared = ctx.first_clear(p.area, side, p.day)
            if cleared is not None:
                last = min(last, cleared)
            for day in run_days[bisect_right(run_days, p.day) : bisect_right(run_days, last)]:
                open_on.setdefault(day, {})[key] = p  # pains come in day order: the latest wins
    for day, open_ in open_on.items():
        hurting = sorted(open_.items(), key=lambda kv: (kv[1].day, kv[0][0] or "", kv[0][1] or ""))
        labels = join_text(
            Text("{area} ({day})", area=area_label(area, side), day=as_date(p.day))
            for (area, side), p in hurting
        )
        resolved = ctx.cleared([key for key, _p in hurting], day)
        part = sore_part(area for (area, _side), _p in hurting)
        yield make_flag(
            TRAINING_THROUGH_PAIN,
            URGENT,
            hurting[0][1].day,
            day,
            iso(day),
            Text(
                "You ran {distance} on {day} after reporting acute pain in {labels}, with no "
                "report of it below {pain_min}/10 since.",
                distance=ctx.fmt(ctx.run_distance(day)),
                day=as_date(day),
                labels=labels,
                pain_min=PAIN_MIN,
            ),
            _with_hint(
                Text(
                    "Do not run on acute pain: rest that leg completely until a doctor has seen it."
                )
                if part == "that leg"
                else Text("Do not run on acute pain: stop running until a doctor has seen it."),
                resolved,
            ),
            src.NO_TRAINING_THROUGH_ACUTE_PAIN,
            [r.id for r in ctx.runs_on(day)] + [p.session_id for _k, p in hurting],
            resolved=resolved,
        )


# --- vascular-red-flag --------------------------------------------------------------

# Deep-vein thrombosis shows in the lower leg and thigh: one-sided swelling there,
# or pain there that pulsates (document 000: thrombophlebitis). Pulsating knee or
# back pain is something else and not this rule's to name.
VASCULAR_AREAS = frozenset({"calf", "shin", "thigh"})
VASCULAR_KINDS = frozenset({"pulsating"})

VASCULAR_RED_FLAG = RuleInfo(
    "vascular-red-flag",
    "Possible blood-vessel problem",
    (URGENT,),
    Text(
        "A calf, shin or thigh report on one side with swelling (at any severity), or "
        "pulsating pain ({pain_min}/10 or more) in those areas.",
        pain_min=PAIN_MIN,
    ),
    (src.PULSATING, src.SWELLING),
    src.EVIDENCE_VASCULAR,
    Grade.SUPPORTED,
)


@rule(VASCULAR_RED_FLAG, reach_days=0)
def vascular_red_flag(ctx: Context) -> Iterable[Flag]:
    """One-sided calf, shin or thigh swelling, or pulsating pain there.

    Any severity counts for swelling: swelling that does not hurt is still a sign.
    """
    groups: dict[tuple[int, str | None, str | None], list[SorenessRecord]] = {}
    for r in ctx.soreness:  # sessions' own pain fields have no swelling or kind
        if r.area not in VASCULAR_AREAS:
            continue
        swollen = r.swelling and r.side in ("left", "right")
        if swollen or (r.kind in VASCULAR_KINDS and r.severity >= PAIN_MIN):
            groups.setdefault((r.date.toordinal(), r.area, r.side), []).append(r)
    for (day, area, side), reports in groups.items():
        label = area_label(area, side)
        signs: list[str] = []
        if any(r.swelling for r in reports):
            signs.append(Text("swelling"))
        pulsating = any(r.kind in VASCULAR_KINDS for r in reports)
        if pulsating:
            signs.append(Text("pulsating pain"))
        resolved = ctx.cleared([(area, side)], day)
        yield make_flag(
            VASCULAR_RED_FLAG,
            URGENT,
            day,
            day,
            label,
            Text(
                "{area} on {day}: {signs} ({worst}/10).",
                area=label,
                day=as_date(day),
                signs=join_text(signs),
                worst=max(r.severity for r in reports),
            ),
            concat(
                Text(
                    "See a doctor promptly: this can be a blood clot in a vein. If you are short "
                    "of breath or have chest pain, call emergency services now."
                ),
                Text(
                    " When the swelling and pain are gone, check in with 0/10 for it: that "
                    "closes this warning."
                )
                if resolved is None
                else "",
            ),
            src.PULSATING if pulsating else src.SWELLING,
            (),
            resolved=resolved,
        )


# The family's last two rules live in pain_more.py (this module's size); imported
# here, at the end, so that they stand last in the family as the registry reads it.
from .pain_more import (  # noqa: E402, F401
    NIGHT_PAIN,
    RECURRING_PAIN,
    night_pain,
    recurring_pain,
)
