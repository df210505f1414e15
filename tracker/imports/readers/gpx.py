"""GPX 1.0/1.1 tracks -> ParsedActivity.

gpxpy does the geometry (its length_2d and moving-time figures are the ones
documented for the reference files), but only after the bytes have passed the
defused XML parser, because gpxpy itself parses with the standard library and
would expand entities.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import gpxpy
import gpxpy.gpx

from .base import ImportRefused, ParsedActivity, Reader, activity_file_reader
from .common import (
    check_coordinate,
    check_start,
    elevation_gain,
    mean_heart_rate,
    metres_to_km,
    parse_xml_datetime,
    safe_xml_root,
    seconds_to_minutes,
    sport_to_activity,
    strip_namespaces,
)

# Points carrying this exact position are what some treadmill apps write in
# place of a position; a track made only of them has no real positions.
NULL_ISLAND = (0.0, 0.0)


def _decode(data: bytes) -> str:
    """gpxpy wants text. GPX is nearly always UTF-8; honour another declared
    encoding (ISO-8859-1 from old GPSBabel builds) rather than refuse it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    head = data[:200].decode("ascii", errors="replace")
    marker = 'encoding="'
    if marker not in head:
        marker = "encoding='"
    if marker in head:
        encoding = head.split(marker, 1)[1].split(marker[-1], 1)[0]
        # The parser ignores the declaration once it is handed str, so the
        # declaration can stay as it is.
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    raise ImportRefused("GPX file is not valid UTF-8 text")


def _validate_tree(root: Element) -> None:
    """Check what gpxpy reports poorly: the root element and every coordinate."""
    if root.tag != "gpx":
        raise ImportRefused(f"not a GPX file: the root element is <{root.tag}>, not <gpx>")
    for element in root.iter():
        if element.tag in ("trkpt", "rtept", "wpt"):
            check_coordinate(element.get("lat"), element.get("lon"))
        elif element.tag == "time" and element.text and element.text.strip():
            # gpxpy silently drops a time it cannot read; a garbled timestamp
            # means a damaged file, so say so instead of importing around it.
            parse_xml_datetime(element.text)


def _heart_rate(point: gpxpy.gpx.GPXTrackPoint) -> float | None:
    """HR from whichever TrackPointExtension namespace the device used
    (gpxtpx, ns3, ...): any <hr> element inside the point's extensions."""
    for extension in point.extensions:
        for element in extension.iter():
            tag = element.tag
            if isinstance(tag, str) and tag.rsplit("}", 1)[-1].lower() == "hr" and element.text:
                try:
                    return float(element.text)
                except ValueError:
                    return None
    return None


def _as_utc(moment: datetime) -> datetime:
    # GPX requires UTC; a time written without "Z" is UTC by the standard.
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_gpx(data: bytes, name: str) -> list[ParsedActivity]:
    """Parse one GPX file into one activity spanning all its non-empty tracks.

    Figures: distance = gpxpy length_2d; duration = gpxpy moving time (else the
    sum of segment durations, else the elapsed time); elapsed = first to last
    timestamp in the file, pauses between segments included.
    """
    root = strip_namespaces(safe_xml_root(data, "GPX"))
    _validate_tree(root)
    try:
        gpx = gpxpy.parse(_decode(data))
    except ImportRefused:
        raise
    except Exception as exc:  # gpxpy raises GPXException, ValueError, ...
        raise ImportRefused(f"invalid GPX: {exc}") from None

    tracks = [t for t in gpx.tracks if any(s.points for s in t.segments)]
    if not tracks:
        if gpx.routes:
            raise ImportRefused("GPX has only a route: a planned route, not a recorded activity")
        raise ImportRefused("GPX has no track points")

    times: list[datetime] = []
    hrs: list[float | None] = []
    positions: set[tuple[float, float]] = set()
    elevation_segments: list[list[tuple[datetime | None, float]]] = []
    for track in tracks:
        for segment in track.segments:
            samples: list[tuple[datetime | None, float]] = []
            for point in segment.points:
                moment = _as_utc(point.time) if point.time is not None else None
                if moment is not None:
                    times.append(moment)
                if point.elevation is not None:
                    samples.append((moment, point.elevation))
                hrs.append(_heart_rate(point))
                if len(positions) < 2:
                    positions.add((point.latitude, point.longitude))
            elevation_segments.append(samples)
    if not times:
        raise ImportRefused("GPX has no timestamps: a planned route, not a recorded activity")

    start = check_start(min(times))
    elapsed_s = (max(times) - start).total_seconds()

    # gpxpy sums only over the tracks it holds; drop the empty ones first so
    # that its totals cover exactly what this activity spans.
    gpx.tracks = tracks
    no_positions = positions <= {NULL_ISLAND}
    distance_km = None if no_positions else metres_to_km(gpx.length_2d())
    moving = gpx.get_moving_data()
    duration_s: float | None = moving.moving_time if moving and moving.moving_time else None
    if duration_s is None:
        duration_s = gpx.get_duration() or elapsed_s

    # gpxpy declares GPXTrack.type as None, though it holds the <type> text.
    types: list[object] = [t.type for t in tracks]
    sport_raw = next((k.strip() for k in types if isinstance(k, str) and k.strip()), "")
    activity = sport_to_activity(sport_raw)
    # Without positions a recorded walk or run can only have been on a
    # treadmill; a stationary bike or gym session is no "surface" at all.
    surface = "treadmill" if no_positions and activity in ("run", "walk") else None

    return [
        ParsedActivity(
            source_name=name,
            start=start,
            distance_km=distance_km,
            duration_min=seconds_to_minutes(duration_s),
            elapsed_min=seconds_to_minutes(elapsed_s),
            activity=activity,
            surface=surface,
            elevation_gain_m=elevation_gain(elevation_segments),
            avg_hr=mean_heart_rate(hrs),
            sport_raw=sport_raw,
        )
    ]


# The root element, maybe with a prefix, within the first bytes of the file.
_GPX_ROOT = re.compile(rb"<(?:[\w.-]+:)?gpx[\s>/]")

READER: Reader = activity_file_reader(
    name="gpx",
    formats="GPX",
    suffix=".gpx",
    parse=parse_gpx,
    magic=lambda head: _GPX_ROOT.search(head) is not None,
)
