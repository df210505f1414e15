"""Every refusal a runner sees is in a runner's words (issue 13): no byte offsets,
no exception class names, no "expected N bytes". The decoders' own words go to the
log. The inputs are the damaged reference files and a set of crafted ones, one for
each way a reader or the contract reader refuses a file as a whole."""

from __future__ import annotations

import gzip
import io
import re
import zipfile
from pathlib import Path

import pytest

from tracker.imports.contract import plan_import
from tracker.imports.readers import ReadContext, Upload, read_steps, reader_for

# Library jargon: "@ 403456", "expected 2 bytes, got 0", "FitEOFError",
# "BadZipFile", "Error -3 while decompressing", "line 1, column 0", "offset".
JARGON = re.compile(
    r"@ ?\d+|expected \d+ bytes?|\b[A-Z]\w*(?:Error|Exception)\b|\bBad\w*File\b"
    r"|Error -?\d+|\bline \d+, column \d+|\boffset\b|\bCRC\b|\bzlib\b|\bexpat\b|Traceback",
)

REFERENCE_REFUSED = (
    "fit/python-fitparse__activity-unexpected-eof.fit",
    "fit/python-fitparse__nick.fit",
    "fit/python-fitparse__strava-android-app-201.10-b1218918.fit",
    "gpx/georust-gpx__strava_route_example.gpx",
    "gpx/togeojson__bad.gpx",
)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _corrupt_member() -> bytes:
    """A Strava export whose activity file is stored with bytes that fail its CRC."""
    gpx = b"<gpx>" + bytes(range(256)) * 20 + b"</gpx>"
    csv_text = b"Activity ID,Activity Date,Activity Type,Distance,Filename\n"
    csv_text += b"1,2014-10-05 16:15:21,Run,5000,activities/1.gpx\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("activities.csv", csv_text)
        archive.writestr("activities/1.gpx", gpx)
    data = bytearray(out.getvalue())
    at = data.index(bytes(range(256)))
    data[at + 100] ^= 0xFF
    return bytes(data)


def crafted(realdata_file) -> dict[str, bytes]:
    fit = realdata_file("fit/python-fitparse__garmin-fenix-5-run.fit").read_bytes()
    gpx = realdata_file("gpx/togeojson__run_gpxtpx.gpx").read_bytes()
    tcx = realdata_file("tcx/togeojson__sample.tcx").read_bytes()
    flipped = bytearray(fit)
    flipped[3000] ^= 0xFF
    return {
        "cut-at-403.fit": fit[:403],
        "cut-at-half.fit": fit[: len(fit) // 2],
        "flipped.fit": bytes(flipped),
        "garbage.fit": b"this is not a FIT file at all" * 10,
        "header-only.fit": fit[:14],
        "cut.gpx": gpx[: len(gpx) // 2],
        "garbage.gpx": b"<gpx><trk><trkseg><trkpt lat='1' lon='2'></trk></gpx>",
        "cut.tcx": tcx[: len(tcx) // 3],
        "cut.gpx.gz": gzip.compress(gpx)[:500],
        "bad.gpx.gz": b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"\xff" * 200,
        "cut.zip": _zip({"activities.csv": b"Activity ID,Activity Date\n"})[:30],
        "member.zip": _corrupt_member(),
        "quote.csv": b'Activity Type,Date,Distance,Time\nRunning,"2025-03-01 08:00:00,3,"\x00\n',
        "strava.csv": b'Activity ID,Activity Date\n1,"Oct 5, 2014\x00',
    }


def _refusals(path: Path, name: str) -> list[str]:
    upload = Upload(name, path)
    reader = reader_for(name, upload.head())
    assert reader is not None, name
    # A refusal, or the note saying why an export's activity file was not used.
    return [
        entry.refused or entry.note
        for step in read_steps(reader, upload, ReadContext())
        for entry in step
        if entry.refused or entry.note
    ]


def test_no_refusal_shows_library_jargon(realdata_file, tmp_path):
    inputs = {name: data for name, data in crafted(realdata_file).items()}
    for relative in REFERENCE_REFUSED:
        inputs[Path(relative).name] = realdata_file(relative).read_bytes()
    reasons = {}
    for name, data in inputs.items():
        path = tmp_path / name
        path.write_bytes(data)
        reasons[name] = _refusals(path, name)
    assert all(reasons.values()), {name: r for name, r in reasons.items() if not r}
    jargon = {
        name: reason for name, found in reasons.items() for reason in found if JARGON.search(reason)
    }
    assert not jargon, jargon
    # The brief's own example, word for word.
    assert any(
        "the file ends in the middle of a record: it was cut short while copying" in reason
        for reason in reasons["python-fitparse__nick.fit"]
    )


@pytest.mark.parametrize(
    "content",
    [
        b'date,activity,notes\n2025-06-01,cycle,"a"b\n',
        b'date,activity,notes\n2025-06-01,cycle,"never closed\n',
        b"date,activity,notes\n2025-06-01,cycle,a\x00b\n",
        b"date,activity,notes\n2025-06-01,cycle,caf\xe9\n",
    ],
    ids=["text-after-quote", "open-quote", "nul", "latin-1"],
)
@pytest.mark.django_db
def test_the_contract_reader_refuses_in_plain_words(runner, content):
    from datetime import date

    plan = plan_import(user=runner, today=date(2026, 1, 1), sessions=("s.csv", content))
    assert plan.errors
    assert not [error for error in plan.errors if JARGON.search(error)], plan.errors


def test_the_pattern_catches_what_it_is_for():
    for text in (
        "truncated or corrupt FIT file: expected 2 bytes, got 0 @ 403456",
        "FitEOFError: x",
        "corrupt zip file: BadZipFile",
        "Error -3 while decompressing data",
        "not well-formed (invalid token): line 1, column 0",
    ):
        assert JARGON.search(text), text
