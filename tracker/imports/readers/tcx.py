"""Garmin Training Center XML (TCX v1/v2) -> ParsedActivity.

Session figures come from the LAP totals (the device's own summary), not from
the trackpoints: exports are often excerpts or have paused tracks whose points
cover a fraction of the lap (see togeojson__sample.tcx: 8.35 km in the lap,
3.4 km of trackpoints).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from xml.etree.ElementTree import Element

from .base import ImportRefused, ParsedActivity, Reader, activity_file_reader
from .common import (
    check_coordinate,
    check_start,
    elevation_gain,
    mean_heart_rate,
    metres_to_km,
    parse_float,
    parse_xml_datetime,
    safe_xml_root,
    seconds_to_minutes,
    sport_to_activity,
    strip_namespaces,
)


def _text(element: Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    return found.text if found is not None else None


def _parse_activity(activity: Element, name: str) -> ParsedActivity:
    sport_raw = (activity.get("Sport") or "").strip()
    laps = activity.findall("Lap")

    lap_distance = 0.0
    lap_distance_seen = False
    lap_time = 0.0
    lap_time_seen = False
    lap_ends: list[datetime] = []
    lap_hr_weighted = 0.0
    lap_hr_seconds = 0.0
    for lap in laps:
        distance = parse_float(_text(lap, "DistanceMeters"), "lap distance")
        seconds = parse_float(_text(lap, "TotalTimeSeconds"), "lap time")
        if distance is not None:
            lap_distance += distance
            lap_distance_seen = True
        if seconds is not None:
            lap_time += seconds
            lap_time_seen = True
        lap_start_text = lap.get("StartTime")
        if lap_start_text and seconds is not None:
            lap_start = parse_xml_datetime(lap_start_text)
            lap_ends.append(lap_start + timedelta(seconds=seconds))
        lap_hr = parse_float(_text(lap, "AverageHeartRateBpm/Value"), "lap heart rate")
        if lap_hr is not None and seconds:
            lap_hr_weighted += lap_hr * seconds
            lap_hr_seconds += seconds

    times: list[datetime] = []
    hrs: list[float | None] = []
    max_point_distance: float | None = None
    has_position = False
    elevation_segments: list[list[tuple[datetime | None, float]]] = []
    for track in activity.iter("Track"):
        samples: list[tuple[datetime | None, float]] = []
        for point in track.findall("Trackpoint"):
            time_text = _text(point, "Time")
            moment = parse_xml_datetime(time_text) if time_text else None
            if moment is not None:
                times.append(moment)
            position = point.find("Position")
            if position is not None:
                check_coordinate(
                    _text(position, "LatitudeDegrees"), _text(position, "LongitudeDegrees")
                )
                has_position = True
            altitude = parse_float(_text(point, "AltitudeMeters"), "altitude")
            if altitude is not None:
                samples.append((moment, altitude))
            distance = parse_float(_text(point, "DistanceMeters"), "distance")
            if distance is not None and (
                max_point_distance is None or distance > max_point_distance
            ):
                max_point_distance = distance
            hrs.append(parse_float(_text(point, "HeartRateBpm/Value"), "heart rate"))
        elevation_segments.append(samples)

    start_text = laps[0].get("StartTime") if laps else None
    start_text = start_text or _text(activity, "Id")
    if start_text:
        start = parse_xml_datetime(start_text)
    elif times:
        start = min(times)
    else:
        raise ImportRefused("TCX activity has no start time")
    start = check_start(start)

    ends = [*times, *lap_ends]
    elapsed_s = max((max(ends) - start).total_seconds(), 0.0) if ends else None
    duration_s = lap_time if lap_time_seen else elapsed_s
    if lap_distance_seen:
        distance_m: float | None = lap_distance
    else:
        distance_m = max_point_distance
    if elapsed_s is not None and duration_s is not None:
        # Elapsed can never be shorter than the timer time the laps report.
        elapsed_s = max(elapsed_s, duration_s)

    activity_kind = sport_to_activity(sport_raw)
    # No position anywhere: an indoor session. For a run or walk that means a
    # treadmill; a trainer ride or gym session has no running surface.
    surface = "treadmill" if not has_position and activity_kind in ("run", "walk") else None

    avg_hr = mean_heart_rate(hrs)
    if avg_hr is None and lap_hr_seconds:
        avg_hr = mean_heart_rate([lap_hr_weighted / lap_hr_seconds])

    return ParsedActivity(
        source_name=name,
        start=start,
        distance_km=metres_to_km(distance_m),
        duration_min=seconds_to_minutes(duration_s),
        elapsed_min=seconds_to_minutes(elapsed_s),
        activity=activity_kind,
        surface=surface,
        elevation_gain_m=elevation_gain(elevation_segments),
        avg_hr=avg_hr,
        sport_raw=sport_raw,
    )


def parse_tcx(data: bytes, name: str) -> list[ParsedActivity]:
    """Parse a TCX file: one ParsedActivity per <Activity>."""
    root = strip_namespaces(safe_xml_root(data, "TCX"))
    if root.tag != "TrainingCenterDatabase":
        raise ImportRefused(
            f"not a TCX file: the root element is <{root.tag}>, not <TrainingCenterDatabase>"
        )
    activities = root.findall("Activities/Activity")
    if not activities:
        if root.find("Courses/Course") is not None:
            raise ImportRefused("TCX holds a course: a planned route, not a recorded activity")
        raise ImportRefused("TCX file has no activities")
    return [_parse_activity(activity, name) for activity in activities]


_TCX_ROOT = re.compile(rb"<(?:[\w.-]+:)?TrainingCenterDatabase[\s>/]")

READER: Reader = activity_file_reader(
    name="tcx",
    formats="TCX",
    suffix=".tcx",
    parse=parse_tcx,
    magic=lambda head: _TCX_ROOT.search(head) is not None,
)
