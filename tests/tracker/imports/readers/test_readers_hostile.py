"""Hostile and broken single files: each is refused with ImportRefused, and the
message says what is wrong. Nothing here needs a database."""

from __future__ import annotations

import gzip
import time
import zlib

import pytest

from tracker.imports import limits
from tracker.imports.limits import MAX_FILE_BYTES
from tracker.imports.readers import parse_activity_file
from tracker.imports.readers.base import ImportRefused
from tracker.imports.readers.tcx import parse_tcx

GPX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
)
GOOD_GPX = (
    GPX_HEAD + "<trk><type>running</type><trkseg>"
    '<trkpt lat="46.0" lon="14.0"><time>2024-03-01T07:00:00Z</time></trkpt>'
    '<trkpt lat="46.001" lon="14.0"><time>2024-03-01T07:01:00Z</time></trkpt>'
    "</trkseg></trk></gpx>"
).encode()

LAUGHS = (
    "<!DOCTYPE lolz [\n"
    '<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def refused(data: bytes, name: str) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse_activity_file(data, name)
    return str(caught.value)


def test_billion_laughs_gpx() -> None:
    data = (
        '<?xml version="1.0"?>\n' + LAUGHS + '<gpx version="1.1" creator="x">'
        "<trk><name>&lol9;</name><trkseg>"
        '<trkpt lat="1" lon="1"><time>2024-03-01T07:00:00Z</time></trkpt>'
        "</trkseg></trk></gpx>"
    ).encode()
    started = time.monotonic()
    message = refused(data, "laughs.gpx")
    assert "DTD" in message and "refused" in message
    assert time.monotonic() - started < 2


def test_billion_laughs_tcx() -> None:
    data = (
        '<?xml version="1.0"?>\n' + LAUGHS + "<TrainingCenterDatabase><Activities>"
        '<Activity Sport="Running"><Id>2024-03-01T07:00:00Z</Id><Notes>&lol9;</Notes>'
        "</Activity></Activities></TrainingCenterDatabase>"
    ).encode()
    message = refused(data, "laughs.tcx")
    assert "DTD" in message and "refused" in message


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE gpx SYSTEM "http://attacker.invalid/gpx.dtd">',
    ],
    ids=["external-entity-file-etc-passwd", "external-dtd"],
)
def test_external_entity_gpx(doctype: str) -> None:
    data = (
        '<?xml version="1.0"?>\n' + doctype + '<gpx version="1.1" creator="x">'
        "<trk><name>&xxe;</name><trkseg>"
        '<trkpt lat="1" lon="1"><time>2024-03-01T07:00:00Z</time></trkpt>'
        "</trkseg></trk></gpx>"
    ).encode()
    message = refused(data, "xxe.gpx")
    assert "DTD" in message
    assert "root:" not in message


def test_external_entity_tcx() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<TrainingCenterDatabase><Activities><Activity Sport='Running'>"
        b"<Id>2024-03-01T07:00:00Z</Id><Notes>&xxe;</Notes></Activity></Activities>"
        b"</TrainingCenterDatabase>"
    )
    assert "DTD" in refused(data, "xxe.tcx")


def _deflate_zeros(total: int) -> bytes:
    """A gzip stream of `total` zero bytes, built without holding them all."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [compressor.compress(block) for _ in range(total // len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)


def test_gzip_bomb_gpx_past_the_real_limit() -> None:
    """200 MB of zeros in ~200 KB: refused as soon as output passes 25 MB."""
    bomb = _deflate_zeros(200 * 1024 * 1024)
    assert len(bomb) < MAX_FILE_BYTES // 10
    started = time.monotonic()
    message = refused(bomb, "bomb.gpx.gz")
    assert "larger than the 25 MB limit" in message
    assert "decompressed" in message
    assert time.monotonic() - started < 5


def test_gzip_bomb_fit_with_a_lowered_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 64 * 1024)
    bomb = gzip.compress(b"\x0e" + bytes(512 * 1024))
    message = refused(bomb, "bomb.fit.gz")
    assert message == "bomb.fit.gz is larger than the 64 KB limit once decompressed"


def test_gzip_under_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", len(GOOD_GPX))
    (activity,) = parse_activity_file(gzip.compress(GOOD_GPX), "ok.gpx.gz")
    assert activity.activity == "run"


def test_too_large_file() -> None:
    data = b" " * (MAX_FILE_BYTES + 1)
    assert refused(data, "huge.gpx") == "huge.gpx is larger than the 25 MB limit"


def test_truncated_gzip() -> None:
    data = gzip.compress(GOOD_GPX)[:-12]
    assert "truncated gzip" in refused(data, "cut.gpx.gz")


def test_gz_name_but_not_gzip_is_read_by_its_content() -> None:
    """The content decides the format: a plain GPX saved as .gpx.gz is a GPX."""
    (activity,) = parse_activity_file(GOOD_GPX, "plain.gpx.gz")
    assert activity.source_name == "plain.gpx.gz"
    assert "not a valid gzip file" in refused(b"\x1f\x8b" + GOOD_GPX, "plain.gpx.gz")


def test_corrupt_gzip_body() -> None:
    data = bytearray(gzip.compress(GOOD_GPX * 20))
    data[20:40] = b"\xff" * 20
    message = refused(bytes(data), "broken.tcx.gz")
    assert "gzip" in message


def test_gzip_without_gz_suffix_is_still_decompressed() -> None:
    (activity,) = parse_activity_file(gzip.compress(GOOD_GPX), "download.gpx")
    assert activity.distance_km == pytest.approx(0.111, abs=0.002)


@pytest.mark.parametrize(
    "data",
    [b"this is not a FIT file at all, just text......", bytes(range(256)) * 4],
    ids=["text", "binary-garbage"],
)
def test_garbage_named_fit(data: bytes) -> None:
    assert "this is not a FIT file" in refused(data, "garbage.fit")


def test_fit_header_with_a_wrong_crc() -> None:
    # A 14-byte FIT header whose CRC field does not match its 12 bytes.
    header = b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\x12\x34"
    message = refused(header, "badcrc.fit")
    assert message.startswith("the file's checksum does not match its contents")


@pytest.mark.parametrize(
    "name", ["empty.gpx", "empty.tcx", "empty.fit", "empty.gpx.gz", "blank.gpx"]
)
def test_empty_file(name: str) -> None:
    data = b""
    if name.endswith(".gz"):
        data = gzip.compress(b"")
    if name.startswith("blank"):
        data = b"  \n\t "
    assert refused(data, name) == f"{name} is empty"


@pytest.mark.parametrize("name", ["notes.txt", "route.kml", "activity", "export.zip"])
def test_unknown_extension_names_the_accepted_ones(name: str) -> None:
    message = refused(b"whatever", name)
    assert "unsupported file type" in message
    for suffix in (".gpx", ".tcx", ".fit", ".gpx.gz", ".tcx.gz", ".fit.gz"):
        assert suffix in message


def test_not_well_formed_xml() -> None:
    message = refused(GOOD_GPX[:-20], "cut.gpx")
    assert "not well-formed XML" in message


def test_gpx_root_must_be_gpx() -> None:
    assert "not a GPX file" in refused(b"<kml><Document/></kml>", "wrong.gpx")


def test_tcx_root_must_be_tcx() -> None:
    with pytest.raises(ImportRefused, match="not a TCX file"):
        parse_tcx(GOOD_GPX, "wrong.tcx")


def test_the_content_decides_the_format_not_the_name() -> None:
    (activity,) = parse_activity_file(GOOD_GPX, "wrong.tcx")
    assert activity.start.year == 2024
    assert "not a valid gzip file" in refused(b"whatever", "x.gz")


@pytest.mark.parametrize(
    ("lat", "lon", "shown"),
    [("91", "0", "'91'"), ("0", "nan", "'nan'"), ("0", "", "''"), ("y", "x", "'y'")],
)
def test_gpx_invalid_coordinates(lat: str, lon: str, shown: str) -> None:
    data = (
        GPX_HEAD + f'<trk><trkseg><trkpt lat="{lat}" lon="{lon}">'
        "<time>2024-03-01T07:00:00Z</time></trkpt></trkseg></trk></gpx>"
    ).encode()
    assert refused(data, "coords.gpx") == f"invalid coordinate {shown}"


def test_gpx_in_the_future_is_refused() -> None:
    data = GOOD_GPX.replace(b"2024-03-01", b"2085-03-01")
    assert "in the future" in refused(data, "future.gpx")


def test_gpx_with_unset_clock_is_refused() -> None:
    data = GOOD_GPX.replace(b"2024-03-01", b"1970-01-01")
    assert "clock was unset" in refused(data, "epoch.gpx")


def test_gpx_route_only_is_refused() -> None:
    data = (
        GPX_HEAD + '<rte><rtept lat="1" lon="1"/><rtept lat="1.1" lon="1"/></rte></gpx>'
    ).encode()
    assert "planned route" in refused(data, "route.gpx")


def test_gpx_bad_time_is_refused() -> None:
    data = GOOD_GPX.replace(b"2024-03-01T07:01:00Z", b"yesterday")
    assert refused(data, "badtime.gpx") == "invalid date/time 'yesterday'"


def test_tcx_course_is_refused() -> None:
    data = (
        b"<TrainingCenterDatabase><Courses><Course><Name>x</Name></Course></Courses>"
        b"</TrainingCenterDatabase>"
    )
    assert "planned route" in refused(data, "course.tcx")


def test_tcx_garbage_number_is_refused() -> None:
    data = (
        b"<TrainingCenterDatabase><Activities><Activity Sport='Running'>"
        b"<Id>2024-03-01T07:00:00Z</Id><Lap StartTime='2024-03-01T07:00:00Z'>"
        b"<TotalTimeSeconds>abc</TotalTimeSeconds></Lap></Activity></Activities>"
        b"</TrainingCenterDatabase>"
    )
    assert refused(data, "nan.tcx") == "invalid lap time 'abc'"


def test_refusal_reason_attribute() -> None:
    with pytest.raises(ImportRefused) as caught:
        parse_activity_file(b"", "x.gpx")
    assert caught.value.reason == "x.gpx is empty"
