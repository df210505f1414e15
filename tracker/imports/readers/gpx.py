"""GPX 1.0/1.1 tracks -> ParsedActivity, in one streaming pass.

The figures are gpxpy's (length_2d, moving time, duration: the ones documented
for the reference files), computed with gpxpy's own distance function point by
point, as gpxpy sums them over each segment's consecutive points. gpxpy itself
is not used to parse: it builds an object for every point, so a 58 KB gzip
inflating to a million points took a worker to 1.25 GB. The defused streaming
parser (common.iter_xml) keeps only the session's running totals and each
segment's elevations, and stops at limits.MAX_POINTS_PER_FILE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from gpxpy.geo import distance as gpxpy_distance

from advice.i18n import N_, Text
from tracker.imports import limits

from .base import ImportRefused, ParsedActivity, Reader, activity_file_reader
from .common import (
    HeartRateMean,
    check_coordinate,
    check_start,
    clean_text,
    elevation_gain,
    iter_xml,
    metres_to_km,
    parse_float,
    parse_xml_datetime,
    seconds_to_minutes,
    sport_to_activity,
    too_many_points,
)

# Points carrying this exact position are what some treadmill apps write in
# place of a position; a track made only of them has no real positions.
NULL_ISLAND = (0.0, 0.0)
# gpxpy's threshold (DEFAULT_STOPPED_SPEED_THRESHOLD): slower than this is stopped.
STOPPED_KMH = 1.0
# A <cad> at or above this is no cadence at all (a broken sensor): left out.
MAX_CADENCE = 250.0
POINT_TAGS = frozenset({"trkpt", "rtept", "wpt"})


@dataclass
class _Point:
    lat: float
    lon: float
    elevation: float | None = None
    time: datetime | None = None
    hr: float | None = None
    hr_seen: bool = False
    cad: float | None = None


@dataclass
class _Segment:
    """gpxpy's per-segment figures, summed as the points come."""

    length_2d: float = 0.0
    moving_s: float = 0.0
    points: int = 0
    first_times: list[datetime | None] = field(default_factory=list)  # of the first two points
    last_times: list[datetime | None] = field(default_factory=lambda: [None, None])
    previous: _Point | None = None
    elevations: list[tuple[datetime | None, float]] = field(default_factory=list)

    def add(self, point: _Point) -> None:
        previous = self.previous
        if previous is not None:
            # gpxpy's length_2d and get_moving_data: current point first.
            flat = gpxpy_distance(point.lat, point.lon, None, previous.lat, previous.lon, None)
            if flat:
                self.length_2d += flat
            if point.time is not None and previous.time is not None:
                if point.elevation and previous.elevation:
                    moved = gpxpy_distance(
                        point.lat,
                        point.lon,
                        point.elevation,
                        previous.lat,
                        previous.lon,
                        previous.elevation,
                    )
                else:
                    moved = flat
                seconds = (point.time - previous.time).total_seconds()
                if seconds > 0 and moved and (moved / 1000) / (seconds / 3600) > STOPPED_KMH:
                    self.moving_s += seconds
        self.points += 1
        if len(self.first_times) < 2:
            self.first_times.append(point.time)
        self.last_times = [self.last_times[1], point.time]
        if point.elevation is not None:
            self.elevations.append((point.time, point.elevation))
        self.previous = point

    def duration(self) -> float | None:
        """gpxpy's GPXTrackSegment.get_duration."""
        if self.points < 2:
            return 0.0
        first = self.first_times[0] or self.first_times[1]
        last = self.last_times[1] or self.last_times[0]
        if first is None or last is None or last < first:
            return None
        return (last - first).total_seconds()


@dataclass
class _Activity:
    """What the session needs from the whole file."""

    name: str
    points: int = 0
    first: datetime | None = None
    last: datetime | None = None
    hr: HeartRateMean = field(default_factory=HeartRateMean)
    # <cad> of the points that have one above 0 (0 is standing still): sum, count.
    cad_sum: float = 0.0
    cad_points: int = 0
    positioned: bool = False
    length_2d: float = 0.0
    moving_s: float = 0.0
    duration_s: float | None = 0.0
    elevation_segments: list[list[tuple[datetime | None, float]]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    tracks_with_points: int = 0
    routes: int = 0
    # The first track's <name> and <desc>, else the file's <metadata> ones.
    texts: dict[str, str] = field(default_factory=dict)

    def keep_text(self, key: str, text: str | None) -> None:
        cleaned = clean_text(text)
        if cleaned and key not in self.texts:
            self.texts[key] = cleaned

    def count_point(self) -> None:
        self.points += 1
        if self.points > limits.MAX_POINTS_PER_FILE:
            raise too_many_points(self.name)

    def add_point(self, point: _Point) -> None:
        moment = point.time
        if moment is not None:
            if self.first is None or moment < self.first:
                self.first = moment
            if self.last is None or moment > self.last:
                self.last = moment
        self.hr.add(point.hr)
        if point.cad is not None and 0 < point.cad < MAX_CADENCE:
            self.cad_sum += point.cad
            self.cad_points += 1
        if (point.lat, point.lon) != NULL_ISLAND:
            self.positioned = True

    def add_segment(self, segment: _Segment) -> None:
        self.length_2d += segment.length_2d
        self.moving_s += segment.moving_s
        self.elevation_segments.append(segment.elevations)
        duration = segment.duration()
        # gpxpy: one segment without its times leaves the whole file without.
        self.duration_s = (
            None if duration is None or self.duration_s is None else (self.duration_s + duration)
        )


def _read(data: bytes, name: str) -> _Activity:
    activity = _Activity(name)
    point: _Point | None = None
    segment: _Segment | None = None
    track_points = 0
    track_type = ""
    for start, tag, element, tags in iter_xml(data, "GPX"):
        if start:
            if len(tags) == 1 and tag != "gpx":
                raise ImportRefused(
                    Text("not a GPX file: the root element is <{tag}>, not <gpx>", tag=tag)
                )
            if tag in POINT_TAGS:
                activity.count_point()
                lat, lon = check_coordinate(element.get("lat"), element.get("lon"))
                if tag == "trkpt":
                    point = _Point(lat, lon)
            elif tag == "trkseg":
                segment = _Segment()
            elif tag == "trk":
                track_points, track_type = 0, ""
            elif tag == "rte":
                activity.routes += 1
            continue
        text = element.text
        if tag == "time" and text and text.strip():
            # A garbled timestamp anywhere means a damaged file: say so.
            moment = parse_xml_datetime(text)
            if point is not None and tags[-2] == "trkpt":
                point.time = moment
        elif point is None:
            if tag == "trk":
                if track_points:
                    activity.tracks_with_points += 1
                    activity.types.append(track_type)
            elif tag == "trkseg" and segment is not None:
                if segment.points:
                    activity.add_segment(segment)
                segment = None
            elif tag == "type" and tags[-2] == "trk" and text and text.strip() and not track_type:
                track_type = text.strip()
            elif tag in ("name", "desc") and tags[-2] in ("trk", "metadata"):
                activity.keep_text(f"{tags[-2]} {tag}", text)
        elif tag == "trkpt":
            activity.add_point(point)
            if segment is not None:  # a trkpt outside any trkseg is no track point
                segment.add(point)
                track_points += 1
            point = None
        elif tag == "ele" and tags[-2] == "trkpt":
            point.elevation = parse_float(text, N_("elevation"))
        elif tag.lower() == "hr" and "extensions" in tags and not point.hr_seen:
            # HR from whichever TrackPointExtension namespace the device used
            # (gpxtpx, ns3, ...): the first non-empty <hr> in the point's extensions.
            try:
                point.hr = float(text) if text else None
            except ValueError:
                point.hr = None
            point.hr_seen = bool(text)
        elif tag.lower() == "cad" and "extensions" in tags and point.cad is None:
            try:
                point.cad = float(text) if text else None
            except ValueError:
                point.cad = None
    return activity


def parse_gpx(data: bytes, name: str) -> list[ParsedActivity]:
    """Parse one GPX file into one activity spanning all its non-empty tracks.

    Figures: distance = gpxpy length_2d; duration = gpxpy moving time (else the
    sum of segment durations, else the elapsed time); elapsed = first to last
    timestamp in the file, pauses between segments included.
    """
    found = _read(data, name)
    if not found.tracks_with_points:
        if found.routes:
            raise ImportRefused(
                Text("GPX has only a route: a planned route, not a recorded activity")
            )
        raise ImportRefused(Text("GPX has no track points"))
    if found.first is None or found.last is None:
        raise ImportRefused(Text("GPX has no timestamps: a planned route, not a recorded activity"))

    start = check_start(found.first)
    elapsed_s = (found.last - start).total_seconds()
    distance_km = metres_to_km(found.length_2d) if found.positioned else None
    duration_s: float | None = found.moving_s or None
    if duration_s is None:
        duration_s = found.duration_s or elapsed_s

    sport_raw = next((kind for kind in found.types if kind), "")
    activity = sport_to_activity(sport_raw)
    # Without positions a recorded walk or run can only have been on a
    # treadmill; a stationary bike or gym session is no "surface" at all.
    surface = "treadmill" if not found.positioned and activity in ("run", "walk") else None

    return [
        ParsedActivity(
            source_name=name,
            start=start,
            distance_km=distance_km,
            duration_min=seconds_to_minutes(duration_s),
            elapsed_min=seconds_to_minutes(elapsed_s),
            activity=activity,
            surface=surface,
            elevation_gain_m=elevation_gain(found.elevation_segments),
            avg_hr=found.hr.mean(),
            sport_raw=sport_raw,
            title=found.texts.get("trk name") or found.texts.get("metadata name", ""),
            notes=found.texts.get("trk desc") or found.texts.get("metadata desc", ""),
            max_hr=found.hr.max(),
            # One foot's cadence (Garmin's and Strava's gpxtpx:cad), doubled to steps.
            cadence_spm=2 * found.cad_sum / found.cad_points if found.cad_points else None,
        )
    ]


FILLS = (
    N_("date"),
    N_("start time"),
    N_("distance"),
    N_("duration"),
    N_("average and maximum heart rate"),
    N_("ascent"),
    N_("title"),
    N_("notes (the track's description)"),
)

# The root element, maybe with a prefix, within the first bytes of the file.
_GPX_ROOT = re.compile(rb"<(?:[\w.-]+:)?gpx[\s>/]")

READER: Reader = activity_file_reader(
    name="gpx",
    formats="GPX",
    suffix=".gpx",
    parse=parse_gpx,
    magic=lambda head: _GPX_ROOT.search(head) is not None,
    fills=FILLS,
)
