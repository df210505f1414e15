"""Garmin FIT activity files -> ParsedActivity, one per `session` message.

Decoding is strict: CRCs are checked and any framing error refuses the whole
file. A FIT file is binary with no redundancy, so once a message is misread the
rest is noise -- the damaged Strava upload in the reference set decodes into
records dated 2085 just before the decoder gives up. Taking "what came before
the error" would store such garbage, so nothing from a damaged file is kept.

This also refuses unterminated recordings such as python-fitparse__nick.fit
(no session, the last message runs past the end). A tolerant reader could
rebuild totals from its records, but then the timer time and pauses are
guesses, and the file cannot be told apart from one cut short in transit; the
runner gets a clear reason and can re-export a finished file instead.

Work is budgeted, not only bytes: decoding stops at the first record over
limits.MAX_POINTS_PER_FILE or session over limits.MAX_ACTIVITIES_PER_FILE, and
a session without its own average heart rate finds its records by bisection in
prefix sums, so 10,000 sessions over 100,000 records cost their sum, not their
product.
"""

from __future__ import annotations

import io
import logging
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any

import fitdecode

from advice.i18n import N_, Text
from tracker.imports import limits

from .base import ImportRefused, ParsedActivity, Reader, activity_file_reader
from .common import (
    MAX_PLAUSIBLE_HR,
    MIN_PLAUSIBLE_HR,
    check_start,
    clean_text,
    mean_heart_rate,
    metres_to_km,
    plausible_hr,
    seconds_to_minutes,
    sport_to_activity,
    too_many_activities,
    too_many_points,
)

logger = logging.getLogger(__name__)

TREADMILL_SUB_SPORTS = frozenset({"treadmill", "indoor_running"})
STRENGTH_SUB_SPORTS = frozenset({"strength_training"})


def _session_values(frame: fitdecode.FitDataMessage) -> dict[str, Any]:
    names = (
        "start_time",
        "timestamp",
        "total_distance",
        "total_timer_time",
        "total_elapsed_time",
        "sport",
        "sub_sport",
        "total_ascent",
        "avg_heart_rate",
        "max_heart_rate",
        "avg_cadence",
        "sport_profile_name",
        "workout_rpe",
        "workout_feel",
    )
    return {name: frame.get_value(name, fallback=None) for name in names}


# Garmin's "How did you feel?" (workout_feel, 0-100) in the steps its watches offer.
FEELS = ((0, "very weak"), (25, "weak"), (50, "normal"), (75, "strong"), (100, "very strong"))


class _HeartRates:
    """The plausible heart rates of a file's records, in time order, with prefix
    sums: the mean between two instants is two bisections away."""

    def __init__(self, record_hr: list[tuple[datetime, int]]) -> None:
        plausible = sorted(
            (pair for pair in record_hr if MIN_PLAUSIBLE_HR <= pair[1] <= MAX_PLAUSIBLE_HR),
            key=lambda pair: pair[0],
        )
        self.times = [moment for moment, _ in plausible]
        self.rates = [hr for _, hr in plausible]
        self.sums = [0, *accumulate(hr for _, hr in plausible)]

    def mean(self, start: datetime, end: datetime) -> int | None:
        """mean_heart_rate of the records from start to end, both included."""
        first = bisect_left(self.times, start)
        after = bisect_right(self.times, end)
        if after <= first:
            return None
        return round((self.sums[after] - self.sums[first]) / (after - first))

    def max(self, start: datetime, end: datetime) -> int | None:
        """The highest of those records: a slice of one session's own records,
        so a file's sessions together cost its records once."""
        first = bisect_left(self.times, start)
        after = bisect_right(self.times, end)
        return max(self.rates[first:after], default=None)


@dataclass
class _Decoded:
    sessions: list[dict[str, Any]] = field(default_factory=list)
    record_hr: list[tuple[datetime, int]] = field(default_factory=list)
    # The names the file gives the activity: {"workout": ..., "sport": ...}, the first of each.
    names: dict[str, str] = field(default_factory=dict)


def _refusal(exc: Exception, name: str) -> ImportRefused:
    """The runner's reason for a file the decoder gave up on; the decoder's own
    words (offsets, expected bytes) go to the log."""
    logger.info("FIT file %s refused: %s: %s", name, type(exc).__name__, exc)
    if isinstance(exc, fitdecode.FitHeaderError):
        return ImportRefused(Text("this is not a FIT file: it does not start the way FIT files do"))
    if isinstance(exc, fitdecode.FitEOFError):
        return ImportRefused(
            Text(
                "the file ends in the middle of a record: it was cut short while copying "
                "or downloading; export it from the watch or app again"
            )
        )
    if isinstance(exc, fitdecode.FitCRCError):
        return ImportRefused(
            Text(
                "the file's checksum does not match its contents: it was damaged on the way; "
                "export it from the watch or app again"
            )
        )
    return ImportRefused(
        Text("the file is damaged: part of it cannot be decoded, so none of it can be trusted")
    )


def _decode(data: bytes, name: str = "the FIT file") -> _Decoded:
    """All session messages, (timestamp, heart rate) of every record, and the
    names; refused at the first record or session over its limit."""
    decoded = _Decoded()
    sessions = decoded.sessions
    record_hr = decoded.record_hr
    records = 0
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "record":
                    records += 1
                    if records > limits.MAX_POINTS_PER_FILE:
                        raise too_many_points(name)
                    hr = frame.get_value("heart_rate", fallback=None)
                    moment = frame.get_value("timestamp", fallback=None)
                    if isinstance(hr, int | float) and isinstance(moment, datetime):
                        record_hr.append((moment, int(hr)))
                elif frame.name == "session":
                    if len(sessions) >= limits.MAX_ACTIVITIES_PER_FILE:
                        raise too_many_activities(name)
                    sessions.append(_session_values(frame))
                elif frame.name in ("workout", "sport"):
                    field_name = "wkt_name" if frame.name == "workout" else "name"
                    text = frame.get_value(field_name, fallback=None)
                    if isinstance(text, str) and clean_text(text):
                        decoded.names.setdefault(frame.name, clean_text(text))
    except ImportRefused:
        raise
    except Exception as exc:
        # FitHeaderError, FitEOFError (truncated), FitCRCError, FitParseError
        # (undefined message, bad definition), or the decoder tripping on
        # garbage in its own way: all mean the bytes are not what was written.
        raise _refusal(exc, name) from None
    return decoded


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _activity(sport: str, sub_sport: str) -> tuple[str, str | None]:
    """(activity, surface) for a FIT sport/sub_sport pair."""
    if sub_sport in STRENGTH_SUB_SPORTS:
        return "strength", None
    if sub_sport in TREADMILL_SUB_SPORTS:
        # fitness_equipment/treadmill is a run too; only a walk stays a walk.
        return ("walk" if sport_to_activity(sport) == "walk" else "run"), "treadmill"
    return sport_to_activity(sport), None


def _rpe(session: dict[str, Any]) -> int | None:
    """workout_rpe is the 0-10 scale times ten; 0 (nothing said) and garbage are None."""
    value = _number(session["workout_rpe"])
    if value is None:
        return None
    rpe = round(value / 10)
    return rpe if 1 <= rpe <= 10 else None


def _feel(session: dict[str, Any]) -> str:
    value = _number(session["workout_feel"])
    if value is None or not 0 <= value <= 100:
        return ""
    word = min(FEELS, key=lambda step: abs(step[0] - value))[1]
    return f"Felt {word} (the watch's “How did you feel?”)."


def _steps_a_minute(session: dict[str, Any]) -> float | None:
    """The session's avg_cadence (one foot's strides, or a ride's pedal strokes, a
    minute) doubled; None when absent or no cadence at all."""
    value = _number(session["avg_cadence"])
    return 2 * value if value is not None and 0 < value < 250 else None


def _to_activity(
    session: dict[str, Any], heart_rates: _HeartRates, name: str, names: dict[str, str]
) -> ParsedActivity:
    elapsed_s = _number(session["total_elapsed_time"])
    timer_s = _number(session["total_timer_time"])
    start = session["start_time"]
    if not isinstance(start, datetime):
        end = session["timestamp"]
        if not isinstance(end, datetime) or elapsed_s is None:
            raise ImportRefused(Text("FIT session has no start time"))
        start = end - timedelta(seconds=elapsed_s)
    start = check_start(start)

    sport = str(session["sport"] or "")
    sub_sport = str(session["sub_sport"] or "")
    activity, surface = _activity(sport, sub_sport)
    sport_raw = sport if sub_sport in ("", "generic") else f"{sport}/{sub_sport}"

    end = start + timedelta(seconds=elapsed_s or 0)
    avg_hr = mean_heart_rate([_number(session["avg_heart_rate"])])
    if avg_hr is None:
        # Some devices (the Fenix 2 among them) leave the session average out.
        avg_hr = heart_rates.mean(start, end)
    max_hr = plausible_hr(_number(session["max_heart_rate"]))
    if max_hr is None:
        max_hr = heart_rates.max(start, end)

    return ParsedActivity(
        source_name=name,
        start=start,
        distance_km=metres_to_km(_number(session["total_distance"])),
        duration_min=seconds_to_minutes(timer_s if timer_s is not None else elapsed_s),
        elapsed_min=seconds_to_minutes(elapsed_s),
        activity=activity,
        surface=surface,
        elevation_gain_m=_number(session["total_ascent"]),
        avg_hr=avg_hr,
        sport_raw=sport_raw,
        # A workout's name ("5 x 1 km") says most; else the sport profile's ("Trail Run").
        title=names.get("workout")
        or clean_text(str(session["sport_profile_name"] or ""))
        or names.get("sport", ""),
        notes=_feel(session),
        max_hr=max_hr,
        rpe=_rpe(session),
        cadence_spm=_steps_a_minute(session),
    )


def parse_fit(data: bytes, name: str) -> list[ParsedActivity]:
    """Parse a FIT activity file (chained files included): one activity per
    session, figures from the device's own session summary."""
    decoded = _decode(data, name)
    if not decoded.sessions:
        raise ImportRefused(
            Text("the file has no session summary: the recording was never finished on the watch")
        )
    heart_rates = _HeartRates(decoded.record_hr)
    return [_to_activity(session, heart_rates, name, decoded.names) for session in decoded.sessions]


def looks_like_fit(head: bytes) -> bool:
    """A FIT file header: its size (12 or 14) first, ".FIT" at bytes 8-11."""
    return len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT"


FILLS = (
    N_("date"),
    N_("start time"),
    N_("distance"),
    N_("duration"),
    N_("average and maximum heart rate"),
    N_("ascent"),
    N_("title (the workout's or sport profile's name)"),
    N_("effort (where the watch asked)"),
)

READER: Reader = activity_file_reader(
    name="fit",
    formats="FIT",
    suffix=".fit",
    parse=parse_fit,
    magic=looks_like_fit,
    fills=FILLS,
)
