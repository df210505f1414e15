"""The periodic clean-up task. Every worker's sweep (manage.py db_worker) enqueues it
every HOUSEKEEPING_SECONDS; whichever worker takes it runs it. Running it twice, or
on two workers at once, deletes nothing more: each step only removes what nothing
needs any more."""

from __future__ import annotations

import logging

from django_tasks import task

from tracker.imports.sweep import sweep_orphaned_uploads
from tracker.writes import forget_old_tokens

logger = logging.getLogger(__name__)


@task()
def housekeeping() -> dict[str, int]:
    """Uploads no unfinished import owns; create-form tokens past their use."""
    done = {"uploads": sweep_orphaned_uploads(), "form_tokens": forget_old_tokens()}
    if done["uploads"]:
        logger.warning("deleted %d upload folder(s) that no import owned", done["uploads"])
    return done
