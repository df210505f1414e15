"""gzip-compressed activity files (.gpx.gz, .tcx.gz, .fit.gz): a wrapper that
decompresses and hands the bytes to the reader of what is inside.

The size limit is enforced on the decompressed bytes, while decompressing, so a
small gzip bomb is stopped as soon as it passes the limit instead of filling
memory first. Inside a Strava export the inflated bytes are also spent from the
export's budget (base.ByteBudget). A gzip inside a gzip is refused: no device
writes one, and a gzip quine would otherwise be unwrapped for ever.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator

from advice.i18n import Text
from tracker.imports import limits

from .base import (
    ByteBudget,
    ImportRefused,
    ParsedActivity,
    ReadContext,
    Reader,
    Step,
    Upload,
    empty,
    entries,
    refusal,
    too_large,
)

GZIP_MAGIC = b"\x1f\x8b"


def gunzip_limited(
    data: bytes, name: str, limit: int | None = None, budget: ByteBudget | None = None
) -> bytes:
    """Decompress gzip data, refusing it as soon as the output passes ``limit``
    (limits.MAX_FILE_BYTES by default, read when called so tests can lower it),
    or overspends ``budget``."""
    limit = limits.MAX_FILE_BYTES if limit is None else limit
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as stream:
            while True:
                chunk = stream.read(limits.READ_CHUNK_BYTES)
                if not chunk:
                    break
                out += chunk
                if budget is not None:
                    budget.spend(len(chunk))
                if len(out) > limit:
                    raise too_large(name, limit, Text(" once decompressed"))
    except gzip.BadGzipFile as exc:
        raise refusal(
            Text(
                "{name} is not a valid gzip file, though its name or first bytes say so", name=name
            ),
            exc,
        ) from None
    except EOFError as exc:
        raise refusal(
            Text(
                "{name} is a truncated gzip file: it was cut short while copying or downloading",
                name=name,
            ),
            exc,
        ) from None
    except zlib.error as exc:
        raise refusal(
            Text(
                "{name} is a corrupt gzip file: its compressed data cannot be unpacked", name=name
            ),
            exc,
        ) from None
    return bytes(out)


def sniff(name: str, head: bytes) -> bool:
    # A gzip stream is recognised even when the name lacks ".gz": browsers and
    # download tools sometimes drop the suffix. No GPX, TCX or FIT file starts
    # with these two bytes, so this cannot misread a plain file.
    return name.lower().endswith(".gz") or head.startswith(GZIP_MAGIC)


def unwrap(data: bytes, name: str, budget: ByteBudget | None) -> tuple[bytes, str]:
    """The file inside, and its name (the ".gz" taken off)."""
    inner = name[:-3] if name.lower().endswith(".gz") else name
    data = gunzip_limited(data, name, budget=budget)
    if not data or data.isspace():  # isspace() copies nothing; strip() would
        raise empty(name)
    if data.startswith(GZIP_MAGIC):
        raise ImportRefused(
            Text("{name} holds another gzip file: only one layer is read", name=name)
        )
    return data, inner


def parse(data: bytes, name: str) -> list[ParsedActivity]:
    """The activities of a compressed file, read by the reader of its content."""
    from tracker.imports.readers import parse_activity_file  # the registry imports this module

    return parse_activity_file(data, name)


def read(upload: Upload, context: ReadContext, skip: int) -> Iterator[Step]:
    if skip:
        return
    yield entries(parse(upload.read_bytes(limits.MAX_FILE_BYTES), upload.base_name))


READER = Reader(
    name="gzip",
    formats="gzip",
    suffixes=(".gz",),
    sniff=sniff,
    read=read,
    parse=parse,
    unwrap=unwrap,
)
