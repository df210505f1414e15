"""The native CSV contract (CONTRACT.md), column by column: shoes.csv,
sessions.csv and soreness.csv, how each cell reads and how it is written, the
formula guard, and the log read back as contract values.

One table of columns per file (COLUMNS) drives reading, planning and export, so
the ``import_csv``/``export_csv`` commands and the web pages cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db.models import F, QuerySet

from advice.effort import RPE_MAX, RPE_MIN
from advice.i18n import Text
from advice.instruments import HOOPER_ITEMS, HOOPER_MAX, HOOPER_MIN, OSTRC_QUESTIONS
from tracker.models import (
    EARLIEST_DATE,
    MAX_ASCENT_M,
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_HR,
    MAX_SHOE_LIMIT_KM,
    MAX_WARMUP_MIN,
    MIN_HR,
    NAME_MAX,
    NOTES_MAX,
    TITLE_MAX,
    Activity,
    Area,
    PainKind,
    Session,
    Shoe,
    ShoeKind,
    Side,
    Soreness,
    Surface,
    Terrain,
)
from tracker.wellness_models import OstrcResponse, WellnessEntry

SHOES = "shoes"
SESSIONS = "sessions"
SORENESS = "soreness"
WELLNESS = "wellness"
OSTRC = "ostrc"
FILE_KINDS = (SHOES, SESSIONS, SORENESS, WELLNESS, OSTRC)
# The names export_rows gives the files, in the order they import in (sessions
# name shoes, so shoes come first).
FILE_NAMES = {kind: f"{kind}.csv" for kind in FILE_KINDS}

# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV
# injection"). A spreadsheet may also cut a cell in pieces before it looks: on a
# separator other than the file's own comma (a semicolon locale, a tab or pipe
# picked in the import dialogue), on a line break, and it may trim the spaces in
# front. So the guard looks at the start of the text and just after every such
# break, past any spaces, and puts an apostrophe in front of a trigger there:
# ` =1` -> ` '=1`, `x;=HYPERLINK(...)` -> `x;'=HYPERLINK(...)`, a second line
# `=1` -> `'=1`. Spreadsheets read a leading apostrophe as "this is text" and hide
# it. Import takes off exactly those apostrophes: at the same places, one
# apostrophe where what follows it (after any further apostrophes) is a trigger,
# so export -> import gives back the text unchanged, also for a note that itself
# has "'=" there (written "''=", read back "'="). Tab and CR are triggers as well
# as breaks, as OWASP lists them: what export guards, import must unguard.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
CELL_BREAKS = ",;|\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # and every line break
_TRIGGER = "[" + re.escape("".join(sorted(FORMULA_TRIGGERS))) + "]"
_BREAK = re.escape(CELL_BREAKS)
# A piece's start, then its leading spaces (whitespace that is not a break).
_PIECE_START = rf"(?:^|(?<=[{_BREAK}]))[^\S{_BREAK}]*"
_GUARD_AT = re.compile(rf"{_PIECE_START}(?='*{_TRIGGER})")
_GUARDED = re.compile(rf"({_PIECE_START})'(?='*{_TRIGGER})")


def guard_formula(text: str) -> str:
    """The cell to write for a free-text value: safe to open in a spreadsheet."""
    return _GUARD_AT.sub(lambda spaces: spaces.group(0) + "'", text)


def unguard_formula(cell: str) -> str:
    """The inverse of `guard_formula`: takes off the apostrophes export added."""
    return _GUARDED.sub(r"\1", cell)


class CellError(ValueError):
    """A cell that breaks the contract; the message is written for the runner, a
    ``Text`` (English in the FILE:LINE lines, the page's language on the page)."""

    def __init__(self, message: Text) -> None:
        super().__init__(message)
        self.message = message


class ImportRejected(ValueError):
    """`apply_import` was given a plan with errors, or the log changed under it so
    that the files no longer apply; nothing was written."""

    def __init__(self, errors: Sequence[Text]) -> None:
        super().__init__(f"{len(errors)} error(s); nothing was imported")
        self.errors = list(errors)


# --- cells -------------------------------------------------------------------


def show(raw: str, limit: int = 40) -> str:
    """A cell quoted for a message, cut short so one bad cell cannot flood a page."""
    shown = raw if len(raw) <= limit else raw[: limit - 1] + "…"
    return '"' + shown.replace('"', '\\"') + '"'


# ASCII digits only: \d would also let Arabic-Indic and other digits through.
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# "12.0" is how some spreadsheets write a whole number; it is still 12.
_INTEGER_RE = re.compile(r"[+-]?[0-9]+(?:\.0*)?")
_TRUE = frozenset({"yes", "true", "1"})
_FALSE = frozenset({"no", "false", "0"})


def parse_date(raw: str) -> date:
    if not _DATE_RE.fullmatch(raw):
        raise CellError(Text("{value} is not a date; write it as YYYY-MM-DD", value=show(raw)))
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise CellError(Text("{value} is not a real date", value=show(raw))) from None
    if day < EARLIEST_DATE:
        raise CellError(
            Text(
                "{value} is before {earliest}; check the year",
                value=raw,
                earliest=str(EARLIEST_DATE),
            )
        )
    return day


# HH:MM as the contract writes it; H:MM and a spreadsheet's HH:MM:SS read too.
_TIME_RE = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")


def parse_time(raw: str) -> time:
    """A local time of day, kept to the minute (seconds a spreadsheet adds are dropped)."""
    match = _TIME_RE.fullmatch(raw)
    if not match:
        raise CellError(
            Text("{value} is not a time; write it as HH:MM (24-hour clock)", value=show(raw))
        )
    hour, minute, second = (int(part or 0) for part in match.groups())
    if hour > 23 or minute > 59 or second > 59:
        raise CellError(Text("{value} is not a real time of day", value=show(raw)))
    return time(hour, minute)


def render_time(value: time) -> str:
    return value.strftime("%H:%M")


def parse_bool(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise CellError(
        Text("{value} is not yes or no (true/false and 1/0 also work)", value=show(raw))
    )


def _number(raw: str) -> Decimal:
    if _DECIMAL_RE.fullmatch(raw):
        return Decimal(raw)
    if re.fullmatch(r"[+-]?[0-9]*,[0-9]+", raw):
        raise CellError(
            Text("{value} is not a number; use a dot as the decimal separator", value=show(raw))
        )
    # NaN, inf, 1e3 and friends end up here too: the contract's numbers are plain.
    raise CellError(not_a_number(raw))


def not_a_number(raw: str) -> Text:
    return Text("{value} is not a number", value=show(raw))


def out_of_range(raw: str, low: int, high: int) -> CellError:
    return CellError(
        Text(
            "{value} is out of range: must be between {low} and {high}",
            value=raw,
            low=low,
            high=high,
        )
    )


def decimal_between(low: int, high: int, places: int) -> Callable[[str], Decimal]:
    """A decimal in [low, high], rounded to the column's stored decimal places.

    Rounding (half up, like the web forms) instead of refusing extra digits lets a
    spreadsheet's computed minutes (32.3333333) in; the rounded value is what the
    duplicate check compares, so a re-import still adds nothing.
    """
    step = Decimal(1).scaleb(-places)

    def parse(raw: str) -> Decimal:
        value = _number(raw)
        if not low <= value <= high:
            raise out_of_range(raw, low, high)
        return value.quantize(step, rounding=ROUND_HALF_UP)

    return parse


def integer_between(low: int, high: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        if not _INTEGER_RE.fullmatch(raw):
            if _DECIMAL_RE.fullmatch(raw):
                raise CellError(Text("{value} is not a whole number", value=show(raw)))
            raise CellError(not_a_number(raw))
        # Through Decimal, so a 5,000-digit cell is "out of range", not a crash in int().
        value = Decimal(raw)
        if not low <= value <= high:
            raise out_of_range(raw, low, high)
        return int(value)

    return parse


def choice_of(choices: Iterable[str]) -> Callable[[str], str]:
    allowed = tuple(choices)

    def parse(raw: str) -> str:
        if raw not in allowed:
            raise CellError(
                Text(
                    "{value} is not one of: {allowed}", value=show(raw), allowed=", ".join(allowed)
                )
            )
        return raw

    return parse


def text_up_to(limit: int) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if len(raw) > limit:
            raise CellError(
                Text(
                    "is {length} characters long; at most {limit} fit", length=len(raw), limit=limit
                )
            )
        # PostgreSQL cannot store NUL in text; refuse it here rather than fail on write.
        if "\x00" in raw:
            raise CellError(Text("contains a NUL character"))
        return raw

    return parse


def render_decimal(value: Decimal) -> str:
    """5, 5.25, 12.345: no trailing zeros, never an exponent, parses back equal."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def render_bool(value: bool) -> str:
    return "yes" if value else "no"


@dataclass(frozen=True)
class Column:
    """One column of a contract file: how its cell reads and how it is written."""

    name: str
    parse: Callable[[str], Any]
    render: Callable[[Any], str] = str
    required: bool = False
    # What an empty cell ("not recorded") stores: None for numbers, dates and
    # booleans, "" for the text and choice fields the models keep blank.
    empty: Any = None
    # Free text is formula-guarded on export; notes also keep surrounding
    # whitespace so a round trip gives back exactly what was stored.
    free_text: bool = False
    strip: bool = True


def _choice_column(name: str, choices: Any, *, required: bool = False) -> Column:
    return Column(name, choice_of(choices.values), required=required, empty="")


def _text_column(name: str, limit: int, *, required: bool = False, strip: bool = True) -> Column:
    return Column(
        name,
        text_up_to(limit),
        guard_formula,
        required=required,
        empty="",
        free_text=True,
        strip=strip,
    )


def _date_column(name: str, *, required: bool = False) -> Column:
    return Column(name, parse_date, date.isoformat, required=required)


def _bool_column(name: str) -> Column:
    return Column(name, parse_bool, render_bool)


# Column order here is the contract's order, and so the export's.
SHOE_COLUMNS: tuple[Column, ...] = (
    _text_column("name", NAME_MAX, required=True),
    _choice_column("kind", ShoeKind, required=True),
    _date_column("first_used"),
    _date_column("retired"),
    Column("limit_km", integer_between(1, MAX_SHOE_LIMIT_KM)),
    _text_column("notes", NOTES_MAX, strip=False),
)
SESSION_COLUMNS: tuple[Column, ...] = (
    _date_column("date", required=True),
    _choice_column("activity", Activity, required=True),
    Column("distance_km", decimal_between(0, MAX_DISTANCE_KM, 3), render_decimal),
    Column("duration_min", decimal_between(0, MAX_DURATION_MIN, 2), render_decimal),
    _choice_column("surface", Surface),
    _choice_column("terrain", Terrain),
    # The name of a pair; resolved against shoes.csv and the log in plan_import.
    _text_column("shoe", NAME_MAX),
    Column("warmup_min", integer_between(0, MAX_WARMUP_MIN)),
    Column("cooldown_min", integer_between(0, MAX_WARMUP_MIN)),
    Column("fast_pct", integer_between(0, 100)),
    Column("rpe", integer_between(RPE_MIN, RPE_MAX)),
    _bool_column("stopped"),
    Column("pain", integer_between(0, 10)),
    _choice_column("pain_area", Area),
    _choice_column("pain_side", Side),
    _text_column("notes", NOTES_MAX, strip=False),
    # From issue 13 (the contract says "from issue 11"): optional in a file.
    _text_column("title", TITLE_MAX),
    Column("start_time", parse_time, render_time),
    Column("avg_hr", integer_between(MIN_HR, MAX_HR)),
    Column("max_hr", integer_between(MIN_HR, MAX_HR)),
    Column("ascent_m", integer_between(0, MAX_ASCENT_M)),
    _bool_column("race"),
)
SORENESS_COLUMNS: tuple[Column, ...] = (
    _date_column("date", required=True),
    _choice_column("area", Area, required=True),
    _choice_column("side", Side, required=True),
    Column("severity", integer_between(0, 10), required=True),
    _choice_column("kind", PainKind),
    _bool_column("swelling"),
    _bool_column("at_night"),
    _text_column("notes", NOTES_MAX, strip=False),
)
WELLNESS_COLUMNS: tuple[Column, ...] = (
    _date_column("date", required=True),
    *(
        Column(item.field, integer_between(HOOPER_MIN, HOOPER_MAX), required=True)
        for item in HOOPER_ITEMS
    ),
)


def _points_column(index: int) -> Column:
    """An OSTRC-O2 answer, written as the instrument's points for it (0/8/17/25 or
    0/6/13/19/25: unique within a question) and stored as the option's index, so a
    spreadsheet's sum of the four columns is the severity score."""
    question = OSTRC_QUESTIONS[index]
    points = [p for _wording, p in question.options]
    allowed = ", ".join(map(str, points))

    def parse(raw: str) -> int:
        value = integer_between(0, 100)(raw)
        if value not in points:
            raise CellError(
                Text(
                    "{value} is not one of the points of this question: {allowed}",
                    value=raw,
                    allowed=allowed,
                )
            )
        return points.index(value)

    return Column(question.field, parse, lambda i: str(points[i]), required=True)


OSTRC_COLUMNS: tuple[Column, ...] = (
    _date_column("week", required=True),
    _choice_column("area", Area, required=True),
    *(_points_column(i) for i in range(len(OSTRC_QUESTIONS))),
)
COLUMNS: dict[str, tuple[Column, ...]] = {
    SHOES: SHOE_COLUMNS,
    SESSIONS: SESSION_COLUMNS,
    SORENESS: SORENESS_COLUMNS,
    WELLNESS: WELLNESS_COLUMNS,
    OSTRC: OSTRC_COLUMNS,
}


# --- the log as contract values ----------------------------------------------


# Rows of .values(): one dict per row, keyed by column name. (The field names are
# computed, so the type checker cannot work the keys out.)
ValueRows = QuerySet[Any, dict[str, Any]]


def sessions_of(user: User) -> ValueRows:
    names = [column.name for column in SESSION_COLUMNS if column.name != "shoe"]
    # One query, the shoe's name joined in: no query per row.
    rows: ValueRows = (
        Session.objects.filter(user=user)
        .order_by("date", "id")
        .values(*names, shoe_name=F("shoe__name"))
    )
    return rows


def soreness_of(user: User) -> ValueRows:
    names = [column.name for column in SORENESS_COLUMNS]
    rows: ValueRows = Soreness.objects.filter(user=user).order_by("date", "id").values(*names)
    return rows


def wellness_of(user: User) -> ValueRows:
    names = [column.name for column in WELLNESS_COLUMNS]
    rows: ValueRows = WellnessEntry.objects.filter(user=user).order_by("date").values(*names)
    return rows


def ostrc_of(user: User) -> ValueRows:
    names = [column.name for column in OSTRC_COLUMNS]
    rows: ValueRows = (
        OstrcResponse.objects.filter(user=user).order_by("week", "area").values(*names)
    )
    return rows


def shoes_of(user: User) -> ValueRows:
    names = [column.name for column in SHOE_COLUMNS]
    rows: ValueRows = Shoe.objects.filter(user=user).order_by("name").values(*names)
    return rows


def contract_values(rows: ValueRows, within: Sequence[date] | None = None) -> list[dict[str, Any]]:
    """The log's rows as contract values (``shoe`` is the pair's name or "").

    ``within`` (dates) narrows the query to the dates the file covers: only those rows
    can be duplicates, and a long log need not be read whole for a short file.
    """
    if within is not None:
        rows = rows.filter(date__gte=min(within), date__lte=max(within))
    result = []
    for values in rows:
        if "shoe_name" in values:
            values["shoe"] = values.pop("shoe_name") or ""
        result.append(values)
    return result
