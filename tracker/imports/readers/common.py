"""Helpers the readers share: sport names, XML safety and times, heart rate and
elevation figures. Pure Python, like every reader."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET
from gpxpy.geo import calculate_uphill_downhill

from advice.i18n import N_, Text
from tracker.imports import limits

from .base import ImportRefused, refusal

# No consumer GPS log predates this; FIT's own epoch is 1989-12-31, so a FIT
# timestamp that decodes to 1989 or 1990 is really "unset".
EARLIEST_START = datetime(1991, 1, 1, tzinfo=UTC)
# A file may come from a device a few hours ahead of the server; anything later
# than this is garbage (the damaged Strava FIT decodes to 2085).
FUTURE_SLACK = timedelta(days=1)

# Heart rates outside this range are sensor dropouts (FIT writes 0 or 255).
MIN_PLAUSIBLE_HR = 25
MAX_PLAUSIBLE_HR = 250

# A change of altitude faster than this between two points, over more than
# SPIKE_MIN_JUMP_M, is a barometer or GPS glitch, not a climb: no runner, walker
# or cyclist gains 5 m of height a second.
SPIKE_MAX_RATE_M_S = 5.0
SPIKE_MIN_JUMP_M = 50.0


# Keys are normalised with _normalise_sport: lower case, words separated by one
# space, CamelCase split ("VirtualRide" -> "virtual ride").
_SPORTS: dict[str, str] = {}
for _activity, _names in {
    "run": (
        "run",
        "running",
        "trail run",
        "trail running",
        "virtual run",
        "treadmill",
        "treadmill running",
        "indoor running",
        "indoor run",
        "track running",
        "street running",
        "ultra running",
        "ultra run",
        # Strava's older GPX exports write a numeric <type>: 9 is Run.
        "9",
    ),
    "walk": (
        "walk",
        "walking",
        "hike",
        "hiking",
        "indoor walking",
        "speed walking",
        "nordic walking",
        "casual walking",
        "mountaineering",
        # Strava numeric GPX types: 10 Walk, 4 Hike.
        "10",
        "4",
    ),
    "cycle": (
        "ride",
        "virtual ride",
        "e bike ride",
        "ebike ride",
        "e bike",
        "velomobile",
        "mountain bike ride",
        "gravel ride",
        "handcycle",
        "cycling",
        "biking",
        "bike",
        "road cycling",
        "road biking",
        "mountain biking",
        "gravel cycling",
        "indoor cycling",
        "e biking",
        "track cycling",
        "bmx",
        "cyclocross",
        # Strava numeric GPX type: 1 is Ride.
        "1",
    ),
    "strength": (
        "weight training",
        "workout",
        "crossfit",
        "strength training",
        "strength",
    ),
    "jump_rope": ("jump rope", "jump roping", "jumprope", "skipping", "rope skipping"),
}.items():
    for _name in _names:
        _SPORTS[_name] = _activity


def _normalise_sport(raw: str) -> str:
    text = raw.strip()
    # Split CamelCase the way Strava's API spells types: "EBikeRide" ->
    # "E Bike Ride", "VirtualRun" -> "Virtual Run".
    text = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    text = re.sub(r"[\s_\-/]+", " ", text.lower())
    return text.strip()


def sport_to_activity(raw: str) -> str:
    """Map a sport name written by Strava, a FIT/TCX device or a GPX <type> to
    one of ACTIVITIES. Anything not recognised is "other", never a guess."""
    return _SPORTS.get(_normalise_sport(raw or ""), "other")


_ISO_FRACTION = re.compile(r"(\.\d{1,6})\d*")


def parse_xml_datetime(text: str) -> datetime:
    """Parse an xsd:dateTime as GPX and TCX write it, returning UTC.

    A time without an offset is taken as UTC: both formats require UTC, and the
    devices that forget the "Z" write UTC anyway.
    """
    value = text.strip()
    # fromisoformat accepts at most microseconds; some exporters write more digits.
    value = _ISO_FRACTION.sub(lambda m: m.group(1), value, count=1)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ImportRefused(
            Text("invalid date/time {value}", value=repr(text.strip()[:40]))
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def check_start(start: datetime, what: str = N_("start time")) -> datetime:
    """Refuse a start that no real recording can have (unset clocks, garbage
    decoded from a damaged file, dates in the future)."""
    start = start.astimezone(UTC)
    if start < EARLIEST_START:
        raise ImportRefused(
            Text(
                "implausible {what} {start}: the device clock was unset",
                what=Text(what),
                start=f"{start:%Y-%m-%d %H:%M}",
            )
        )
    if start > datetime.now(UTC) + FUTURE_SLACK:
        raise ImportRefused(
            Text(
                "implausible {what} {start}: it is in the future",
                what=Text(what),
                start=f"{start:%Y-%m-%d %H:%M}",
            )
        )
    return start


def seconds_to_minutes(seconds: float | None) -> float | None:
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds / 60.0


def metres_to_km(metres: float | None) -> float | None:
    if metres is None or not math.isfinite(metres) or metres < 0:
        return None
    return metres / 1000.0


def mean_heart_rate(values: Iterable[float | int | None]) -> int | None:
    """Rounded mean of the plausible values; None when there are none."""
    total = 0.0
    count = 0
    for value in values:
        if value is not None and MIN_PLAUSIBLE_HR <= value <= MAX_PLAUSIBLE_HR:
            total += value
            count += 1
    if not count:
        return None
    return round(total / count)


def has_elevation_spike(samples: Sequence[tuple[datetime | None, float]]) -> bool:
    """True when consecutive (time, altitude) samples jump faster than any
    human can climb: the gain from such a file is not worth storing."""
    for (t0, e0), (t1, e1) in pairwise(samples):
        jump = abs(e1 - e0)
        if jump <= SPIKE_MIN_JUMP_M:
            continue
        if t0 is None or t1 is None:
            return True
        seconds = max((t1 - t0).total_seconds(), 1.0)
        if jump / seconds > SPIKE_MAX_RATE_M_S:
            return True
    return False


def elevation_gain(segments: Iterable[Sequence[tuple[datetime | None, float]]]) -> float | None:
    """Total ascent over segments of (time, altitude) samples, smoothed the way
    gpxpy does it so that GPX and TCX figures agree; None without altitudes or
    when a segment holds an implausible spike."""
    gain = 0.0
    seen = False
    for samples in segments:
        if not samples:
            continue
        if has_elevation_spike(samples):
            return None
        seen = True
        uphill, _ = calculate_uphill_downhill([e for _, e in samples])
        gain += uphill
    return gain if seen else None


class HeartRateMean:
    """mean_heart_rate, one value at a time: a file's mean without a list of
    every point's value."""

    def __init__(self) -> None:
        self.total = 0.0
        self.count = 0
        self.highest: float | None = None

    def add(self, value: float | None) -> None:
        if value is not None and MIN_PLAUSIBLE_HR <= value <= MAX_PLAUSIBLE_HR:
            self.total += value
            self.count += 1
            if self.highest is None or value > self.highest:
                self.highest = value

    def mean(self) -> int | None:
        return round(self.total / self.count) if self.count else None

    def max(self) -> int | None:
        return None if self.highest is None else round(self.highest)


def plausible_hr(value: float | None) -> int | None:
    """One heart-rate figure a summary gives (a lap's or session's maximum), or None
    when it is a sensor dropout."""
    return mean_heart_rate([value])


def clean_text(text: str | None) -> str:
    """A name or description from a file: trimmed, NUL-free (PostgreSQL cannot
    store NUL), "" for nothing."""
    return (text or "").replace("\x00", "").strip()


def too_many_points(name: str) -> ImportRefused:
    shown = limits.format_count(limits.MAX_POINTS_PER_FILE)
    return ImportRefused(
        Text(
            "{name} has more than {count} track points, the most one file may hold",
            name=name,
            count=shown,
        )
    )


def too_many_activities(name: str) -> ImportRefused:
    shown = limits.format_count(limits.MAX_ACTIVITIES_PER_FILE)
    return ImportRefused(
        Text(
            "{name} holds more than {count} activities, the most one file may hold",
            name=name,
            count=shown,
        )
    )


def _xml_refusal(exc: Exception, kind: str) -> ImportRefused:
    if isinstance(exc, defusedxml.DTDForbidden):
        return ImportRefused(
            Text(
                "{kind} file declares a DTD (<!DOCTYPE ...>), which is refused for safety",
                kind=kind,
            )
        )
    if isinstance(exc, defusedxml.EntitiesForbidden):
        return ImportRefused(
            Text("{kind} file declares XML entities, which are refused for safety", kind=kind)
        )
    if isinstance(exc, defusedxml.ExternalReferenceForbidden):
        return ImportRefused(
            Text(
                "{kind} file refers to an external resource, which is refused for safety",
                kind=kind,
            )
        )
    # expat's own words ("no element found: line 9, column 0") go to the log; the
    # runner gets the line and what it most likely means.
    position = getattr(exc, "position", None)
    line = (
        Text(" (near line {line})", line=position[0])
        if isinstance(position, tuple) and position
        else ""
    )
    if "no element found" in str(exc) or "unclosed token" in str(exc):
        return refusal(
            Text(
                "{kind} file is not well-formed XML{line}: it ends before its last element "
                "is closed, so it was most likely cut short while copying or downloading",
                kind=kind,
                line=line,
            ),
            exc,
        )
    return refusal(
        Text("{kind} file is not well-formed XML{line}: the file is damaged", kind=kind, line=line),
        exc,
    )


_XML_ERRORS = (
    defusedxml.DTDForbidden,
    defusedxml.EntitiesForbidden,
    defusedxml.ExternalReferenceForbidden,
    ParseError,
)


def iter_xml(data: bytes, kind: str) -> Iterator[tuple[bool, str, Element, list[str]]]:
    """Stream untrusted XML as (is_start, local tag, element, open tags): the
    DTDs, entities and external references refused (a DOCTYPE has no business
    in a GPX or TCX file: refusing it stops billion-laughs expansion and
    file:// or http:// entities), and no tree kept.

    Each element is detached from its parent once its end has been handed
    over, so memory stays that of the open elements however long the file; a
    reader takes what it needs from an element at its end (its text, its
    attributes) and never looks at its children afterwards. ``open tags`` are
    the local names from the root down to the element, itself included.
    """
    parents: list[Element] = []
    tags: list[str] = []
    events = SafeET.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
    )
    try:
        for event, element in events:
            if event == "start":
                tag = element.tag
                tags.append(tag.rsplit("}", 1)[-1] if isinstance(tag, str) else "")
                parents.append(element)
                yield True, tags[-1], element, tags
            else:
                yield False, tags[-1], element, tags
                tags.pop()
                parents.pop()
                if parents:
                    parents[-1].remove(element)
    except _XML_ERRORS as exc:
        raise _xml_refusal(exc, kind) from None


def parse_float(text: str | None, what: str) -> float | None:
    """A finite float from element text; None when empty; refused when garbage.
    ``what`` names the value, marked ``N_`` where it is written."""
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ImportRefused(
            Text("invalid {what} {value}", what=Text(what), value=repr(text.strip()[:40]))
        )
    return value


def check_coordinate(lat_text: str | None, lon_text: str | None) -> tuple[float, float]:
    """Validate a latitude/longitude pair, naming the bad value when there is one."""
    values = []
    for text, limit in ((lat_text, 90.0), (lon_text, 180.0)):
        try:
            value = float(text) if text is not None else math.nan
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or abs(value) > limit:
            raise ImportRefused(
                Text("invalid coordinate {value}", value=repr((text or "").strip()[:40]))
            )
        values.append(value)
    return values[0], values[1]
