"""Reading one contract file: every record parsed cell by cell, every problem
reported as ``FILE:LINE: column: message`` with the physical line of the row in
the file (the header is line 1), so a runner can fix a spreadsheet in one go."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from advice.i18n import Text

from .columns import COLUMNS, FILE_KINDS, CellError, Column, unguard_formula

logger = logging.getLogger(__name__)


@dataclass
class Row:
    line: int
    values: dict[str, Any]
    bad: set[str] = field(default_factory=set)  # columns with an error

    @property
    def ok(self) -> bool:
        return not self.bad


# Where an error sorts: file kind, line, column (-1 for the row or the file itself).
Position = tuple[int, int, int]


class Report:
    """Collects one file's errors as ``FILE:LINE: column: message``.

    Each a ``Text``: its English is the contract's line (what ``import_csv`` prints
    by default); the preview page and ``import_csv --language`` word the message in
    their language, the ``FILE:LINE: column:`` in front never changes.

    The checks run cell by cell, then row by row, then across rows; the plan
    lists the errors sorted by file, line and column, as a runner reads the file.
    """

    def __init__(self, kind: str, file: str, sink: list[tuple[Position, Text]]) -> None:
        self.kind, self.file, self.sink = kind, file, sink
        self._order = FILE_KINDS.index(kind)
        self._columns = {column.name: i for i, column in enumerate(COLUMNS[kind])}

    def __call__(self, line: int, column: str, message: Text) -> None:
        position = (self._order, line, self._columns.get(column, -1))
        text = Text(
            "{file}:{line}: {column}: {message}",
            file=self.file,
            line=line,
            column=column,
            message=message,
        )
        self.sink.append((position, text))


def _decode(data: str | bytes, report: Report) -> str | None:
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
                Text(
                    "byte 0x{byte} at character {position} is not UTF-8; "
                    "save the file as CSV UTF-8",
                    byte=bad,
                    position=exc.start + 1,
                ),
            )
    return None


# How often (in records) read_rows tells its caller how far it got.
PROGRESS_EVERY = 1000


def read_rows(
    data: str | bytes, report: Report, progress: Callable[[int], None] | None = None
) -> list[Row]:
    """Every record of one file, each cell parsed; every problem reported.
    ``progress(line)`` is called every PROGRESS_EVERY records with the line reached."""
    text = _decode(data, report)
    if text is None:
        return []
    by_name = {column.name: column for column in COLUMNS[report.kind]}
    expected = ", ".join(by_name)
    # newline="" keeps line breaks inside quoted cells as they were written.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    header: list[str] | None = None
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if progress is not None and reader.line_num % PROGRESS_EVERY == 0:
                progress(start)
            if header is None:
                header = [cell.strip() for cell in record]
                if not _check_header(header, by_name, report):
                    return []
                continue
            if not any(cell.strip() for cell in record):
                continue  # a blank line, or a spreadsheet row of empty cells
            if len(record) != len(header):
                report(
                    start,
                    "row",
                    Text(
                        "has {cells} cells but the header has {header}",
                        cells=len(record),
                        header=len(header),
                    ),
                )
                continue
            rows.append(_parse_row(start, header, record, by_name, report))
    except csv.Error as exc:
        # Broken quoting: where the next record starts is unknowable, so stop here.
        # The csv module's words ("',' expected after '\"'") go to the log.
        logger.info("%s:%s: csv.Error: %s", report.file, line, exc)
        report(line, "row", _csv_problem(exc))
        return []
    if header is None:
        report(
            1,
            "header",
            Text("the file is empty; the first line must be: {columns}", columns=expected),
        )
    return rows


def _csv_problem(exc: csv.Error) -> Text:
    """What a runner can fix, from the csv module's reason."""
    text = str(exc)
    if "field larger than field limit" in text:
        return Text("a cell is far too long: most likely a quote opened here is never closed")
    if "unexpected end of data" in text or "EOF" in text:
        return Text("the file ends inside a quoted cell: a quote opened here is never closed")
    if "NUL" in text or "null byte" in text:
        return Text("the row holds a NUL character: the file is not a text CSV file")
    return Text(
        'unreadable: a quote inside a quoted cell must be doubled (""), and text must '
        "not follow a closing quote"
    )


def _check_header(header: list[str], by_name: Mapping[str, Column], report: Report) -> bool:
    """Whether rows can be read under this header; errors appended either way."""
    expected = ", ".join(by_name)
    if not any(name in by_name for name in header):
        report(
            1,
            "header",
            Text(
                "no header row; the first line must name the columns: {columns}", columns=expected
            ),
        )
        return False
    usable = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            report(1, name, Text("column appears twice in the header"))
            usable = False
        seen.add(name)
        if name not in by_name:
            report(
                1,
                name or '""',
                Text("unknown column; the columns are: {columns}", columns=expected),
            )
    for column in by_name.values():
        if column.required and column.name not in seen:
            report(1, column.name, Text("required column is missing"))
    return usable


def _parse_row(
    line: int,
    header: Sequence[str],
    record: Sequence[str],
    by_name: Mapping[str, Column],
    report: Report,
) -> Row:
    row = Row(line, {column.name: column.empty for column in by_name.values()})
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
                report(line, column.name, Text("required"))
                row.bad.add(column.name)
            continue
        if column.free_text:
            raw = unguard_formula(raw)
        try:
            row.values[column.name] = column.parse(raw)
        except CellError as exc:
            report(line, column.name, exc.message)
            row.bad.add(column.name)
    return row
