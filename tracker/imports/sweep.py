"""Uploads that outlived their job, found and deleted (the periodic housekeeping
task, tracker/housekeeping.py).

A job's files are deleted when it ends (jobs.job_run), and an interrupted job is
taken up again by the worker's sweep and ends in its turn. What is left: a job
deleted with its account in the middle of an import (the row goes, its folder
stays), and a worker that died between ending a job and deleting its files. A
folder is kept while its job is unfinished, whatever else happens to it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.core.files.storage import Storage
from django.utils import timezone

from tracker.imports import storage
from tracker.imports.jobs import UNFINISHED
from tracker.models import ImportJob

# storage.save_uploads names a job's folder job-<id>-<random>.
_JOB_FOLDER = re.compile(r"job-(\d+)-[0-9a-f]+")
# Anything else in the storage (a name this code did not make) is left this long:
# a file another part of the app is writing now must not vanish under it.
UNKNOWN_KEPT = timedelta(days=1)


def sweep_orphaned_uploads(*, now: datetime | None = None) -> int:
    """Delete every upload folder no unfinished job owns; how many went."""
    now = now or timezone.now()
    store = storage.upload_storage()
    try:
        folders, files = store.listdir("")
    except FileNotFoundError:  # nothing was ever uploaded here
        return 0
    owned = {
        f"job-{job_id}-"
        for job_id in ImportJob.objects.filter(status__in=UNFINISHED).values_list("pk", flat=True)
    }
    removed = 0
    for folder in folders:
        match = _JOB_FOLDER.fullmatch(folder)
        if match and f"job-{match.group(1)}-" in owned:
            continue
        inside = [f"{folder}/{name}" for name in store.listdir(folder)[1]]
        if not match and any(_younger(store, name, now) for name in inside):
            continue
        storage.delete_uploads(folder, [{"file": name} for name in inside])
        removed += 1
    for name in files:  # nothing is stored at the top; an old stray file goes
        if not _younger(store, name, now):
            store.delete(name)
            removed += 1
    return removed


def _younger(store: Storage, name: str, now: datetime) -> bool:
    try:
        return now - store.get_modified_time(name) < UNKNOWN_KEPT
    except (NotImplementedError, OSError):
        return True  # cannot tell: keep it
