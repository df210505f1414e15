"""The words a page shows for advice's codes: a flag's severity and a rule's
evidence grade. advice keeps them as codes (the flags' JSON contract writes
"warning", "supported"); every page, the report and its PDF name them from here."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from advice.types import Grade, Severity

SEVERITY_LABELS: dict[str, Promise] = {
    Severity.INFO: pgettext_lazy("severity", "info"),
    Severity.WARNING: pgettext_lazy("severity", "warning"),
    Severity.URGENT: pgettext_lazy("severity", "urgent"),
}

GRADE_LABELS: dict[str, Promise] = {
    Grade.SUPPORTED: _("supported"),
    Grade.MIXED: _("mixed"),
    Grade.DOCUMENTS_ONLY: _("documents only"),
}


def severity_label(severity: str) -> str:
    """ "warning" -> "предупреждение" on a Russian page; an unknown code as it is."""
    label = SEVERITY_LABELS.get(str(severity))
    return str(label) if label is not None else str(severity)


def grade_label(grade: str) -> str:
    label = GRADE_LABELS.get(str(grade))
    return str(label) if label is not None else str(grade)
