"""Links to the report for a clinician from the pages that lead to it."""

from __future__ import annotations

from django import template

from advice.types import Flag
from tracker.models import Area
from tracker.report.scope import query_for_flag

register = template.Library()


@register.filter
def report_query(flag: Flag) -> str:
    """The report's query string for a pain flag (its areas and first day); "" for
    any other flag, which gets no link."""
    return query_for_flag(flag)


@register.simple_tag
def report_areas() -> list[tuple[str, str]]:
    """The body areas a report can be asked for (the soreness list's "Report for my
    clinician")."""
    return [(value, str(label)) for value, label in Area.choices]
