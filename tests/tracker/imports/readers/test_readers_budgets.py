"""Import budgets measured in work, not bytes (issue 12): points per file,
activities per file and per upload, decompressed bytes across a Strava export,
heart-rate matching in FIT files that does not grow with sessions x records.

The crafted files are small and the limits are lowered for each test, so that
the suite stays fast; bench/import_budgets.py reads the full-sized ones and
prints their time and memory. Nothing here needs a database.
"""

from __future__ import annotations

import gzip
import tracemalloc
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from crafted_imports import fit, gpx, strava_export, strava_row

from tracker.imports import limits, readers
from tracker.imports.readers import fit as fit_reader
from tracker.imports.readers import parse_activity_file, read_steps
from tracker.imports.readers.base import ImportRefused, ReadContext, Upload
from tracker.imports.readers.fit import parse_fit
from tracker.imports.readers.strava import READER as STRAVA
from tracker.imports.readers.strava import read_strava_export
from tracker.imports.readers.tcx import parse_tcx


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse_activity_file(data, name)
    return caught.value.reason


# --- points per file -------------------------------------------------------------


def test_gpx_point_cap_stops_the_parse_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_POINTS_PER_FILE", 100)
    # What follows the 101st point is never read: a parse that stops at the cap
    # refuses the file for its points, not for the broken XML after them.
    data = gpx(101, tail=b"<trkpt lat='1' lon='1'><broken")
    reason = refusal(data, "long.gpx")
    assert reason == ("long.gpx has more than 100 track points, the most one file may hold")


def test_gpx_gz_point_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_POINTS_PER_FILE", 100)
    assert "more than 100 track points" in refusal(gzip.compress(gpx(150)), "long.gpx.gz")
    # At the cap exactly, the file is read.
    (activity,) = parse_activity_file(gzip.compress(gpx(100)), "fits.gpx.gz")
    assert activity.avg_hr == 150


def test_gpx_memory_does_not_grow_with_the_points() -> None:
    """A streaming parse keeps a few numbers per point, not an object tree:
    reading 4,000 points allocates less than the file's own size again."""
    data = gpx(4000)
    tracemalloc.start()
    try:
        parse_activity_file(data, "steady.gpx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < len(data), f"{peak} bytes at peak for a {len(data)}-byte file"


def tcx(points: int, activities: int = 1) -> bytes:
    one = "".join(
        f"<Trackpoint><Time>2024-03-01T07:{i // 60 % 60:02d}:{i % 60:02d}Z</Time>"
        f"<HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>"
        for i in range(points)
    )
    body = "".join(
        f'<Activity Sport="Running"><Id>2024-03-{n + 1:02d}T07:00:00Z</Id>'
        f'<Lap StartTime="2024-03-{n + 1:02d}T07:00:00Z"><TotalTimeSeconds>600</TotalTimeSeconds>'
        f"<DistanceMeters>2000</DistanceMeters><Track>{one}</Track></Lap></Activity>"
        for n in range(activities)
    )
    return (
        "<TrainingCenterDatabase xmlns='http://www.garmin.com/xmlschemas/"
        f"TrainingCenterDatabase/v2'><Activities>{body}</Activities></TrainingCenterDatabase>"
    ).encode()


def test_tcx_point_cap_counts_every_activity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_POINTS_PER_FILE", 100)
    assert len(parse_tcx(tcx(50, activities=2), "two.tcx")) == 2
    with pytest.raises(ImportRefused, match="more than 100 track points"):
        parse_tcx(tcx(50, activities=3)[:-40] + b"<broken", "three.tcx")


def test_fit_point_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_POINTS_PER_FILE", 100)
    assert parse_fit(fit(sessions=1, records=100), "ok.fit")[0].avg_hr is not None
    with pytest.raises(ImportRefused, match="more than 100 track points"):
        parse_fit(fit(sessions=1, records=101), "long.fit")


# --- activities per file ------------------------------------------------------------


def test_fit_activity_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ACTIVITIES_PER_FILE", 5)
    assert len(parse_fit(fit(sessions=5, records=0), "five.fit")) == 5
    assert refusal(fit(sessions=6, records=0), "six.fit") == (
        "six.fit holds more than 5 activities, the most one file may hold"
    )


def test_tcx_activity_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ACTIVITIES_PER_FILE", 2)
    with pytest.raises(ImportRefused, match="more than 2 activities"):
        parse_tcx(tcx(3, activities=3), "three.tcx")


# --- FIT heart rate: matched in time that grows with sessions + records ------------


class CountingTime(datetime):
    """A record's timestamp that counts how often it is compared."""

    comparisons = 0

    def _count(self) -> None:
        CountingTime.comparisons += 1

    def __lt__(self, other: Any) -> bool:
        self._count()
        return datetime.__lt__(self, other)

    def __le__(self, other: Any) -> bool:
        self._count()
        return datetime.__le__(self, other)

    def __gt__(self, other: Any) -> bool:
        self._count()
        return datetime.__gt__(self, other)

    def __ge__(self, other: Any) -> bool:
        self._count()
        return datetime.__ge__(self, other)


def test_fit_heart_rate_matching_is_not_sessions_times_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sessions, records = 200, 2000
    real_decode = fit_reader._decode

    def decode(data: bytes, *args: Any) -> Any:
        decoded = real_decode(data, *args)
        decoded.record_hr = [
            (CountingTime.fromtimestamp(m.timestamp(), m.tzinfo), hr) for m, hr in decoded.record_hr
        ]
        return decoded

    monkeypatch.setattr(fit_reader, "_decode", decode)
    CountingTime.comparisons = 0
    activities = parse_fit(fit(sessions=sessions, records=records, seconds_each=10), "many.fit")
    # Matching each session against every record compares 2 x 200 x 2000 times.
    assert CountingTime.comparisons < 20 * (sessions + records)
    # Session n spans records 10n..10n+10 (both ends inclusive): 120 + i % 60 each.
    expected = [round(sum(120 + i % 60 for i in range(10 * n, 10 * n + 11)) / 11) for n in range(3)]
    assert [a.avg_hr for a in activities[:3]] == expected
    # The last one runs past the last record: records 1990..1999 only.
    assert activities[-1].avg_hr == round(sum(120 + i % 60 for i in range(1990, 2000)) / 10)


# --- a Strava export: each file read once; decompressed bytes budgeted -------------


def test_export_reads_a_file_named_by_many_rows_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = readers.parse_activity_file

    def counting(data: bytes, name: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return real(data, name, *args, **kwargs)

    monkeypatch.setattr(readers, "parse_activity_file", counting)
    rows = list(read_strava_export(strava_export(3, gzip.compress(gpx(20)))))
    assert calls.count("activities/1.gpx.gz") == 1
    assert rows[0].parsed and rows[0].file_error is None
    for row in rows[1:]:
        assert not row.parsed
        assert row.file_error == (
            "activities/1.gpx.gz belongs to the activity on line 2 of activities.csv; "
            "a file is read for one activity only"
        )


def _export_of_distinct_files(count: int, member: bytes) -> bytes:
    import io
    import zipfile

    from crafted_imports import STRAVA_HEADER

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        rows = "".join(strava_row(n, f"activities/{n}.gpx.gz") for n in range(1, count + 1))
        archive.writestr("activities.csv", STRAVA_HEADER + rows)
        for n in range(1, count + 1):
            archive.writestr(f"activities/{n}.gpx.gz", member)
    return buffer.getvalue()


def test_decompressed_bytes_of_gzipped_members_count_against_the_export(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inflated = gpx(2000)  # about 300 KB, a few KB once compressed
    monkeypatch.setattr(limits, "MAX_ZIP_UNCOMPRESSED_BYTES", 2 * len(inflated) + 50_000)
    rows = read_strava_export(_export_of_distinct_files(3, gzip.compress(inflated)))
    assert next(rows).parsed and next(rows).parsed
    with pytest.raises(ImportRefused, match="uncompressed limit"):
        next(rows)


def test_activities_per_upload(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(limits, "MAX_ACTIVITIES_PER_UPLOAD", 3)
    path = tmp_path / "export.zip"
    path.write_bytes(_export_of_distinct_files(5, gzip.compress(gpx(5))))
    steps = list(read_steps(STRAVA, Upload("export.zip", path), ReadContext()))
    entries = [entry for step in steps for entry in step]
    assert [bool(entry.activity) for entry in entries] == [True, True, True, False]
    assert entries[-1].refused == (
        "stopped reading: more than 3 activities, the most one upload may hold"
    )
