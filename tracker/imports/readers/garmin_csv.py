"""Garmin Connect's "Export CSV" of the Activities list -> one ParsedActivity a row.

What the file is like (csv/grunt__garmin-connect__Activities.csv is a real one):
36 columns, almost every value quoted, "--" for no value. Numbers follow the
account's locale: "3,40" km and "2.285" m of ascent with a comma decimal, "3.40"
and "2,285" with a dot decimal. Which one is read off the Distance column, whose
values always carry decimals and never reach a thousand. Distances and ascent
are in the account's units (km and m, or miles and feet), which the file does not
say: the caller passes them (the runner's display units are the best guess).
"Date" is the local start time with no zone: the caller passes the zone too.

Pure parsing, like the other readers here: no Django.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo

from advice.i18n import N_, Text
from advice.types import KM_PER_MILE
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
from .common import check_start, clean_text, mean_heart_rate, sport_to_activity

REQUIRED = ("Activity Type", "Date", "Distance", "Time")
M_PER_FOOT = 0.3048
# Garmin writes "--" for no number and "--:--:--" for no duration.
NO_VALUE = frozenset({"", "--", "--:--:--", "--:--"})
_DURATION = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d+))?$")


def looks_like_garmin_csv(head: bytes) -> bool:
    """Whether the first line is a Garmin Connect activities header."""
    first = head.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace").rstrip("\r")
    try:
        names = {cell.strip() for cell in next(csv.reader([first]), [])}
    except csv.Error:  # binary, e.g. a FIT file: certainly not this
        return False
    return all(column in names for column in REQUIRED)


# A column header or a cell that names its unit: "Avg Pace (min/km)", "5:00 /mi",
# "Avg Speed" of "12,3 km/h". Checked in this order, so "min/km" is never read as "m".
_KM_MARKS = re.compile(r"(?:min/km|/\s*km\b|\bkm/h\b|\bkph\b|\(km\))", re.IGNORECASE)
_MI_MARKS = re.compile(r"(?:min/mi|/\s*mi\b|\bmph\b|\(mi\)|\(miles\))", re.IGNORECASE)
# A stride is in metres when the distance is in km, in feet when it is in miles:
# steps x stride is then about 1,000 per km, or 5,280 per mile. The two differ by
# a factor 5.3, so a median within this share of one of them settles the unit.
STEPS_PER_UNIT = {"km": 1000.0, "mi": 5280.0}
STRIDE_TOLERANCE = 0.25


@dataclass(frozen=True)
class Units:
    """The unit the file's distances are in, and how that was found out."""

    miles: bool
    reason: Text

    @property
    def note(self) -> Text:
        if self.miles:
            return Text("distances read as miles: {reason}", reason=self.reason)
        return Text("distances read as km: {reason}", reason=self.reason)


@dataclass(frozen=True)
class GarminRow:
    line: int  # the header is line 1
    activity: ParsedActivity | None
    error: Text | None  # why the row cannot be imported ("Date: ... is not a date")


@dataclass(frozen=True)
class _Numbers:
    decimal: str
    thousands: str

    def parse(self, text: str, column: str) -> float | None:
        value = text.strip()
        if value in NO_VALUE:
            return None
        normal = value.replace(self.thousands, "").replace(self.decimal, ".")
        try:
            return float(normal)
        except ValueError:
            raise BadValue(
                Text("{column}: {value} is not a number", column=column, value=repr(value))
            ) from None


def _number_format(distances: list[str]) -> _Numbers:
    for value in distances:
        if re.fullmatch(r"\d+,\d+", value.strip()):
            return _Numbers(decimal=",", thousands=".")
        if re.fullmatch(r"\d+\.\d+", value.strip()):
            break
    return _Numbers(decimal=".", thousands=",")


def parse_duration(text: str, column: str) -> float | None:
    """Seconds from "01:02:03", "1:02:03,4" or "02:03"; None for "--"."""
    value = text.strip()
    if value in NO_VALUE:
        return None
    match = _DURATION.fullmatch(value)
    if not match:
        raise BadValue(
            Text("{column}: {value} is not a duration (h:mm:ss)", column=column, value=repr(value))
        )
    hours, minutes, seconds, fraction = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def _marked_unit(header: list[str], rows: list[list[str]]) -> Units | None:
    """The unit a column header, or a pace or speed cell, names, if one does."""
    paced = [
        i for i, name in enumerate(header) if "pace" in name.lower() or "speed" in name.lower()
    ]
    texts = [(name, name, False) for name in header]
    for row in rows[:50]:
        texts.extend((row[i], header[i], True) for i in paced if i < len(row))
    for text, column, values in texts:
        if _KM_MARKS.search(text):
            where = (
                Text("its {column} values say km", column=column)
                if values
                else Text("its column “{column}” says km", column=column)
            )
            return Units(miles=False, reason=where)
        if _MI_MARKS.search(text):
            where = (
                Text("its {column} values say miles", column=column)
                if values
                else Text("its column “{column}” says miles", column=column)
            )
            return Units(miles=True, reason=where)
    return None


def _stride_unit(header: list[str], rows: list[list[str]], numbers: _Numbers) -> Units | None:
    """The unit the steps and stride lengths imply (see STEPS_PER_UNIT)."""
    needed = ("Steps", "Avg Stride Length", "Distance")
    if not all(column in header for column in needed):
        return None
    steps_at, stride_at, distance_at = (header.index(column) for column in needed)
    ratios = []
    for row in rows:
        if len(row) != len(header):
            continue
        try:
            steps = numbers.parse(row[steps_at], "Steps")
            stride = numbers.parse(row[stride_at], "Avg Stride Length")
            distance = numbers.parse(row[distance_at], "Distance")
        except ValueError:
            continue
        if steps and stride and distance and distance > 0.5:
            ratios.append(steps * stride / distance)
    if not ratios:
        return None
    middle = statistics.median(ratios)
    for unit, expected in STEPS_PER_UNIT.items():
        if abs(middle / expected - 1) <= STRIDE_TOLERANCE:
            return Units(
                miles=unit == "mi",
                reason=Text("the file's step counts and stride lengths add up to them"),
            )
    return None


def file_units(
    header: list[str], rows: list[list[str]], numbers: _Numbers, *, miles: bool
) -> Units:
    """The file's distance unit: what it says, else what its figures imply, else the
    account's (``miles``), said as such."""
    found = _marked_unit(header, rows) or _stride_unit(header, rows, numbers)
    if found is not None:
        return found
    reason = (
        Text("the file does not say, so your account's unit (miles)")
        if miles
        else Text("the file does not say, so your account's unit (km)")
    )
    return Units(miles=miles, reason=reason)


def read_garmin_csv(
    data: bytes, *, zone: tzinfo, miles: bool = False, name: str = "Activities.csv"
) -> list[GarminRow]:
    """Every row of the file, each an activity or the reason it is not one.

    Raises ImportRefused when the file as a whole is unreadable.
    """
    return read_garmin_file(data, zone=zone, miles=miles, name=name)[0]


def read_garmin_file(
    data: bytes, *, zone: tzinfo, miles: bool = False, name: str = "Activities.csv"
) -> tuple[list[GarminRow], Units]:
    """The rows, and the unit their distances were read in (``miles`` is the
    account's, used when the file does not say)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise not_utf8(name) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise refusal(not_csv(name), exc) from None
    if not rows:
        raise empty(name)
    header = [cell.strip() for cell in rows[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportRefused(
            Text(
                "{name} is not a Garmin Connect activities export: no {columns} column",
                name=name,
                columns=", ".join(missing),
            )
        )
    at = {column: header.index(column) for column in header if column}
    numbers = _number_format([row[at["Distance"]] for row in rows[1:] if len(row) == len(header)])
    units = file_units(header, rows[1:], numbers, miles=miles)
    miles = units.miles
    out = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            out.append(
                GarminRow(
                    line,
                    None,
                    Text(
                        "{name}:{line}: the row has {cells} cells, the header {header}",
                        name=name,
                        line=line,
                        cells=len(row),
                        header=len(header),
                    ),
                )
            )
            continue
        try:
            activity = _activity(row, at, numbers, zone=zone, miles=miles, source=f"{name}:{line}")
        except (ValueError, ImportRefused) as exc:
            out.append(GarminRow(line, None, reason_of(exc)))
        else:
            out.append(GarminRow(line, activity, None))
    return out, units


def _activity(
    row: list[str],
    at: dict[str, int],
    numbers: _Numbers,
    *,
    zone: tzinfo,
    miles: bool,
    source: str,
) -> ParsedActivity:
    def cell(column: str) -> str:
        return row[at[column]].strip() if column in at else ""

    def duration(*columns: str) -> float | None:
        for column in columns:
            seconds = parse_duration(cell(column), column)
            if seconds is not None:
                return seconds
        return None

    date_text = cell("Date")
    try:
        local = datetime.strptime(date_text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise BadValue(
            Text("Date: {value} is not a date and time", value=repr(date_text))
        ) from None
    start = check_start(local.replace(tzinfo=zone))
    distance = numbers.parse(cell("Distance"), "Distance")
    ascent = numbers.parse(cell("Total Ascent"), "Total Ascent")
    moving = duration("Moving Time", "Time", "Elapsed Time")
    elapsed = duration("Elapsed Time", "Time", "Moving Time")
    sport = cell("Activity Type")
    activity = sport_to_activity(sport)
    indoor = any(word in sport.lower() for word in ("treadmill", "indoor"))
    return ParsedActivity(
        source_name=source,
        start=start,
        distance_km=None if distance is None else distance * (KM_PER_MILE if miles else 1.0),
        duration_min=None if moving is None else moving / 60,
        elapsed_min=None if elapsed is None else elapsed / 60,
        activity=activity,
        surface="treadmill" if indoor and activity in ("run", "walk") else None,
        elevation_gain_m=None if ascent is None else ascent * (M_PER_FOOT if miles else 1.0),
        avg_hr=mean_heart_rate([numbers.parse(cell("Avg HR"), "Avg HR")]),
        sport_raw=sport,
        title=clean_text(cell("Title")),
        max_hr=mean_heart_rate([numbers.parse(cell("Max HR"), "Max HR")]),
    )


def _rows(upload: Upload, context: ReadContext) -> tuple[list[GarminRow], Units]:
    return read_garmin_file(
        upload.read_bytes(limits.MAX_GARMIN_CSV_BYTES),
        zone=context.zone,
        miles=context.miles,
        name=upload.base_name,
    )


def _count(upload: Upload, context: ReadContext) -> int:
    try:
        return len(_rows(upload, context)[0]) or 1
    except ImportRefused:
        return 1


def _read(upload: Upload, context: ReadContext, skip: int) -> Iterator[Step]:
    """One step per row, dated in the runner's zone (the file does not say it);
    distances in the file's unit where it tells, else the runner's. The first
    row's line says which unit was used, once for the file."""
    rows, units = _rows(upload, context)
    for index, row in enumerate(rows[skip:], start=skip):
        note = units.note if index == 0 else None
        yield [Entry(f":{row.line}", row.activity, refused=row.error, note=note)]


FILLS = (
    N_("date"),
    N_("start time"),
    N_("distance"),
    N_("duration"),
    N_("average and maximum heart rate"),
    N_("ascent"),
    N_("title"),
)

READER = Reader(
    name="garmin-csv",
    formats="Garmin Connect Activities.csv",
    suffixes=(".csv",),
    sniff=lambda name, head: name.lower().endswith(".csv") or looks_like_garmin_csv(head),
    read=_read,
    count=_count,
    max_bytes=lambda: limits.MAX_GARMIN_CSV_BYTES,
    fills=FILLS,
)
