"""Time the dashboard over a three-month and a ten-year demo log.

Run from the repository root: ``python bench/dashboard.py``. It sets up a
throwaway SQLite database in a temporary folder (never the data folder, never
DATABASE_URL), seeds two runners with ``seed_demo`` (same seed, same end date, so
the same rows every time), renders each one's dashboard (default range) through
Django's test client and prints the median server time and the number of SQL
queries, then the size of the JavaScript the page loads.

What should hold: equal query counts (a page's number of queries does not grow
with the history), a ten-year median under 1.5x the three-month one and under
80 ms, and under 1.5 MB of JavaScript before compression.
"""

from __future__ import annotations

import io
import os
import re
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = 7
END = "2026-06-28"  # a fixed "today", so every run sees the same log and ranges
NOW = datetime(2026, 6, 28, 17, 0, tzinfo=UTC)
WARMUP = 3
REPEATS = 40
HISTORIES = (("3 months", "bench3m", 0.25), ("10 years", "bench10y", 10.0))
BUDGET_MS = 80.0
MAX_RATIO = 1.5
MAX_JS_BYTES = 1_500_000


def _setup(data_dir: str) -> None:
    # Before Django reads its settings: a private database and production-like flags.
    os.environ["STRIDEWISE_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(data_dir) / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "false"
    os.environ["STATIC_MANIFEST"] = "false"  # no collectstatic needed to render
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    # whitenoise warns that STATIC_ROOT is missing: files come from the app folders here.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@dataclass
class Timings:
    wall_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    queries: int = 0
    html_bytes: int = 0


def _time_renders(usernames: list[str]) -> dict[str, Timings]:
    """Render each runner's dashboard in turn, REPEATS times after WARMUP rounds.

    Taking turns gives both histories the same share of whatever else the machine
    is doing, so their ratio means something even on a busy machine. CPU time is
    this process's (SQLite runs in it too): it does not count time spent waiting
    for other processes, which wall-clock time does.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for username in usernames:
        clients[username] = Client()
        clients[username].force_login(get_user_model().objects.get(username=username))
    out = {username: Timings() for username in usernames}
    for i in range(WARMUP + REPEATS):
        for username, client in clients.items():
            with CaptureQueriesContext(connection) as captured:
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get("/dashboard/", secure=True)
                cpu = (time.process_time() - cpu) * 1000
                wall = (time.perf_counter() - wall) * 1000
            assert response.status_code == 200, response.status_code
            timings = out[username]
            if i >= WARMUP:
                timings.wall_ms.append(wall)
                timings.cpu_ms.append(cpu)
            timings.queries = len(captured)
            timings.html_bytes = len(response.content)
    return out


def _page_scripts() -> list[tuple[str, int]]:
    """The scripts the dashboard loads, with their sizes on disk."""
    from django.contrib.auth import get_user_model
    from django.contrib.staticfiles import finders
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=HISTORIES[0][1]))
    html = client.get("/dashboard/", secure=True).content.decode()
    out = []
    for src in re.findall(r'<script[^>]+src="([^"]+)"', html):
        path = finders.find(src.removeprefix("/static/"))
        out.append((src, Path(path).stat().st_size if path else 0))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="stridewise-bench-") as data_dir:
        _setup(data_dir)
        from django.core.management import call_command

        from tracker.models import Session, Soreness

        # The clock stands still on END: seed_demo's log and the page's ranges are then
        # the same on every run, whatever the date.
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            for _label, username, years in HISTORIES:
                call_command(
                    "seed_demo",
                    user=username,
                    years=years,
                    seed=SEED,
                    end=END,
                    stdout=io.StringIO(),
                )
            timings = _time_renders([username for _label, username, _years in HISTORIES])
            scripts = _page_scripts()

        results = []
        for label, username, _years in HISTORIES:
            t = timings[username]
            sessions = Session.objects.filter(user__username=username).count()
            checkins = Soreness.objects.filter(user__username=username).count()
            wall, cpu = statistics.median(t.wall_ms), statistics.median(t.cpu_ms)
            results.append((label, wall, t.queries))
            print(
                f"{label:>9}: median {wall:5.1f} ms ({cpu:5.1f} ms CPU) over {REPEATS} renders, "
                f"{t.queries} queries, {t.html_bytes / 1024:.0f} kB of HTML "
                f"({sessions} sessions, {checkins} check-ins)"
            )
        print(f"     load: {os.getloadavg()[0]:.1f} (1-minute load average, {os.cpu_count()} CPUs)")

        (_, short, short_q), (_, long, long_q) = results
        ratio = long / short
        total = sum(size for _, size in scripts)
        print(f"    ratio: {ratio:.2f} (10 years / 3 months)")
        print(f"  queries: {'equal' if short_q == long_q else 'DIFFERENT'} ({short_q}, {long_q})")
        print(f"JavaScript: {total:,} bytes uncompressed")
        for src, size in scripts:
            print(f"    {size:>10,}  {src}")
        verdicts = [
            ("same number of queries", short_q == long_q),
            (f"10 years under {MAX_RATIO}x 3 months", ratio < MAX_RATIO),
            (f"10 years under {BUDGET_MS:.0f} ms", long < BUDGET_MS),
            (f"JavaScript under {MAX_JS_BYTES / 1e6:.1f} MB", total < MAX_JS_BYTES),
        ]
        for what, ok in verdicts:
            print(f"{'ok  ' if ok else 'FAIL'} {what}")


if __name__ == "__main__":
    main()
