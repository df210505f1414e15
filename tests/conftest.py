"""Small builders shared by the Django tests (tests/advice needs none of this), and
the one way a test reaches the shared documents beside the project."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

_names = itertools.count(1)

# The source documents and the reference activity files live beside the project
# (../shared: seeds/, realdata/), not in it: a clone has no copy. Tests that read them
# skip without them, with one summary line, except where STRIDEWISE_SHARED_REQUIRED
# is set (CI), where a missing file is a failure.
SHARED_DIR = Path(
    os.environ.get("STRIDEWISE_SHARED_DIR") or Path(__file__).resolve().parents[1].parent / "shared"
)
SHARED_MISSING = "shared document not found:"


def pytest_configure(config: pytest.Config) -> None:
    """The compiled catalogues (.mo, never committed) exist before any page renders:
    `make test` builds them at set-up, a bare `pytest` on a fresh clone here."""
    locale = Path(__file__).resolve().parents[1] / "tracker" / "locale"
    stale = [
        po
        for po in locale.glob("*/LC_MESSAGES/*.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        from tracker.management.commands.compile_catalogues import compile_catalogue

        for po in stale:
            compile_catalogue(po)


def _shared_path(relative: str) -> Path:
    path = SHARED_DIR / relative
    if not path.exists():
        if os.environ.get("STRIDEWISE_SHARED_REQUIRED"):
            pytest.fail(f"STRIDEWISE_SHARED_REQUIRED is set but {path} does not exist")
        pytest.skip(f"{SHARED_MISSING} {relative}")
    return path


@pytest.fixture(scope="session")
def shared_file() -> Callable[[str], Path]:
    """``shared_file("realdata/gpx/a.gpx")``, ``shared_file("seeds")``: the path in the
    shared documents, or the test is skipped (failed in CI) when it is not there."""
    return _shared_path


@pytest.fixture(scope="session")
def realdata_file(shared_file) -> Callable[[str], Path]:
    """``realdata_file("gpx/a.gpx")``: a reference activity file (``""``: the folder)."""
    return lambda relative: shared_file(f"realdata/{relative}".rstrip("/"))


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """One line naming what was missing, whatever the -r options (the skip reports
    reach this process from the xdist workers too)."""
    reasons = [
        str(report.longrepr[2])
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and SHARED_MISSING in str(report.longrepr[2])
    ]
    if reasons:
        missing = {reason.split(SHARED_MISSING, 1)[1].strip() for reason in reasons}
        terminalreporter.write_line(
            f"{len(reasons)} tests skipped: {_what_is_missing(missing)} not found; put the "
            "shared documents beside the project or point STRIDEWISE_SHARED_DIR at them "
            "(CI sets STRIDEWISE_SHARED_REQUIRED: there they are mandatory)",
            yellow=True,
        )


def _what_is_missing(missing: set[str]) -> str:
    """The missing folders whole ("realdata/"), else the first few files."""
    if not SHARED_DIR.is_dir():
        return f"the shared documents ({SHARED_DIR})"
    absent = sorted(
        {name.split("/", 1)[0] for name in missing} - {p.name for p in SHARED_DIR.iterdir()}
    )
    files = sorted(name for name in missing if name.split("/", 1)[0] not in absent)
    named = [f"{folder}/" for folder in absent] + files[:3]
    if len(files) > 3:
        named.append(f"{len(files) - 3} more files")
    return f"{', '.join(named)} in {SHARED_DIR}"


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Any:
    """A request in Russian leaves Russian active in the test's thread (Django
    activates a language per request and never resets it; each request of a
    server sets its own): the next test starts in the default language again."""
    yield
    from django.conf import settings

    if settings.configured:
        from django.utils import translation

        translation.deactivate()


@pytest.fixture
def make_user(django_user_model):
    """``make_user(units="mi", time_zone="Europe/Berlin")`` -> a runner with a profile."""

    def build(username: str | None = None, password: str = "a-long-passphrase-42", **profile: Any):
        from tracker.models import Profile

        name = username or f"runner{next(_names)}"
        user = django_user_model.objects.create_user(
            username=name, email=f"{name}@example.org", password=password
        )
        Profile.objects.create(user=user, **profile)
        return user

    return build


@pytest.fixture
def runner(make_user):
    return make_user("alice")


@pytest.fixture
def other_runner(make_user):
    return make_user("mallory")


@pytest.fixture
def client_for(client):
    """A test client logged in as the given runner."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def make_session():
    def build(user, **fields: Any):
        from tracker.models import Session

        values: dict[str, Any] = {
            "date": date(2026, 11, 1),
            "activity": "run",
            "distance_km": Decimal("5"),
        }
        values.update(fields)
        return Session.objects.create(user=user, **values)

    return build


@pytest.fixture
def make_shoe():
    def build(user, name: str | None = None, **fields: Any):
        from tracker.models import Shoe

        return Shoe.objects.create(user=user, name=name or f"Pair {next(_names)}", **fields)

    return build


@pytest.fixture
def make_soreness():
    def build(user, **fields: Any):
        from tracker.models import Soreness

        values: dict[str, Any] = {
            "date": date(2026, 11, 1),
            "area": "calf",
            "side": "left",
            "severity": 3,
        }
        values.update(fields)
        return Soreness.objects.create(user=user, **values)

    return build


@pytest.fixture(autouse=True)
def _no_charts_from_another_test() -> Any:
    """The dashboard's charts are cached by runner id and log version (per process,
    as a web worker keeps them). A test database rolled back hands the next test's
    runner the same id and version, so a test would read another's charts: each
    starts with none."""
    from django.conf import settings

    if settings.configured:
        from django.core.cache import caches

        caches["charts"].clear()
    yield


@pytest.fixture
def log_a_sore_calf(make_session, make_soreness):
    """``log_a_sore_calf(runner, first_note="")``: three weeks of 8.5 km runs on
    asphalt, then a left calf aching 4/10 for the six days up to yesterday (the
    clinician's report's case), the first check-in with ``first_note``."""

    def log(runner, first_note: str = ""):
        from datetime import timedelta
        from decimal import Decimal

        from tracker.models import Profile
        from tracker.services import runner_today

        today = runner_today(Profile.objects.get(user=runner))
        for back in range(30, 6, -2):
            make_session(
                runner,
                date=today - timedelta(days=back),
                distance_km=Decimal("8.5"),
                duration_min=Decimal(50),
                surface="asphalt",
            )
        for back in range(6, 0, -1):
            make_soreness(
                runner,
                date=today - timedelta(days=back),
                area="calf",
                side="left",
                severity=4,
                kind="aching",
                notes=first_note if back == 6 else "",
            )
        return runner

    return log
