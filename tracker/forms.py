"""Forms: validation with messages a runner understands, and their crispy layouts.

Distances are typed in the runner's units and stored in km. Every range the
database enforces is checked here first, so a bad value is a message, not a 500.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Column, Field, Fieldset, Layout, Row, Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from advice.effort import CR10_LABELS, RPE_MAX, RPE_MIN
from tracker.dates import format_day
from tracker.form_fields import (
    MAX_PACE_MIN,
    PACE_FORMS,
    DecimalTextField,
    DistanceAndTime,
    MinutesField,
    PaceField,
)
from tracker.form_layout import DATE_INPUT, INTEGER, Folded, inner_helper, name_the_blank
from tracker.models import (
    EARLIEST_DATE,
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_SHOE_LIMIT_KM,
    Activity,
    Session,
    Shoe,
    Side,
    Soreness,
)
from tracker.numbers import local_distance, unit_symbol
from tracker.units import KM_PER_MILE, km_to_units, units_to_km, whole_units
from tracker.writes import GuardedWriteForm


def check_log_date(value: date | None, today: date) -> None:
    """Neither in the future nor before EARLIEST_DATE (a mistyped year)."""
    if value is not None and value > today:
        raise forms.ValidationError(
            _("This date is in the future; today is %(today)s where you are.")
            % {"today": format_day(today)}
        )
    if value is not None and value < EARLIEST_DATE:
        raise forms.ValidationError(
            _("This date is before %(earliest)s; check the year.")
            % {"earliest": format_day(EARLIEST_DATE)}
        )


def _unit_name(units: str) -> str:
    return unit_symbol(units)


def _cr10_choice(value: int) -> Promise | str:
    """advice.effort.cr10_choice in the page's language: "7 Very hard", "6" (lazy, as
    the widget's choices are built at import)."""
    label = CR10_LABELS[value]
    return format_lazy("{} {}", value, _(label)) if label else str(value)


class SessionForm(DistanceAndTime, GuardedWriteForm[Session]):
    """A training session; ``distance`` and ``pace`` are in the runner's units.

    Distance takes a dot or a comma, duration h:mm:ss, mm:ss or minutes
    (tracker/form_fields.py); a pace with a distance stands in for the duration.
    """

    distance = DecimalTextField(required=False)
    duration_min = MinutesField(required=False, max_minutes=MAX_DURATION_MIN)
    pace = PaceField(required=False, max_minutes=MAX_PACE_MIN)

    class Meta:
        model = Session
        fields = (
            "date",
            "activity",
            "duration_min",
            "surface",
            "terrain",
            "shoe",
            "warmup_min",
            "cooldown_min",
            "fast_pct",
            "rpe",
            "stopped",
            "pain",
            "pain_area",
            "pain_side",
            "notes",
            "title",
            "start_time",
            "race",
            "avg_hr",
            "max_hr",
            "ascent_m",
        )
        widgets = {
            "date": DATE_INPUT,
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "race": forms.NullBooleanSelect,
            "avg_hr": forms.NumberInput(attrs=INTEGER),
            "max_hr": forms.NumberInput(attrs=INTEGER),
            "ascent_m": forms.NumberInput(attrs=INTEGER),
            "warmup_min": forms.NumberInput(attrs=INTEGER),
            "cooldown_min": forms.NumberInput(attrs=INTEGER),
            "fast_pct": forms.NumberInput(attrs=INTEGER),
            # Foster's CR-10 scale with its words (advice.effort), 1 to 10: 0 is rest.
            "rpe": forms.Select(
                choices=[
                    ("", _("Not recorded")),
                    *((n, _cr10_choice(n)) for n in range(RPE_MIN, RPE_MAX + 1)),
                ]
            ),
            "pain": forms.NumberInput(attrs=INTEGER),
            "stopped": forms.NullBooleanSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any, units: str, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        self.today = today
        unit = _unit_name(units)
        distance = self.fields["distance"]
        distance.label = _("Distance (%(unit)s)") % {"unit": unit}
        distance.help_text = _("Required for runs and walks; 3.5 or 3,5.")
        duration = self.fields["duration_min"]
        duration.label = _("Duration")
        pace = self.fields["pace"]
        pace.label = _("or pace (min/%(unit)s)") % {"unit": unit}
        pace.help_text = _("Instead of the duration: %(forms)s, a %(unit)s.") % {
            "forms": PACE_FORMS,
            "unit": unit,
        }
        effort = self.fields["rpe"]
        effort.label = _("Effort (session RPE)")
        effort.help_text = _(
            "How hard was the whole session? Best answered about 30 minutes after it. "
            "With the duration it gives the session's load (effort × minutes)."
        )
        if self.instance.pk and self.instance.distance_km is not None:
            shown = km_to_units(self.instance.distance_km, units)
            distance.initial = round(Decimal(str(shown)), 2) if shown is not None else None
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        shoes = Shoe.objects.filter(user=user)
        current = self.instance.shoe_id if self.instance.pk else None
        # Retired pairs stay choosable only for the session that already names one.
        shoe = self.fields["shoe"]
        assert isinstance(shoe, forms.ModelChoiceField)  # Session.shoe is a foreign key
        shoe.queryset = shoes.filter(retired__isnull=True) | shoes.filter(pk__in=[current])
        shoe.empty_label = _("No shoes / not recorded")
        for name in ("surface", "terrain", "pain_area", "pain_side"):
            name_the_blank(self.fields[name], _("Not recorded"))
        self.helper = inner_helper()
        self.helper.layout = Layout(
            Row(Column("date", css_class="col-6"), Column("activity", css_class="col-6")),
            Row(
                Column("distance", css_class="col-12 col-md-4"),
                Column("duration_min", css_class="col-6 col-md-4"),
                Column("pace", css_class="col-6 col-md-4"),
            ),
            Row(Column("surface", css_class="col-6"), Column("shoe", css_class="col-6")),
            Fieldset(
                _("Warm-up and cool-down"),
                Row(
                    Column("warmup_min", css_class="col-6"),
                    Column("cooldown_min", css_class="col-6"),
                ),
            ),
            Fieldset(
                _("Effort and terrain"),
                Row(
                    Column("terrain", css_class="col-6"),
                    Column("rpe", css_class="col-6"),
                ),
                Row(Column("fast_pct", css_class="col-6"), Column("stopped", css_class="col-6")),
            ),
            Fieldset(
                _("Pain"),
                Row(
                    Column("pain", css_class="col-4"),
                    Column("pain_area", css_class="col-4"),
                    Column("pain_side", css_class="col-4"),
                ),
            ),
            Field("notes"),
            Folded(
                _("More: name, start time, race, heart rate, ascent"),
                "title",
                Row(Column("start_time", css_class="col-6"), Column("race", css_class="col-6")),
                Row(Column("avg_hr", css_class="col-6"), Column("max_hr", css_class="col-6")),
                Row(Column("ascent_m", css_class="col-6")),
            ),
            # The buttons are in the template, beside "Save and log another".
        )

    def clean_date(self) -> date:
        value: date = self.cleaned_data["date"]
        check_log_date(value, self.today)
        return value

    def clean_distance(self) -> Decimal | None:
        value = self.cleaned_data.get("distance")
        if value is None:
            return None
        km = units_to_km(value, self.units)
        if km is not None and km > MAX_DISTANCE_KM:
            limit = (
                local_distance(float(Decimal(MAX_DISTANCE_KM) / KM_PER_MILE), 1, "mi")
                if self.units == "mi"
                else local_distance(MAX_DISTANCE_KM, 0, "km")
            )
            raise forms.ValidationError(_("A session is at most %(limit)s.") % {"limit": limit})
        return km

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if "pace" in self.fields:
            self._duration_from_pace()
        if "activity" in self.fields:
            self._check_distance_and_time()
        pain = cleaned.get("pain")
        if pain and not cleaned.get("pain_area"):
            self.add_error("pain_area", _("Say where it hurt, so the warnings can follow it."))
        if cleaned.get("pain_area") and not cleaned.get("pain_side"):
            self.add_error("pain_side", _("Left, right or both?"))
        return cleaned

    def save(self, commit: bool = True) -> Session:
        self.instance.distance_km = self.cleaned_data.get("distance")
        # The runner has seen the activity and saved it: no longer a guess.
        self.instance.activity_guessed = False
        return super().save(commit=commit)


class SorenessForm(GuardedWriteForm[Soreness]):
    swelling = forms.BooleanField(required=False, label=_("Swelling"))
    at_night = forms.BooleanField(
        required=False, label=_("At night"), help_text=_("The pain or cramp came at night.")
    )

    class Meta:
        model = Soreness
        fields = ("date", "area", "side", "severity", "kind", "swelling", "at_night", "notes")
        widgets = {
            "date": DATE_INPUT,
            "severity": forms.NumberInput(attrs={"min": 0, "max": 10, **INTEGER}),
            "side": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        self.fields["kind"].help_text = _(
            "Sharp pain of 4/10 or more, or pulsating pain in a calf, shin or thigh, raises "
            "an urgent warning."
        )
        # No side is preselected: a right calf logged in a hurry must not become a left
        # one. Radio buttons need no "---------" entry for that (a select does).
        side = self.fields["side"]
        assert isinstance(side, forms.ChoiceField)  # Soreness.side has choices
        side.choices = Side.choices
        side.error_messages["required"] = _("Choose the side: left, right or both.")
        name_the_blank(self.fields["area"], _("Choose where"))
        name_the_blank(self.fields["kind"], _("Not sure / not recorded"))
        self.helper = inner_helper()
        self.helper.layout = Layout(
            Row(Column("date", css_class="col-6"), Column("area", css_class="col-6")),
            InlineRadios("side"),
            Row(Column("severity", css_class="col-6"), Column("kind", css_class="col-6")),
            Row(Column("swelling", css_class="col-6"), Column("at_night", css_class="col-6")),
            "notes",
            # The buttons are in the template, beside "Save and add another area".
        )

    def clean_date(self) -> date:
        value: date = self.cleaned_data["date"]
        check_log_date(value, self.today)
        return value


class ShoeForm(GuardedWriteForm[Shoe]):
    limit = forms.IntegerField(
        required=False,
        widget=forms.NumberInput(attrs=INTEGER),
    )

    class Meta:
        model = Shoe
        fields = ("name", "kind", "first_used", "retired", "notes")
        widgets = {
            "first_used": DATE_INPUT,
            "retired": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args: Any, user: Any, units: str, today: date, default_limit_km: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.units = units
        self.today = today
        unit = _unit_name(units)
        limit = self.fields["limit"]
        limit.label = _("Limit (%(unit)s)") % {"unit": unit}
        default_shown = whole_units(default_limit_km, units)
        limit.help_text = _(
            "Distance after which the pair is worn out. Empty: %(limit)s %(unit)s."
        ) % {
            "limit": default_shown,
            "unit": unit,
        }
        lowest, highest = 1, MAX_SHOE_LIMIT_KM
        if units == "mi":
            highest = int(Decimal(MAX_SHOE_LIMIT_KM) / KM_PER_MILE)
        limit.validators += [MinValueValidator(lowest), MaxValueValidator(highest)]
        if self.instance.pk and self.instance.limit_km:
            limit.initial = whole_units(self.instance.limit_km, units)
        self.helper = inner_helper()
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("kind", css_class="col-md-6")),
            Row(
                Column("first_used", css_class="col-6 col-md-4"),
                Column("retired", css_class="col-6 col-md-4"),
                Column("limit", css_class="col-md-4"),
            ),
            "notes",
            Submit("submit", _("Save shoes"), css_class="btn-lg"),
        )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the pair a name."))
        clash = Shoe.objects.filter(user=self.user, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("You already have a pair with this name."))
        return name

    def clean_first_used(self) -> date | None:
        value = self.cleaned_data.get("first_used")
        check_log_date(value, self.today)
        return value

    def clean_retired(self) -> date | None:
        value = self.cleaned_data.get("retired")
        check_log_date(value, self.today)
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        first, retired = cleaned.get("first_used"), cleaned.get("retired")
        if first and retired and retired < first:
            self.add_error("retired", _("A pair cannot be retired before its first use."))
        return cleaned

    def save(self, commit: bool = True) -> Shoe:
        # Shown in miles, a km limit is rounded to whole miles: saved untouched, it keeps
        # the km it was typed as (701 km would otherwise come back as 702).
        if not self.instance.pk or "limit" in self.changed_data:
            limit = self.cleaned_data.get("limit")
            if limit is None:
                self.instance.limit_km = None
            else:
                km = units_to_km(Decimal(limit), self.units)
                self.instance.limit_km = max(1, min(MAX_SHOE_LIMIT_KM, round(km or 0)))
        self.instance.user = self.user
        return super().save(commit=commit)


class SessionFilterForm(forms.Form):
    """The session list's search and filters; bad values are ignored, never a 500."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search titles and notes"),
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )
    start = forms.DateField(required=False, label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(required=False, label=_("To"), widget=DATE_INPUT)
    activity = forms.ChoiceField(
        required=False, label=_("Activity"), choices=[("", _("All activities")), *Activity.choices]
    )
    shoe = forms.ModelChoiceField(
        queryset=Shoe.objects.none(),
        required=False,
        label=_("Shoe"),
        empty_label=_("All shoes"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shoe = self.fields["shoe"]
        assert isinstance(shoe, forms.ModelChoiceField)  # declared as one above
        shoe.queryset = Shoe.objects.filter(user=user)
        # The template lays the fields out: the search in view, the rest folded away.

    @property
    def narrowing(self) -> bool:
        """Whether anything narrows the list (the totals then add up what it shows)."""
        return self.is_valid() and any(self.cleaned_data.values())

    @property
    def folded_filters_used(self) -> bool:
        return self.is_valid() and any(
            self.cleaned_data.get(name) for name in ("start", "end", "activity", "shoe")
        )
