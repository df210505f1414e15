"""The daily wellness check's form (four taps) and the weekly OSTRC-O2's form (four
questions an area). The wording, scales and points are advice.instruments'."""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advice.instruments import (
    CANNOT_PARTICIPATE_ANSWERS,
    HOOPER_ITEMS,
    HOOPER_MAX,
    HOOPER_MIN,
    OSTRC_QUESTIONS,
    PAST_7_DAYS,
    Q1_CANNOT,
    Q_CANNOT,
)
from tracker.form_layout import DATE_INPUT, inner_helper
from tracker.forms import check_log_date
from tracker.wellness_models import WellnessEntry


def _scale(best: str, worst: str) -> list[tuple[int, str]]:
    """1-7 with Hooper's wording at both ends; the middle is just the number."""
    return [
        (
            n,
            f"{n} {gettext(best)}"
            if n == HOOPER_MIN
            else f"{n} {gettext(worst)}"
            if n == HOOPER_MAX
            else str(n),
        )
        for n in range(HOOPER_MIN, HOOPER_MAX + 1)
    ]


class WellnessForm(forms.ModelForm[WellnessEntry]):
    """Four ratings, each one tap; the date is the check-in's (today by default)."""

    class Meta:
        model = WellnessEntry
        fields = ("date", *(item.field for item in HOOPER_ITEMS))
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        kwargs["prefix"] = "wellness"  # the check-in's own form shares the page
        super().__init__(*args, **kwargs)
        self.today = today
        # Not "Date": the check-in's own date field sits on the same screen.
        self.fields["date"].label = _("For the day")
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        for item in HOOPER_ITEMS:
            field = forms.TypedChoiceField(
                label=gettext(item.label),
                choices=_scale(item.best, item.worst),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext("Tap a number for %(item)s.")
                    % {"item": gettext(item.label).lower()}
                },
            )
            self.fields[item.field] = field
        self.helper = inner_helper()
        self.helper.layout = Layout(
            Field("date"), *(InlineRadios(item.field) for item in HOOPER_ITEMS)
        )

    def clean_date(self) -> date:
        value: date = self.cleaned_data["date"]
        # As every date of the log: neither in the future nor before 1900, which the
        # CSV contract refuses (a check saved here must survive export and import).
        check_log_date(value, self.today)
        return value


class OstrcForm(forms.Form):
    """One area's four questions. "Cannot participate" in Q1 answers the rest (the
    questionnaire skips them and scores them at their maximum)."""

    def __init__(
        self, *args: Any, area: str, area_label: str, period: str | None = None, **kwargs: Any
    ) -> None:
        kwargs["prefix"] = f"ostrc-{area}"  # one form an area on the page
        super().__init__(*args, **kwargs)
        self.area = area
        self.area_label = area_label
        for i, question in enumerate(OSTRC_QUESTIONS):
            self.fields[question.field] = forms.TypedChoiceField(
                label=gettext(question.text).format(
                    area=str(area_label).lower(),
                    period=gettext(PAST_7_DAYS) if period is None else period,
                ),
                choices=[
                    (n, gettext(wording)) for n, (wording, _points) in enumerate(question.options)
                ],
                coerce=int,
                widget=forms.RadioSelect,
                required=i == 0,
                empty_value=None,
                error_messages={"required": _("Choose an answer.")},
            )
        self.helper = inner_helper()
        self.helper.layout = Layout(*(Field(q.field) for q in OSTRC_QUESTIONS))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        fields = [q.field for q in OSTRC_QUESTIONS]
        if cleaned.get("participation") == Q1_CANNOT:
            # Skipped by the questionnaire: the maximum of each.
            cleaned.update(zip(fields, CANNOT_PARTICIPATE_ANSWERS, strict=True))
            return cleaned
        for name in fields[1:]:
            value = cleaned.get(name)
            if value is None and name not in self.errors:
                self.add_error(name, _("Choose an answer."))
            elif value == Q_CANNOT:
                self.add_error(
                    name,
                    _(
                        "You could take part in some training: choose another answer here, or "
                        '"Cannot participate due to problems" in the first question.'
                    ),
                )
        return cleaned

    def answers(self) -> tuple[int, int, int, int]:
        c = self.cleaned_data
        a, b, d, e = (c[q.field] for q in OSTRC_QUESTIONS)
        return a, b, d, e
