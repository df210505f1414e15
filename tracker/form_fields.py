"""Form fields that take figures the way runners type them, parsed on the server.

- A distance with a dot or a comma ("3.5", "3,5"): a text input, since a browser's
  number field drops a comma its locale does not use (chromium saved "3,5" as 35).
  Thousands separators are refused, not guessed: "1,234.5" is named as such.
- A duration as h:mm:ss, mm:ss or minutes: "1:05:00" is 65, "45:30" 45.5, "45" 45.
- A pace as m:ss or minutes a km or a mile (the runner's unit).

Only ASCII digits are read: other scripts' digits, NaN and infinities are refused
with the same message as any other typo.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.formats import get_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tracker import plausibility
from tracker.i18n import translated
from tracker.models import MAX_DURATION_MIN
from tracker.units import km_to_units

# A number with at most one decimal separator, a dot or a comma.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
# Digits grouped by a separator (a comma, a dot, a space, an apostrophe): a
# thousands separator, or two decimal separators.
_GROUPED = re.compile(
    r"[0-9]+(?:[,.' \u00a0\u202f][0-9]+){2,}|[0-9]+(?:[' \u00a0\u202f][0-9]{3})+(?:[.,][0-9]*)?"
)
_MIXED = re.compile(r"[0-9]*[.,][0-9]*[.,][0-9]*")
# h:mm:ss or mm:ss; seconds may carry a decimal fraction ("45:30.5").
_CLOCK = re.compile(r"(?:([0-9]+):)?([0-9]+):([0-9]{1,2}(?:[.,][0-9]*)?)")

DURATION_FORMS = _("h:mm:ss (1:05:00), mm:ss (45:30) or minutes (45)")
PACE_FORMS = _("m:ss (5:30) or minutes (5.5)")
MINUTE_STEP = Decimal("0.01")
# A pace slower than an hour a km or a mile is no pace: a typo for a duration.
MAX_PACE_MIN = 60
# A typed duration and a typed pace agree within 1 % (a rounded pace, a rounded time).
PACE_AGREEMENT = Decimal("0.01")


def parse_decimal(text: str) -> Decimal | None:
    """A number typed with a dot or a comma as its decimal separator; None when the
    text is not one. Raises ValueError("thousands") for digits in groups."""
    value = text.strip()
    match = _DECIMAL.fullmatch(value)
    if match is None:
        if _GROUPED.fullmatch(value) or _MIXED.fullmatch(value):
            raise ValueError("thousands")
        return None
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation:  # cannot happen for a match; kept as the guard
        return None


def parse_minutes(text: str) -> Decimal | None:
    """Minutes from h:mm:ss, mm:ss or a number of minutes; None when none of those."""
    value = text.strip()
    clock = _CLOCK.fullmatch(value)
    if clock is not None:
        hours_text, minutes_text, seconds_text = clock.groups()
        seconds = Decimal(seconds_text.replace(",", "."))
        minutes = Decimal(minutes_text)
        if seconds >= 60 or (hours_text is not None and minutes >= 60):
            return None
        hours = Decimal(hours_text) if hours_text is not None else Decimal(0)
        return hours * 60 + minutes + seconds / 60
    try:
        return parse_decimal(value)
    except ValueError:
        return None


def show_minutes(value: Decimal | float) -> str:
    """Minutes as h:mm:ss, or mm:ss under an hour: what the duration field shows."""
    seconds = int((Decimal(str(value)) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def show_decimal(value: Decimal | float) -> str:
    """A stored figure as the runner would type it in the page's language: "3.5" in
    English, "3,5" in Russian; no trailing zeros, no thousands separator (the field
    refuses one)."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", get_format("DECIMAL_SEPARATOR"))


def _text_input(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", **attrs})


class DecimalTextField(forms.Field):
    """A decimal number typed with a dot or a comma (a distance)."""

    default_error_messages = {
        "invalid": _("Enter a number, such as 3.5 or 3,5."),
        "thousands": _("Write the number without a thousands separator, such as 1234.5."),
        "min_value": _("Enter a number of 0 or more."),
        "too_large": _("That number is far too large."),
    }

    def __init__(self, *, decimal_places: int = 3, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _text_input(inputmode="decimal"))
        super().__init__(**kwargs)
        self.step = Decimal(1).scaleb(-decimal_places)

    def prepare_value(self, value: Any) -> Any:
        # A stored or initial figure (3.50) in the page's language (3,5 in Russian);
        # what the runner typed is shown back as typed.
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            return show_decimal(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_decimal(str(value))
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["thousands"], code="thousands"
            ) from None
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if number < 0:
            raise forms.ValidationError(self.error_messages["min_value"], code="min_value")
        try:
            return number.quantize(self.step, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            # More digits than the decimal context holds (28): no distance is that long.
            raise forms.ValidationError(
                self.error_messages["too_large"], code="too_large"
            ) from None


class MinutesField(forms.Field):
    """A duration typed as h:mm:ss, mm:ss or minutes; cleaned to minutes."""

    forms_accepted = DURATION_FORMS

    def __init__(self, *, max_minutes: int, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _text_input(placeholder="45:30"))
        kwargs.setdefault("help_text", format_lazy(_("As {forms}."), forms=self.forms_accepted))
        super().__init__(**kwargs)
        self.max_minutes = max_minutes

    def prepare_value(self, value: Any) -> Any:
        # The stored minutes (45.50) shown the way they are typed (45:30); what the
        # runner typed is shown back as typed.
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            return show_minutes(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        minutes = parse_minutes(str(value))
        if minutes is None:
            raise forms.ValidationError(
                _("Write it as %(forms)s."), code="invalid", params={"forms": self.forms_accepted}
            )
        if minutes < 0:
            raise forms.ValidationError(_("Enter 0 or more."), code="min_value")
        if minutes > self.max_minutes:
            raise forms.ValidationError(
                _("At most %(clock)s (%(minutes)s minutes)."),
                code="max_value",
                params={"clock": show_minutes(self.max_minutes), "minutes": self.max_minutes},
            )
        return minutes.quantize(MINUTE_STEP, rounding=ROUND_HALF_UP)


class PaceField(MinutesField):
    """A pace typed as m:ss or minutes, a km or a mile; cleaned to minutes a unit."""

    forms_accepted = PACE_FORMS


if TYPE_CHECKING:  # the form it is mixed into
    _Form = forms.BaseForm
else:
    _Form = object


class DistanceAndTime(_Form):
    """For a session's model form (SessionForm, the import follow-up's rows): the
    duration from a typed pace, and tracker.plausibility's checks on the figures.
    Needs ``units`` (the runner's) and ``instance`` (the session)."""

    units: str
    instance: Any

    def _duration_from_pace(self) -> None:
        """A pace with a distance gives the duration; with a duration too, the two
        must agree."""
        cleaned = self.cleaned_data
        pace, km = cleaned.get("pace"), cleaned.get("distance")
        if pace is None or "distance" in self.errors or "duration_min" in self.errors:
            return
        if km is None:
            self.add_error(
                "pace", _("Give the distance too: the duration is worked out from both.")
            )
            return
        in_units = km_to_units(km, self.units) or 0.0
        minutes = (Decimal(str(in_units)) * pace).quantize(MINUTE_STEP)
        typed = cleaned.get("duration_min")
        if typed is None:
            if minutes > MAX_DURATION_MIN:
                self.add_error(
                    "pace",
                    _("That makes more than %(minutes)s minutes.") % {"minutes": MAX_DURATION_MIN},
                )
                return
            cleaned["duration_min"] = minutes
        elif abs(typed - minutes) > max(Decimal("0.5"), typed * PACE_AGREEMENT):
            self.add_error(
                "pace",
                _(
                    "This pace over the distance makes %(paced)s, not the %(typed)s of the "
                    "duration: give one of the two."
                )
                % {"paced": show_minutes(minutes), "typed": show_minutes(typed)},
            )

    def _check_distance_and_time(self) -> None:
        """tracker.plausibility's checks, on the typed figures or, in a form that does
        not ask them (the import follow-up), the session's own."""
        cleaned = self.cleaned_data
        activity = cleaned.get("activity")
        if not activity or {"distance", "duration_min", "pace"} & set(self.errors):
            return
        asks = "distance" in self.fields
        km = cleaned.get("distance") if asks else self.instance.distance_km
        minutes = cleaned.get("duration_min") if asks else self.instance.duration_min
        if asks and km is None and activity in plausibility.NEEDS_DISTANCE:
            self.add_error("distance", _("Give the distance of a run or a walk."))
            return
        for problem in plausibility.check(activity, km, minutes, units=self.units):
            field = "distance" if problem.field == "distance" else "duration_min"
            if field == "duration_min" and cleaned.get("pace") is not None:
                field = "pace"  # where the runner typed it
            # Worded in the request's language (plausibility's Text is English).
            self.add_error(
                field if field in self.fields else "activity", translated(problem.message)
            )
