"""A runner's settings: units, time zone, first day of the week, language (one
row a runner, made at sign-up)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tracker.constraint_checks import BatchedChecks
from tracker.constraints import one_of as _in
from tracker.models import Units, Weekday, validate_language, validate_time_zone


class Profile(BatchedChecks):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    units = models.CharField(
        _("display units"),
        max_length=2,
        choices=Units.choices,
        default=Units.KM,
        help_text=_("Entry and display follow this; the log is stored in km."),
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    # False until the runner picks a zone (sign-up, settings): until then the settings
    # page preselects the browser's zone instead of the default.
    time_zone_chosen = models.BooleanField(default=False, editable=False)
    week_start = models.PositiveSmallIntegerField(
        _("first day of the week"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    # Blank: the browser's language (Accept-Language, or the choice on the log-in
    # page); otherwise one of settings.LANGUAGES, which overrides the browser.
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        default="",
        validators=[validate_language],
        help_text=_("Blank follows your browser."),
    )
    started_running = models.DateField(
        _("started running on"),
        null=True,
        blank=True,
        help_text=_("Used to be gentler in your first weeks."),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_in("units", Units), name="profile_units_valid"),
            models.CheckConstraint(
                condition=Q(week_start__gte=0, week_start__lte=6), name="profile_week_start_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"
