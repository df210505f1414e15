"""Load from effort: session-RPE load (Foster et al. 2001), weekly monotony and
strain (Foster 1998).

- A session's load, in arbitrary units (AU), is its effort on the CR-10 scale,
  asked about 30 minutes after the session, times its duration in minutes.
  Any activity counts: rope jumping, strength work and cycling load as running.
- Over the 7 days of a week, rest days counting 0: **monotony** is the mean
  daily load divided by the standard deviation of the daily loads, and
  **strain** is the week's load times its monotony.

The standard deviation is the population one (divided by 7, not 6): the
seven days are the whole week, not a sample of it, and it is the reading that
reproduces the worked example of Foster et al. 2001 (Table 5: weekly load 3,400,
monotony 1.26, strain 4,284; the sample SD would give 1.16). When every day of a
week has the same load the SD is 0 and monotony is undefined (infinite): it is
``None`` here, and ``WeekLoad.uniform`` says why.

Pure Python, as the rest of advice: the charts and the rules both call it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .i18n import N_

# Foster et al. 2001, Figure 1: the category-ratio (CR-10) scale with Foster's
# verbal anchors ("light becomes easy; strong or severe becomes hard"); 6, 8 and 9
# have no words. 0 (Rest) is no session: a logged session's effort is 1 to 10.
CR10_LABELS: dict[int, str] = {
    0: N_("Rest"),
    1: N_("Very, very easy"),
    2: N_("Easy"),
    3: N_("Moderate"),
    4: N_("Somewhat hard"),
    5: N_("Hard"),
    6: "",
    7: N_("Very hard"),
    8: "",
    9: "",
    10: N_("Maximal"),
}
RPE_MIN, RPE_MAX = 1, 10  # a session's effort (the contract's rpe column)
WEEK_DAYS = 7
# Foster 1998: illnesses followed weeks of high strain, and monotony above 2.0
# went with them. One study (25 athletes, mostly speed skaters): see docs/evidence.md.
MONOTONY_HIGH = 2.0


def session_load(rpe: int | None, duration_min: float | None) -> float | None:
    """Effort (CR-10) x minutes, in AU; None when either is not recorded."""
    if rpe is None or duration_min is None:
        return None
    return rpe * float(duration_min)


@dataclass(frozen=True, slots=True)
class WeekLoad:
    """One week's session load, its monotony and strain."""

    load: float  # the week's total, AU
    mean: float  # mean daily load, AU
    sd: float  # population standard deviation of the 7 daily loads
    monotony: float | None  # mean / sd; None when sd is 0 (or nothing was done)
    strain: float | None  # load x monotony; None with monotony

    @property
    def uniform(self) -> bool:
        """Training every day with exactly the same load: SD 0, monotony infinite."""
        return self.load > 0 and self.sd == 0


def week_load(daily: Sequence[float]) -> WeekLoad:
    """Monotony and strain of a week's 7 daily loads (rest days as 0)."""
    if len(daily) != WEEK_DAYS:
        raise ValueError(f"a week has {WEEK_DAYS} daily loads, not {len(daily)}")
    load = math.fsum(daily)
    mean = load / WEEK_DAYS
    # The population SD in floats: statistics.pstdev works in exact fractions, which
    # made this rule the slowest of all over a ten-year log. Seven equal days are an
    # SD of exactly 0 (the "no variation" case), whatever the rounding of the mean.
    if max(daily) == min(daily):
        sd = 0.0
    else:
        sd = math.sqrt(math.fsum((x - mean) ** 2 for x in daily) / WEEK_DAYS)
    if load <= 0 or sd == 0:
        return WeekLoad(load, mean, sd, None, None)
    monotony = mean / sd
    return WeekLoad(load, mean, sd, monotony, load * monotony)


def cr10_choice(value: int) -> str:
    """A CR-10 value as the form lists it: "7 Very hard", "6"."""
    label = CR10_LABELS[value]
    return f"{value} {label}" if label else str(value)
