"""Strava bulk export ("Download your data") zip -> one StravaRow per activity.

The archive is never extracted to disk: members are read in memory, each under
a size limit that is checked against the header AND enforced while reading,
because zip headers can lie. Member names that would escape a folder (absolute,
"..") refuse the whole archive: Strava never writes them, so such a zip was
crafted. The rows themselves are strava_csv's business.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import struct
import zipfile
from collections.abc import Generator, Iterator
from typing import IO, Any

from advice.i18n import Text
from tracker.imports import limits

from . import strava_csv
from .base import (
    ByteBudget,
    Entry,
    ImportRefused,
    OverBudget,
    ParsedActivity,
    ReadContext,
    Reader,
    Step,
    Upload,
    refusal,
    too_large,
)
from .strava_csv import CSV_NAME, StravaRow, count_rows, open_csv, parsed_rows, row_entry

ZIP_MAGIC = b"PK\x03\x04"
CORRUPT_ZIP = Text("corrupt zip file: its table of contents cannot be read")


def too_many_members() -> ImportRefused:
    return ImportRefused(
        Text("zip has more than {count} files", count=limits.format_count(limits.MAX_ZIP_MEMBERS))
    )


def _unsafe_member_name(member: str) -> bool:
    if member.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", member):
        return True
    return any(part == ".." for part in re.split(r"[\\/]", member))


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, budget: ByteBudget
) -> bytes:
    if info.file_size > limit:
        raise too_large(info.filename, limit)
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(limits.READ_CHUNK_BYTES)
                if not chunk:
                    break
                out += chunk
                budget.spend(len(chunk))
                # The header said it was small; do not trust it.
                if len(out) > limit:
                    raise too_large(info.filename, limit)
    except zipfile.BadZipFile as exc:
        raise refusal(
            Text(
                "corrupt zip member {name}: it is damaged and cannot be unpacked",
                name=info.filename,
            ),
            exc,
        ) from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown method
        raise refusal(
            Text(
                "cannot read zip member {name}: it is password-protected or "
                "compressed in a way this site does not read",
                name=info.filename,
            ),
            exc,
        ) from None
    except (EOFError, OSError) as exc:  # zlib/lzma/bz2 stream ends early or is bad
        raise refusal(
            Text(
                "corrupt zip member {name}: it is damaged and cannot be unpacked",
                name=info.filename,
            ),
            exc,
        ) from None
    return bytes(out)


_EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


def _declared_member_count(stream: IO[bytes], size: int) -> int | None:
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
    count: int = _EOCD.unpack_from(tail, at)[4]
    if count == 0xFFFF and at >= _ZIP64_LOCATOR.size:  # the real count is in the zip64 record
        locator = _ZIP64_LOCATOR.unpack_from(tail, at - _ZIP64_LOCATOR.size)
        if locator[0] == b"PK\x06\x07" and locator[2] + _ZIP64_EOCD.size <= size:
            stream.seek(locator[2])
            record = stream.read(_ZIP64_EOCD.size)
            if len(record) == _ZIP64_EOCD.size and record[:4] == b"PK\x06\x06":
                count = _ZIP64_EOCD.unpack(record)[7]
    return count


def _precheck(stream: IO[bytes]) -> None:
    try:
        size = stream.seek(0, io.SEEK_END)
        if size > limits.MAX_ZIP_BYTES:
            shown = limits.format_limit(limits.MAX_ZIP_BYTES)
            raise ImportRefused(Text("zip is larger than the {limit} limit", limit=shown))
        count = _declared_member_count(stream, size)
        stream.seek(0)
    except (OSError, struct.error) as exc:
        raise refusal(CORRUPT_ZIP, exc) from None
    if count is not None and count > limits.MAX_ZIP_MEMBERS:
        raise too_many_members()


def _open_archive(source: bytes | str | os.PathLike[str] | IO[bytes]) -> zipfile.ZipFile:
    """Check the archive's size and declared entry count, then open it."""
    target: str | os.PathLike[str] | IO[bytes]
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
        raise refusal(
            Text("not a zip file: it is damaged, or was cut short while downloading"),
            exc,
        ) from None
    except (EOFError, OSError, ValueError) as exc:
        raise refusal(CORRUPT_ZIP, exc) from None


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise too_many_members()
    declared = 0
    for info in infos:
        if _unsafe_member_name(info.filename):
            raise ImportRefused(
                Text(
                    "zip member has an unsafe path {name}: it points outside the "
                    "zip, which is refused for safety",
                    name=repr(info.filename),
                )
            )
        declared += info.file_size
    if declared > limits.MAX_ZIP_UNCOMPRESSED_BYTES:
        shown = limits.format_limit(limits.MAX_ZIP_UNCOMPRESSED_BYTES)
        raise ImportRefused(Text("zip holds more than the {limit} uncompressed limit", limit=shown))


def _find_csv(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    """activities.csv at the root, or in one folder if the export was re-zipped."""
    candidates = [
        info
        for info in infos
        if not info.is_dir() and posixpath.basename(info.filename).lower() == CSV_NAME
    ]
    if not candidates:
        raise ImportRefused(Text("not a Strava export: {name} not found", name=CSV_NAME))
    return min(candidates, key=lambda info: info.filename.count("/"))


def read_strava_export(
    source: bytes | str | os.PathLike[str] | IO[bytes], *, skip: int = 0
) -> Generator[StravaRow]:
    """Read a Strava bulk-export zip: one StravaRow per activities.csv row, in
    file order, each with its activity file parsed when the zip holds it.

    The archive and activities.csv are checked before this returns (so a bad
    zip raises ImportRefused right away); rows and their files are then read
    one at a time as the iterator is consumed. The first ``skip`` rows are
    passed over without reading their files (a job resuming after a restart).
    """
    archive = _open_archive(source)
    try:
        infos = archive.infolist()
        _check_members(infos)
        csv_info = _find_csv(infos)
        budget = ByteBudget()
        raw = _read_member(archive, csv_info, limits.MAX_STRAVA_CSV_BYTES, budget)
        reader, cols = open_csv(raw)
    except BaseException:
        archive.close()
        raise
    folder = posixpath.dirname(csv_info.filename)
    members = {info.filename: info for info in infos if not info.is_dir()}
    return _rows(archive, parsed_rows(reader, cols), folder, members, budget, skip)


def _rows(
    archive: zipfile.ZipFile,
    rows: Iterator[tuple[dict[str, Any], Text | None]],
    folder: str,
    members: dict[str, zipfile.ZipInfo],
    budget: ByteBudget,
    skip: int,
) -> Generator[StravaRow]:
    # Member -> the line whose activity it is: a file is read once, for one
    # activity, however many rows name it (a crafted export named one big gzip
    # from every row and had it inflated and parsed again for each).
    owners: dict[str, int] = {}
    with archive:
        for index, (fields, error) in enumerate(rows):
            if index < skip:
                continue
            parsed: tuple[ParsedActivity, ...] = ()
            file_error: Text | None = None
            filename = str(fields["filename"])
            if filename and error is None:
                parsed, file_error = _read_activity_file(
                    archive, folder, filename, members, budget, owners, int(fields["line"])
                )
            yield StravaRow(**fields, parsed=parsed, file_error=file_error, error=error)


def _read_activity_file(
    archive: zipfile.ZipFile,
    folder: str,
    filename: str,
    members: dict[str, zipfile.ZipInfo],
    budget: ByteBudget,
    owners: dict[str, int],
    line: int,
) -> tuple[tuple[ParsedActivity, ...], Text | None]:
    from tracker.imports.readers import parse_activity_file  # the registry imports this module

    if _unsafe_member_name(filename):
        return (), Text("unsafe file name {name}", name=repr(filename))
    info = members.get(posixpath.join(folder, filename)) or members.get(filename)
    if info is None:
        return (), Text("{name} is not in the zip", name=filename)
    owner = owners.setdefault(info.filename, line)
    if owner != line:
        return (), Text(
            "{name} belongs to the activity on line {line} of {csv}; "
            "a file is read for one activity only",
            name=filename,
            line=owner,
            csv=CSV_NAME,
        )
    try:
        data = _read_member(archive, info, limits.MAX_FILE_BYTES, budget)
        return tuple(parse_activity_file(data, filename, budget)), None
    except OverBudget:
        raise
    except ImportRefused as exc:
        return (), exc.reason


def count_export_rows(path: str | os.PathLike[str]) -> int | None:
    """How many activities an export holds, for the progress bar; None when the
    archive cannot say (reading it then gives the reason)."""
    try:
        archive = _open_archive(path)
    except ImportRefused:
        return None
    try:
        with archive:
            infos = archive.infolist()
            _check_members(infos)
            info = _find_csv(infos)
            raw = _read_member(
                archive, info, limits.MAX_STRAVA_CSV_BYTES, ByteBudget(limits.MAX_STRAVA_CSV_BYTES)
            )
    except ImportRefused:
        return None
    return count_rows(raw)


def check_export(stream: IO[bytes]) -> None:
    """Refuse a zip that is no Strava export, or a hostile one (bomb, paths
    escaping its folder), before a job is made: the reader's own checks, and
    activities.csv's header."""
    read_strava_export(stream).close()


def sniff(name: str, head: bytes) -> bool:
    return name.lower().endswith(".zip") or head.startswith(ZIP_MAGIC)


def _count(upload: Upload, context: ReadContext) -> int:
    return count_export_rows(upload.path) or 1


def _read(upload: Upload, context: ReadContext, skip: int) -> Iterator[Step]:
    rows = read_strava_export(upload.path, skip=skip)
    try:
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except ImportRefused as exc:
                yield [
                    Entry(refused=Text("stopped reading the export: {reason}", reason=exc.reason))
                ]
                return
            yield [row_entry(row)]
    finally:
        rows.close()


READER = Reader(
    name="strava",
    formats="Strava export",
    suffixes=(".zip",),
    sniff=sniff,
    read=_read,
    count=_count,
    max_bytes=lambda: limits.MAX_ZIP_BYTES,
    check=check_export,
    origin="strava",
    fills=strava_csv.FILLS,
)
