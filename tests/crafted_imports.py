"""Crafted activity files that cost far more to read than their size: the
import-budget tests build small ones, bench/import_budgets.py the full-sized
ones of issue 12 (a GPX of 1,000,000 points in a gzip, a Strava export whose
rows all name one file, a FIT with many sessions and heart-rate records).

No Django here, and no realdata: every file is made from scratch.
"""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
from datetime import UTC, datetime

from fitdecode.utils import compute_crc

# --- GPX ---------------------------------------------------------------------


def gpx(points: int, *, tail: bytes = b"</trkseg></trk></gpx>\n") -> bytes:
    """One track of ``points`` points a second apart, with elevation and heart
    rate; ``tail`` closes it (or, for a test, follows it with garbage)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<gpx version="1.1" creator="crafted" xmlns="http://www.topografix.com/GPX/1/1" '
        b'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        b"<trk><type>running</type><trkseg>\n"
    )
    start = int(datetime(2024, 3, 1, 7, 0, tzinfo=UTC).timestamp())
    body = io.BytesIO()
    for i in range(points):
        moment = datetime.fromtimestamp(start + i, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        body.write(
            f'<trkpt lat="{46 + i * 1e-6:.6f}" lon="14.0"><ele>{300 + i % 7}</ele>'
            f"<time>{moment}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>150"
            "</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>\n".encode()
        )
    return head + body.getvalue() + tail


def gpx_gz(points: int) -> bytes:
    return gzip.compress(gpx(points), compresslevel=9)


# --- FIT ---------------------------------------------------------------------

# FIT counts seconds from 1989-12-31 00:00 UTC.
FIT_EPOCH = int(datetime(1989, 12, 31, tzinfo=UTC).timestamp())
_UINT8, _ENUM, _UINT32 = 0x02, 0x00, 0x86


def _definition(local: int, global_number: int, fields: list[tuple[int, int, int]]) -> bytes:
    out = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_number, len(fields))
    return out + b"".join(struct.pack("<BBB", *field) for field in fields)


def fit(*, sessions: int, records: int, seconds_each: int = 60) -> bytes:
    """A FIT activity: ``records`` heart-rate records a second apart, then
    ``sessions`` back-to-back run sessions of ``seconds_each`` seconds with no
    average heart rate of their own (so each is matched against the records)."""
    start = int(datetime(2024, 3, 1, 7, 0, tzinfo=UTC).timestamp()) - FIT_EPOCH
    body = io.BytesIO()
    body.write(_definition(0, 0, [(0, 1, _ENUM)]))  # file_id: type
    body.write(struct.pack("<BB", 0, 4))  # activity
    body.write(_definition(1, 20, [(253, 4, _UINT32), (3, 1, _UINT8)]))  # record
    record = struct.Struct("<BIB")
    for i in range(records):
        body.write(record.pack(1, start + i, 120 + i % 60))
    session_fields = [
        (253, 4, _UINT32),  # timestamp
        (2, 4, _UINT32),  # start_time
        (7, 4, _UINT32),  # total_elapsed_time, ms
        (8, 4, _UINT32),  # total_timer_time, ms
        (9, 4, _UINT32),  # total_distance, cm
        (5, 1, _ENUM),  # sport: running
    ]
    body.write(_definition(2, 18, session_fields))
    session = struct.Struct("<BIIIIIB")
    for n in range(sessions):
        begin = start + n * seconds_each
        ms = seconds_each * 1000
        body.write(session.pack(2, begin + seconds_each, begin, ms, ms, 15000, 1))
    data = body.getvalue()
    header = struct.pack("<BBHI4s", 14, 0x10, 2093, len(data), b".FIT")
    header += struct.pack("<H", compute_crc(header))
    whole = header + data
    return whole + struct.pack("<H", compute_crc(whole))


# --- Strava export -------------------------------------------------------------

STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
    "Activity Gear,Filename,Elapsed Time,Moving Time,Distance,Elevation Gain,Average Heart Rate\n"
)


def strava_row(n: int, filename: str) -> str:
    return (
        f'{n},"Mar {n % 28 + 1}, 2023, 7:00:00 AM",Run {n},Run,1900,5.01,,{filename},'
        "1900,1800,5012.5,40,150\n"
    )


def strava_export(rows: int, member: bytes, *, filename: str = "activities/1.gpx.gz") -> bytes:
    """An export whose ``rows`` rows all name the one activity file ``member``."""
    csv = STRAVA_HEADER + "".join(strava_row(n, filename) for n in range(1, rows + 1))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", csv)
        archive.writestr(filename, member)
    return buffer.getvalue()
