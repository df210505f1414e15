"""The account's forms: sign-up, and the runner's settings (units, time zone,
first day of the week, language)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tracker import timezones
from tracker.form_layout import DATE_INPUT, inner_helper, name_the_blank
from tracker.forms import check_log_date
from tracker.models import Profile, Weekday


def _time_zone_field(*, keep: str | None = None, guess: bool) -> forms.ChoiceField:
    """The current zones grouped by region (tracker/timezones.py). With ``guess``,
    timezone.js preselects the browser's zone, mapping a legacy name the browser may
    report ("Asia/Calcutta") to the listed one."""
    attrs = {"autocomplete": "off"}
    if guess:
        attrs["data-guess-timezone"] = json.dumps(timezones.legacy_names(), sort_keys=True)
        # timezone.js adds this note when it picks the zone: in the page's language.
        attrs["data-guessed-note"] = gettext("Preselected from this device's time zone.")
    return forms.ChoiceField(
        label=_("Time zone"),
        choices=timezones.choices(keep=keep),
        initial=timezones.UTC,
        help_text=_("Your sessions' dates and your “today” follow it."),
        error_messages={"invalid_choice": _("Choose your time zone from the list.")},
        widget=forms.Select(attrs=attrs),
    )


class SignupForm(UserCreationForm[User]):
    email = forms.EmailField(
        label=_("Email"),
        required=True,
        help_text=_("Only used to reset your password if you forget it."),
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def __init__(self, *args: Any, language: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The page's language at sign-up (chosen on the page, or the browser's)
        # becomes the profile's: the log stays in it on another browser and in
        # e-mails, and a runner's weeks follow it (Profile.first_weekday), never the
        # language of whoever reads the log. Settings change it.
        self.language = language if language in dict(settings.LANGUAGES) else ""
        # A new runner picks the zone here, preselected from the browser, so their
        # first "today" is theirs rather than UTC's. A browser always sends the
        # select's value; a script that leaves it out gets UTC, and the settings page
        # offers the browser's zone later.
        self.fields["time_zone"] = _time_zone_field(guess=not self.is_bound)
        self.fields["time_zone"].required = False
        self.helper = inner_helper()
        self.helper.add_input(Submit("submit", _("Create my log")))

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            zone = self.cleaned_data.get("time_zone")
            Profile.objects.update_or_create(
                user=user,
                defaults={
                    "time_zone": zone or timezones.UTC,
                    "time_zone_chosen": bool(zone),
                    "language": self.language,
                },
            )
        return user


class ProfileForm(forms.ModelForm[Profile]):
    class Meta:
        model = Profile
        fields = ("language", "units", "time_zone", "week_start", "started_running")
        widgets = {"started_running": DATE_INPUT, "units": forms.RadioSelect}

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        # Preselect the browser's zone only for a runner who never chose one.
        self.fields["time_zone"] = _time_zone_field(
            keep=self.instance.time_zone,
            guess=not self.is_bound and not self.instance.time_zone_chosen,
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"),
            choices=[("", _("As my browser asks")), *settings.LANGUAGES],
            required=False,
        )
        # Blank: the profile language's first day (Profile.first_weekday), Sunday for
        # English and Monday for Russian, named so the runner sees what they would get.
        day = Weekday(self.instance.language_first_weekday()).label
        name_the_blank(self.fields["week_start"], _("As my language (%(day)s)") % {"day": day})
        self.helper = inner_helper()
        self.helper.layout = Layout(
            "language",
            "units",
            Row(
                Column("time_zone", css_class="col-md-6"),
                Column("week_start", css_class="col-md-6"),
            ),
            "started_running",
            Submit("submit", _("Save settings")),
        )

    def clean_started_running(self) -> date | None:
        value = self.cleaned_data.get("started_running")
        check_log_date(value, self.today)
        return value

    def save(self, commit: bool = True) -> Profile:
        self.instance.time_zone_chosen = True
        profile: Profile = super().save(commit=commit)
        return profile
