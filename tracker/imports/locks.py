"""The lock that keeps one import job on one worker at a time.

A worker runs a job only while it holds the job's lock, and the lock is not a
lease that runs out: it is one the database server or the kernel drops when, and
only when, the process that holds it is gone.

- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on the
  worker's connection. The server releases it when the connection ends, which
  it does when the worker's process dies, however it dies.
- Any other database, SQLite in particular (one machine by nature): an exclusive
  ``flock`` on a file per job in IMPORT_LOCK_DIR; the kernel releases it when the
  process exits, however it exits.

So the length of a step never matters. A worker busy for an hour on one file
still holds its lock, and no other worker can take the job: there is no
"stale" to guess at, unlike the heartbeat this replaced, where a step over 60 s
let a second worker run the same job. A job is taken up again exactly when its
lock is free and no task for it waits in the queue (jobs.job_is_orphaned).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.creation import DatabaseCreation as SQLiteCreation

# The first key of the two-key advisory lock: "import jobs", so that other
# advisory locks in the same database cannot collide with ours.
ADVISORY_NAMESPACE = 0x5717
# The same for "one runner's CSV confirm" (contract/preview.py): two confirms for
# one runner must not both plan the same rows as new and both write them.
RUNNER_NAMESPACE = 0x5718
_FILE_PREFIX = {ADVISORY_NAMESPACE: "import-job", RUNNER_NAMESPACE: "import-runner"}


def _key(job_id: int) -> int:
    # The advisory lock's keys are 32-bit; two jobs 2**31 ids apart share one,
    # which only makes one wait for the other.
    return job_id & 0x7FFFFFFF


def _lock_file(job_id: int, namespace: int = ADVISORY_NAMESPACE) -> Path:
    name = str(connection.settings_dict["NAME"])
    key = hashlib.sha256(name.encode()).hexdigest()[:16]
    if connection.vendor == "sqlite" and SQLiteCreation.is_in_memory_db(name):
        # An in-memory database belongs to one process: so does its lock.
        key += f"-{os.getpid()}"
    folder = Path(settings.IMPORT_LOCK_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / f"{_FILE_PREFIX[namespace]}-{key}-{job_id}.lock"


@contextmanager
def job_lock(
    job_id: int, *, namespace: int = ADVISORY_NAMESPACE, wait: bool = False
) -> Iterator[bool]:
    """Try to take the job's lock (``wait``: wait for it): yields True while this
    process holds it, False when another process does. Released on leaving the
    block. ``namespace=RUNNER_NAMESPACE`` with a user id is the runner's lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if wait:
                cursor.execute("SELECT pg_advisory_lock(%s, %s)", [namespace, _key(job_id)])
                held = True
            else:
                cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [namespace, _key(job_id)])
                held = bool(cursor.fetchone()[0])
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [namespace, _key(job_id)])
        return
    descriptor = os.open(_lock_file(job_id, namespace), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            held = True
        except BlockingIOError:
            held = False
        yield held
    finally:
        os.close(descriptor)  # drops the lock with the open file


def still_held(job_id: int) -> bool:
    """Whether this process still holds the job's lock. A flock lives as long as
    the process; an advisory lock as long as the connection, which a database
    restart can end under a live worker: then the worker must stop."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND classid = %s AND objid = %s AND objsubid = 2 AND pid = pg_backend_pid())",
            [ADVISORY_NAMESPACE, _key(job_id)],
        )
        return bool(cursor.fetchone()[0])
