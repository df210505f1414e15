"""Two published questionnaires, their wording, scales and scoring: the one source
the forms, the CSV files, the charts, the report and the rules read.

- The daily wellness check of Hooper & Mackinnon (1995): sleep quality, fatigue,
  stress and muscle soreness, each rated 1-7, where 1 is the best state ("very,
  very good" sleep, "very, very low" fatigue, stress and soreness) and 7 the worst
  ("very, very bad", "very, very high"). The Hooper index is their sum, 4-28:
  higher is worse.
- The OSTRC questionnaire on overuse injuries (Clarsen, Myklebust & Bahr 2013),
  in its 2020 revision OSTRC-O2 (Clarsen et al., Br J Sports Med 2020;54:390-396):
  four questions a week for each problem area. Q1 (participation) scores
  0/8/17/25, Q2 (modified training or competition) and Q3 (performance)
  0/6/13/19/25, Q4 (pain) 0/8/17/25; the severity score is their sum, 0-100.
  A "substantial problem" is one that leads to a moderate or severe reduction
  in training volume or performance, or to complete inability to participate:
  Q2 or Q3 at "to a moderate extent" or above, or Q1 "cannot participate".

Pure Python: no Django, no clock. The answers are stored as the index of the
option chosen, so the points live here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .i18n import N_

# --- Hooper & Mackinnon (1995) ----------------------------------------------


@dataclass(frozen=True, slots=True)
class HooperItem:
    field: str  # the model field, the CSV column and the form field
    label: str
    best: str  # the wording at 1
    worst: str  # the wording at 7


HOOPER_MIN, HOOPER_MAX = 1, 7
HOOPER_ITEMS: Final = (
    HooperItem("sleep", N_("Sleep quality"), N_("very, very good"), N_("very, very bad")),
    HooperItem("fatigue", N_("Fatigue"), N_("very, very low"), N_("very, very high")),
    HooperItem("stress", N_("Stress"), N_("very, very low"), N_("very, very high")),
    HooperItem("soreness", N_("Muscle soreness"), N_("very, very low"), N_("very, very high")),
)
HOOPER_FIELDS: Final = tuple(item.field for item in HOOPER_ITEMS)
HOOPER_INDEX_MIN = HOOPER_MIN * len(HOOPER_ITEMS)
HOOPER_INDEX_MAX = HOOPER_MAX * len(HOOPER_ITEMS)


def hooper_index(sleep: int, fatigue: int, stress: int, soreness: int) -> int:
    """The sum of the four ratings (4-28); a rating outside 1-7 is a ValueError."""
    values = (sleep, fatigue, stress, soreness)
    for item, value in zip(HOOPER_ITEMS, values, strict=True):
        if not HOOPER_MIN <= value <= HOOPER_MAX:
            raise ValueError(f"{item.label} is rated {HOOPER_MIN}-{HOOPER_MAX}, not {value}")
    return sum(values)


# --- OSTRC-O2 (Clarsen et al. 2013, revised 2020) ---------------------------


@dataclass(frozen=True, slots=True)
class OstrcQuestion:
    field: str  # the model field, the CSV column and the form field
    short: str  # a chart's or a table's heading
    # "{area}" is replaced with the area's name, "{period}" with PAST_7_DAYS (the
    # published wording) or, answered later in the week, the days it is about.
    text: str
    options: tuple[tuple[str, int], ...]  # (wording, points), the first is "no problem"


PAST_7_DAYS: Final = N_("during the past 7 days")
_EXTENT = (N_("To a minor extent"), N_("To a moderate extent"), N_("To a major extent"))
CANNOT = N_("Cannot participate at all")
OSTRC_QUESTIONS: Final = (
    OstrcQuestion(
        "participation",
        N_("Participation"),
        N_(
            "Have you had any difficulties participating in training and competition due to "
            "problems in the {area} {period}?"
        ),
        (
            (N_("Full participation without problems"), 0),
            (N_("Full participation, but with problems"), 8),
            (N_("Reduced participation due to problems"), 17),
            (N_("Cannot participate due to problems"), 25),
        ),
    ),
    OstrcQuestion(
        "modification",
        N_("Training modified"),
        N_(
            "To what extent have you modified your training or competition due to problems in "
            "the {area} {period}?"
        ),
        ((N_("No modification"), 0), *zip(_EXTENT, (6, 13, 19), strict=True), (CANNOT, 25)),
    ),
    OstrcQuestion(
        "performance",
        N_("Performance"),
        N_("To what extent have problems in the {area} affected your performance {period}?"),
        ((N_("No effect"), 0), *zip(_EXTENT, (6, 13, 19), strict=True), (CANNOT, 25)),
    ),
    OstrcQuestion(
        "symptoms",
        N_("Pain"),
        N_(
            "To what extent have you experienced pain in the {area} related to your sport {period}?"
        ),
        (
            (N_("No pain"), 0),
            (N_("Mild pain"), 8),
            (N_("Moderate pain"), 17),
            (N_("Severe pain"), 25),
        ),
    ),
)
OSTRC_FIELDS: Final = tuple(q.field for q in OSTRC_QUESTIONS)
# The option indexes the rules turn on.
Q1_CANNOT = 3  # "Cannot participate due to problems"
Q_CANNOT = 4  # Q2 and Q3: "Cannot participate at all"
Q_MODERATE = 1 + _EXTENT.index("To a moderate extent")  # Q2 and Q3: 2
Q4_SEVERE = 3
SEVERITY_MAX = sum(q.options[-1][1] for q in OSTRC_QUESTIONS)  # 100


@dataclass(frozen=True, slots=True)
class OstrcScore:
    points: tuple[int, int, int, int]
    severity: int  # 0-100
    substantial: bool


def ostrc_valid(participation: int, modification: int, performance: int, symptoms: int) -> bool:
    """Whether four answers can be given together.

    Each within its options; and "cannot participate" is one answer: in OSTRC-O2
    a runner who cannot participate skips Q2-Q4, which score their maximum
    (severity 100), so Q1 "cannot participate" goes with Q2 and Q3 "cannot
    participate at all" and Q4 "severe pain", and neither Q2 nor Q3 says "cannot
    participate at all" otherwise. The database holds the same check.
    """
    answers = (participation, modification, performance, symptoms)
    if not all(0 <= a < len(q.options) for a, q in zip(answers, OSTRC_QUESTIONS, strict=True)):
        return False
    if participation == Q1_CANNOT:
        return answers == (Q1_CANNOT, Q_CANNOT, Q_CANNOT, Q4_SEVERE)
    return modification != Q_CANNOT and performance != Q_CANNOT


def ostrc_score(
    participation: int, modification: int, performance: int, symptoms: int
) -> OstrcScore:
    """Points, severity (0-100) and the substantial-problem rule for one area's week."""
    answers = (participation, modification, performance, symptoms)
    if not ostrc_valid(*answers):
        raise ValueError(f"not a possible set of OSTRC-O2 answers: {answers}")
    p1, p2, p3, p4 = (q.options[a][1] for a, q in zip(answers, OSTRC_QUESTIONS, strict=True))
    substantial = (
        participation == Q1_CANNOT or modification >= Q_MODERATE or performance >= Q_MODERATE
    )
    return OstrcScore((p1, p2, p3, p4), p1 + p2 + p3 + p4, substantial)


CANNOT_PARTICIPATE_ANSWERS: Final = (Q1_CANNOT, Q_CANNOT, Q_CANNOT, Q4_SEVERE)
