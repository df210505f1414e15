"""A runner's settings: units, time zone, first day of the week, language (one
row a runner, made at sign-up), and ``first_weekday``, the one reading of the first
day of the week."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from tracker.constraint_checks import BatchedChecks
from tracker.constraints import between
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
    # 0 = Monday ... 6 = Sunday (Python's weekday()). Null: as the runner's language
    # writes its calendars (``first_weekday``); a day the runner picked is kept
    # whatever their language. Read it through ``first_weekday()``, never directly.
    week_start = models.PositiveSmallIntegerField(
        _("first day of the week"), choices=Weekday.choices, null=True, blank=True, default=None
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
                condition=between("week_start", 0, 6), name="profile_week_start_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def first_weekday(self) -> int:
        """The day the runner's weeks start on, 0 = Monday ... 6 = Sunday: the day
        they chose, else their profile language's, else the site's. Never the page's:
        a coach reading a share, a script reading /flags and the runner's own phone
        in another language must all see the same weeks (and the same stored flags
        and questionnaire week). Everything that cuts the log into weeks asks here."""
        if self.week_start is not None:
            return self.week_start
        return self.language_first_weekday()

    def language_first_weekday(self) -> int:
        """The first day of the week of the runner's language (else the site's)."""
        return language_week_start(self.language or settings.LANGUAGE_CODE)


def language_week_start(language: str) -> int:
    """The first day of the week in ``language``'s calendars, 0 = Monday: Django's
    locale formats (FIRST_DAY_OF_WEEK, which counts from Sunday = 0) say Sunday for
    English and Monday for Russian."""
    return (int(formats.get_format("FIRST_DAY_OF_WEEK", lang=language)) - 1) % 7
