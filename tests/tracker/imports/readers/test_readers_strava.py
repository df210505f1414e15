"""Strava bulk-export zips: the real activities.csv (figures from SOURCES.md),
and hostile archives (traversal, bombs, lying headers, limits)."""

from __future__ import annotations

import collections
import gzip
import io
import os
import struct
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.imports import limits
from tracker.imports.readers import strava
from tracker.imports.readers.base import ByteBudget, ImportRefused
from tracker.imports.readers.strava import read_strava_export
from tracker.imports.readers.strava_csv import StravaRow, parse_strava_date

STRAVA_CSV = "csv/strava-activity-map__export_08_25_2025__activities.csv"

GPX = (
    b'<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="StravaGPX" '
    b'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
    b'<trkpt lat="47.0" lon="-122.0"><time>2016-10-10T20:55:48Z</time></trkpt>'
    b'<trkpt lat="47.01" lon="-122.0"><time>2016-10-10T21:05:48Z</time></trkpt>'
    b"</trkseg></trk></gpx>"
)

HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
    "Activity Gear,Filename,Elapsed Time,Moving Time,Distance,Elevation Gain,Average Heart Rate\n"
)


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compression)
    return buffer.getvalue()


def small_csv(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


ROW_1 = (
    '1,"Mar 1, 2024, 7:00:00 AM",Morning Run,Run,1900,5.01,Pegasus,activities/1.gpx,'
    "1900,1800,5012.5,40,150"
)


@pytest.fixture(scope="module")
def real_rows(tmp_path_factory: pytest.TempPathFactory, realdata_file) -> list[StravaRow]:
    source = realdata_file(STRAVA_CSV)
    path = tmp_path_factory.mktemp("strava") / "export_08_25_2025.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(source, "activities.csv")
        # One GPX at the first run's Filename; every other row has no file.
        archive.writestr("activities/740821460.gpx", GPX)
    return list(read_strava_export(path))


def test_real_export_rows(real_rows: list[StravaRow]) -> None:
    assert len(real_rows) == 1845
    assert all(row.error is None for row in real_rows)
    assert collections.Counter(row.sport_raw for row in real_rows) == {
        "Ride": 947,
        "Run": 643,
        "Hike": 110,
        "Nordic Ski": 58,
        "Alpine Ski": 57,
        "Sail": 20,
        "Snowshoe": 5,
        "Walk": 3,
        "Canoe": 1,
        "Velomobile": 1,
    }
    assert real_rows[0].start_csv == datetime(2014, 10, 5, 16, 15, 21)
    assert real_rows[-1].start_csv == datetime(2025, 8, 25, 21, 59, 25)
    assert sum(1 for row in real_rows if row.gear) == 827
    assert all(row.avg_hr is None for row in real_rows)  # no HR sensor at all
    total_m = sum(row.distance_km or 0 for row in real_rows) * 1000
    assert total_m == pytest.approx(46_564_368.7, abs=1)


def test_real_export_runs(real_rows: list[StravaRow]) -> None:
    runs = [row for row in real_rows if row.activity == "run"]
    assert len(runs) == 643
    assert sum(row.distance_km or 0 for row in runs) == pytest.approx(3818.77, abs=0.1)
    first = runs[0]
    assert first.activity_id == "740821460"
    assert first.name == "Afternoon Run"
    assert first.distance_km == pytest.approx(6.6394, abs=1e-4)
    assert first.duration_min is not None and first.elapsed_min is not None
    assert first.duration_min * 60 == pytest.approx(1765)
    assert first.elapsed_min * 60 == pytest.approx(1770)
    assert first.filename == "activities/740821460.gpx"


def test_real_export_sail_uses_metres(real_rows: list[StravaRow]) -> None:
    sails = [row for row in real_rows if row.sport_raw == "Sail"]
    assert len(sails) == 20
    first = next(row for row in sails if row.activity_id == "9024249421")
    # Display column says 15.9 (nautical miles); the metres column 29610.49.
    assert first.distance_km == pytest.approx(29.61049, abs=1e-4)
    assert all(row.activity == "other" for row in sails)


def test_real_export_file_present_and_missing(real_rows: list[StravaRow]) -> None:
    with_file = [row for row in real_rows if row.parsed]
    assert [row.activity_id for row in with_file] == ["740821460"]
    row = with_file[0]
    assert row.file_error is None
    merged = row.to_activity()
    assert merged.start == datetime(2016, 10, 10, 20, 55, 48, tzinfo=UTC)  # from the file
    assert merged.distance_km == pytest.approx(6.6394, abs=1e-4)  # Strava's own figure
    assert merged.activity == "run"

    missing = real_rows[0]
    assert missing.parsed == ()
    assert missing.file_error == "activities/203707851.gpx is not in the zip"
    fallback = missing.to_activity()
    assert fallback.start == datetime(2014, 10, 5, 16, 15, 21, tzinfo=UTC)
    assert fallback.activity == "cycle"
    assert fallback.distance_km == pytest.approx(13.6092, abs=1e-4)
    assert fallback.duration_min == pytest.approx(2499 / 60)
    assert fallback.source_name == "activities/203707851.gpx"


def test_activity_date_is_utc_per_strava_names(real_rows: list[StravaRow]) -> None:
    """Strava names activities after the athlete's local hour; in this export
    "Evening" activities are written between 21:00 and 03:00, i.e. the written
    time is UTC for an athlete 6-7 hours behind it, not local time."""
    evening = [r.start_csv.hour for r in real_rows if r.name.startswith("Evening") and r.start_csv]
    late = sum(1 for hour in evening if hour >= 21 or hour <= 3)
    assert late / len(evening) > 0.9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 5, 2014, 4:15:21 PM", datetime(2014, 10, 5, 16, 15, 21)),
        ("Oct 5, 2014, 12:15:21 AM", datetime(2014, 10, 5, 0, 15, 21)),
        ("Oct 5, 2014, 12:15:21 PM", datetime(2014, 10, 5, 12, 15, 21)),
        ("Sept 5, 2014, 4:15:21 pm", datetime(2014, 9, 5, 16, 15, 21)),
        ("5 Oct 2014, 16:15:21", datetime(2014, 10, 5, 16, 15, 21)),
        ("2014-10-05 16:15:21", datetime(2014, 10, 5, 16, 15, 21)),
        ("2014-10-05T16:15:21Z", datetime(2014, 10, 5, 16, 15, 21)),
        ("2014-10-05T18:15:21+02:00", datetime(2014, 10, 5, 16, 15, 21)),
    ],
)
def test_parse_strava_date(text: str, expected: datetime) -> None:
    assert parse_strava_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "yesterday", "Foo 5, 2014, 4:15:21 PM", "Oct 5, 2014, 13:15:21 PM"]
)
def test_parse_strava_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_strava_date(text)


def test_small_export_with_gzipped_file_in_a_folder() -> None:
    data = make_zip(
        {
            "export_42/activities.csv": small_csv(
                ROW_1.replace("activities/1.gpx", "activities/1.gpx.gz")
            ),
            "export_42/activities/1.gpx.gz": gzip.compress(GPX),
        }
    )
    (row,) = read_strava_export(data)
    assert row.error is None and row.file_error is None
    assert row.gear == "Pegasus"
    assert row.elevation_gain_m == pytest.approx(40)
    assert row.avg_hr == 150
    assert row.parsed[0].distance_km == pytest.approx(1.112, rel=0.01)
    assert row.to_activity().start == datetime(2016, 10, 10, 20, 55, 48, tzinfo=UTC)


def test_row_with_bad_date_or_number_is_reported_not_raised() -> None:
    data = make_zip(
        {
            "activities.csv": small_csv(
                ROW_1.replace('"Mar 1, 2024, 7:00:00 AM"', "someday"),
                ROW_1.replace("1900,1800,5012.5", "1900,fast,5012.5"),
                ROW_1,
            )
        }
    )
    rows = list(read_strava_export(data))
    assert [r.error for r in rows] == [
        "activities.csv:2: Activity Date 'someday' is not a date",
        "activities.csv:3: Moving Time: 'fast' is not a number",
        None,
    ]
    with pytest.raises(ImportRefused, match="is not a date"):
        rows[0].to_activity()
    assert rows[2].file_error == "activities/1.gpx is not in the zip"
    assert rows[2].to_activity().start == datetime(2024, 3, 1, 7, tzinfo=UTC)


def test_referenced_file_that_is_refused() -> None:
    data = make_zip({"activities.csv": small_csv(ROW_1), "activities/1.gpx": b"<gpx><oops"})
    (row,) = read_strava_export(data)
    assert row.parsed == ()
    assert row.file_error is not None and "not well-formed XML" in row.file_error
    assert row.to_activity().distance_km == pytest.approx(5.0125)


def test_missing_activities_csv() -> None:
    data = make_zip({"activities/1.gpx": GPX, "profile.csv": b"x\n"})
    with pytest.raises(ImportRefused) as caught:
        read_strava_export(data)
    assert str(caught.value) == "not a Strava export: activities.csv not found"


def test_not_a_zip() -> None:
    with pytest.raises(ImportRefused, match="not a zip file"):
        read_strava_export(b"PK but not really a zip")


def test_localised_header_is_refused() -> None:
    data = make_zip({"activities.csv": "Aktivitäts-ID,Aktivitätsdatum\n1,x\n".encode()})
    with pytest.raises(ImportRefused, match="only English exports"):
        read_strava_export(data)


@pytest.mark.parametrize(
    "member",
    ["../evil.gpx", "/abs.gpx", "activities/../../evil.gpx", "C:/evil.gpx", "..\\evil.gpx"],
)
def test_path_traversal_members_refuse_the_zip(member: str) -> None:
    data = make_zip({"activities.csv": small_csv(ROW_1), member: GPX})
    with pytest.raises(ImportRefused) as caught:
        read_strava_export(data)
    assert "unsafe path" in str(caught.value) and repr(member) in str(caught.value)


def test_traversal_in_csv_filename_is_not_followed() -> None:
    data = make_zip(
        {
            "export/activities.csv": small_csv(ROW_1.replace("activities/1.gpx", "../secret.gpx")),
            "secret.gpx": GPX,
        }
    )
    (row,) = read_strava_export(data)
    assert row.parsed == () and row.file_error == "unsafe file name '../secret.gpx'"


def _lie_about_size(data: bytes, member: str, declared: int) -> bytes:
    """Rewrite the uncompressed size of `member` in both its local header and the
    central directory, as a zip bomb does to slip past header checks."""
    out = bytearray(data)
    name = member.encode()
    local = out.find(b"PK\x03\x04" + b"")
    while local != -1:
        name_len = struct.unpack_from("<H", out, local + 26)[0]
        if out[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", out, local + 22, declared)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", out, central + 24, declared)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def test_zip_bomb_member_declared_small_but_huge() -> None:
    huge = b" " * (40 * 1024 * 1024)  # 40 MB of blanks deflate to ~40 KB
    data = _lie_about_size(
        make_zip({"activities.csv": small_csv(ROW_1), "activities/1.gpx": huge}),
        "activities/1.gpx",
        1000,
    )
    assert len(data) < 200_000
    (row,) = read_strava_export(data)
    assert row.parsed == ()
    assert row.file_error is not None
    assert "corrupt zip member activities/1.gpx" in row.file_error


def test_zip_bomb_activities_csv_declared_small_but_huge() -> None:
    huge = HEADER.encode() + b" " * (40 * 1024 * 1024)
    data = _lie_about_size(make_zip({"activities.csv": huge}), "activities.csv", 2000)
    with pytest.raises(ImportRefused, match=r"corrupt zip member activities\.csv"):
        read_strava_export(data)


def test_member_over_the_file_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    data = make_zip({"activities.csv": small_csv(ROW_1), "activities/1.gpx": GPX})
    (row,) = read_strava_export(data)
    assert row.file_error == "activities/1.gpx is larger than the 100 bytes limit"


def test_csv_over_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_STRAVA_CSV_BYTES", 10)
    data = make_zip({"activities.csv": small_csv(ROW_1)})
    with pytest.raises(ImportRefused, match=r"activities\.csv is larger than the 10 bytes limit"):
        read_strava_export(data)


def test_read_budget_is_enforced_while_reading() -> None:
    data = make_zip({"activities/1.gpx": GPX})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (info,) = archive.infolist()
        with pytest.raises(ImportRefused, match="uncompressed limit"):
            strava._read_member(archive, info, 10_000, ByteBudget(10))


def test_zip_over_the_size_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_BYTES", 1024)
    data = make_zip({"activities.csv": small_csv(ROW_1), "pad.bin": os.urandom(4096)})
    path = tmp_path / "big.zip"
    path.write_bytes(data)
    for source in (data, path, str(path), io.BytesIO(data)):
        with pytest.raises(ImportRefused, match="zip is larger than the 1 KB limit"):
            read_strava_export(source)  # type: ignore[arg-type]  # every kind of source on purpose


def test_zip_declaring_too_much_uncompressed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_UNCOMPRESSED_BYTES", 1024 * 1024)
    data = make_zip({"activities.csv": small_csv(ROW_1), "pad.bin": bytes(2 * 1024 * 1024)})
    with pytest.raises(ImportRefused, match="more than the 1 MB uncompressed limit"):
        read_strava_export(data)


def test_zip_with_too_many_members(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_MEMBERS", 3)
    members = {f"activities/{i}.gpx": GPX for i in range(4)}
    data = make_zip({"activities.csv": small_csv(ROW_1), **members})
    with pytest.raises(ImportRefused, match="more than 3 files"):
        read_strava_export(data)


def test_member_count_is_checked_before_the_directory_is_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The end record's count refuses the zip before zipfile builds a ZipInfo
    per entry (which is where a many-entry bomb spends its memory)."""
    monkeypatch.setattr(limits, "MAX_ZIP_MEMBERS", 3)
    members = {f"activities/{i}.gpx": b"" for i in range(10)}
    data = make_zip({"activities.csv": small_csv(ROW_1), **members})

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("ZipFile opened before the member count was checked")

    monkeypatch.setattr(strava.zipfile, "ZipFile", fail)
    with pytest.raises(ImportRefused, match="more than 3 files"):
        read_strava_export(data)


def test_zip64_member_count_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_MEMBERS", 3)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", allowZip64=True) as archive:
        for i in range(5):
            archive.writestr(f"activities/{i}.gpx", b"x")
    # Rewrite as zip64-style: count 0xFFFF in the classic record, real count in
    # a zip64 record, as writers do past 65535 entries.
    data = buffer.getvalue()
    eocd = data.rfind(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack_from("<LL", data, eocd + 12)
    zip64_record = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, 5, 5, cd_size, cd_offset
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, eocd, 1)
    classic = bytearray(data[eocd:])
    struct.pack_into("<HH", classic, 8, 0xFFFF, 0xFFFF)
    crafted = data[:eocd] + zip64_record + locator + bytes(classic)
    assert strava._declared_member_count(io.BytesIO(crafted), len(crafted)) == 5
    with pytest.raises(ImportRefused, match="more than 3 files"):
        read_strava_export(crafted)
