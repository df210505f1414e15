"""One uploaded activity file (optionally gzip-compressed) -> ParsedActivity list.

Size limits are enforced on the decompressed bytes, while decompressing, so a
small gzip bomb is stopped as soon as it passes the limit instead of filling
memory first.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable
from pathlib import PurePath

from .activity import ImportRefused, ParsedActivity
from .fit import parse_fit
from .gpx import parse_gpx
from .tcx import parse_tcx

MB = 1024 * 1024
# Largest activity file accepted, after decompression. A day-long 1 Hz GPX
# with heart rate is about 15 MB; FIT is far smaller.
MAX_FILE_BYTES = 25 * MB
# Decompress in pieces of this size so that the limit is checked as we go.
GZIP_CHUNK_BYTES = 256 * 1024
GZIP_MAGIC = b"\x1f\x8b"

PARSERS: dict[str, Callable[[bytes, str], list[ParsedActivity]]] = {
    ".gpx": parse_gpx,
    ".tcx": parse_tcx,
    ".fit": parse_fit,
}
ACCEPTED_SUFFIXES: tuple[str, ...] = (*PARSERS, *(f"{suffix}.gz" for suffix in PARSERS))


def format_limit(limit: int) -> str:
    """ "25 MB" for a byte limit: whole MB or KB when it is one, else bytes."""
    if limit >= MB and limit % MB == 0:
        return f"{limit // MB} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit} bytes"


def too_large(name: str, limit: int, detail: str = "") -> ImportRefused:
    return ImportRefused(f"{name} is larger than the {format_limit(limit)} limit{detail}")


def gunzip_limited(data: bytes, name: str, limit: int | None = None) -> bytes:
    """Decompress gzip data, refusing it as soon as the output passes `limit`
    (MAX_FILE_BYTES by default, read when called so tests can lower it)."""
    limit = MAX_FILE_BYTES if limit is None else limit
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as stream:
            while True:
                chunk = stream.read(GZIP_CHUNK_BYTES)
                if not chunk:
                    break
                out += chunk
                if len(out) > limit:
                    raise too_large(name, limit, " once decompressed")
    except gzip.BadGzipFile as exc:
        raise ImportRefused(f"{name} is not a valid gzip file: {exc}") from None
    except EOFError:
        raise ImportRefused(f"{name} is a truncated gzip file") from None
    except zlib.error as exc:
        raise ImportRefused(f"{name} is a corrupt gzip file: {exc}") from None
    return bytes(out)


def _format_suffix(name: str) -> tuple[str, bool]:
    """(".gpx" | ".tcx" | ".fit" | other, gzip-compressed?) from the file name."""
    suffixes = [s.lower() for s in PurePath(name).suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    if compressed:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), compressed


def parse_activity_file(data: bytes, name: str) -> list[ParsedActivity]:
    """Parse a .gpx, .tcx or .fit file, each also accepted gzip-compressed
    (.gpx.gz, ...). Raises ImportRefused with the reason for anything else."""
    suffix, compressed = _format_suffix(name)
    if suffix not in PARSERS:
        raise ImportRefused(
            f"{name}: unsupported file type; accepted are {', '.join(ACCEPTED_SUFFIXES)}"
        )
    limit = MAX_FILE_BYTES
    if len(data) > limit:
        raise too_large(name, limit)
    # A gzip stream is decompressed even when the name lacks ".gz": browsers and
    # download tools sometimes drop the suffix. No GPX, TCX or FIT file starts
    # with these two bytes, so this cannot misread a plain file.
    if compressed or data.startswith(GZIP_MAGIC):
        data = gunzip_limited(data, name, limit)
    if not data.strip():
        raise ImportRefused(f"{name} is empty")
    return PARSERS[suffix](data, name)
