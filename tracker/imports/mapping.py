"""One activity a reader found -> one Session of the runner's log.

Each activity is imported on its own, in its own short transaction: a bad file
refuses only itself, and a long import never holds SQLite's write lock for more
than one insert.

A duplicate is a session of the same runner that started within a second of
this one and covers the same distance within 1 %. Re-importing a file or an
export therefore adds nothing, and an interrupted job can simply run again.
"""

from __future__ import annotations

import logging
import math
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import User
from django.db import DataError, IntegrityError, connection, transaction

from advice.i18n import N_, Text, concat
from tracker import plausibility
from tracker.imports.contract import render_decimal
from tracker.imports.inference import file_does_not_say, guess_activity
from tracker.imports.readers import Entry, ImportRefused, ParsedActivity, ReadContext
from tracker.models import (
    MAX_ASCENT_M,
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_HR,
    MIN_HR,
    NAME_MAX,
    NOTES_MAX,
    TITLE_MAX,
    Activity,
    Origin,
    Profile,
    Session,
    Shoe,
    ShoeKind,
    Surface,
    Units,
)
from tracker.services import profile_for, runner_today

logger = logging.getLogger(__name__)

# What makes two activities the same one (see the module docstring).
DUPLICATE_START_WINDOW = timedelta(seconds=1)
DUPLICATE_DISTANCE_SHARE = Decimal("0.01")
# Distances are stored to the metre; two zero-length recordings are the same distance.
DISTANCE_STEP = Decimal("0.001")
DURATION_STEP = Decimal("0.01")

IMPORTED, DUPLICATE, REFUSED = "imported", "duplicate", "refused"
# The status words of a job's lines, and the activities as ``describe`` names them,
# marked for the catalogue: a line stays English where it is printed (import_files)
# and stored, and the job's page shows it in the runner's language (advice/i18n.py).
STATUS_WORDS = (N_("imported"), N_("duplicate"), N_("refused"))
ACTIVITY_WORDS = (N_("run"), N_("walk"), N_("cycle"), N_("jump_rope"), N_("strength"), N_("other"))
FILE_ORIGINS = (Origin.FILE, Origin.STRAVA)


@dataclass(frozen=True)
class Outcome:
    """What became of one activity: the line ``import_files`` prints."""

    label: str
    status: str  # IMPORTED, DUPLICATE or REFUSED
    detail: str
    session_id: int | None = None  # the new session, or the one it duplicates

    @property
    def line(self) -> str:
        return line_text(self.label, self.status, self.detail)

    @property
    def contract_line(self) -> Text:
        """The line as ``import_files`` prints it: ``FILE: status:`` stay English in
        every language (the contract's words for scripts), the detail is worded."""
        return Text(
            "{label}: {status}: {detail}", label=self.label, status=self.status, detail=self.detail
        )


def line_text(label: str, status: str, detail: str) -> Text:
    """ "FILE: imported: run 12.8 km ..." with its status word and detail translatable."""
    return Text("{label}: {status}: {detail}", label=label, status=Text(status), detail=detail)


@dataclass(frozen=True)
class Runner:
    """Who the activities are imported for, and their local calendar."""

    user: User
    zone: zoneinfo.ZoneInfo
    today: date
    miles: bool = False  # the runner's display units: Garmin's CSV is in the account's

    @classmethod
    def of(cls, user: User) -> Runner:
        profile: Profile = profile_for(user)
        return cls(
            user=user,
            zone=zoneinfo.ZoneInfo(profile.time_zone),
            today=runner_today(profile),
            miles=profile.units == Units.MI,
        )

    @property
    def context(self) -> ReadContext:
        """What a reader may need to know about the runner."""
        return ReadContext(zone=self.zone, miles=self.miles)


def _quantize(value: float | None, step: Decimal) -> Decimal | None:
    if value is None or not math.isfinite(value) or value < 0:
        return None
    return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def session_from_activity(activity: ParsedActivity, *, runner: Runner, source: str) -> Session:
    """An unsaved Session for the activity, or ImportRefused saying why it cannot be one.

    The date is the runner's local date of the (UTC) start. Duration is the
    moving time where the file gives one, else the elapsed time. Surface is only
    ever "treadmill" (the file knows that much); any other surface is the
    runner's to say in the follow-up form.
    """
    local_date = activity.start.astimezone(runner.zone).date()
    if local_date > runner.today:
        raise ImportRefused(
            Text(
                "starts on {day}, after today ({today}) where you are",
                day=str(local_date),
                today=str(runner.today),
            )
        )
    distance = _quantize(activity.distance_km, DISTANCE_STEP)
    if distance is not None and distance > MAX_DISTANCE_KM:
        raise ImportRefused(
            Text(
                "{distance} km is longer than the {limit} km one session can hold",
                distance=str(distance),
                limit=MAX_DISTANCE_KM,
            )
        )
    if distance is None and activity.activity in (Activity.RUN, Activity.WALK):
        raise ImportRefused(
            Text(
                "no distance recorded, and a {activity} needs one", activity=Text(activity.activity)
            )
        )
    minutes = activity.duration_min if activity.duration_min is not None else activity.elapsed_min
    duration = _quantize(minutes, DURATION_STEP)
    if duration is not None and duration > MAX_DURATION_MIN:
        raise ImportRefused(
            Text(
                "{minutes} minutes is longer than the {limit} minutes one session can hold",
                minutes=str(duration),
                limit=MAX_DURATION_MIN,
            )
        )
    kind, guessed = _activity_of(activity)
    if problems := plausibility.check(kind, distance, duration):
        raise ImportRefused(plausibility.clauses(problems))
    local_start = activity.start.astimezone(runner.zone)
    avg_hr, max_hr = _heart_rate(activity.avg_hr), _heart_rate(activity.max_hr)
    if avg_hr is not None and max_hr is not None and max_hr < avg_hr:
        max_hr = None  # a file contradicting itself: keep the average, the likelier right
    return Session(
        user=runner.user,
        date=local_date,
        activity=kind,
        activity_guessed=guessed,
        distance_km=distance,
        duration_min=duration,
        surface=activity.surface if activity.surface in Surface.values else "",
        title=_fit(activity.title, TITLE_MAX),
        notes=_fit(activity.notes, NOTES_MAX),
        start_time=local_start.time().replace(second=0, microsecond=0),
        avg_hr=avg_hr,
        max_hr=max_hr,
        ascent_m=_ascent(activity.elevation_gain_m),
        race=activity.race,
        rpe=activity.rpe if activity.rpe is not None and 1 <= activity.rpe <= 10 else None,
        started_at=activity.start,
        source=source,
    )


# The carried-over fields are kept when they fit the log's ranges (the models'
# constraints) and left empty when they do not: a sensor's nonsense never
# refuses the run it recorded.
def _heart_rate(value: int | None) -> int | None:
    return value if value is not None and MIN_HR <= value <= MAX_HR else None


def _ascent(metres: float | None) -> int | None:
    if metres is None or not math.isfinite(metres):
        return None
    whole = round(metres)
    return whole if 0 <= whole <= MAX_ASCENT_M else None


def _fit(text: str, limit: int) -> str:
    """A file's name or description, cut to what the field holds."""
    text = text.replace("\x00", "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _activity_of(activity: ParsedActivity) -> tuple[str, bool]:
    """(activity, guessed): the file's, or guessed from the pace where the file
    does not say (tracker.imports.inference)."""
    if not file_does_not_say(activity.activity, activity.sport_raw):
        return activity.activity, False
    guess = guess_activity(
        distance_km=activity.distance_km,
        moving_min=activity.duration_min,
        elapsed_min=activity.elapsed_min,
        cadence_spm=activity.cadence_spm,
    )
    return guess.activity, guess.guessed


def _same_distance(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(a, b) * DUPLICATE_DISTANCE_SHARE + DISTANCE_STEP


def find_duplicate(
    *, user: User, started_at: datetime, distance_km: Decimal | None
) -> Session | None:
    """The runner's session that is this activity already, if there is one."""
    nearby = Session.objects.filter(
        user=user,
        started_at__gte=started_at - DUPLICATE_START_WINDOW,
        started_at__lte=started_at + DUPLICATE_START_WINDOW,
    ).only("id", "date", "activity", "distance_km", "started_at")
    return next((s for s in nearby if _same_distance(s.distance_km, distance_km)), None)


def describe(session: Session) -> Text:
    """ "run 12.836 km in 91.53 min on 2017-07-29"; "run (guessed from the pace) ..."

    Each part a ``Text``, so the job's page shows it in the runner's language."""
    parts: list[str] = [Text(session.activity)]
    if session.activity_guessed:
        parts.append(Text("(guessed from the pace)"))
    if session.distance_km is not None:
        parts.append(Text("{distance} km", distance=render_decimal(session.distance_km)))
    if session.duration_min is not None:
        parts.append(Text("in {minutes} min", minutes=render_decimal(session.duration_min)))
    parts.append(Text("on {day}", day=str(session.date)))
    spaced: list[str] = []
    for part in parts:
        spaced.extend((" ", part) if spaced else (part,))
    return concat(*spaced)


def lock_runner(user: User) -> None:
    """Serialise one runner's imports on PostgreSQL, so that two jobs cannot both
    find no duplicate and both insert; SQLite's IMMEDIATE transactions already let
    one writer in at a time (and would only ignore the clause, for a query a row)."""
    if connection.features.has_select_for_update:
        list(type(user)._default_manager.select_for_update().filter(pk=user.pk).values("pk"))


def shoe_named(user: User, raw_name: str) -> Shoe | None:
    """The runner's pair of that name (any case), created as a running shoe if new."""
    name = " ".join(raw_name.split())[:NAME_MAX].strip()
    if not name:
        return None
    existing = Shoe.objects.filter(user=user, name__iexact=name).order_by("pk").first()
    return existing or Shoe.objects.create(user=user, name=name, kind=ShoeKind.RUNNING)


def import_activity(
    activity: ParsedActivity,
    *,
    runner: Runner,
    source: str,
    label: str,
    shoe_name: str = "",
) -> Outcome:
    """Import one activity on its own: a new session, a duplicate, or refused.

    ``shoe_name`` (Strava's "Activity Gear") is attached to runs and walks only:
    on a ride it names a bike, which is no shoe.
    """
    try:
        session = session_from_activity(activity, runner=runner, source=source)
    except ImportRefused as exc:
        return Outcome(label, REFUSED, exc.reason)
    try:
        with transaction.atomic():
            lock_runner(runner.user)
            twin = find_duplicate(
                user=runner.user, started_at=activity.start, distance_km=session.distance_km
            )
            if twin is not None:
                detail = Text("already in the log: {session}", session=describe(twin))
                return Outcome(label, DUPLICATE, detail, twin.pk)
            if shoe_name and session.activity in (Activity.RUN, Activity.WALK):
                session.shoe = shoe_named(runner.user, shoe_name)
            session.save()
    except (IntegrityError, DataError) as exc:
        # The checks above mirror every constraint; should one still object, the
        # activity is refused and nothing of it is kept.
        logger.warning("import of %s refused by the database: %s", label, exc)
        return Outcome(label, REFUSED, Text("the log cannot store it (a value is out of range)"))
    return Outcome(label, IMPORTED, describe(session), session.pk)


def import_entry(entry: Entry, *, name: str, runner: Runner, source: str) -> Outcome:
    """What becomes of one entry a reader found in the file shown as ``name``."""
    label = f"{name}{entry.where}"
    if entry.activity is None:
        return Outcome(label, REFUSED, entry.refused or Text("unreadable"))
    outcome = import_activity(
        entry.activity, runner=runner, source=source, label=label, shoe_name=entry.gear
    )
    if entry.note and outcome.status != REFUSED:
        detail = concat(outcome.detail, " (", entry.note, ")")
        outcome = Outcome(outcome.label, outcome.status, detail, outcome.session_id)
    return outcome
