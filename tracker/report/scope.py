"""What a clinician's report covers: the areas and the days, as a form reads them.

The report is opened from three places, all with the same GET parameters, so a
link can be bookmarked, printed or (later) shared: a pain warning (its areas and
first day), an area's pain history (an area alone: the report finds where its
latest episode began) and the report page's own form (any areas, any days).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from advice.rules import CATALOGUE_BY_FAMILY
from advice.rules import pain as pain_rules
from advice.types import Flag
from tracker.models import EARLIEST_DATE, Area

# A report covers at most a year of pain reports (plus the four weeks of training
# before them): a document a clinician reads, and a bound on what one request reads.
MAX_DAYS = 366
# Without dates or an area: the last four weeks.
DEFAULT_DAYS = 28

# The pain family's rules (the registry's, so a new pain rule gets the link too).
PAIN_RULES = frozenset(
    info.rule
    for family, infos in CATALOGUE_BY_FAMILY
    if family == pain_rules.FAMILY
    for info in infos
)
_AREA_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Scope:
    """The areas (empty: every area) and the first and last day of the pain timeline.

    ``start`` None: from where the latest episode of the areas began (the report
    finds it); ``notes`` False leaves the runner's own words out (for a share that
    says so).
    """

    areas: tuple[str, ...]
    start: date | None
    end: date
    notes: bool = True

    @property
    def area_labels(self) -> str:
        """The areas as the report's heading names them, in the active language."""
        if not self.areas:
            return str(_("every area"))
        labels = dict(Area.choices)
        return ", ".join(str(labels[area]).lower() for area in self.areas)


def areas_of(flag: Flag) -> tuple[str, ...]:
    """The body areas a pain flag is about, read from its subject ("calf left",
    "calf left, shin right and 1 more"): advice names areas by their stored value."""
    words = set(_AREA_WORD.findall(flag.subject.lower()))
    return tuple(area for area in Area.values if area in words)


def query_for_flag(flag: Flag) -> str:
    """The report's query string for a pain flag; "" for any other flag."""
    if flag.rule not in PAIN_RULES:
        return ""
    params: list[tuple[str, str]] = [("area", area) for area in areas_of(flag)]
    params.append(("start", flag.start.isoformat()))
    return urlencode(params)


class ReportForm(forms.Form):
    area = forms.MultipleChoiceField(
        label=_("Areas"),
        required=False,
        choices=Area.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every area."),
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: where the latest pain in these areas began."),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: today."),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        for name in ("start", "end"):
            self.fields[name].widget.attrs.update(
                min=EARLIEST_DATE.isoformat(), max=today.isoformat()
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("start")
        end: date = data.get("end") or self.today
        for name, value in (("start", start), ("end", end)):
            if value is not None and not EARLIEST_DATE <= value <= self.today:
                self.add_error(name, _("Choose a day between 1900 and today."))
        if start is not None and start > end:
            self.add_error("start", _("The first day comes after the last."))
        elif start is not None and (end - start).days + 1 > MAX_DAYS:
            self.add_error(
                "start",
                ngettext(
                    "A report covers at most %(count)s day.",
                    "A report covers at most %(count)s days.",
                    MAX_DAYS,
                )
                % {"count": MAX_DAYS},
            )
        data["end"] = end
        return data

    def scope(self) -> Scope | None:
        """The scope asked for, or None when the form has errors. An unbound form
        (the page opened bare) asks for the last four weeks of every area."""
        if not self.is_bound:
            return Scope(
                areas=(), start=self.today - timedelta(days=DEFAULT_DAYS - 1), end=self.today
            )
        if not self.is_valid():
            return None
        data = self.cleaned_data
        areas = tuple(area for area in Area.values if area in data["area"])
        return Scope(areas=areas, start=data["start"], end=data["end"])
