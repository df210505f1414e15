"""What comes before pain: how often pain in an area follows runs of one kind.

Not a rule (it raises no flag): a table on the dashboard that sets the share of
one kind of run (a pair, a surface, a terrain, a pair on a surface) followed by
pain in an area beside that share over all the runner's runs. Pure, like the
rules: the runs and the days with pain come in as frozen records, already
summed per day by the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .i18n import N_, Text
from .rules import PAIN_MIN

# Pain on the day of a run or the two days after it counts as following it.
FOLLOW_DAYS = 2
# A share from fewer runs says little (one run in a pair would be 0% or 100%).
MIN_RUNS = 5
# Pain after a single run of a kind is as likely a coincidence as a pattern.
MIN_FOLLOWED = 2
MAX_PATTERNS = 10
# The runs of a day whose wellness check was clearly worse than the runner's own
# usual (advice.rules.wellness: the same line as its flag).
POOR_WELLNESS = Text("runs on days your wellness check was worse than usual")
# The surfaces' and terrains' words as a condition names them ("asphalt runs"), for
# the catalogue: the pages show a condition in the runner's language.
CONDITION_WORDS = (
    *(N_("asphalt"), N_("concrete"), N_("track"), N_("treadmill"), N_("trail")),
    *(N_("grass"), N_("sand"), N_("flat"), N_("rolling"), N_("hilly"), N_("downhill")),
)
# "mixed" is also an evidence grade, worded otherwise in other languages.
_SURFACE_WORD = {"mixed": N_("mixed-surface")}

__all__ = [
    "FOLLOW_DAYS",
    "MAX_PATTERNS",
    "MIN_FOLLOWED",
    "MIN_RUNS",
    "PAIN_MIN",
    "POOR_WELLNESS",
    "PainDay",
    "PainPattern",
    "RunGroup",
    "pain_patterns",
]


@dataclass(frozen=True, slots=True)
class RunGroup:
    """The runs of one day in one pair, on one surface and terrain."""

    date: date
    shoe_id: int | None  # None: no pair recorded
    surface: str  # "" = not recorded
    terrain: str  # "" = not recorded
    runs: int


@dataclass(frozen=True, slots=True)
class PainDay:
    """The worst report of one day in one area, from a check-in or a session."""

    date: date
    area: str
    worst: int


@dataclass(frozen=True, slots=True)
class PainPattern:
    """How often pain in one area followed the runs of one condition."""

    area: str
    condition: str  # "asphalt runs in Grey pair"
    followed: int
    runs: int
    overall_followed: int
    overall_runs: int

    @property
    def share(self) -> float:
        return self.followed / self.runs

    @property
    def overall_share(self) -> float:
        return self.overall_followed / self.overall_runs

    @property
    def sentence(self) -> str:
        return Text(
            "{area} pain follows {followed} of {runs} {condition}",
            area=Text(self.area).capitalised(),
            followed=self.followed,
            runs=self.runs,
            condition=self.condition,
        )


def _conditions(group: RunGroup, shoe: str | None) -> list[tuple[str, int]]:
    """The conditions a group of runs belongs to, with how many things each names."""
    out: list[tuple[str, int]] = []
    if shoe:
        out.append((Text("runs in {shoe}", shoe=shoe), 1))
    if group.surface:
        surface = Text(_SURFACE_WORD.get(group.surface, group.surface))
        out.append((Text("{surface} runs", surface=surface), 1))
        if shoe:
            out.append((Text("{surface} runs in {shoe}", surface=surface, shoe=shoe), 2))
    if group.terrain:
        out.append((Text("{terrain} runs", terrain=Text(group.terrain)), 1))
    return out


def _pain_areas(pain: Iterable[PainDay]) -> dict[date, set[str]]:
    areas: dict[date, set[str]] = {}
    for day in pain:
        if day.worst >= PAIN_MIN:
            areas.setdefault(day.date, set()).add(day.area)
    return areas


def pain_patterns(
    runs: Sequence[RunGroup],
    pain: Sequence[PainDay],
    *,
    shoe_names: Mapping[int, str],
    last_day: date,
    min_runs: int = MIN_RUNS,
    limit: int = MAX_PATTERNS,
    poor_wellness: frozenset[date] = frozenset(),
) -> list[PainPattern]:
    """For each pair, surface, terrain (and pair on a surface) with ``min_runs`` runs,
    the share of its runs followed by pain (PAIN_MIN or more) in an area on the run's
    day or the FOLLOW_DAYS after, beside that share over all runs.

    The runs of the ``poor_wellness`` days (a wellness check clearly worse than the
    runner's usual) are one more condition.

    Runs of the last FOLLOW_DAYS are left out: their days have not all passed yet.
    Strongest first (the most above the runner's overall share); where conditions
    cover exactly the same runs (all asphalt runs were in the grey pair), only the
    most specific is kept.
    """
    # By day number: a run group looks FOLLOW_DAYS + 1 days ahead, and two years
    # of groups did that with a date and an empty set for each day looked at.
    pain_areas = {day.toordinal(): areas for day, areas in _pain_areas(pain).items()}
    cutoff = last_day - timedelta(days=FOLLOW_DAYS)
    members: dict[str, list[int]] = {}  # condition -> indexes of its run groups
    specific: dict[str, int] = {}  # condition -> how many things it names
    counts: list[int] = []
    after: list[set[str]] = []
    # A kind of run (pair, surface, terrain) recurs on many days: its conditions once.
    kinds: dict[tuple[int | None, str, str], list[tuple[str, int]]] = {}
    for group in runs:
        if group.date > cutoff:
            continue
        index = len(counts)
        counts.append(group.runs)
        followed_by: set[str] = set()
        first = group.date.toordinal()
        for number in range(first, first + FOLLOW_DAYS + 1):
            if number in pain_areas:
                followed_by |= pain_areas[number]
        after.append(followed_by)
        kind = (group.shoe_id, group.surface, group.terrain)
        if kind not in kinds:
            shoe = shoe_names.get(group.shoe_id) if group.shoe_id is not None else None
            kinds[kind] = _conditions(group, shoe)
        for condition, names in kinds[kind]:
            members.setdefault(condition, []).append(index)
            specific[condition] = names
        if group.date in poor_wellness:
            members.setdefault(POOR_WELLNESS, []).append(index)
            specific[POOR_WELLNESS] = 1
    overall_runs = sum(counts)
    overall: dict[str, int] = {}
    for count, areas in zip(counts, after, strict=True):
        for area in areas:
            overall[area] = overall.get(area, 0) + count

    # (area, the run groups) -> the most specific condition naming exactly those
    # groups, with its runs followed by pain in the area and its runs.
    best: dict[tuple[str, int], tuple[tuple[int, str], int, int]] = {}
    # Each distinct set of run groups by a number: a key then hashes an int, not a
    # tuple of up to thousands of indexes, for every area of every condition.
    run_sets: dict[tuple[int, ...], int] = {}
    for condition, indexes in members.items():
        total = sum(counts[i] for i in indexes)
        if total < min_runs:
            continue
        followed: dict[str, int] = {}
        for i in indexes:
            for area in after[i]:
                followed[area] = followed.get(area, 0) + counts[i]
        rank = (specific[condition], condition)
        same_runs = run_sets.setdefault(tuple(indexes), len(run_sets))
        for area, n in followed.items():
            key = (area, same_runs)
            if key not in best or rank > best[key][0]:
                best[key] = (rank, n, total)
    patterns = [
        PainPattern(
            area=area,
            condition=condition,
            followed=n,
            runs=total,
            overall_followed=overall[area],
            overall_runs=overall_runs,
        )
        for (area, _runs), ((_names, condition), n, total) in best.items()
        if n >= MIN_FOLLOWED
    ]
    patterns.sort(key=lambda p: (-(p.share - p.overall_share), -p.followed, p.area, p.condition))
    return patterns[:limit]
