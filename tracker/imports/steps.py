"""An input file through its reader, a step at a time: what the ``import_files``
command and the import jobs share. The reader is found by sniffing the file (its
first bytes, then its name), never by what form or argument it came through."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from django.contrib.auth.models import User

from tracker.imports.mapping import REFUSED, Outcome, Runner, import_entry
from tracker.imports.readers import Reader, Upload, read_steps, reader_for, unsupported

logger = logging.getLogger(__name__)


def reader_of(upload: Upload) -> Reader | None:
    return reader_for(upload.base_name, upload.head())


def step_count(upload: Upload, *, runner: Runner) -> int:
    """Steps the file takes, for the progress bar: one per activity file, one per
    row of an export. Never raises: reading the file says what is wrong with it."""
    reader = reader_of(upload)
    if reader is None:
        return 1
    try:
        return max(1, reader.count(upload, runner.context))
    except Exception:  # counting is a courtesy; the read reports the real problem
        logger.warning("could not count the steps of %s", upload.name, exc_info=True)
        return 1


def outcome_steps(upload: Upload, *, runner: Runner, skip: int = 0) -> Iterator[list[Outcome]]:
    """The outcomes of one file, a step at a time, after the first ``skip`` steps."""
    reader = reader_of(upload)
    if reader is None:
        if not skip:
            yield [Outcome(upload.name, REFUSED, unsupported(upload.base_name).reason)]
        return
    for step in read_steps(reader, upload, runner.context, skip):
        yield [
            import_entry(entry, name=upload.name, runner=runner, source=reader.origin)
            for entry in step
        ]


def import_paths(*, user: User, inputs: Sequence[Upload]) -> Iterator[Outcome]:
    """Every outcome of the given files and exports, in order, as they happen."""
    runner = Runner.of(user)
    for upload in inputs:
        for step in outcome_steps(upload, runner=runner):
            yield from step
