"""Strava bulk export ("Download your data") zip -> one StravaRow per activity.

The archive is never extracted to disk: members are read in memory, each under
a size limit that is checked against the header AND enforced while reading,
because zip headers can lie. Member names that would escape a folder (absolute,
"..") refuse the whole archive: Strava never writes them, so such a zip was
crafted.

activities.csv repeats column names (Distance, Elapsed Time, ...), so columns
are found by position with csv.reader, never csv.DictReader (which silently
keeps only the last of each name).

About "Activity Date": Strava writes it without a zone, and it is UTC, not the
athlete's local time. In the reference export the activity names Strava derives
from the local hour ("Morning Run", "Evening Ride") sit 6-7 hours from the
written hour for a North American athlete, e.g. "Evening Sail" at 1:26 AM.
`start_csv` keeps the value exactly as written (naive); `start_utc` and
`to_activity()` read it as UTC.
"""

from __future__ import annotations

import csv
import io
import os
import posixpath
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from . import files
from .activity import (
    ImportRefused,
    ParsedActivity,
    mean_heart_rate,
    metres_to_km,
    seconds_to_minutes,
    sport_to_activity,
)
from .files import format_limit, parse_activity_file

MB = 1024 * 1024
# The zip as uploaded. A decade of GPS files compresses well below this.
MAX_ZIP_BYTES = 500 * MB
# Sum of all members' declared sizes, and separately of the bytes actually read.
MAX_ZIP_UNCOMPRESSED_BYTES = 4096 * MB
MAX_ZIP_MEMBERS = 100_000
# activities.csv for tens of thousands of activities stays far below this.
MAX_CSV_BYTES = 100 * MB
READ_CHUNK_BYTES = 256 * 1024

CSV_NAME = "activities.csv"

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
# "Oct 5, 2014, 4:15:21 PM" (current English export)
_US_DATE = re.compile(
    r"^(?P<mon>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}), (?P<year>\d{4}),? "
    r"(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)$"
)
# "5 Oct 2014, 16:15:21" (English with a day-first locale)
_EU_DATE = re.compile(
    r"^(?P<day>\d{1,2}) (?P<mon>[A-Za-z]{3,9})\.? (?P<year>\d{4}),? "
    r"(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})$"
)


def parse_strava_date(text: str) -> datetime:
    """Parse Activity Date as Strava writes it, returning a naive datetime.

    Accepts "Oct 5, 2014, 4:15:21 PM", "5 Oct 2014, 16:15:21" and ISO
    ("2014-10-05 16:15:21", as exports before mid-2019 wrote it). Month names
    are matched in English by hand so the result does not depend on the
    server's locale.
    """
    value = " ".join(text.split())
    match = _US_DATE.match(value) or _EU_DATE.match(value)
    if match:
        month = _MONTHS.get(match["mon"][:3].lower())
        if month is None:
            raise ValueError(f"unknown month in {text!r}")
        hour = int(match["h"])
        ampm = match.groupdict().get("ampm")
        if ampm:
            if not 1 <= hour <= 12:
                raise ValueError(f"invalid hour in {text!r}")
            hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
        return datetime(
            int(match["year"]), month, int(match["day"]), hour, int(match["m"]), int(match["s"])
        )
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


@dataclass(frozen=True)
class StravaRow:
    """One activities.csv row, with the activity file it names when the zip has it."""

    line: int  # line in activities.csv, the header being line 1
    activity_id: str
    start_csv: datetime | None  # naive, as written; Strava writes UTC (see module doc)
    name: str
    sport_raw: str  # "Activity Type" as written
    activity: str  # sport_raw mapped to one of ACTIVITIES
    distance_km: float | None  # from the metres "Distance" column
    duration_min: float | None  # moving time
    elapsed_min: float | None
    elevation_gain_m: float | None
    avg_hr: int | None
    gear: str  # "Activity Gear"
    filename: str  # "Filename" as written, e.g. activities/123.gpx.gz
    parsed: tuple[ParsedActivity, ...]  # the referenced file, parsed; () if absent
    file_error: str | None  # why the referenced file was not used, if it was not
    error: str | None  # why the row itself cannot be imported, if it cannot

    @property
    def start_utc(self) -> datetime | None:
        return self.start_csv.replace(tzinfo=UTC) if self.start_csv else None

    def to_activity(self, source_name: str | None = None) -> ParsedActivity:
        """Merge the row and its file into one activity.

        The file's start is an aware instant, so it wins. For the figures
        Strava's own (which the athlete sees and may have corrected) come
        first, the file's fill the gaps. The type is Strava's: the athlete can
        edit it there, a GPX <type> is the device's guess.
        """
        if self.error:
            raise ImportRefused(self.error)
        file = self.parsed[0] if self.parsed else None
        if file is not None:
            start = file.start
        elif self.start_utc is not None:
            start = self.start_utc
        else:  # pragma: no cover - rows without a date carry an error
            raise ImportRefused("activity has no start date")

        def pick(own: float | None, other: float | None) -> float | None:
            return own if own is not None else other

        surface = file.surface if file else None
        if self.sport_raw.replace(" ", "").lower() in ("virtualrun", "treadmill"):
            surface = "treadmill"
        return ParsedActivity(
            source_name=source_name or self.filename or f"{CSV_NAME}:{self.line}",
            start=start,
            distance_km=pick(self.distance_km, file.distance_km if file else None),
            duration_min=pick(self.duration_min, file.duration_min if file else None),
            elapsed_min=pick(self.elapsed_min, file.elapsed_min if file else None),
            activity=self.activity,
            surface=surface,
            elevation_gain_m=pick(self.elevation_gain_m, file.elevation_gain_m if file else None),
            avg_hr=self.avg_hr if self.avg_hr is not None else (file.avg_hr if file else None),
            sport_raw=self.sport_raw,
        )


def _unsafe_member_name(member: str) -> bool:
    if member.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", member):
        return True
    return any(part == ".." for part in re.split(r"[\\/]", member))


class _OverBudget(ImportRefused):
    """The archive as a whole has yielded more than it may: stop reading it."""


class _Budget:
    """Bytes still allowed to be read from the archive as a whole."""

    def __init__(self, limit: int) -> None:
        self.left = limit


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, budget: _Budget
) -> bytes:
    if info.file_size > limit:
        raise ImportRefused(f"{info.filename} is larger than the {format_limit(limit)} limit")
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(READ_CHUNK_BYTES)
                if not chunk:
                    break
                out += chunk
                budget.left -= len(chunk)
                # The header said it was small; do not trust it.
                if len(out) > limit:
                    raise ImportRefused(
                        f"{info.filename} is larger than the {format_limit(limit)} limit"
                    )
                if budget.left < 0:
                    raise _OverBudget(
                        "zip holds more than the "
                        f"{format_limit(MAX_ZIP_UNCOMPRESSED_BYTES)} uncompressed limit"
                    )
    except zipfile.BadZipFile as exc:
        raise ImportRefused(f"corrupt zip member {info.filename}: {exc}") from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown method
        raise ImportRefused(f"cannot read zip member {info.filename}: {exc}") from None
    except (EOFError, OSError) as exc:  # zlib/lzma/bz2 stream ends early or is bad
        raise ImportRefused(f"corrupt zip member {info.filename}: {exc}") from None
    return bytes(out)


_EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


def _declared_member_count(stream: BinaryIO, size: int) -> int | None:
    """The entry count the zip's end record declares, read before zipfile
    builds a ZipInfo for every entry: a 500 MB archive of empty entries would
    otherwise cost gigabytes of memory before any limit could be checked.
    None when there is no end record (zipfile then reports the damage)."""
    tail_size = min(size, _EOCD.size + 65535)  # the record plus its longest comment
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD.size:
        return None
    count = _EOCD.unpack_from(tail, at)[4]
    if count == 0xFFFF and at >= _ZIP64_LOCATOR.size:  # the real count is in the zip64 record
        locator = _ZIP64_LOCATOR.unpack_from(tail, at - _ZIP64_LOCATOR.size)
        if locator[0] == b"PK\x06\x07" and locator[2] + _ZIP64_EOCD.size <= size:
            stream.seek(locator[2])
            record = stream.read(_ZIP64_EOCD.size)
            if len(record) == _ZIP64_EOCD.size and record[:4] == b"PK\x06\x06":
                count = _ZIP64_EOCD.unpack(record)[7]
    return count


def _precheck(stream: BinaryIO) -> None:
    try:
        size = stream.seek(0, io.SEEK_END)
        if size > MAX_ZIP_BYTES:
            raise ImportRefused(f"zip is larger than the {format_limit(MAX_ZIP_BYTES)} limit")
        count = _declared_member_count(stream, size)
        stream.seek(0)
    except (OSError, struct.error) as exc:
        raise ImportRefused(f"corrupt zip file: {exc}") from None
    if count is not None and count > MAX_ZIP_MEMBERS:
        raise ImportRefused(f"zip has more than {MAX_ZIP_MEMBERS} files")


def _open_archive(source: bytes | str | os.PathLike[str] | BinaryIO) -> zipfile.ZipFile:
    """Check the archive's size and declared entry count, then open it."""
    target: str | os.PathLike[str] | BinaryIO
    if isinstance(source, bytes | bytearray | memoryview):
        target = io.BytesIO(bytes(source))
        _precheck(target)
    elif isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            _precheck(stream)
        target = source  # opened again by ZipFile, which then owns and closes it
    else:
        _precheck(source)
        target = source
    try:
        return zipfile.ZipFile(target)
    except zipfile.BadZipFile as exc:
        raise ImportRefused(f"not a zip file: {exc}") from None
    except (EOFError, OSError, ValueError) as exc:
        raise ImportRefused(f"corrupt zip file: {exc}") from None


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ImportRefused(f"zip has more than {MAX_ZIP_MEMBERS} files")
    declared = 0
    for info in infos:
        if _unsafe_member_name(info.filename):
            raise ImportRefused(f"zip member has an unsafe path {info.filename!r}")
        declared += info.file_size
    if declared > MAX_ZIP_UNCOMPRESSED_BYTES:
        raise ImportRefused(
            f"zip holds more than the {format_limit(MAX_ZIP_UNCOMPRESSED_BYTES)} uncompressed limit"
        )


def _find_csv(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    """activities.csv at the root, or in one folder if the export was re-zipped."""
    candidates = [
        info
        for info in infos
        if not info.is_dir() and posixpath.basename(info.filename).lower() == CSV_NAME
    ]
    if not candidates:
        raise ImportRefused(f"not a Strava export: {CSV_NAME} not found")
    return min(candidates, key=lambda info: info.filename.count("/"))


@dataclass(frozen=True)
class _Columns:
    activity_id: int
    date: int
    name: int | None
    type: int | None
    gear: int | None
    filename: int | None
    distance: int | None
    distance_in_km: bool
    elapsed: int | None
    moving: int | None
    elevation_gain: int | None
    avg_hr: int | None


def _columns(header: list[str]) -> _Columns:
    names = [h.strip().lstrip("\ufeff") for h in header]

    def find(*candidates: str, occurrence: int = 0) -> int | None:
        for candidate in candidates:
            positions = [i for i, n in enumerate(names) if n == candidate]
            if len(positions) > occurrence:
                return positions[occurrence]
        return None

    activity_id = find("Activity ID", "id")
    date = find("Activity Date", "date")
    if activity_id is None or date is None:
        raise ImportRefused(
            f"not a Strava export: {CSV_NAME} has no 'Activity ID' and 'Activity Date' columns "
            "(only English exports are understood)"
        )
    # Since 2019 the first Distance is in the display unit (km, or nautical
    # miles for sailing); the second, when present, is always metres. Exports
    # from mid-2019 to 2020 have only the km one; those before, a lower-case
    # "distance" in metres.
    distance = find("Distance", occurrence=1)
    distance_in_km = False
    if distance is None:
        distance = find("distance")
    if distance is None:
        distance = find("Distance")
        distance_in_km = distance is not None
    # Likewise the second Elapsed Time sits with the metric block.
    elapsed = find("Elapsed Time", occurrence=1)
    if elapsed is None:
        elapsed = find("Elapsed Time", "elapsed_time")
    return _Columns(
        activity_id=activity_id,
        date=date,
        name=find("Activity Name", "name"),
        type=find("Activity Type", "type"),
        gear=find("Activity Gear", "gear"),
        filename=find("Filename", "filename"),
        distance=distance,
        distance_in_km=distance_in_km,
        elapsed=elapsed,
        moving=find("Moving Time"),
        elevation_gain=find("Elevation Gain"),
        avg_hr=find("Average Heart Rate"),
    )


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _number(row: list[str], index: int | None, column: str) -> float | None:
    text = _cell(row, index)
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{column}: {text!r} is not a number") from None


def _parse_row(row: list[str], line: int, cols: _Columns) -> tuple[dict[str, object], str | None]:
    """The row's own fields, and the reason it is unusable (or None)."""
    sport_raw = _cell(row, cols.type)
    fields: dict[str, object] = {
        "line": line,
        "activity_id": _cell(row, cols.activity_id),
        "start_csv": None,
        "name": _cell(row, cols.name),
        "sport_raw": sport_raw,
        "activity": sport_to_activity(sport_raw),
        "distance_km": None,
        "duration_min": None,
        "elapsed_min": None,
        "elevation_gain_m": None,
        "avg_hr": None,
        "gear": _cell(row, cols.gear),
        "filename": _cell(row, cols.filename),
    }
    if not fields["activity_id"]:
        return fields, f"{CSV_NAME}:{line}: Activity ID is empty"
    date_text = _cell(row, cols.date)
    try:
        fields["start_csv"] = parse_strava_date(date_text)
    except ValueError:
        return fields, f"{CSV_NAME}:{line}: Activity Date {date_text!r} is not a date"
    try:
        distance = _number(row, cols.distance, "Distance")
        fields["distance_km"] = distance if cols.distance_in_km else metres_to_km(distance)
        fields["elapsed_min"] = seconds_to_minutes(_number(row, cols.elapsed, "Elapsed Time"))
        moving = seconds_to_minutes(_number(row, cols.moving, "Moving Time"))
        fields["duration_min"] = moving if moving is not None else fields["elapsed_min"]
        fields["elevation_gain_m"] = _number(row, cols.elevation_gain, "Elevation Gain")
        fields["avg_hr"] = mean_heart_rate([_number(row, cols.avg_hr, "Average Heart Rate")])
    except ValueError as exc:
        return fields, f"{CSV_NAME}:{line}: {exc}"
    return fields, None


def read_strava_export(
    source: bytes | str | os.PathLike[str] | BinaryIO,
) -> Iterator[StravaRow]:
    """Read a Strava bulk-export zip: one StravaRow per activities.csv row, in
    file order, each with its activity file parsed when the zip holds it.

    The archive and activities.csv are checked before this returns (so a bad
    zip raises ImportRefused right away); rows and their files are then read
    one at a time as the iterator is consumed.
    """
    archive = _open_archive(source)
    try:
        infos = archive.infolist()
        _check_members(infos)
        csv_info = _find_csv(infos)
        budget = _Budget(MAX_ZIP_UNCOMPRESSED_BYTES)
        raw = _read_member(archive, csv_info, MAX_CSV_BYTES, budget)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused(f"{CSV_NAME} is not UTF-8 text") from None
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None:
            raise ImportRefused(f"{CSV_NAME} is empty")
        cols = _columns(header)
    except BaseException:
        archive.close()
        raise
    folder = posixpath.dirname(csv_info.filename)
    members = {info.filename: info for info in infos if not info.is_dir()}
    return _rows(archive, reader, cols, folder, members, budget)


def _rows(
    archive: zipfile.ZipFile,
    reader: Iterator[list[str]],
    cols: _Columns,
    folder: str,
    members: dict[str, zipfile.ZipInfo],
    budget: _Budget,
) -> Iterator[StravaRow]:
    with archive:
        try:
            for row in reader:
                line = reader.line_num  # type: ignore[attr-defined]
                if not any(cell.strip() for cell in row):
                    continue
                fields, error = _parse_row(row, line, cols)
                parsed: tuple[ParsedActivity, ...] = ()
                file_error: str | None = None
                filename = str(fields["filename"])
                if filename and error is None:
                    parsed, file_error = _read_activity_file(
                        archive, folder, filename, members, budget
                    )
                yield StravaRow(
                    **fields,  # type: ignore[arg-type]
                    parsed=parsed,
                    file_error=file_error,
                    error=error,
                )
        except csv.Error as exc:
            raise ImportRefused(f"{CSV_NAME} is not valid CSV: {exc}") from None


def _read_activity_file(
    archive: zipfile.ZipFile,
    folder: str,
    filename: str,
    members: dict[str, zipfile.ZipInfo],
    budget: _Budget,
) -> tuple[tuple[ParsedActivity, ...], str | None]:
    if _unsafe_member_name(filename):
        return (), f"unsafe file name {filename!r}"
    info = members.get(posixpath.join(folder, filename)) or members.get(filename)
    if info is None:
        return (), f"{filename} is not in the zip"
    try:
        # Read the limit from its module at call time so it can be changed there.
        data = _read_member(archive, info, files.MAX_FILE_BYTES, budget)
        return tuple(parse_activity_file(data, filename)), None
    except _OverBudget:
        raise
    except ImportRefused as exc:
        return (), exc.reason
