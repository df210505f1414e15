"""What every reader shares: the refusal, the activity a reader hands over, and
the ``Reader`` interface that the registry (readers/__init__.py) lists.

A reader turns one file into *steps*: a step is the unit of progress (one
activity file, or one row of an export) and holds the entries found in it, each
an activity or the reason a part of the file is not one. Steps are numbered, so
that an interrupted import can start again after the last step it recorded.

Nothing here imports Django: readers are pure functions of bytes, a file name
and a ``ReadContext``, testable and benchmarkable without a database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path, PurePath
from typing import IO

from advice.i18n import Text
from tracker.imports import limits

logger = logging.getLogger(__name__)

# The activities a session can be (tracker.models.Activity's values; the model
# is Django's, so the list is written out here and a test keeps the two equal).
ACTIVITIES = ("run", "walk", "cycle", "jump_rope", "strength", "other")


class ImportRefused(Exception):
    """An activity file, or one activity in it, cannot be imported.

    The message is meant for the runner: it says what is wrong with the file in
    words a runner reads ("the file ends in the middle of a record: it was cut
    short while copying"), never a library's (byte offsets, exception names):
    those go to the log, through ``refusal``. Every reason is an
    ``advice.i18n.Text`` (the type says so, and tests/tracker/imports/readers/
    test_refusals_marked.py reads the readers for a plain string): English where
    printed or stored, and a page shows it in the runner's language.
    """

    def __init__(self, reason: Text) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def refusal(reason: Text, exc: BaseException | None = None) -> ImportRefused:
    """The runner's ``reason``; the library's own words about ``exc`` go to the log,
    where whoever looks into a refused file finds them."""
    if exc is not None:
        logger.info("import refused (%s): %s: %s", reason, type(exc).__name__, exc)
    return ImportRefused(reason)


class OverBudget(ImportRefused):
    """An upload as a whole has cost more than it may: stop reading it."""


class BadValue(ImportRefused, ValueError):
    """A value of an export's row that cannot be read: the row is refused with this
    reason. A ValueError too, for code that tries one reading after another."""


def reason_of(exc: Exception) -> Text:
    """The runner's reason for ``exc``: its own when it is a refusal, else a general
    one (a library's words are no reason for a runner)."""
    if isinstance(exc, ImportRefused):
        return exc.reason
    logger.info("import refused: %s: %s", type(exc).__name__, exc)
    return Text("a value in it cannot be read")


class ByteBudget:
    """Bytes that may still be decompressed from one upload: a Strava export's
    members, and what its gzipped members hold once inflated. Each file is read
    once, so a file named by many rows costs once too."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limits.MAX_ZIP_UNCOMPRESSED_BYTES if limit is None else limit
        self.left = self.limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            shown = limits.format_limit(self.limit)
            raise OverBudget(
                Text("zip holds more than the {limit} uncompressed limit", limit=shown)
            )


def too_large(name: str, limit: int, detail: Text | str = "") -> ImportRefused:
    return ImportRefused(
        Text(
            "{name} is larger than the {limit} limit{detail}",
            name=name,
            limit=limits.format_limit(limit),
            detail=detail,
        )
    )


def empty(name: str) -> ImportRefused:
    return ImportRefused(Text("{name} is empty", name=name))


def not_csv(name: str) -> Text:
    return Text(
        "{name} is not valid CSV: a quoted cell is not closed, or a line is not CSV", name=name
    )


def not_utf8(name: str) -> ImportRefused:
    return ImportRefused(Text("{name} is not UTF-8 text", name=name))


@dataclass(frozen=True)
class ParsedActivity:
    """One recorded activity, as read from a file, before it becomes a session."""

    source_name: str
    start: datetime
    distance_km: float | None
    duration_min: float | None
    elapsed_min: float | None
    activity: str
    surface: str | None
    elevation_gain_m: float | None
    avg_hr: int | None
    sport_raw: str
    # What else the file says about the session (issue 13): kept, never guessed.
    title: str = ""
    notes: str = ""  # the file's description (Strava's "Activity Description", ...)
    max_hr: int | None = None
    race: bool | None = None  # only where the format marks races (Strava's "Competition")
    rpe: int | None = None  # the effort, 1-10, where the runner gave one
    # Steps a minute, both feet, where a file without a sport carries a cadence
    # (GPX's per-point <cad>, FIT's session avg_cadence: one foot's, doubled). Only
    # for guessing the activity (tracker.imports.inference); a pedal cadence looks
    # the same, so the guess uses it only where a ride is out of the question.
    cadence_spm: float | None = None

    def __post_init__(self) -> None:
        # Every parser must hand over an aware instant; store it in UTC so that
        # equality and duplicate detection do not depend on the file's offset.
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise ValueError("ParsedActivity.start must be timezone-aware")
        object.__setattr__(self, "start", self.start.astimezone(UTC))
        if self.activity not in ACTIVITIES:
            raise ValueError(f"unknown activity {self.activity!r}")


@dataclass(frozen=True)
class Upload:
    """One file to read: shown to the runner as ``name``, read from ``path``."""

    name: str
    path: Path

    @property
    def base_name(self) -> str:
        return PurePath(self.name.replace("\\", "/")).name

    def head(self, size: int = 4096) -> bytes:
        """The first bytes, for sniffing; empty when the file cannot be read."""
        try:
            with open(self.path, "rb") as stream:
                return stream.read(size)
        except OSError:
            return b""

    def read_bytes(self, limit: int) -> bytes:
        """The whole file, refused by its size before it is read, so that a 2 GB
        "GPX" is not loaded just to be refused."""
        try:
            if self.path.stat().st_size > limit:
                raise too_large(self.name, limit)
            return self.path.read_bytes()
        except OSError as exc:
            # The system's words (strerror) go to the log with the exception.
            raise refusal(Text("cannot read the file: it cannot be opened"), exc) from None


@dataclass(frozen=True)
class ReadContext:
    """What some formats do not say and the runner's account does: a Garmin
    Connect CSV has local times with no zone, and distances in the account's units."""

    zone: tzinfo = UTC
    miles: bool = False


@dataclass(frozen=True)
class Entry:
    """One activity found in a step, or why a part of the file is not one."""

    # Said after the upload's name to name this entry: "" for the file itself,
    # " (activity 2)", ":12" (a CSV line), ":activities/123.gpx" (a zip member).
    where: str = ""
    activity: ParsedActivity | None = None
    refused: Text | None = None  # why it is not one: a Text, as every refusal
    gear: str = ""  # the shoe the format names (Strava's "Activity Gear")
    note: Text | None = None  # said after what became of it ("figures from activities.csv; ...")


Step = list[Entry]


def _one_step(upload: Upload, context: ReadContext) -> int:
    return 1


def _file_limit() -> int:
    return limits.MAX_FILE_BYTES


@dataclass(frozen=True)
class Reader:
    """One format: how to recognise it, how many steps a file takes, and the steps.

    ``sniff(name, head)`` says whether a file with that name and those first
    bytes is this format. ``count`` is for the progress bar (it may read the
    file; it never raises). ``read(upload, context, skip)`` yields the steps
    after the first ``skip``; it raises ImportRefused when the file as a whole
    cannot be read. Formats whose files hold whole activities (GPX, TCX, FIT)
    also have ``parse(data, name)``, which is what gzip and zip members go through.
    """

    name: str
    formats: str  # as a page says it: "GPX"
    suffixes: tuple[str, ...]  # lower case, what the file picker offers
    sniff: Callable[[str, bytes], bool]
    read: Callable[[Upload, ReadContext, int], Iterator[Step]]
    count: Callable[[Upload, ReadContext], int] = _one_step
    parse: Callable[[bytes, str], list[ParsedActivity]] | None = None
    # The largest upload of this format, read when called so tests can lower it.
    max_bytes: Callable[[], int] = _file_limit
    # Refuses a file before a job is made for it (a hostile zip), if given.
    check: Callable[[IO[bytes]], None] | None = None
    # Where the sessions come from (tracker.models.Origin's value).
    origin: str = "file"
    # The session fields this format can fill, as the import summary lists them
    # ("date", "start time", ...); empty for a wrapper, which fills what it holds.
    fills: tuple[str, ...] = ()
    # A wrapper around one file (gzip): the bytes and name of what it holds,
    # the inflated bytes spent from the budget when one is given.
    unwrap: Callable[[bytes, str, ByteBudget | None], tuple[bytes, str]] | None = None


def entries(activities: Sequence[ParsedActivity]) -> Step:
    """The entries of one file's activities, numbered when there are several."""
    if len(activities) == 1:
        return [Entry(activity=activities[0])]
    return [Entry(f" (activity {n})", activity) for n, activity in enumerate(activities, 1)]


def activity_file_reader(
    *,
    name: str,
    formats: str,
    suffix: str,
    parse: Callable[[bytes, str], list[ParsedActivity]],
    magic: Callable[[bytes], bool],
    fills: tuple[str, ...] = (),
) -> Reader:
    """A reader for a format whose file holds whole activities: one step a file."""

    def sniff(file_name: str, head: bytes) -> bool:
        return file_name.lower().endswith(suffix) or magic(head)

    def read(upload: Upload, context: ReadContext, skip: int) -> Iterator[Step]:
        if skip:
            return
        data = upload.read_bytes(limits.MAX_FILE_BYTES)
        if not data or data.isspace():  # isspace() copies nothing; strip() would
            raise empty(upload.base_name)
        yield entries(parse(data, upload.base_name))

    return Reader(
        name=name,
        formats=formats,
        suffixes=(suffix,),
        sniff=sniff,
        read=read,
        parse=parse,
        fills=fills,
    )
