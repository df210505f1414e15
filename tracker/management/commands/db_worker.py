"""``db_worker``: django-tasks-db's worker, plus a sweep for orphaned import jobs
and, every HOUSEKEEPING_SECONDS, the housekeeping task (tracker/housekeeping.py:
uploads no unfinished job owns, old form tokens).

django-tasks-db leaves a task whose worker was killed marked RUNNING for good
(it never runs it again). Import jobs do not depend on that: every worker runs
``recover_orphans`` when it starts and every IMPORT_SWEEP_SECONDS after, in a
thread of its own, and enqueues again each unfinished job that no worker holds
(tracker.imports.locks) and no task waits for. The job's lock, not the sweep's
timing, is what keeps two workers off one job, so the sweep may run anywhere
and as often as it likes.

Everything else (arguments, claiming, shutting down on SIGINT/SIGTERM) is the
library's own command, which this one extends (tracker comes before
django_tasks_db in INSTALLED_APPS, so ``manage.py db_worker`` is this).
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands import db_worker

from tracker.housekeeping import housekeeping
from tracker.imports.jobs import recover_orphans

logger = logging.getLogger(__name__)


def _sweep_forever(stop: threading.Event, every: float) -> None:
    last_housekeeping = -math.inf
    while True:
        try:
            close_old_connections()
            if found := recover_orphans():
                logger.warning("enqueued %d import job(s) whose worker was gone", found)
            # The periodic clean-up (orphaned uploads, old form tokens) as a task:
            # whichever worker takes it runs it, with the backend's own retries.
            if time.monotonic() - last_housekeeping >= settings.HOUSEKEEPING_SECONDS:
                housekeeping.enqueue()
                last_housekeeping = time.monotonic()
        except Exception:  # the database may be away a while; try again later
            logger.exception("the sweep for orphaned import jobs failed")
        finally:
            connections.close_all()  # this thread's own connections
        if stop.wait(every):
            return


class Worker(db_worker.Worker):
    def run(self) -> None:
        # Here, not in handle(): with --reload, run() is what runs in the child
        # process that does the work, and only there should the sweep run.
        stop = threading.Event()
        sweeper = threading.Thread(
            target=_sweep_forever,
            args=(stop, settings.IMPORT_SWEEP_SECONDS),
            name="import-sweep",
            daemon=True,
        )
        sweeper.start()
        try:
            super().run()
        finally:
            stop.set()


class Command(db_worker.Command):
    help = f"{db_worker.Command.help}, and take up import jobs whose worker died"

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # Any backend is accepted: with one that is not the database's (RQ, Celery),
        # this command only sweeps, and the backend's own worker runs the tasks.
        parser._option_string_actions["--backend"].type = str

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.TASK_WORKER_NICENESS:
            # Imports are background work: web requests on the same machine come first.
            os.nice(settings.TASK_WORKER_NICENESS)
        if not isinstance(task_backends[options["backend_name"]], DatabaseBackend):
            logger.warning("the task backend is not the database's: this worker only sweeps")
            _sweep_forever(threading.Event(), settings.IMPORT_SWEEP_SECONDS)
            return
        # The library's handle builds its Worker by name from its own module.
        original = db_worker.Worker
        db_worker.Worker = Worker  # type: ignore[misc]  # swapped for this call only
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]  # restored
