"""Stridewise's rules engine: pure Python, no Django, no clock.

``evaluate(history, today)`` turns a runner's log into ``Flag``s; everything it
needs comes in through the frozen dataclasses of ``advice.types``.
"""

from .rules import (
    EPISODE_MAX_DAYS,
    LOOKBACK_DAYS,
    RULE_CATALOGUE,
    RULES,
    URGENT_LOOKBACK_DAYS,
    URGENT_RULES,
    RuleInfo,
    active_flags,
    evaluate,
)
from .types import (
    KM_PER_MILE,
    Flag,
    Grade,
    History,
    SessionRecord,
    Severity,
    ShoeRecord,
    SorenessRecord,
    Source,
)

__all__ = [
    "EPISODE_MAX_DAYS",
    "KM_PER_MILE",
    "LOOKBACK_DAYS",
    "RULES",
    "RULE_CATALOGUE",
    "URGENT_LOOKBACK_DAYS",
    "URGENT_RULES",
    "Flag",
    "Grade",
    "History",
    "RuleInfo",
    "SessionRecord",
    "Severity",
    "ShoeRecord",
    "SorenessRecord",
    "Source",
    "active_flags",
    "evaluate",
]
