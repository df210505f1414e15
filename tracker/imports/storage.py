"""Uploads wait for their job in Django's storage, under STORAGES["imports"].

By default that is a FileSystemStorage in the private data folder (0700 folders,
0600 files, no URL: never under a served path); settings can point it at an
S3-compatible bucket instead (README, "Growing past one machine"), so the web
server that took an upload and the worker that reads it need not share a disk.

Stored names are made here from a counter and a known suffix only: nothing the
browser sent can steer where a file is written.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path, PurePath

from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile

STORAGE_ALIAS = "imports"
# The suffixes a stored name keeps, so that a name says what the file claimed to be.
_SUFFIX_KEEP = (".gpx", ".tcx", ".fit", ".gz", ".zip", ".csv")


def upload_storage() -> Storage:
    return storages[STORAGE_ALIAS]


def shown_name(name: str) -> str:
    """The name a page shows for an upload: its last path part, cut short."""
    return PurePath(name.replace("\\", "/")).name[:150] or "upload"


def _stored_name(index: int, name: str) -> str:
    suffixes = "".join(s for s in PurePath(name.lower()).suffixes[-2:] if s in _SUFFIX_KEEP)
    return f"{index:05d}{suffixes}"


def save_uploads(
    job_id: int, uploads: Sequence[UploadedFile[bytes]]
) -> tuple[str, list[dict[str, str]]]:
    """Store the uploads in a fresh folder of their own: (the folder, and for each
    file {"name": shown name, "file": stored name}). Nothing is left behind when
    storing fails half-way (the error is raised)."""
    storage = upload_storage()
    folder = f"job-{job_id}-{secrets.token_hex(8)}"
    inputs: list[dict[str, str]] = []
    try:
        for index, upload in enumerate(uploads):
            upload.seek(0)
            stored = storage.save(f"{folder}/{_stored_name(index, upload.name or '')}", upload)
            inputs.append({"name": shown_name(upload.name or ""), "file": stored})
    except Exception:
        delete_uploads(folder, inputs)
        raise
    return folder, inputs


def all_present(inputs: Sequence[dict[str, str]]) -> bool:
    storage = upload_storage()
    return bool(inputs) and all(storage.exists(item["file"]) for item in inputs)


@contextmanager
def local_path(stored: str) -> Iterator[Path]:
    """A path on this machine to read a stored upload from: the file itself when
    the storage is a local folder, else a private temporary copy, deleted after."""
    storage = upload_storage()
    try:
        local = Path(storage.path(stored))
    except NotImplementedError:  # a bucket: no local path
        pass
    else:
        yield local
        return
    handle, name = tempfile.mkstemp(suffix="".join(PurePath(stored).suffixes[-2:]))
    try:
        with os.fdopen(handle, "wb") as out, storage.open(stored, "rb") as source:
            for chunk in source.chunks():
                out.write(chunk)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def delete_uploads(folder: str, inputs: Sequence[dict[str, str]]) -> None:
    """Delete a job's stored files, and its folder when the storage has folders."""
    storage = upload_storage()
    for item in inputs:
        # Already gone, or the bucket refuses: nothing more to do about it here.
        with suppress(OSError):
            storage.delete(item["file"])
    if folder:
        # A bucket has no folders to remove (and no path).
        with suppress(NotImplementedError):
            shutil.rmtree(storage.path(folder), ignore_errors=True)
