"""Migration 0007 carries existing sessions over to the contract's fields: the
float elevation gain becomes whole metres of ascent, the local start time comes
from the stored instant in the runner's zone, and an average heart rate outside
30-250 is dropped."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("tracker", "0006_flag_store")]
AFTER = [("tracker", "0007_session_fields")]


@pytest.mark.django_db(transaction=True)
def test_existing_sessions_carry_over():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Profile = old.get_model("tracker", "Profile")
    Session = old.get_model("tracker", "Session")
    user = User.objects.create(username="old-timer")
    Profile.objects.create(user=user, time_zone="Europe/Berlin")
    start = datetime(2025, 6, 1, 5, 30, 42, tzinfo=UTC)
    kept = Session.objects.create(
        user=user,
        date=date(2025, 6, 1),
        activity="run",
        distance_km=5,
        started_at=start,
        elevation_gain_m=95.6,
        avg_hr=151,
    )
    dropped = Session.objects.create(
        user=user,
        date=date(2025, 6, 2),
        activity="run",
        distance_km=5,
        elevation_gain_m=20_000.0,
        avg_hr=255,
    )
    manual = Session.objects.create(user=user, date=date(2025, 6, 3), activity="strength")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("tracker", "Session")

    kept, dropped, manual = (new.objects.get(pk=s.pk) for s in (kept, dropped, manual))
    assert (kept.ascent_m, kept.start_time, kept.avg_hr) == (96, time(7, 30), 151)
    assert (dropped.ascent_m, dropped.start_time, dropped.avg_hr) == (None, None, None)
    assert (manual.ascent_m, manual.start_time, manual.avg_hr, manual.title) == (
        None,
        None,
        None,
        "",
    )
    assert not hasattr(kept, "elevation_gain_m")

    # And back: the ascent returns to elevation_gain_m.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("tracker", "Session")
    assert old.objects.get(pk=kept.pk).elevation_gain_m == 96.0
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
