"""The task worker keeps its database connection as a web worker does (README:
CONN_MAX_AGE, CONN_HEALTH_CHECKS): django-tasks-db's loop calls Django's
close_old_connections() around each look for work, which closes a connection only
once it is older than CONN_MAX_AGE (or broken), and health-checks a kept one."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import connection

from tracker.management.commands.db_worker import Worker

pytestmark = pytest.mark.django_db(transaction=True)


def _look_for_work_once() -> None:
    # batch: the loop ends after a look that finds nothing to do.
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run()


def _loop_closes(max_age: int, health_checks: bool) -> tuple[int, int]:
    """How many times a worker loop closed the connection, and checked it."""
    connection.ensure_connection()
    with (
        mock.patch.dict(
            connection.settings_dict,
            {"CONN_MAX_AGE": max_age, "CONN_HEALTH_CHECKS": health_checks},
        ),
        mock.patch.object(connection, "close", wraps=connection.close) as close,
        mock.patch.object(connection, "is_usable", return_value=True) as usable,
        mock.patch("tracker.management.commands.db_worker._sweep_forever"),
    ):
        # What Django gives a connection opened under these settings (connect()):
        # 0 makes it obsolete at once, a positive age keeps it (the test is quicker
        # than 60 seconds), and the health check switch.
        connection.close_at = 0 if max_age == 0 else None
        connection.health_check_enabled = health_checks
        _look_for_work_once()
    return close.call_count, usable.call_count


def test_a_worker_keeps_a_live_connection_and_checks_it_first():
    closes, checks = _loop_closes(60, True)
    assert closes == 0
    assert checks >= 1  # tested before the look for work reused it


def test_with_conn_max_age_0_a_worker_opens_a_connection_a_look():
    closes, _checks = _loop_closes(0, True)
    assert closes >= 1
