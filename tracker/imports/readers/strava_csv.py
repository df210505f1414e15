"""Strava's activities.csv -> one StravaRow per activity.

The CSV sits in Strava's bulk export (strava.py reads the zip and the activity
files its rows name); a bare activities.csv is read here too, with the CSV's own
figures for every row.

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
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from advice.i18n import N_, Text
from tracker.imports import limits

from .base import (
    BadValue,
    Entry,
    ImportRefused,
    ParsedActivity,
    ReadContext,
    Reader,
    Step,
    Upload,
    empty,
    not_csv,
    not_utf8,
    reason_of,
    refusal,
)
from .common import (
    clean_text,
    mean_heart_rate,
    metres_to_km,
    seconds_to_minutes,
    sport_to_activity,
)

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
            raise ValueError(f"unknown month in {text!r}")  # caught: the row says "not a date"
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
    max_hr: int | None
    title: str  # "Activity Name"
    notes: str  # "Activity Description", then "Activity Private Note"
    race: bool | None  # "Competition"
    rpe: int | None  # "Perceived Exertion"
    gear: str  # "Activity Gear"
    filename: str  # "Filename" as written, e.g. activities/123.gpx.gz
    parsed: tuple[ParsedActivity, ...]  # the referenced file, parsed; () if absent
    file_error: Text | None  # why the referenced file was not used, if it was not
    error: Text | None  # why the row itself cannot be imported, if it cannot

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
            raise ImportRefused(Text("activity has no start date"))

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
            title=self.title or (file.title if file else ""),
            notes=self.notes or (file.notes if file else ""),
            max_hr=self.max_hr if self.max_hr is not None else (file.max_hr if file else None),
            race=self.race,
            rpe=self.rpe if self.rpe is not None else (file.rpe if file else None),
        )


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
    max_hr: tuple[int, ...]
    description: int | None
    private_note: int | None
    competition: int | None
    exertion: int | None


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
            Text(
                "not a Strava export: {name} has no 'Activity ID' and 'Activity Date' columns "
                "(only English exports are understood)",
                name=CSV_NAME,
            )
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
        # Written twice (with the display block and the metric one): whichever is filled.
        max_hr=tuple(i for i, n in enumerate(names) if n == "Max Heart Rate"),
        description=find("Activity Description", "description"),
        private_note=find("Activity Private Note", "private_note"),
        competition=find("Competition"),
        exertion=find("Perceived Exertion"),
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
        raise BadValue(
            Text("{column}: {value} is not a number", column=column, value=repr(text))
        ) from None


def _flag(row: list[str], index: int | None, column: str) -> bool | None:
    """Strava's flags: "true"/"false" in one column block, "1.0"/"0.0" in the other."""
    text = _cell(row, index).lower()
    if not text:
        return None
    if text in ("true", "yes") or _is_number(text, 1):
        return True
    if text in ("false", "no") or _is_number(text, 0):
        return False
    raise BadValue(
        Text("{column}: {value} is neither true nor false", column=column, value=repr(text))
    )


def _is_number(text: str, value: float) -> bool:
    try:
        return float(text) == value
    except ValueError:
        return False


def _effort(row: list[str], index: int | None) -> int | None:
    """Perceived Exertion, 1-10 as Strava's slider gives it; anything else unsaid."""
    value = _number(row, index, "Perceived Exertion")
    if value is None or not 1 <= round(value) <= 10:
        return None
    return round(value)


def _notes(row: list[str], cols: _Columns) -> str:
    parts = (clean_text(_cell(row, cols.description)), clean_text(_cell(row, cols.private_note)))
    return "\n\n".join(part for part in parts if part)


def _parse_row(row: list[str], line: int, cols: _Columns) -> tuple[dict[str, Any], Text | None]:
    """The row's own fields, and the reason it is unusable (or None)."""
    sport_raw = _cell(row, cols.type)
    fields: dict[str, Any] = {
        "line": line,
        "activity_id": _cell(row, cols.activity_id),
        "start_csv": None,
        "name": _cell(row, cols.name),
        "title": clean_text(_cell(row, cols.name)),
        "notes": _notes(row, cols),
        "max_hr": None,
        "race": None,
        "rpe": None,
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
        return fields, Text("{name}:{line}: Activity ID is empty", name=CSV_NAME, line=line)
    date_text = _cell(row, cols.date)
    try:
        fields["start_csv"] = parse_strava_date(date_text)
    except ValueError:
        return fields, Text(
            "{name}:{line}: Activity Date {value} is not a date",
            name=CSV_NAME,
            line=line,
            value=repr(date_text),
        )
    try:
        distance = _number(row, cols.distance, "Distance")
        fields["distance_km"] = distance if cols.distance_in_km else metres_to_km(distance)
        fields["elapsed_min"] = seconds_to_minutes(_number(row, cols.elapsed, "Elapsed Time"))
        moving = seconds_to_minutes(_number(row, cols.moving, "Moving Time"))
        fields["duration_min"] = moving if moving is not None else fields["elapsed_min"]
        fields["elevation_gain_m"] = _number(row, cols.elevation_gain, "Elevation Gain")
        fields["avg_hr"] = mean_heart_rate([_number(row, cols.avg_hr, "Average Heart Rate")])
        highest = [_number(row, index, "Max Heart Rate") for index in cols.max_hr]
        fields["max_hr"] = mean_heart_rate([next((v for v in highest if v is not None), None)])
        fields["race"] = _flag(row, cols.competition, "Competition")
        fields["rpe"] = _effort(row, cols.exertion)
    except ValueError as exc:
        return fields, Text(
            "{name}:{line}: {reason}", name=CSV_NAME, line=line, reason=reason_of(exc)
        )
    return fields, None


def parsed_rows(
    reader: Iterator[list[str]], cols: _Columns
) -> Iterator[tuple[dict[str, Any], Text | None]]:
    """The fields of each non-blank row, and why it is unusable (or None)."""
    try:
        for row in reader:
            line = reader.line_num  # type: ignore[attr-defined]  # csv.reader's own attribute
            if any(cell.strip() for cell in row):
                yield _parse_row(row, line, cols)
    except csv.Error as exc:
        raise refusal(not_csv(CSV_NAME), exc) from None


def open_csv(raw: bytes) -> tuple[Iterator[list[str]], _Columns]:
    """A reader positioned after the header, and the columns the header names."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise not_utf8(CSV_NAME) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise refusal(not_csv(CSV_NAME), exc) from None
    if header is None:
        raise empty(CSV_NAME)
    return reader, _columns(header)


def count_rows(raw: bytes) -> int:
    """Rows with anything in them, header excepted; 0 when the text is no CSV."""
    try:
        reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
        next(reader, None)
        return sum(1 for row in reader if any(cell.strip() for cell in row))
    except (UnicodeDecodeError, csv.Error):
        return 0


def read_strava_csv(raw: bytes, *, skip: int = 0) -> Iterator[StravaRow]:
    """The rows of a bare activities.csv, with the CSV's figures only."""
    reader, cols = open_csv(raw)
    for index, (fields, error) in enumerate(parsed_rows(reader, cols)):
        if index >= skip:
            yield StravaRow(**fields, parsed=(), file_error=None, error=error)


def row_entry(row: StravaRow) -> Entry:
    """One row as the entry of its step: named after its file, else its line."""
    where = f":{row.filename}" if row.filename else f":{CSV_NAME}:{row.line}"
    try:
        activity = row.to_activity()
    except ImportRefused as exc:
        return Entry(where, refused=exc.reason)
    note: Text | None = None
    if row.file_error:
        reason = row.file_error
        if not reason.startswith(row.filename):
            reason = Text("{name}: {reason}", name=row.filename, reason=reason)
        note = Text("figures from {name}; {reason}", name=CSV_NAME, reason=reason)
    return Entry(where, activity, gear=row.gear, note=note)


def looks_like_strava_csv(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    return "Activity ID" in first and "Activity Date" in first


def _count(upload: Upload, context: ReadContext) -> int:
    try:
        return count_rows(upload.read_bytes(limits.MAX_STRAVA_CSV_BYTES)) or 1
    except ImportRefused:
        return 1


def _read(upload: Upload, context: ReadContext, skip: int) -> Iterator[Step]:
    for row in read_strava_csv(upload.read_bytes(limits.MAX_STRAVA_CSV_BYTES), skip=skip):
        yield [row_entry(row)]


# What Strava's own figures fill, with or without the activity files.
FILLS = (
    N_("date"),
    N_("start time"),
    N_("distance"),
    N_("duration"),
    N_("average and maximum heart rate"),
    N_("ascent"),
    N_("title"),
    N_("notes (description and private note)"),
    N_("race (Competition)"),
    N_("effort (Perceived Exertion)"),
    N_("shoe (Activity Gear)"),
)

READER = Reader(
    name="strava-csv",
    formats="Strava activities.csv",
    suffixes=(".csv",),
    # Only by its header: a file named *.csv is Garmin's unless it says otherwise.
    sniff=lambda name, head: looks_like_strava_csv(head),
    read=_read,
    count=_count,
    max_bytes=lambda: limits.MAX_STRAVA_CSV_BYTES,
    origin="strava",
    fills=FILLS,
)
