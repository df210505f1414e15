"""The native CSV contract (CONTRACT.md): shoes.csv, sessions.csv and soreness.csv.

One module reads, checks, plans, applies and writes the three files, so the
``import_csv``/``export_csv`` commands and the web import page cannot drift apart.
It prints nothing and parses no arguments; callers decide how to show errors.

Importing is two steps: ``plan_import`` parses and checks every cell of every
row and works out what is new, without writing; ``apply_import`` writes a clean
plan in one transaction. Errors read ``FILE:LINE: column: message`` with the
physical line of the row in the file (the header is line 1), and every bad cell
is reported, not just the first, so a runner can fix a spreadsheet in one go.

Unlike the activity-file readers next to it, this module needs Django: matching
rows against the log is the point of it.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, QuerySet

from tracker.models import (
    EARLIEST_DATE,
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_SHOE_LIMIT_KM,
    MAX_WARMUP_MIN,
    NAME_MAX,
    NOTES_MAX,
    Activity,
    Area,
    PainKind,
    Session,
    Shoe,
    ShoeKind,
    Side,
    Soreness,
    Source,
    Surface,
    Terrain,
)

SHOES = "shoes"
SESSIONS = "sessions"
SORENESS = "soreness"
FILE_KINDS = (SHOES, SESSIONS, SORENESS)
# The names export_rows gives the three files, in the order they import in
# (sessions name shoes, so shoes come first).
FILE_NAMES = {SHOES: "shoes.csv", SESSIONS: "sessions.csv", SORENESS: "soreness.csv"}

# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV
# injection"). On export such a text gets a leading apostrophe, which spreadsheets
# read as "this is text" and hide. On import exactly one apostrophe is taken off
# again when what follows it (after any further apostrophes) starts with one of
# these, so export -> import gives back the text unchanged. The "further
# apostrophes" part keeps that true for a note that itself begins with "'=":
# it is written as "''=" and read back as "'=". Tab and CR are in the set on
# both sides for the same reason: what export guards, import must unguard.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
_GUARDED = re.compile("'*[" + re.escape("".join(sorted(FORMULA_TRIGGERS))) + "]")


def guard_formula(text: str) -> str:
    """The cell to write for a free-text value: safe to open in a spreadsheet."""
    return "'" + text if _GUARDED.match(text) else text


def unguard_formula(cell: str) -> str:
    """The inverse of `guard_formula`: takes off the apostrophe export added."""
    return cell[1:] if cell.startswith("'") and _GUARDED.match(cell, 1) else cell


class CellError(ValueError):
    """A cell that breaks the contract; the message is written for the runner."""


class ImportRejected(ValueError):
    """`apply_import` was given a plan with errors, or the log changed under it so
    that the files no longer apply; nothing was written."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__(f"{len(errors)} error(s); nothing was imported")
        self.errors = list(errors)


# --- cells -------------------------------------------------------------------


def _show(raw: str, limit: int = 40) -> str:
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
        raise CellError(f"{_show(raw)} is not a date; write it as YYYY-MM-DD")
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise CellError(f"{_show(raw)} is not a real date") from None
    if day < EARLIEST_DATE:
        raise CellError(f"{raw} is before {EARLIEST_DATE}; check the year")
    return day


def parse_bool(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise CellError(f"{_show(raw)} is not yes or no (true/false and 1/0 also work)")


def _number(raw: str) -> Decimal:
    if _DECIMAL_RE.fullmatch(raw):
        return Decimal(raw)
    if re.fullmatch(r"[+-]?[0-9]*,[0-9]+", raw):
        raise CellError(f"{_show(raw)} is not a number; use a dot as the decimal separator")
    # NaN, inf, 1e3 and friends end up here too: the contract's numbers are plain.
    raise CellError(f"{_show(raw)} is not a number")


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
            raise CellError(f"{raw} is out of range: must be between {low} and {high}")
        return value.quantize(step, rounding=ROUND_HALF_UP)

    return parse


def integer_between(low: int, high: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        if not _INTEGER_RE.fullmatch(raw):
            if _DECIMAL_RE.fullmatch(raw):
                raise CellError(f"{_show(raw)} is not a whole number")
            raise CellError(f"{_show(raw)} is not a number")
        # Through Decimal, so a 5,000-digit cell is "out of range", not a crash in int().
        value = Decimal(raw)
        if not low <= value <= high:
            raise CellError(f"{raw} is out of range: must be between {low} and {high}")
        return int(value)

    return parse


def choice_of(choices: Iterable[str]) -> Callable[[str], str]:
    allowed = tuple(choices)

    def parse(raw: str) -> str:
        if raw not in allowed:
            raise CellError(f"{_show(raw)} is not one of: {', '.join(allowed)}")
        return raw

    return parse


def text_up_to(limit: int) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if len(raw) > limit:
            raise CellError(f"is {len(raw)} characters long; at most {limit} fit")
        # PostgreSQL cannot store NUL in text; refuse it here rather than fail on write.
        if "\x00" in raw:
            raise CellError("contains a NUL character")
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


_DATE = {"parse": parse_date, "render": date.isoformat}
_BOOL = {"parse": parse_bool, "render": render_bool}

# Column order here is the contract's order, and so the export's.
SHOE_COLUMNS: tuple[Column, ...] = (
    _text_column("name", NAME_MAX, required=True),
    _choice_column("kind", ShoeKind, required=True),
    Column("first_used", **_DATE),
    Column("retired", **_DATE),
    Column("limit_km", integer_between(1, MAX_SHOE_LIMIT_KM)),
    _text_column("notes", NOTES_MAX, strip=False),
)
SESSION_COLUMNS: tuple[Column, ...] = (
    Column("date", **_DATE, required=True),
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
    Column("rpe", integer_between(1, 10)),
    Column("stopped", **_BOOL),
    Column("pain", integer_between(0, 10)),
    _choice_column("pain_area", Area),
    _choice_column("pain_side", Side),
    _text_column("notes", NOTES_MAX, strip=False),
)
SORENESS_COLUMNS: tuple[Column, ...] = (
    Column("date", **_DATE, required=True),
    _choice_column("area", Area, required=True),
    _choice_column("side", Side, required=True),
    Column("severity", integer_between(0, 10), required=True),
    _choice_column("kind", PainKind),
    Column("swelling", **_BOOL),
    Column("at_night", **_BOOL),
    _text_column("notes", NOTES_MAX, strip=False),
)
COLUMNS: dict[str, tuple[Column, ...]] = {
    SHOES: SHOE_COLUMNS,
    SESSIONS: SESSION_COLUMNS,
    SORENESS: SORENESS_COLUMNS,
}


# --- reading a file ----------------------------------------------------------


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    bad: set[str] = field(default_factory=set)  # columns with an error

    @property
    def ok(self) -> bool:
        return not self.bad


# Where an error sorts: file kind, line, column (-1 for the row or the file itself).
_Position = tuple[int, int, int]


class _Report:
    """Collects one file's errors as ``FILE:LINE: column: message``.

    The checks run cell by cell, then row by row, then across rows; the plan
    lists the errors sorted by file, line and column, as a runner reads the file.
    """

    def __init__(self, kind: str, file: str, sink: list[tuple[_Position, str]]) -> None:
        self.kind, self.file, self.sink = kind, file, sink
        self._order = FILE_KINDS.index(kind)
        self._columns = {column.name: i for i, column in enumerate(COLUMNS[kind])}

    def __call__(self, line: int, column: str, message: str) -> None:
        position = (self._order, line, self._columns.get(column, -1))
        self.sink.append((position, f"{self.file}:{line}: {column}: {message}"))


def _decode(data: str | bytes, report: _Report) -> str | None:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts the file with a byte-order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Report every line with a bad byte: a file saved as Latin-1 usually has many.
    # A multi-byte UTF-8 sequence never contains a newline byte, so line by line
    # decoding finds exactly the bad lines.
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        try:
            raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw_line[exc.start : exc.start + 1].hex().upper()
            report(
                number,
                "encoding",
                f"byte 0x{bad} at character {exc.start + 1} is not UTF-8; "
                "save the file as CSV UTF-8",
            )
    return None


def _read(data: str | bytes, report: _Report) -> list[_Row]:
    """Every record of one file, each cell parsed; every problem reported."""
    text = _decode(data, report)
    if text is None:
        return []
    by_name = {column.name: column for column in COLUMNS[report.kind]}
    expected = ", ".join(by_name)
    # newline="" keeps line breaks inside quoted cells as they were written.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[_Row] = []
    header: list[str] | None = None
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if header is None:
                header = [cell.strip() for cell in record]
                if not _check_header(header, by_name, report):
                    return []
                continue
            if not any(cell.strip() for cell in record):
                continue  # a blank line, or a spreadsheet row of empty cells
            if len(record) != len(header):
                report(start, "row", f"has {len(record)} cells but the header has {len(header)}")
                continue
            rows.append(_parse_row(start, header, record, by_name, report))
    except csv.Error as exc:
        # Broken quoting: where the next record starts is unknowable, so stop here.
        report(line, "row", f"unreadable CSV ({exc})")
        return []
    if header is None:
        report(1, "header", f"the file is empty; the first line must be: {expected}")
    return rows


def _check_header(header: list[str], by_name: Mapping[str, Column], report: _Report) -> bool:
    """Whether rows can be read under this header; errors appended either way."""
    expected = ", ".join(by_name)
    if not any(name in by_name for name in header):
        report(1, "header", f"no header row; the first line must name the columns: {expected}")
        return False
    usable = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            report(1, name, "column appears twice in the header")
            usable = False
        seen.add(name)
        if name not in by_name:
            report(1, name or '""', f"unknown column; the columns are: {expected}")
    for column in by_name.values():
        if column.required and column.name not in seen:
            report(1, column.name, "required column is missing")
    return usable


def _parse_row(
    line: int,
    header: Sequence[str],
    record: Sequence[str],
    by_name: Mapping[str, Column],
    report: _Report,
) -> _Row:
    row = _Row(line, {column.name: column.empty for column in by_name.values()})
    cells = dict(zip(header, record, strict=True))
    for column in by_name.values():
        if column.name not in cells:
            if column.required:  # already reported once, against the header
                row.bad.add(column.name)
            continue
        raw = cells[column.name]
        if column.strip:
            raw = raw.strip()
        if raw == "":
            if column.required:
                report(line, column.name, "required")
                row.bad.add(column.name)
            continue
        if column.free_text:
            raw = unguard_formula(raw)
        try:
            row.values[column.name] = column.parse(raw)
        except CellError as exc:
            report(line, column.name, str(exc))
            row.bad.add(column.name)
    return row


# --- planning ----------------------------------------------------------------

# (file name as given, its text or raw bytes)
Input = tuple[str, str | bytes]


@dataclass
class ImportPlan:
    """What importing the files would do. Nothing here is saved yet.

    ``errors`` lists every problem as ``FILE:LINE: column: message``; when it is
    not empty the ``*_to_add`` lists are empty and `apply_import` refuses the plan.
    ``duplicates`` and ``files`` are keyed by "shoes", "sessions" and "soreness".
    """

    shoes_to_add: list[Shoe] = field(default_factory=list)
    sessions_to_add: list[Session] = field(default_factory=list)
    soreness_to_add: list[Soreness] = field(default_factory=list)
    duplicates: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FILE_KINDS, 0))
    errors: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # kind -> file name as given
    # What the plan was made from, so apply_import can check it again under lock.
    _user: AbstractBaseUser | None = field(default=None, repr=False)
    _today: date | None = field(default=None, repr=False)
    _inputs: dict[str, Input] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def added(self) -> dict[str, int]:
        return {
            SHOES: len(self.shoes_to_add),
            SESSIONS: len(self.sessions_to_add),
            SORENESS: len(self.soreness_to_add),
        }


@dataclass(frozen=True)
class ImportResult:
    """Rows written and rows skipped as already in the log, per file kind."""

    added: dict[str, int]
    duplicates: dict[str, int]
    files: dict[str, str]


def plan_import(
    *,
    user: AbstractBaseUser,
    today: date,
    shoes: Input | None = None,
    sessions: Input | None = None,
    soreness: Input | None = None,
) -> ImportPlan:
    """Parse and check the given files against ``user``'s log; write nothing.

    Each file is ``(name, content)``: the name is only used in messages, the
    content is the text or the raw bytes (bytes get a precise UTF-8 check).
    ``today`` is the runner's local date; later dates are refused.

    A row already in the log is skipped, so importing the same files twice adds
    nothing. Sessions and check-ins match when every contract value is equal,
    counted as a multiset: two identical runs on one day are two rows, imported
    both the first time and neither the second. Shoes match by name.

    The log is read in at most three queries, whatever the size of the files.
    """
    plan = ImportPlan(_user=user, _today=today)
    sink: list[tuple[_Position, str]] = []
    given = {SHOES: shoes, SESSIONS: sessions, SORENESS: soreness}
    parsed: dict[str, tuple[list[_Row], _Report]] = {}
    for kind, source in given.items():
        if source is not None:
            name, content = source
            plan.files[kind] = name
            plan._inputs[kind] = source
            report = _Report(kind, name, sink)
            parsed[kind] = (_read(content, report), report)

    existing_shoes: dict[str, Shoe] = {}
    if SHOES in parsed or SESSIONS in parsed:
        existing_shoes = {shoe.name: shoe for shoe in Shoe.objects.filter(user=user)}
    named_shoes: dict[str, Shoe] = {}
    if SHOES in parsed:
        named_shoes = _plan_shoes(plan, *parsed[SHOES], existing_shoes)
    if SESSIONS in parsed:
        _plan_sessions(plan, *parsed[SESSIONS], today, {**existing_shoes, **named_shoes})
    if SORENESS in parsed:
        _plan_soreness(plan, *parsed[SORENESS], today)

    if sink:
        plan.errors = [text for _, text in sorted(sink, key=lambda error: error[0])]
        plan.shoes_to_add, plan.sessions_to_add, plan.soreness_to_add = [], [], []
    return plan


def _plan_shoes(
    plan: ImportPlan, rows: list[_Row], report: _Report, existing: Mapping[str, Shoe]
) -> dict[str, Shoe]:
    """Queues the new pairs; returns every pair the file names (new ones unsaved)."""
    named: dict[str, Shoe] = {}
    first_line: dict[str, int] = {}
    for row in rows:
        values = row.values
        name = values["name"]
        if name in first_line:
            report(
                row.line,
                "name",
                f"{_show(name)} is already on line {first_line[name]}; "
                "each pair needs its own name",
            )
            continue
        if name:
            first_line[name] = row.line
        first_used, retired = values["first_used"], values["retired"]
        if first_used and retired and retired < first_used:
            report(row.line, "retired", f"{retired} is before first_used ({first_used})")
            row.bad.add("retired")
        if not name:
            continue
        if name in existing:
            plan.duplicates[SHOES] += 1
            continue
        # A bad row's pair still counts as named, so its sessions do not get a
        # second, misleading "no shoe named" error on top of the row's own.
        shoe = Shoe(user=plan._user, **values)
        named[name] = shoe
        if row.ok:
            plan.shoes_to_add.append(shoe)
    return named


def _check_date(row: _Row, report: _Report, today: date) -> None:
    day = row.values["date"]
    if day is not None and day > today:
        report(row.line, "date", f"{day} is in the future; today is {today} where the runner is")
        row.bad.add("date")


def _session_key(values: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(values[column.name] for column in SESSION_COLUMNS)


def _soreness_key(values: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(values[column.name] for column in SORENESS_COLUMNS)


def _plan_sessions(
    plan: ImportPlan,
    rows: list[_Row],
    report: _Report,
    today: date,
    shoes: Mapping[str, Shoe],
) -> None:
    shoes_file = plan.files.get(SHOES, "shoes.csv")
    for row in rows:
        values = row.values
        _check_date(row, report, today)
        needs_distance = values["activity"] in (Activity.RUN, Activity.WALK)
        if needs_distance and values["distance_km"] is None and "distance_km" not in row.bad:
            report(row.line, "distance_km", f"required for a {values['activity']}")
            row.bad.add("distance_km")
        if values["shoe"] and values["shoe"] not in shoes:
            report(
                row.line,
                "shoe",
                f"no shoe named {_show(values['shoe'])} in {shoes_file} or in the log",
            )
            row.bad.add("shoe")
    good = [row for row in rows if row.ok]
    if report.sink or not good:
        return  # the plan is refused anyway: spare the query
    existing = Counter(map(_session_key, _contract_values(_sessions_of(plan._user), good)))
    for row in good:
        key = _session_key(row.values)
        if existing[key]:
            existing[key] -= 1
            plan.duplicates[SESSIONS] += 1
            continue
        values = dict(row.values)
        shoe_name = values.pop("shoe")
        plan.sessions_to_add.append(
            Session(
                user=plan._user,
                shoe=shoes[shoe_name] if shoe_name else None,
                source=Source.CSV,
                **values,
            )
        )


def _plan_soreness(plan: ImportPlan, rows: list[_Row], report: _Report, today: date) -> None:
    for row in rows:
        _check_date(row, report, today)
    good = [row for row in rows if row.ok]
    if report.sink or not good:
        return
    existing = Counter(map(_soreness_key, _contract_values(_soreness_of(plan._user), good)))
    for row in good:
        key = _soreness_key(row.values)
        if existing[key]:
            existing[key] -= 1
            plan.duplicates[SORENESS] += 1
            continue
        plan.soreness_to_add.append(Soreness(user=plan._user, **row.values))


# --- the log as contract values ----------------------------------------------


def _sessions_of(user: AbstractBaseUser) -> QuerySet[Session]:
    names = [column.name for column in SESSION_COLUMNS if column.name != "shoe"]
    # One query, the shoe's name joined in: no query per row.
    return (
        Session.objects.filter(user=user)
        .order_by("date", "id")
        .values(*names, shoe_name=F("shoe__name"))
    )


def _soreness_of(user: AbstractBaseUser) -> QuerySet[Soreness]:
    names = [column.name for column in SORENESS_COLUMNS]
    return Soreness.objects.filter(user=user).order_by("date", "id").values(*names)


def _shoes_of(user: AbstractBaseUser) -> QuerySet[Shoe]:
    names = [column.name for column in SHOE_COLUMNS]
    return Shoe.objects.filter(user=user).order_by("name").values(*names)


def _contract_values(
    rows: QuerySet[Any], within: Sequence[_Row] | None = None
) -> list[dict[str, Any]]:
    """The log's rows as contract values (``shoe`` is the pair's name or "").

    ``within`` narrows the query to the dates the file covers: only those rows
    can be duplicates, and a long log need not be read whole for a short file.
    """
    if within is not None:
        days = [row.values["date"] for row in within]
        rows = rows.filter(date__gte=min(days), date__lte=max(days))
    result = []
    for values in rows:
        if "shoe_name" in values:
            values["shoe"] = values.pop("shoe_name") or ""
        result.append(values)
    return result


# --- applying ----------------------------------------------------------------


def apply_import(plan: ImportPlan) -> ImportResult:
    """Write a clean plan, all or nothing, in one transaction.

    The files are checked again inside the transaction, with the runner's row
    locked: between planning and applying (a preview page, a double submit, two
    imports at once) the log may have changed, and a row must still be added
    once only. Raises `ImportRejected`, writing nothing, if there are errors.
    """
    if plan.errors:
        raise ImportRejected(plan.errors)
    user = plan._user
    if user is None or plan._today is None:
        raise ValueError("apply_import takes a plan made by plan_import")
    with transaction.atomic():
        # Serialises imports for one runner on PostgreSQL; SQLite's IMMEDIATE
        # transactions already let one writer in at a time.
        list(type(user)._default_manager.select_for_update().filter(pk=user.pk).values("pk"))
        fresh = plan_import(
            user=user,
            today=plan._today,
            shoes=plan._inputs.get(SHOES),
            sessions=plan._inputs.get(SESSIONS),
            soreness=plan._inputs.get(SORENESS),
        )
        if fresh.errors:
            raise ImportRejected(fresh.errors)
        Shoe.objects.bulk_create(fresh.shoes_to_add)
        if any(shoe.pk is None for shoe in fresh.shoes_to_add):
            # A backend that cannot return ids from a bulk insert: look them up.
            ids = dict(
                Shoe.objects.filter(
                    user=user, name__in=[shoe.name for shoe in fresh.shoes_to_add]
                ).values_list("name", "pk")
            )
            for shoe in fresh.shoes_to_add:
                shoe.pk = ids[shoe.name]
        Session.objects.bulk_create(fresh.sessions_to_add)
        Soreness.objects.bulk_create(fresh.soreness_to_add)
    return ImportResult(added=fresh.added(), duplicates=fresh.duplicates, files=fresh.files)


# --- exporting ---------------------------------------------------------------


def _write(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, which spreadsheets expect
    writer.writerow(column.name for column in columns)
    for values in rows:
        writer.writerow(
            "" if values[column.name] in (None, "") else column.render(values[column.name])
            for column in columns
        )
    return out.getvalue()


def export_rows(*, user: AbstractBaseUser) -> dict[str, str]:
    """The runner's log as the three contract files: ``{"shoes.csv": text, ...}``.

    Three queries in all. Rows come in a stable order (shoes by name, sessions and
    check-ins by date, then in the order they were logged), so importing the files
    into an empty account and exporting again gives the same texts.
    """
    return {
        FILE_NAMES[SHOES]: _write(SHOE_COLUMNS, _contract_values(_shoes_of(user))),
        FILE_NAMES[SESSIONS]: _write(SESSION_COLUMNS, _contract_values(_sessions_of(user))),
        FILE_NAMES[SORENESS]: _write(SORENESS_COLUMNS, _contract_values(_soreness_of(user))),
    }
