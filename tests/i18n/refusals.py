"""What the import-refusal tests share: crafted files that each meet one refusal,
and the check that a Russian rendering has no English of its message left."""

from __future__ import annotations

import gzip
import io
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from advice.i18n import Text

START = datetime(2026, 2, 1, 7, 0, tzinfo=UTC)

# Words a Russian message keeps on purpose: format and product names, the XML of a
# file, and the column names of another app's file (what the runner sees in it).
KEPT = frozenset(
    {
        "gzip",
        "YYYY",  # the contract's date notation, given beside the Russian
        "DOCTYPE",
        "TrainingCenterDatabase",
        "Strava",
        "Garmin",
        "Connect",
        "Activity",
        "Date",
        "Distance",
        "Time",
        "true",
        "false",
        "first_used",
        "avg_hr",
        "participation",
        "modification",
        "performance",
        "symptoms",
    }
)
_PLACEHOLDER = re.compile(r"\{\w+\}")
_WORD = re.compile(r"[A-Za-z][A-Za-z']{3,}")
_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


def messages(text: object) -> Iterator[str]:
    """Every message id in a Text, its parameters' included."""
    if isinstance(text, Text):
        yield text.msgid
        for value in text.params.values():
            yield from messages(value)


def english_left(rendering: str, text: Text) -> list[str]:
    """The English words of ``text``'s messages (not its parameters: a file's name or
    a cell's value stays as it was) that are still in ``rendering``."""
    words = {
        word
        for msgid in messages(text)
        for word in _WORD.findall(_PLACEHOLDER.sub(" ", msgid))
        if word not in KEPT
    }
    return sorted(w for w in words if re.search(rf"(?<![\w.]){re.escape(w)}(?![\w.])", rendering))


def assert_russian(rendering: str, text: Text) -> None:
    assert _CYRILLIC.search(rendering), rendering
    left = english_left(rendering, text)
    assert not left, f"English left in {rendering!r}: {left}"


# --- crafted files -----------------------------------------------------------


def _times(points: int, step_m: float = 0.0003) -> str:
    return "".join(
        f'<trkpt lat="{51.5 + i * step_m:.6f}" lon="-0.1"><ele>10</ele>'
        f"<time>{(START + timedelta(seconds=10 * i)):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        for i in range(points)
    )


def gpx(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>running</type><trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


def tcx(lap: str) -> bytes:
    return (
        '<?xml version="1.0"?><TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        '<Activity Sport="Running"><Id>2026-02-01T07:00:00Z</Id>'
        f'<Lap StartTime="2026-02-01T07:00:00Z">{lap}</Lap></Activity></Activities>'
        "</TrainingCenterDatabase>"
    ).encode()


def zipped(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n"
)

# name -> (content, the refused line exactly as it read in English before: the
# English text is unchanged by the translation)
ACTIVITY_FILES: dict[str, tuple[bytes, str]] = {
    "cut.gpx": (
        gpx(_times(3))[:-30],
        "cut.gpx: refused: GPX file is not well-formed XML (near line 1): it ends before its "
        "last element is closed, so it was most likely cut short while copying or downloading",
    ),
    "broken.gpx": (
        b'<?xml version="1.0"?><gpx xmlns="http://www.topografix.com/GPX/1/1"><trk></gpx>',
        "broken.gpx: refused: GPX file is not well-formed XML (near line 1): the file is damaged",
    ),
    "dtd.gpx": (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "b">]>'
        b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk>&a;</trk></gpx>',
        "dtd.gpx: refused: GPX file declares a DTD (<!DOCTYPE ...>), which is refused for safety",
    ),
    "root.gpx": (
        b'<?xml version="1.0"?><kml xmlns="http://www.topografix.com/GPX/1/1"></kml>',
        "root.gpx: refused: not a GPX file: the root element is <kml>, not <gpx>",
    ),
    "coordinate.gpx": (
        gpx('<trkpt lat="95" lon="0"><time>2026-02-01T07:00:00Z</time></trkpt>'),
        "coordinate.gpx: refused: invalid coordinate '95'",
    ),
    "when.gpx": (
        gpx('<trkpt lat="51" lon="0"><time>yesterday</time></trkpt>'),
        "when.gpx: refused: invalid date/time 'yesterday'",
    ),
    "height.gpx": (
        gpx('<trkpt lat="51" lon="0"><ele>high</ele><time>2026-02-01T07:00:00Z</time></trkpt>'),
        "height.gpx: refused: invalid elevation 'high'",
    ),
    "fast.gpx": (
        gpx(_times(30, step_m=0.01)),
        "fast.gpx: refused: 0:09 /km is faster than the world record pace: check the distance "
        "and the time",
    ),
    "hr.tcx": (
        tcx(
            "<TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters>"
            "<AverageHeartRateBpm><Value>fast</Value></AverageHeartRateBpm>"
        ),
        "hr.tcx: refused: invalid lap heart rate 'fast'",
    ),
    "other.tcx": (
        b'<?xml version="1.0"?><Other></Other>',
        "other.tcx: refused: not a TCX file: the root element is <Other>, not "
        "<TrainingCenterDatabase>",
    ),
    "bad.gz": (
        b"\x1f\x8b\x08\x00" + b"\x00" * 20,
        "bad.gz: refused: bad.gz is a corrupt gzip file: its compressed data cannot be unpacked",
    ),
    "cut.gpx.gz": (
        gzip.compress(gpx(_times(30)))[:-12],
        "cut.gpx.gz: refused: cut.gpx.gz is a truncated gzip file: it was cut short while "
        "copying or downloading",
    ),
    "double.gpx.gz": (
        gzip.compress(gzip.compress(gpx(_times(3)))),
        "double.gpx.gz: refused: double.gpx.gz holds another gzip file: only one layer is read",
    ),
    "Activities.csv": (
        (
            b'"Activity Type","Date","Distance","Time"\n'
            b'"Running","2026-02-01 07:00:00","x1","00:30:00"\n'
            b'"Running","yesterday","5.00","00:30:00"\n'
            b'"Running","2026-02-01 08:00:00","5.00","half"\n'
            b'"Running","2026-02-01 09:00:00"\n'
        ),
        "Activities.csv:2: refused: Distance: 'x1' is not a number\n"
        "Activities.csv:3: refused: Date: 'yesterday' is not a date and time\n"
        "Activities.csv:4: refused: Time: 'half' is not a duration (h:mm:ss)\n"
        "Activities.csv:5: refused: Activities.csv:5: the row has 2 cells, the header 4",
    ),
}
# Strava exports and zips: each uploaded on its own (a job of its own kind).
EXPORTS: dict[str, tuple[bytes, str]] = {
    "export.zip": (
        zipped({"readme.txt": "no csv"}),
        "export.zip: refused: not a Strava export: activities.csv not found",
    ),
    "broken.zip": (
        b"PK\x03\x04" + b"\x00" * 40,
        "broken.zip: refused: not a zip file: it is damaged, or was cut short while downloading",
    ),
    "strava.zip": (
        zipped(
            {
                "activities.csv": STRAVA_HEADER
                + '1,"Feb 1, 2026, 7:00:00 AM",Easy,Run,1800,5,activities/1.gpx\n'
                + "2,someday,Easy,Run,1800,5000,\n"
                + '3,"Feb 1, 2026, 9:00:00 AM",Easy,Run,lots,5000,\n'
                + ',"Feb 1, 2026, 9:00:00 AM",Easy,Run,1800,5000,\n'
                + '6,"Feb 1, 2026, 10:00:00 AM",Far,Run,1800,5000,\n',
            }
        ),
        "strava.zip:activities/1.gpx: imported: run 5 km in 30 min on 2026-02-01 (figures "
        "from activities.csv; activities/1.gpx is not in the zip)\n"
        "strava.zip:activities.csv:3: refused: activities.csv:3: Activity Date 'someday' is "
        "not a date\n"
        "strava.zip:activities.csv:4: refused: activities.csv:4: Elapsed Time: 'lots' is not "
        "a number\n"
        "strava.zip:activities.csv:5: refused: activities.csv:5: Activity ID is empty\n"
        "strava.zip:activities.csv:6: refused: 5000.000 km is longer than the 400 km one "
        "session can hold",
    ),
}


# --- the CSV contract's files --------------------------------------------------

SESSIONS_HEADER = (
    "date,activity,distance_km,duration_min,start_time,rpe,shoe,avg_hr,max_hr,notes,stopped,"
    "surface\n"
)
# kind -> (content, the error lines exactly as they read in English before)
CSV_FILES: dict[str, str] = {
    "sessions": SESSIONS_HEADER
    + "2026-13-01,run,5,30,,,,,,,,\n"
    + "01/02/2026,run,5,30,,,,,,,,\n"
    + "1899-12-31,run,5,30,,,,,,,,\n"
    + "2026-01-05,run,5,30,25:00,,,,,,,\n"
    + "2026-01-05,run,5,30,noon,,,,,,,\n"
    + "2026-01-05,run,5,30,,,,,,,maybe,\n"
    + '2026-01-05,run,"3,5",30,,,,,,,,\n'
    + "2026-01-05,run,abc,30,,,,,,,,\n"
    + "2026-01-05,run,500,30,,,,,,,,\n"
    + "2026-01-05,run,5,30,,5.5,,,,,,\n"
    + "2026-01-05,run,5,30,,,,,,,,mud\n"
    + '2026-01-05,run,5,30,,,,,,"a\x00b",,\n'
    + "2026-01-05,run,5,30,,,Ghost,,,,,\n"
    + "2026-01-05,run,5,30,,,,150,140,,,\n"
    + "2030-01-05,run,5,30,,,,,,,,\n"
    + "2026-01-05,run,,30,,,,,,,,\n"
    + "2026-01-05,run,10,20,,,,,,,,\n"
    + "2026-01-05,walk,10,50,,,,,,,,\n"
    + "2026-01-05,run,10,0,,,,,,,,\n"
    + "2026-01-05,,10,50,,,,,,,,\n"
    + "2026-01-05,run,10\n",
    "shoes": "name,kind,first_used,retired,sole\n"
    + "Road,running,2026-01-10,2026-01-01,\n"
    + "Road,running,,,\n"
    + "Trail,running,,,\n",
    "soreness": "date,date,area,side\n2026-01-05,2026-01-05,calf,left\n",
    "wellness": "date,sleep,fatigue,stress,soreness\n"
    + "2026-01-05,3,3,3,3\n"
    + "2026-01-05,3,3,3,3\n"
    + "2026-01-06,9,3,3,3\n",
    "ostrc": "week,area,participation,modification,performance,symptoms\n"
    + "2026-01-05,calf,25,0,0,0\n"
    + "2026-01-12,calf,5,0,0,0\n",
}
