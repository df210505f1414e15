"""Stridewise's rules engine: pure Python, no Django, no clock.

``evaluate(history, today)`` turns a runner's log into ``Flag``s; everything it
needs comes in through the frozen dataclasses of ``advice.types``. The rules
live in ``advice.rules``, one module a family; ``advice.wording`` words them and
``advice.sources`` holds what they quote.
"""

from .rules import (
    ACTIVE_DAYS,
    CATALOGUE_BY_FAMILY,
    EPISODE_MAX_DAYS,
    LOOKBACK_DAYS,
    PAIN_MIN,
    RULE_CATALOGUE,
    RULES,
    URGENT_LOOKBACK_DAYS,
    URGENT_RULES,
    Rule,
    RuleInfo,
    active_flags,
    evaluate,
)
from .types import (
    KM_PER_MILE,
    Flag,
    Grade,
    History,
    OstrcRecord,
    SessionRecord,
    Severity,
    ShoeRecord,
    SorenessRecord,
    Source,
    WellnessRecord,
)

__all__ = [
    "ACTIVE_DAYS",
    "CATALOGUE_BY_FAMILY",
    "EPISODE_MAX_DAYS",
    "KM_PER_MILE",
    "LOOKBACK_DAYS",
    "PAIN_MIN",
    "RULES",
    "RULE_CATALOGUE",
    "URGENT_LOOKBACK_DAYS",
    "URGENT_RULES",
    "Flag",
    "Grade",
    "History",
    "OstrcRecord",
    "Rule",
    "RuleInfo",
    "SessionRecord",
    "Severity",
    "ShoeRecord",
    "SorenessRecord",
    "Source",
    "WellnessRecord",
    "active_flags",
    "evaluate",
]
