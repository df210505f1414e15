"""``severity_label`` and ``grade_label``: advice's codes in the page's language
(tracker/labels.py)."""

from __future__ import annotations

from django import template

from tracker import labels

register = template.Library()


@register.filter
def severity_label(severity: str) -> str:
    return labels.severity_label(severity)


@register.filter
def grade_label(grade: str) -> str:
    return labels.grade_label(grade)
