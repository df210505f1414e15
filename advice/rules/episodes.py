"""Episodes: the points where a pattern holds, grouped into one flag each.

Pattern rules (a streak, a habit, a worn pair, a stretch on hard ground) raise
one flag per episode: points no more than ``EPISODE_GAP_DAYS`` apart. A flag
shows at most the last ``EPISODE_MAX_DAYS`` of an episode, so that it depends
only on the last ``LOOKBACK_DAYS`` of data.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import compress

from ..types import Severity
from .base import EPISODE_GAP_DAYS, EPISODE_MAX_DAYS


def episodes(
    days: Sequence[int], states: Sequence[Severity | None], max_gap: int = EPISODE_GAP_DAYS
) -> list[tuple[Severity, int, int]]:
    """Group the points where a pattern holds (state not None) into episodes.

    Points in the same state no more than ``max_gap`` days apart make one
    episode; points where the pattern does not hold are skipped rather than
    splitting it, so a pattern that dips for a day does not raise two flags.
    Returns (state, index of the first point, index of the last point), the first
    index already clipped to the last ``EPISODE_MAX_DAYS`` days.
    """
    out: list[tuple[Severity, int, int]] = []
    current: Severity | None = None
    first = last = -1
    for i in compress(range(len(states)), states):  # the points where it holds (C)
        state = states[i]
        if state is current and days[i] - days[last] <= max_gap:
            last = i
            continue
        if current is not None:
            out.append((current, clip(days, states, first, last), last))
        current, first, last = state, i, i
    if current is not None:
        out.append((current, clip(days, states, first, last), last))
    return out


def clip(days: Sequence[int], states: Sequence[object], first: int, last: int) -> int:
    """The first point of ``first..last`` in the episode's state, at most
    EPISODE_MAX_DAYS before the last one."""
    floor = days[last] - EPISODE_MAX_DAYS
    if days[first] >= floor:
        return first
    i = bisect_left(days, floor, first, last)
    while states[i] != states[last]:
        i += 1
    return i


def clip_day(start: int, end: int, member_days: Sequence[int]) -> int:
    """``start``, or the first of ``member_days`` within EPISODE_MAX_DAYS of ``end``."""
    floor = end - EPISODE_MAX_DAYS
    if start >= floor:
        return start
    return member_days[bisect_left(member_days, floor)]
