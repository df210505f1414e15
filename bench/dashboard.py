"""Time the dashboard at every range, and the warnings page, over demo logs of every length.

Run from the repository root: ``python bench/dashboard.py [--repeats N] [--load
effort] [--language en|ru|both]`` (``--load effort``: the load chart's session-load
view; ``--language``: the browser's language, both by default, taking turns, with
the Russian pages' CPU against the English ones'). It sets
up a throwaway SQLite database in a temporary folder (never the data folder, never
DATABASE_URL), seeds three runners with ``seed_demo`` (same seed, same end date, so
the same rows every time): three months, ten years, and ten years plus one session
dated 1900 (the earliest date the log accepts: "All" then spans 126 years). It
renders each runner's dashboard at every range through Django's test client, taking
turns, and prints for each: the median server time (wall and CPU), the CPU time
spent on the charts (reading their series and building figures and tables) and on
the rules (loading the log for advice and evaluating it), the number of SQL queries
and the size of the HTML. Then the size of the JavaScript the page loads. Then the
warnings page over three months, one, five and ten years of log (two more runners,
same seed), and the session list (a page with nothing but the urgent banner's
flags to work out) with the CPU time of the banner itself. On a busy machine
compare CPU times: wall time then also counts waiting for other processes.

What should hold: the same number of queries at every range and history length,
every page under 150 KB of HTML, the ten-year dashboard under 30 ms of CPU at every
range with its charts not cached (the first view after a write; "cold CPU"),
and under 1.5 MB of JavaScript before compression; the warnings page as fast over
ten years as over three months (ratio under 1.3), with the same number of queries.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = 7
END = "2026-06-28"  # a fixed "today", so every run sees the same log and ranges
NOW = datetime(2026, 6, 28, 17, 0, tzinfo=UTC)
WARMUP = 3
REPEATS = 20
HISTORIES = (
    ("3 months", "bench3m", 0.25),
    ("10 years", "bench10y", 10.0),
    ("10 y + 1900", "bench1900", 10.0),
)
# The warnings page and the banner: the dashboard's runners and two more lengths.
PAGE_HISTORIES = (
    ("3 months", "bench3m", 0.25),
    ("1 year", "bench1y", 1.0),
    ("5 years", "bench5y", 5.0),
    ("10 years", "bench10y", 10.0),
)
WARNINGS_RATIO_MAX = 1.3  # ten years against three months
ANCIENT = date(1900, 1, 1)
BUDGET_MS = 30.0  # the ten-year dashboard, at every range
MAX_HTML_BYTES = 150 * 1024
MAX_JS_BYTES = 1_500_000


def _setup(data_dir: str) -> None:
    # Before Django reads its settings: a private database and production-like flags.
    os.environ["STRIDEWISE_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(data_dir) / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "false"
    os.environ["STATIC_MANIFEST"] = "false"  # no collectstatic needed to render
    # The test client's host name: a deployment's ALLOWED_HOSTS never lists it.
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the test client's host
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
    charts_ms: list[float] = field(default_factory=list)
    rules_ms: list[float] = field(default_factory=list)
    banner_ms: list[float] = field(default_factory=list)
    queries: int = 0
    html_bytes: int = 0
    # The same page with its charts not cached (the first view after a write).
    cold_cpu_ms: list[float] = field(default_factory=list)
    cold_queries: int = 0


class _Stopwatch:
    """CPU time spent inside some functions, by part, during one request: like the
    CPU column, it does not count waiting for other processes on a busy machine."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._depth: dict[str, int] = {}

    def wrap(self, part: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            depth = self._depth.get(part, 0)
            self._depth[part] = depth + 1
            began = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._depth[part] = depth
                if depth == 0:  # a part calling itself is counted once
                    spent = (time.process_time() - began) * 1000
                    self.spent[part] = self.spent.get(part, 0.0) + spent

        return timed


def _parts() -> dict[str, list[tuple[Any, str]]]:
    """Where each part's time goes: (object, attribute) pairs to wrap, where they
    exist (the chart code's entry points have moved between versions)."""
    import tracker.context_processors
    import tracker.flagging
    import tracker.selectors
    import tracker.views.dashboard

    charts: list[tuple[Any, str]] = [
        (tracker.views.dashboard, "dashboard_cards"),  # the charts package
        (tracker.selectors, "dashboard_series"),  # before it: series, then figures
    ]
    if not hasattr(tracker.views.dashboard, "dashboard_cards"):
        import tracker.charts

        charts.append((tracker.charts, "dashboard_charts"))
    # Evaluating, or reading the stored evaluation (where the store exists).
    rules: list[tuple[Any, str]] = [
        (tracker.flagging, name) for name in ("evaluated", "stored", "active_unseen")
    ]
    try:
        import tracker.flagstore

        rules += [(tracker.flagstore, name) for name in ("history", "ending_since", "flags_of")]
    except ImportError:
        pass
    # The layout's urgent banner, as the context processor calls it.
    banner = [(tracker.context_processors, "urgent_banner")]
    return {"charts": charts, "rules": rules, "banner": banner}


@contextmanager
def _timed_parts(watch: _Stopwatch) -> Iterator[None]:
    patches = [
        mock.patch.object(owner, name, watch.wrap(part, getattr(owner, name)))
        for part, places in _parts().items()
        for owner, name in places
        if hasattr(owner, name)
    ]
    for patch in patches:
        patch.start()
    try:
        yield
    finally:
        for patch in reversed(patches):
            patch.stop()


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def _range_keys() -> list[str]:
    from tracker.charts import RANGE_OPTIONS

    return [option.key for option in RANGE_OPTIONS]


def _time_renders(
    usernames: list[str],
    ranges: list[str],
    repeats: int,
    load: str = "distance",
    languages: tuple[str, ...] = ("en",),
) -> dict:
    """Render each runner's dashboard at each range in turn, ``repeats`` times after
    WARMUP rounds.

    Taking turns gives every page the same share of whatever else the machine is
    doing, so their ratios mean something even on a busy machine. CPU time is this
    process's (SQLite runs in it too): it does not count time spent waiting for other
    processes, which wall-clock time does.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # A client per runner and language: the browser's Accept-Language picks the page's
    # language (the demo runners' profiles leave it to the browser).
    clients = {}
    for username in usernames:
        for language in languages:
            client = Client(headers={"accept-language": language})
            client.force_login(get_user_model().objects.get(username=username))
            clients[(username, language)] = client
    out = {(u, lang, r): Timings() for u in usernames for lang in languages for r in ranges}
    try:
        from django.core.cache import caches

        charts_cache = caches["charts"]
    except Exception:  # a version without the charts' cache: every render is cold
        charts_cache = None
    for i in range(WARMUP + repeats):
        for (username, language), client in clients.items():
            for key in ranges:
                timings = out[(username, language, key)]
                # First with the charts' cache emptied (the first view after a write),
                # then as seen again: the figures' columns.
                if charts_cache is not None:
                    charts_cache.clear()
                    # Django keeps the last 9,000 queries: past them a capture counted
                    # nothing (a column of zeros), so each capture starts from an empty log.
                    reset_queries()
                    with CaptureQueriesContext(connection) as captured:
                        cpu = time.process_time()
                        response = client.get("/dashboard/", {"range": key}, secure=True)
                        cpu = (time.process_time() - cpu) * 1000
                    assert response.status_code == 200, response.status_code
                    if i >= WARMUP:
                        timings.cold_cpu_ms.append(cpu)
                    timings.cold_queries = len(captured)
                watch = _Stopwatch()
                reset_queries()
                with CaptureQueriesContext(connection) as captured, _timed_parts(watch):
                    wall, cpu = time.perf_counter(), time.process_time()
                    params = {"range": key} | ({} if load == "distance" else {"load": load})
                    response = client.get("/dashboard/", params, secure=True)
                    cpu = (time.process_time() - cpu) * 1000
                    wall = (time.perf_counter() - wall) * 1000
                assert response.status_code == 200, response.status_code
                assert f'<html lang="{language}"'.encode() in response.content, language
                if i >= WARMUP:
                    timings.wall_ms.append(wall)
                    timings.cpu_ms.append(cpu)
                    timings.charts_ms.append(watch.spent.get("charts", 0.0))
                    timings.rules_ms.append(watch.spent.get("rules", 0.0))
                timings.queries = len(captured)
                timings.html_bytes = len(response.content)
    return out


def _time_pages(usernames: list[str], paths: list[str], repeats: int) -> dict:
    """Render ``paths`` for each runner in turn, as ``_time_renders`` does."""
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for username in usernames:
        clients[username] = Client()
        clients[username].force_login(get_user_model().objects.get(username=username))
    out = {(u, p): Timings() for u in usernames for p in paths}
    for i in range(WARMUP + repeats):
        for username, client in clients.items():
            for path in paths:
                watch = _Stopwatch()
                reset_queries()
                with CaptureQueriesContext(connection) as captured, _timed_parts(watch):
                    wall, cpu = time.perf_counter(), time.process_time()
                    response = client.get(path, secure=True)
                    cpu = (time.process_time() - cpu) * 1000
                    wall = (time.perf_counter() - wall) * 1000
                assert response.status_code == 200, response.status_code
                timings = out[(username, path)]
                if i >= WARMUP:
                    timings.wall_ms.append(wall)
                    timings.cpu_ms.append(cpu)
                    timings.rules_ms.append(watch.spent.get("rules", 0.0))
                    timings.banner_ms.append(watch.spent.get("banner", 0.0))
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


def _seed() -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from tracker.models import Activity, Session

    seeded = {username: years for _label, username, years in (*HISTORIES, *PAGE_HISTORIES)}
    for username, years in seeded.items():
        call_command(
            "seed_demo", user=username, years=years, seed=SEED, end=END, stdout=io.StringIO()
        )
    # One run logged with a mistyped year: the log then reaches back to 1900.
    user = get_user_model().objects.get(username=HISTORIES[2][1])
    Session.objects.create(
        user=user,
        date=ANCIENT,
        activity=Activity.RUN,
        distance_km=Decimal("5.0"),
        duration_min=Decimal("30"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument(
        "--load", choices=("distance", "effort"), default="distance", help="the load chart's view"
    )
    parser.add_argument(
        "--language",
        choices=("en", "ru", "both"),
        default="both",
        help="the browser's language (both: the two in turns, and their ratio)",
    )
    args = parser.parse_args()
    languages = ("en", "ru") if args.language == "both" else (args.language,)
    with tempfile.TemporaryDirectory(prefix="stridewise-bench-") as data_dir:
        _setup(data_dir)
        from tracker.models import Session, Soreness

        # The clock stands still on END: seed_demo's log and the page's ranges are then
        # the same on every run, whatever the date.
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            _seed()
            ranges = _range_keys()
            usernames = [username for _label, username, _years in HISTORIES]
            timings = _time_renders(usernames, ranges, args.repeats, args.load, languages)
            scripts = _page_scripts()
            page_users = [username for _label, username, _years in PAGE_HISTORIES]
            pages = _time_pages(page_users, ["/warnings/", "/sessions/"], args.repeats)

        print(
            f"median of {args.repeats} renders each, the load chart showing {args.load}; charts "
            "and rules: CPU ms in the charts' reads and figures, and in advice's input and "
            "evaluation"
        )
        print(
            "cold: the same page with its charts' cache emptied first (the first view "
            "after a write); the other columns: seen again, no write in between"
        )
        print(
            f"{'history':>11} {'lang':>4} {'range':>5} {'wall ms':>8} {'CPU ms':>7} "
            f"{'charts':>7} {'rules':>6} {'queries':>7} {'HTML KB':>8} {'cold CPU':>8} "
            f"{'cold q':>6}"
        )
        for label, username, _years in HISTORIES:
            sessions = Session.objects.filter(user__username=username).count()
            checkins = Soreness.objects.filter(user__username=username).count()
            for language in languages:
                for key in ranges:
                    t = timings[(username, language, key)]
                    print(
                        f"{label:>11} {language:>4} {key:>5} {statistics.median(t.wall_ms):8.1f} "
                        f"{statistics.median(t.cpu_ms):7.1f} "
                        f"{statistics.median(t.charts_ms):7.1f} "
                        f"{statistics.median(t.rules_ms):6.1f} {t.queries:7d} "
                        f"{t.html_bytes / 1024:8.1f} {_median(t.cold_cpu_ms):8.1f} "
                        f"{t.cold_queries:6d}"
                    )
            print(f"{'':>11} ({sessions} sessions, {checkins} check-ins)")
        ru_ratio: float | None = None
        if len(languages) == 2:
            # The bar: a Russian page within 5% of the English one (CPU, seen
            # again and not cached; the median over every history and range).
            ratios = [
                statistics.median(timings[(u, "ru", key)].cpu_ms)
                / statistics.median(timings[(u, "en", key)].cpu_ms)
                for _label, u, _years in HISTORIES
                for key in ranges
            ]
            cold_ratios = [
                _median(timings[(u, "ru", key)].cold_cpu_ms)
                / (_median(timings[(u, "en", key)].cold_cpu_ms) or 1.0)
                for _label, u, _years in HISTORIES
                for key in ranges
            ]
            ru_ratio = statistics.median(ratios)
            print(
                f"ru / en CPU: median {statistics.median(ratios):.3f} (range "
                f"{min(ratios):.3f}-{max(ratios):.3f}); not cached: median "
                f"{statistics.median(cold_ratios):.3f} (range {min(cold_ratios):.3f}-"
                f"{max(cold_ratios):.3f})"
            )
        print(f"load: {os.getloadavg()[0]:.1f} (1-minute load average, {os.cpu_count()} CPUs)")

        total = sum(size for _, size in scripts)
        print(f"JavaScript: {total:,} bytes uncompressed")
        for src, size in scripts:
            print(f"    {size:>10,}  {src}")
        counts = {t.queries for t in timings.values()}
        cold_counts = {t.cold_queries for t in timings.values()}
        # CPU, not wall: on a shared machine wall time counts waiting for others. The
        # charts not cached: what the first view after a write costs.
        ten_years = [
            _median(timings[(HISTORIES[1][1], language, key)].cold_cpu_ms)
            or statistics.median(timings[(HISTORIES[1][1], language, key)].cpu_ms)
            for language in languages
            for key in ranges
        ]
        largest = max(t.html_bytes for t in timings.values())
        verdicts = [
            (f"same number of queries everywhere ({sorted(counts)})", len(counts) == 1),
            (
                f"same number of queries everywhere, not cached ({sorted(cold_counts)})",
                len(cold_counts) == 1,
            ),
            (
                f"10 years under {BUDGET_MS:.0f} ms of CPU at every range, not cached "
                f"(slowest {max(ten_years):.1f})",
                max(ten_years) < BUDGET_MS,
            ),
            (
                f"every page under {MAX_HTML_BYTES // 1024} KB of HTML "
                f"(largest {largest / 1024:.0f} KB)",
                largest < MAX_HTML_BYTES,
            ),
            (f"JavaScript under {MAX_JS_BYTES / 1e6:.1f} MB", total < MAX_JS_BYTES),
        ]
        if ru_ratio is not None:
            verdicts.append(
                (
                    f"Russian pages within 5% of the English (CPU ratio {ru_ratio:.3f})",
                    ru_ratio < 1.05,
                )
            )
        print()
        print(
            "rules: CPU ms in advice's input and evaluation, or in reading stored flags; "
            "banner: in the urgent banner's flags"
        )
        print(
            f"{'history':>11} {'page':>10} {'wall ms':>8} {'CPU ms':>7} {'rules':>6} "
            f"{'banner':>6} {'queries':>7} {'HTML KB':>8}"
        )
        for label, username, _years in PAGE_HISTORIES:
            for path in ("/warnings/", "/sessions/"):
                t = pages[(username, path)]
                print(
                    f"{label:>11} {path:>10} {statistics.median(t.wall_ms):8.1f} "
                    f"{statistics.median(t.cpu_ms):7.1f} {statistics.median(t.rules_ms):6.1f} "
                    f"{statistics.median(t.banner_ms):6.1f} {t.queries:7d} "
                    f"{t.html_bytes / 1024:8.1f}"
                )
        short, long = (
            statistics.median(pages[(PAGE_HISTORIES[i][1], "/warnings/")].wall_ms) for i in (0, -1)
        )
        warning_queries = {pages[(u, "/warnings/")].queries for u in page_users}
        verdicts += [
            (
                f"warnings page 10 years / 3 months under {WARNINGS_RATIO_MAX} "
                f"({long / short:.2f})",
                long / short < WARNINGS_RATIO_MAX,
            ),
            (
                f"warnings page: same number of queries at every length "
                f"({sorted(warning_queries)})",
                len(warning_queries) == 1,
            ),
        ]
        for what, ok in verdicts:
            print(f"{'ok  ' if ok else 'FAIL'} {what}")


if __name__ == "__main__":
    main()
