"""Garmin Training Center XML (TCX v1/v2) -> ParsedActivity.

Session figures come from the LAP totals (the device's own summary), not from
the trackpoints: exports are often excerpts or have paused tracks whose points
cover a fraction of the lap (see togeojson__sample.tcx: 8.35 km in the lap,
3.4 km of trackpoints).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

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
    mean_heart_rate,
    metres_to_km,
    parse_float,
    parse_xml_datetime,
    plausible_hr,
    seconds_to_minutes,
    sport_to_activity,
    too_many_activities,
    too_many_points,
)


@dataclass
class _Lap:
    start_text: str | None
    distance: float | None = None
    seconds: float | None = None
    hr: float | None = None
    max_hr: float | None = None


@dataclass
class _Point:
    time: datetime | None = None
    lat: str | None = None
    lon: str | None = None
    altitude: float | None = None
    distance: float | None = None
    hr: float | None = None


@dataclass
class _Activity:
    """One <Activity>'s totals, summed as its laps and trackpoints come."""

    sport_raw: str
    id_text: str | None = None
    first_lap_start: str | None = None
    laps: int = 0
    lap_distance: float = 0.0
    lap_distance_seen: bool = False
    lap_time: float = 0.0
    lap_time_seen: bool = False
    lap_ends: list[datetime] = field(default_factory=list)
    lap_hr_weighted: float = 0.0
    lap_hr_seconds: float = 0.0
    first: datetime | None = None
    last: datetime | None = None
    hr: HeartRateMean = field(default_factory=HeartRateMean)
    max_point_distance: float | None = None
    has_position: bool = False
    elevation_segments: list[list[tuple[datetime | None, float]]] = field(default_factory=list)
    lap_max_hr: int | None = None
    notes: str = ""  # the <Notes> of the activity

    def add_lap(self, lap: _Lap) -> None:
        if self.laps == 0:
            self.first_lap_start = lap.start_text
        self.laps += 1
        if lap.distance is not None:
            self.lap_distance += lap.distance
            self.lap_distance_seen = True
        if lap.seconds is not None:
            self.lap_time += lap.seconds
            self.lap_time_seen = True
        if lap.start_text and lap.seconds is not None:
            lap_start = parse_xml_datetime(lap.start_text)
            self.lap_ends.append(lap_start + timedelta(seconds=lap.seconds))
        lap_max = plausible_hr(lap.max_hr)
        if lap_max is not None and (self.lap_max_hr is None or lap_max > self.lap_max_hr):
            self.lap_max_hr = lap_max
        if lap.hr is not None and lap.seconds:
            self.lap_hr_weighted += lap.hr * lap.seconds
            self.lap_hr_seconds += lap.seconds

    def add_point(self, point: _Point, samples: list[tuple[datetime | None, float]]) -> None:
        moment = point.time
        if moment is not None:
            if self.first is None or moment < self.first:
                self.first = moment
            if self.last is None or moment > self.last:
                self.last = moment
        if point.altitude is not None:
            samples.append((moment, point.altitude))
        if point.distance is not None and (
            self.max_point_distance is None or point.distance > self.max_point_distance
        ):
            self.max_point_distance = point.distance
        self.hr.add(point.hr)

    def parsed(self, name: str) -> ParsedActivity:
        start_text = self.first_lap_start or self.id_text
        if start_text:
            start = parse_xml_datetime(start_text)
        elif self.first is not None:
            start = self.first
        else:
            raise ImportRefused(Text("TCX activity has no start time"))
        start = check_start(start)

        ends = [*self.lap_ends, *(t for t in (self.last,) if t is not None)]
        elapsed_s = max((max(ends) - start).total_seconds(), 0.0) if ends else None
        duration_s = self.lap_time if self.lap_time_seen else elapsed_s
        distance_m = self.lap_distance if self.lap_distance_seen else self.max_point_distance
        if elapsed_s is not None and duration_s is not None:
            # Elapsed can never be shorter than the timer time the laps report.
            elapsed_s = max(elapsed_s, duration_s)

        activity_kind = sport_to_activity(self.sport_raw)
        # No position anywhere: an indoor session. For a run or walk that means a
        # treadmill; a trainer ride or gym session has no running surface.
        indoor = not self.has_position and activity_kind in ("run", "walk")

        avg_hr = self.hr.mean()
        if avg_hr is None and self.lap_hr_seconds:
            avg_hr = mean_heart_rate([self.lap_hr_weighted / self.lap_hr_seconds])

        return ParsedActivity(
            source_name=name,
            start=start,
            distance_km=metres_to_km(distance_m),
            duration_min=seconds_to_minutes(duration_s),
            elapsed_min=seconds_to_minutes(elapsed_s),
            activity=activity_kind,
            surface="treadmill" if indoor else None,
            elevation_gain_m=elevation_gain(self.elevation_segments),
            avg_hr=avg_hr,
            sport_raw=self.sport_raw,
            notes=self.notes,
            # The laps' own maximum (the device's), else the trackpoints'.
            max_hr=self.lap_max_hr if self.lap_max_hr is not None else self.hr.max(),
        )


def parse_tcx(data: bytes, name: str) -> list[ParsedActivity]:
    """Parse a TCX file: one ParsedActivity per <Activity>, in one streaming
    pass (common.iter_xml) that stops at limits.MAX_POINTS_PER_FILE trackpoints
    or limits.MAX_ACTIVITIES_PER_FILE activities."""
    found: list[ParsedActivity] = []
    activity: _Activity | None = None
    lap: _Lap | None = None
    point: _Point | None = None
    samples: list[tuple[datetime | None, float]] | None = None
    points = 0
    course = False
    for start, tag, element, tags in iter_xml(data, "TCX"):
        parent = tags[-2] if len(tags) > 1 else ""
        if start:
            if len(tags) == 1 and tag != "TrainingCenterDatabase":
                raise ImportRefused(
                    Text(
                        "not a TCX file: the root element is <{tag}>, not <TrainingCenterDatabase>",
                        tag=tag,
                    )
                )
            if tag == "Activity" and len(tags) == 3 and parent == "Activities":
                if len(found) >= limits.MAX_ACTIVITIES_PER_FILE:
                    raise too_many_activities(name)
                activity = _Activity((element.get("Sport") or "").strip())
            elif activity is None:
                course = course or (tag == "Course" and len(tags) == 3 and parent == "Courses")
            elif tag == "Lap" and parent == "Activity":
                lap = _Lap(element.get("StartTime"))
            elif tag == "Track":
                samples = []
            elif tag == "Trackpoint" and parent == "Track":
                points += 1
                if points > limits.MAX_POINTS_PER_FILE:
                    raise too_many_points(name)
                point = _Point()
            continue
        if activity is None:
            continue
        text = element.text
        if point is not None:
            if tag == "Trackpoint":
                if samples is not None:
                    activity.add_point(point, samples)
                point = None
            elif parent == "Trackpoint":
                if tag == "Time" and point.time is None:
                    point.time = parse_xml_datetime(text) if text else None
                elif tag == "Position":
                    check_coordinate(point.lat, point.lon)
                    activity.has_position = True
                elif tag == "AltitudeMeters" and point.altitude is None:
                    point.altitude = parse_float(text, N_("altitude"))
                elif tag == "DistanceMeters" and point.distance is None:
                    point.distance = parse_float(text, N_("distance"))
            elif parent == "Position" and tag == "LatitudeDegrees" and point.lat is None:
                point.lat = text
            elif parent == "Position" and tag == "LongitudeDegrees" and point.lon is None:
                point.lon = text
            elif tag == "Value" and tags[-3:-1] == ["Trackpoint", "HeartRateBpm"]:
                point.hr = point.hr if point.hr is not None else parse_float(text, N_("heart rate"))
        elif tag == "Track" and samples is not None:
            activity.elevation_segments.append(samples)
            samples = None
        elif lap is not None and tag == "Lap":
            activity.add_lap(lap)
            lap = None
        elif lap is not None and parent == "Lap":
            if tag == "DistanceMeters" and lap.distance is None:
                lap.distance = parse_float(text, N_("lap distance"))
            elif tag == "TotalTimeSeconds" and lap.seconds is None:
                lap.seconds = parse_float(text, N_("lap time"))
        elif lap is not None and tag == "Value" and tags[-3:-1] == ["Lap", "AverageHeartRateBpm"]:
            lap.hr = lap.hr if lap.hr is not None else parse_float(text, N_("lap heart rate"))
        elif lap is not None and tag == "Value" and tags[-3:-1] == ["Lap", "MaximumHeartRateBpm"]:
            lap.max_hr = (
                lap.max_hr if lap.max_hr is not None else parse_float(text, N_("heart rate"))
            )
        elif tag == "Notes" and parent == "Activity" and not activity.notes:
            activity.notes = clean_text(text)
        elif tag == "Id" and parent == "Activity" and activity.id_text is None:
            activity.id_text = text
        elif tag == "Activity" and len(tags) == 3:
            found.append(activity.parsed(name))
            activity = None
    if not found:
        if course:
            raise ImportRefused(
                Text("TCX holds a course: a planned route, not a recorded activity")
            )
        raise ImportRefused(Text("TCX file has no activities"))
    return found


# TCX has no title: the <Name>s it holds are the device's and the software's.
FILLS = (
    N_("date"),
    N_("start time"),
    N_("distance"),
    N_("duration"),
    N_("average and maximum heart rate"),
    N_("ascent"),
    N_("notes (the activity's notes)"),
)

_TCX_ROOT = re.compile(rb"<(?:[\w.-]+:)?TrainingCenterDatabase[\s>/]")

READER: Reader = activity_file_reader(
    name="tcx",
    formats="TCX",
    suffix=".tcx",
    parse=parse_tcx,
    magic=lambda head: _TCX_ROOT.search(head) is not None,
    fills=FILLS,
)
