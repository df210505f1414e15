"""The runner's log: profiles, shoes, sessions and soreness check-ins.

Every range and choice of CONTRACT.md is also a CheckConstraint, so bad data cannot
reach the database by any path (form, importer, admin, shell). Storage is always km.
"""

from __future__ import annotations

import zoneinfo
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from advice.effort import CR10_LABELS, RPE_MAX, RPE_MIN, session_load

# The choices live in tracker/choices.py; the rest of the code reads them from here.
from tracker.choices import AREA_ORDER as AREA_ORDER
from tracker.choices import Activity as Activity
from tracker.choices import Area as Area
from tracker.choices import Origin as Origin
from tracker.choices import PainKind as PainKind
from tracker.choices import ShoeKind as ShoeKind
from tracker.choices import Side as Side
from tracker.choices import Surface as Surface
from tracker.choices import Terrain as Terrain
from tracker.choices import Units as Units
from tracker.choices import Weekday as Weekday
from tracker.constraint_checks import BatchedChecks
from tracker.constraints import between as _between
from tracker.constraints import one_of as _in
from tracker.constraints import one_of_or_blank as _in_or_blank
from tracker.dates import format_day

# Upper bounds straight from CONTRACT.md.
MAX_DISTANCE_KM = 400
MAX_DURATION_MIN = 1800
# The contract gives no upper bound for warm-up and cool-down minutes; a session
# lasts at most MAX_DURATION_MIN, so neither of its parts can be longer.
MAX_WARMUP_MIN = MAX_DURATION_MIN
MAX_SHOE_LIMIT_KM = 10_000
NAME_MAX = 100
NOTES_MAX = 2000
TITLE_MAX = 200
# Heart rate and ascent bounds from CONTRACT.md (issue 13).
MIN_HR = 30
MAX_HR = 250
MAX_ASCENT_M = 10_000
# The contract sets no lower bound on dates, but a year like 0001 (a typo) overflows
# the date arithmetic of the charts and rules, and a log reaching back centuries
# turns the "whole log" chart into tens of thousands of weeks. No runner's log
# starts before this (activity files have their own, later, floor: GPS).
EARLIEST_DATE = date(1900, 1, 1)


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("“%(value)s” is not a known time zone.") % {"value": value}
        ) from exc


def validate_language(value: str) -> None:
    """One of settings.LANGUAGES, read when validating: adding a language is a
    settings and catalogue change, never a migration."""
    if value and value not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("“%(value)s” is not a language Stridewise speaks.") % {"value": value}
        )


class Shoe(BatchedChecks):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shoes"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ShoeKind.choices, default=ShoeKind.RUNNING
    )
    first_used = models.DateField(_("first used"), null=True, blank=True)
    retired = models.DateField(
        pgettext_lazy("shoe field", "retired"),
        null=True,
        blank=True,
        help_text=_("Empty while still in use."),
    )
    limit_km = models.PositiveIntegerField(
        _("limit (km)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SHOE_LIMIT_KM)],
        help_text=_("Distance after which the pair is worn out. Empty: the site default."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=NOTES_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pair of shoes")
        verbose_name_plural = _("pairs of shoes")
        ordering = ["retired", "name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="shoe_name_unique_per_runner"),
            models.CheckConstraint(condition=_in("kind", ShoeKind), name="shoe_kind_valid"),
            models.CheckConstraint(
                condition=_between("limit_km", 1, MAX_SHOE_LIMIT_KM), name="shoe_limit_km_range"
            ),
            models.CheckConstraint(
                condition=Q(retired__isnull=True)
                | Q(first_used__isnull=True)
                | Q(retired__gte=models.F("first_used")),
                name="shoe_retired_after_first_used",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="shoe_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def limit_or_default(limit_km: int | None) -> int:
        """A pair's limit, or the site's default when the runner set none: the one place
        the fallback lives, for rows read as values too (the selectors)."""
        return limit_km or settings.SHOE_DEFAULT_LIMIT_KM

    @property
    def effective_limit_km(self) -> int:
        return self.limit_or_default(self.limit_km)


class Session(BatchedChecks):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_sessions"
    )
    date = models.DateField(_("date"), help_text=_("Your local date."))
    activity = models.CharField(
        _("activity"), max_length=10, choices=Activity.choices, default=Activity.RUN
    )
    distance_km = models.DecimalField(
        _("distance (km)"),
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(MAX_DISTANCE_KM))],
    )
    duration_min = models.DecimalField(
        _("duration (min)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(MAX_DURATION_MIN))],
    )
    surface = models.CharField(_("surface"), max_length=10, choices=Surface.choices, blank=True)
    terrain = models.CharField(_("terrain"), max_length=10, choices=Terrain.choices, blank=True)
    shoe = models.ForeignKey(
        Shoe,
        verbose_name=_("shoe"),
        on_delete=models.SET_NULL,  # deleting a pair keeps the sessions it ran
        null=True,
        blank=True,
        related_name="sessions",
    )
    warmup_min = models.PositiveSmallIntegerField(
        _("warm-up (min)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_WARMUP_MIN)],
        help_text=_("0 = none; empty = not recorded."),
    )
    cooldown_min = models.PositiveSmallIntegerField(
        _("cool-down (min)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_WARMUP_MIN)],
        help_text=_("Walking or stretching after. 0 = none; empty = not recorded."),
    )
    fast_pct = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("fast (% of distance)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the distance run at speed (accelerations, intervals)."),
    )
    rpe = models.PositiveSmallIntegerField(
        _("effort (RPE 1-10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(RPE_MIN), MaxValueValidator(RPE_MAX)],
    )
    stopped = models.BooleanField(
        _("stopped mid-run"), null=True, blank=True, help_text=_("Stopped or sat down to rest.")
    )
    pain = models.PositiveSmallIntegerField(
        _("pain (0-10)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10)],
        help_text=_("Worst pain during or right after the session."),
    )
    pain_area = models.CharField(_("pain area"), max_length=10, choices=Area.choices, blank=True)
    pain_side = models.CharField(_("pain side"), max_length=5, choices=Side.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=NOTES_MAX)

    title = models.CharField(
        _("title"),
        max_length=TITLE_MAX,
        blank=True,
        help_text=_("A name for the session, e.g. “Parkrun”."),
    )
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Your local time, HH:MM.")
    )
    avg_hr = models.PositiveSmallIntegerField(
        _("average heart rate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_HR), MaxValueValidator(MAX_HR)],
    )
    max_hr = models.PositiveSmallIntegerField(
        _("maximum heart rate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_HR), MaxValueValidator(MAX_HR)],
    )
    ascent_m = models.PositiveIntegerField(
        _("ascent (m)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_ASCENT_M)],
        help_text=_("Metres climbed."),
    )
    race = models.BooleanField(
        _("race"), null=True, blank=True, help_text=_("The session was a race.")
    )

    # The instant an activity file says it started: only for telling a re-imported
    # file from a new one (tracker.imports.mapping); not part of the CSV contract.
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The file did not say and the importer guessed the activity from the pace
    # (tracker.imports.inference); cleared once the runner saves an activity.
    activity_guessed = models.BooleanField(
        _("activity guessed from the pace"), default=False, editable=False
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Origin.choices, default=Origin.MANUAL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["user", "date"], name="session_user_date"),
            models.Index(fields=["user", "started_at"], name="session_user_started"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=_in("activity", Activity), name="session_activity_valid"
            ),
            models.CheckConstraint(
                condition=_between("distance_km", 0, MAX_DISTANCE_KM), name="session_distance_range"
            ),
            models.CheckConstraint(
                condition=_between("duration_min", 0, MAX_DURATION_MIN),
                name="session_duration_range",
            ),
            models.CheckConstraint(
                condition=~Q(activity__in=[Activity.RUN, Activity.WALK])
                | Q(distance_km__isnull=False),
                name="session_distance_required_for_run_walk",
            ),
            models.CheckConstraint(
                condition=_in_or_blank("surface", Surface), name="session_surface_valid"
            ),
            models.CheckConstraint(
                condition=_in_or_blank("terrain", Terrain), name="session_terrain_valid"
            ),
            models.CheckConstraint(
                condition=_between("warmup_min", 0, MAX_WARMUP_MIN), name="session_warmup_range"
            ),
            models.CheckConstraint(
                condition=_between("cooldown_min", 0, MAX_WARMUP_MIN),
                name="session_cooldown_range",
            ),
            models.CheckConstraint(
                condition=_between("fast_pct", 0, 100), name="session_fast_pct_range"
            ),
            models.CheckConstraint(
                condition=_between("rpe", RPE_MIN, RPE_MAX), name="session_rpe_range"
            ),
            models.CheckConstraint(condition=_between("pain", 0, 10), name="session_pain_range"),
            models.CheckConstraint(
                condition=_in_or_blank("pain_area", Area), name="session_pain_area_valid"
            ),
            models.CheckConstraint(
                condition=_in_or_blank("pain_side", Side), name="session_pain_side_valid"
            ),
            models.CheckConstraint(
                condition=_between("avg_hr", MIN_HR, MAX_HR), name="session_avg_hr_range"
            ),
            models.CheckConstraint(
                condition=_between("max_hr", MIN_HR, MAX_HR), name="session_max_hr_range"
            ),
            models.CheckConstraint(
                condition=Q(avg_hr__isnull=True)
                | Q(max_hr__isnull=True)
                | Q(max_hr__gte=models.F("avg_hr")),
                name="session_max_hr_not_below_avg",
            ),
            models.CheckConstraint(
                condition=_between("ascent_m", 0, MAX_ASCENT_M), name="session_ascent_range"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(activity)s on %(day)s") % {
            "activity": self.get_activity_display(),
            "day": format_day(self.date, weekday=True),
        }

    @property
    def session_load(self) -> float | None:
        """Effort x minutes (AU), Foster's session-RPE load; None without either."""
        return session_load(
            self.rpe, float(self.duration_min) if self.duration_min is not None else None
        )

    @property
    def effort_label(self) -> str:
        """The effort's word on the CR-10 scale ("Very hard"); "" for 6, 8, 9 or none."""
        label = CR10_LABELS.get(self.rpe, "") if self.rpe is not None else ""
        return gettext(label) if label else ""

    def clean(self) -> None:
        # The contract keeps a start time to the minute (HH:MM): seconds would make
        # a session differ from its own export, and a re-import add it twice.
        if self.start_time is not None:
            self.start_time = self.start_time.replace(second=0, microsecond=0)
        # The one rule across two fields the database also holds
        # (session_max_hr_not_below_avg); forms and the admin say it in words.
        if self.avg_hr is not None and self.max_hr is not None and self.max_hr < self.avg_hr:
            raise ValidationError(
                {
                    "max_hr": gettext("The maximum (%(max)s) is below the average (%(avg)s).")
                    % {"max": self.max_hr, "avg": self.avg_hr}
                }
            )


class Soreness(BatchedChecks):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="soreness"
    )
    date = models.DateField(_("date"))
    area = models.CharField(_("area"), max_length=10, choices=Area.choices)
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)
    severity = models.PositiveSmallIntegerField(
        _("severity (0-10)"),
        validators=[MaxValueValidator(10)],
        help_text=_("0 = that area no longer hurts."),
    )
    kind = models.CharField(
        pgettext_lazy("pain", "kind"), max_length=10, choices=PainKind.choices, blank=True
    )
    swelling = models.BooleanField(_("swelling"), null=True, blank=True)
    at_night = models.BooleanField(
        _("at night"), null=True, blank=True, help_text=_("The pain or cramp came at night.")
    )
    notes = models.TextField(_("notes"), blank=True, max_length=NOTES_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("soreness check-in")
        verbose_name_plural = _("soreness check-ins")
        ordering = ["-date", "area", "side", "-id"]
        indexes = [models.Index(fields=["user", "date"], name="soreness_user_date")]
        constraints = [
            models.CheckConstraint(condition=_in("area", Area), name="soreness_area_valid"),
            models.CheckConstraint(condition=_in("side", Side), name="soreness_side_valid"),
            models.CheckConstraint(
                condition=_between("severity", 0, 10, null=False), name="soreness_severity_range"
            ),
            models.CheckConstraint(
                condition=_in_or_blank("kind", PainKind), name="soreness_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        # The side's label in lower case: "Calf (left) 4/10 on ..." as before in English.
        return gettext("%(area)s (%(side)s) %(severity)s/10 on %(day)s") % {
            "area": self.get_area_display(),
            "side": self.get_side_display().lower(),
            "severity": self.severity,
            "day": format_day(self.date, weekday=True),
        }


# Models kept in modules of their own, imported here so that the app registers them
# and ``tracker.models`` stays the one place to import any model from.
# A runner's settings: units, time zone, first day of the week, language.
# The evaluated flags kept between requests (tracker.flagstore).
# Personal access tokens for the REST API (tracker.api).
from tracker.api_models import ApiToken, TokenScope  # noqa: E402, F401
from tracker.flag_models import FlagState, StoredFlag  # noqa: E402, F401
from tracker.flag_models import SeenFlag as SeenFlag  # noqa: E402

# A runner's web imports and their progress (tracker.imports.jobs).
from tracker.job_models import ImportJob as ImportJob  # noqa: E402
from tracker.job_models import ImportKind as ImportKind  # noqa: E402
from tracker.job_models import ImportStatus as ImportStatus  # noqa: E402
from tracker.profile_models import Profile as Profile  # noqa: E402

# Read-only shares with a coach or physio (tracker.sharing).
from tracker.share_models import Share, ShareCovers  # noqa: E402, F401
from tracker.submissions import SubmittedForm as SubmittedForm  # noqa: E402

# The daily wellness check and the weekly OSTRC-O2 (advice.instruments).
from tracker.wellness_models import OstrcResponse as OstrcResponse  # noqa: E402
from tracker.wellness_models import WellnessEntry as WellnessEntry  # noqa: E402
