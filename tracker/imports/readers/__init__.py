"""The readers: one module per format, and this registry of them.

Pure parsing: nothing under readers/ imports Django, so every format can be
tested and benchmarked without a configured project or a database.

Adding a format: write its module with a ``READER`` (see base.Reader; formats
whose files hold whole activities take ``base.activity_file_reader``), add it to
READERS below, and test it under tests/tracker/imports/readers/. The upload form,
the ``import_files`` command, the jobs and the Strava zips find it here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from advice.i18n import Text, concat
from tracker.imports import limits

from . import fit, garmin_csv, gpx, gz, strava, strava_csv, tcx
from .base import (
    ByteBudget,
    Entry,
    ImportRefused,
    ParsedActivity,
    ReadContext,
    Reader,
    Step,
    Upload,
    empty,
    refusal,
    too_large,
)

logger = logging.getLogger(__name__)

# reader_for asks every reader about a file's first bytes before any about its
# name, in this order: containers (gzip, zip) first, since what they hold may
# show through when stored uncompressed; then the formats themselves. Between
# names the order decides too: a *.csv is Garmin's unless its header is Strava's.
READERS: tuple[Reader, ...] = (
    gz.READER,
    strava.READER,
    fit.READER,
    gpx.READER,
    tcx.READER,
    strava_csv.READER,
    garmin_csv.READER,
)

__all__ = [
    "READERS",
    "ByteBudget",
    "Entry",
    "ImportRefused",
    "ParsedActivity",
    "ReadContext",
    "Reader",
    "Step",
    "Upload",
    "accepted_suffixes",
    "fills_lines",
    "parse_activity_file",
    "read_steps",
    "reader_for",
]


def reader_for(name: str, head: bytes) -> Reader | None:
    """The reader of a file with this name and these first bytes, if any.

    Content wins over the name: a reader's sniff says yes to its own magic
    bytes, and only then, in READERS order, to its suffix.
    """
    for reader in READERS:
        if reader.sniff("", head):
            return reader
    return next((reader for reader in READERS if reader.sniff(name, head)), None)


def accepted_suffixes() -> tuple[str, ...]:
    """What the file picker offers: every format's suffix, and the compressed
    forms of those that hold whole activities."""
    whole = [reader for reader in READERS if reader.parse is not None and reader is not gz.READER]
    plain = [suffix for reader in (*whole, *READERS) for suffix in reader.suffixes]
    wrapped = [f"{suffix}.gz" for reader in whole for suffix in reader.suffixes]
    return tuple(dict.fromkeys((*plain, *wrapped)))


def fills_line(name: str, head: bytes = b"") -> str:
    """ "GPX: date, start time, ...": which session fields the file's format fills,
    for the import summary; "" for a file no reader takes. A gzip file is its
    contents' format, found by the name inside; without its first bytes, a CSV
    named exactly like Strava's (lower case) is Strava's."""
    reader = reader_for(name, head)
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if reader is not None and reader.unwrap is not None:
        inner = base[:-3] if base.lower().endswith(".gz") else base
        reader = next((r for r in READERS if r.unwrap is None and r.sniff(inner, b"")), None)
    elif not head and base == strava_csv.CSV_NAME:  # Garmin's is "Activities.csv"
        reader = strava_csv.READER
    if reader is None or not reader.fills:
        return ""
    # Each field a Text of its own (the readers mark them N_), so a page words them.
    fields: list[str] = []
    for field in reader.fills:
        fields.extend((", ", Text(field)) if fields else (Text(field),))
    return Text("{formats}: {fields}", formats=reader.formats, fields=concat(*fields))


def fills_lines(files: Iterable[tuple[str, bytes]]) -> list[str]:
    """One ``fills_line`` per format among the files (name, first bytes), in order."""
    lines = (fills_line(name, head) for name, head in files)
    return list(dict.fromkeys(line for line in lines if line))


def unsupported(name: str) -> ImportRefused:
    return ImportRefused(
        Text(
            "{name}: unsupported file type; accepted are {suffixes}",
            name=name,
            suffixes=", ".join(accepted_suffixes()),
        )
    )


def parse_activity_file(
    data: bytes, name: str, budget: ByteBudget | None = None
) -> list[ParsedActivity]:
    """The activities of one GPX, TCX or FIT file (also gzip-compressed), as held
    in memory: what Strava's zips and the gzip wrapper go through. Bytes inflated
    from a gzip are spent from ``budget`` when one is given (a Strava export's)."""
    if len(data) > limits.MAX_FILE_BYTES:
        raise too_large(name, limits.MAX_FILE_BYTES)
    reader = reader_for(name, data[:4096])
    if reader is None or reader.parse is None:
        raise unsupported(name)
    if not data or data.isspace():  # isspace() copies nothing; strip() would
        raise empty(name)
    if reader.unwrap is not None:
        return parse_activity_file(*reader.unwrap(data, name, budget), budget)
    return reader.parse(data, name)


def too_many_in_upload() -> Text:
    shown = limits.format_count(limits.MAX_ACTIVITIES_PER_UPLOAD)
    return Text(
        "stopped reading: more than {count} activities, the most one upload may hold", count=shown
    )


def read_steps(
    reader: Reader, upload: Upload, context: ReadContext, skip: int = 0
) -> Iterator[Step]:
    """The reader's steps after the first ``skip``, with any failure turned into a
    refused step: one odd file must never stop the others. A file that cannot be
    read at all is one refused step; a reader that fails half-way ends there, and
    so does one past limits.MAX_ACTIVITIES_PER_UPLOAD."""
    steps = reader.read(upload, context, skip)
    # Activities (and rows refused) of this upload so far, those skipped included.
    entries = skip
    try:
        while True:
            try:
                step = next(steps)
            except StopIteration:
                return
            except ImportRefused as exc:
                yield [Entry(refused=exc.reason)]
                return
            except Exception as exc:  # a parser tripping on garbage in its own way
                logger.warning("reading %s failed", upload.name, exc_info=True)
                reason = Text("the file could not be read: it is damaged or not what its name says")
                yield [Entry(refused=refusal(reason, exc).reason)]
                return
            entries += len(step)
            if entries > limits.MAX_ACTIVITIES_PER_UPLOAD:
                yield [Entry(refused=too_many_in_upload())]
                return
            yield step
    finally:
        close = getattr(steps, "close", None)
        if close is not None:
            close()  # closes an open archive now rather than when collected
