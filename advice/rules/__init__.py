"""The rules, by family, and the one registry everything else is derived from.

Adding a rule: define it in its family module (``load``, ``effort``, ``surface``,
``habits``, ``pain``, ``shoes``) with its constants, its ``RuleInfo`` and a check decorated
with ``@rule(INFO, reach_days=...)``; add any quote to ``advice.sources``; test
it in tests/advice. ``RULES``, ``URGENT_RULES``, ``RULE_CATALOGUE`` and the rules
page all follow from the family modules, in the order the rules are defined.

``evaluate(history, today)`` builds one ``Context`` (runs only, daily running
metres with prefix sums, pain reports from check-ins and from sessions' own pain
fields) and hands it to every rule. Each rule makes one pass over what it needs,
using prefix sums, sliding windows and bisect, so a ten-year daily log is
evaluated in a few tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from operator import attrgetter
from types import ModuleType

from ..types import Flag, History
from . import effort, habits, load, pain, shoes, surface, wellness
from .base import (
    ACTIVE_DAYS,
    EPISODE_MAX_DAYS,
    LOOKBACK_DAYS,
    PAIN_MIN,
    Context,
    Rule,
    RuleInfo,
    build_context,
)
from .load import LOAD_RATIO_MIN_HISTORY_DAYS

# The families in the order the rules page shows them.
FAMILIES: tuple[ModuleType, ...] = (load, effort, surface, habits, pain, shoes, wellness)


def _rules_of(module: ModuleType) -> tuple[Rule, ...]:
    return tuple(value for value in vars(module).values() if isinstance(value, Rule))


# (family title, its rules): the registry.
REGISTRY: tuple[tuple[str, tuple[Rule, ...]], ...] = tuple(
    (module.FAMILY, _rules_of(module)) for module in FAMILIES
)
RULES: tuple[Rule, ...] = tuple(r for _family, rules in REGISTRY for r in rules)
RULE_CATALOGUE: tuple[RuleInfo, ...] = tuple(r.info for r in RULES)
CATALOGUE_BY_FAMILY: tuple[tuple[str, tuple[RuleInfo, ...]], ...] = tuple(
    (family, tuple(r.info for r in rules)) for family, rules in REGISTRY
)
# The rules that raise urgent flags, and how far back their data reaches from a
# flag's end: a page banner can evaluate just these over a few weeks of rows.
URGENT_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.urgent)
URGENT_LOOKBACK_DAYS = max(r.reach_days for r in URGENT_RULES)


def _end_and_rank(flag: Flag) -> tuple[date, int]:
    return flag.end, flag.severity.rank


def evaluate(history: History, today: date, *, rules: Sequence[Rule] = RULES) -> list[Flag]:
    """Every flag the history raised up to and including ``today``.

    Data dated after ``today`` is ignored. Sorted newest end first, then the
    more serious first, then by rule id (then subject and start, for a stable
    order).

    With a windowed history (``History.since``), flags ending on or after
    ``since + LOOKBACK_DAYS`` are the same as with the full history. ``rules``
    narrows the evaluation, e.g. to ``URGENT_RULES``, whose flags ending on or
    after ``since + URGENT_LOOKBACK_DAYS`` are likewise exact.
    """
    ctx = build_context(history, today)
    flags = [flag for rule in rules for flag in rule(ctx)]
    # Two stable sorts, the minor keys first: cheaper than one mixed-direction key.
    flags.sort(key=attrgetter("rule", "subject", "start"))
    flags.sort(key=_end_and_rank, reverse=True)
    return flags


def active_flags(flags: Iterable[Flag], today: date, *, days: int = ACTIVE_DAYS) -> list[Flag]:
    """The flags ending in the ``days`` days up to and including ``today`` and not
    resolved by then.

    Urgent first, then warning, then info; within a severity the newest first.
    """
    active = [f for f in flags if f.is_active(today, days)]
    active.sort(
        key=lambda f: (-f.severity.rank, -f.end.toordinal(), f.rule, f.subject, f.start.toordinal())
    )
    return active


__all__ = [
    "ACTIVE_DAYS",
    "CATALOGUE_BY_FAMILY",
    "EPISODE_MAX_DAYS",
    "FAMILIES",
    "LOAD_RATIO_MIN_HISTORY_DAYS",
    "LOOKBACK_DAYS",
    "PAIN_MIN",
    "REGISTRY",
    "RULES",
    "RULE_CATALOGUE",
    "URGENT_LOOKBACK_DAYS",
    "URGENT_RULES",
    "Context",
    "Rule",
    "RuleInfo",
    "active_flags",
    "build_context",
    "evaluate",
]
