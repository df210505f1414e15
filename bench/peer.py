"""Side by side with FitTrackee: the figures of issue 15's table, for Stridewise.

Run from the repository root::

    python bench/peer.py                      # SQLite
    python bench/peer.py --pg postgres://postgres@127.0.0.1:5432/postgres
    python bench/peer.py --repeats 20         # quicker, less steady

It loads the same deterministic five-year history the peer was measured with
(1,802 workouts: 1,431 runs, 176 rides, 195 walks and hikes, with breaks of 3,
5 and 2 weeks; the same rows every run, dated back from yesterday) into a
throwaway SQLite database, and with ``--pg`` also into a throwaway PostgreSQL
database created beside the one the URL names (dropped at the end). For each, it
starts the production server as the peer was run: one sync gunicorn worker,
DEBUG off, plain HTTP on loopback. It logs in through the real form and times,
sequentially with keep-alive asked for (a sync worker closes the connection after
each answer, as the peer's did), WARMUP untimed requests then ``--repeats`` timed
ones, the median of:

- the dashboard at 12 weeks and at "All" (the peer: its weekly stats + profile).
  Seen again with no write in between its charts come from the worker's cache,
  which is what these rows measure, as a runner reloading or switching ranges
  sees it; the first view after a write is bench/dashboard.py's "cold" column;
- throughput of the "All" dashboard with 4 connections for a few seconds (``wrk``
  when installed, else 4 Python threads);
- the session list's first page;
- creating one session (the POST, answered with its redirect), as creates a second;
- uploading a 3,600-point GPX until its session exists (following the redirects,
  polling the job's status if a worker were to run it);

and the worker's CPU per request of each (utime + stime from /proc/<pid>/stat,
before and after the timed requests) and its peak RSS after everything (VmHWM).
The peer's published figures are the reference column, with the ratio (how many
times faster or smaller Stridewise is; below 1: slower).

Only the standard library on the client side (http.client), so the figures are
the server's. The machine may be shared: compare the worker CPU column too.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import (
    ROOT,
    Browser,
    Server,
    Stats,
    create_postgres_database,
    drop_postgres_database,
    manage,
    server_env,
    start_server,
)

WARMUP = 5
REPEATS = 50
THROUGHPUT_SECONDS = 5
USERNAME = "peerrunner"
PASSWORD = "peer-bench-passphrase-2026"
CLOCK_TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
GPX_POINTS = 3600

# FitTrackee 1.3.6's figures from the issue (same machine, same method), and which
# way is better: "ms" lower, "/s" higher, "MiB" lower.
PEER = {
    "dashboard 12 weeks": (20.3, "ms"),
    "dashboard all (5 years)": (28.6, "ms"),
    "wrk -c4, dashboard all": (48.1, "/s"),
    "session list page 1": (30.9, "ms"),
    "create one session": (33.6, "/s"),
    "GPX upload, 3,600 points": (321.0, "ms"),
    "worker peak RSS": (197.0, "MiB"),
}

# The history: (runs, rides, walks and hikes), the breaks (weeks, starting on day).
COUNTS = {"run": 1431, "cycle": 176, "walk": 195}
BREAKS = ((300, 3), (900, 5), (1500, 2))
HISTORY_DAYS = 5 * 365 + 1
SEED = 15

LOAD_HISTORY = """
import json, sys
from datetime import date
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.db import transaction
from tracker import flagstore
from tracker.models import Session
rows, username, password = json.loads(sys.stdin.read())
with transaction.atomic():
    user = get_user_model().objects.create_user(username, password=password)
    Session.objects.bulk_create(
        [
            Session(user=user, date=date.fromisoformat(day), activity=activity,
                    distance_km=Decimal(km), duration_min=Decimal(minutes),
                    surface=surface, terrain=terrain)
            for day, activity, km, minutes, surface, terrain in rows
        ],
        batch_size=500,
    )
    flagstore.data_changed(user.pk)  # bulk_create sends no signal
print(Session.objects.filter(user=user).count())
"""


def history(end: date) -> list[tuple[str, str, str, str, str, str]]:
    """The 1,802 workouts, the same every run: a workout a day outside the breaks,
    a second one on a few days, the kinds shuffled with a fixed seed."""
    rng = random.Random(SEED)
    off = {start + d for start, weeks in BREAKS for d in range(weeks * 7)}
    days = [end - timedelta(days=n) for n in range(HISTORY_DAYS) if n not in off]
    total = sum(COUNTS.values())
    days += rng.sample(days, total - len(days))  # doubles
    kinds = [kind for kind, n in COUNTS.items() for _ in range(n)]
    rng.shuffle(kinds)
    rows = []
    for day, kind in zip(sorted(days), kinds, strict=True):
        if kind == "run":
            km, pace = rng.uniform(4, 21), rng.uniform(4.6, 6.6)
            surface, terrain = rng.choice(("asphalt", "trail", "track", "grass")), "flat"
        elif kind == "cycle":
            km, pace, surface, terrain = rng.uniform(15, 80), rng.uniform(1.8, 3.0), "", ""
        else:
            km, pace, surface, terrain = rng.uniform(3, 15), rng.uniform(10, 14), "", "hilly"
        rows.append((day.isoformat(), kind, f"{km:.2f}", f"{km * pace:.1f}", surface, terrain))
    return rows


def gpx(start: datetime, points: int = GPX_POINTS) -> bytes:
    """A run of ``points`` one-second track points with elevation and heart rate."""
    body = "".join(
        f'<trkpt lat="{47.6 + i * 0.00003:.6f}" lon="{-122.3 + i * 0.00001:.6f}">'
        f"<ele>{20 + (i % 60) / 10:.1f}</ele>"
        f"<time>{start + timedelta(seconds=i):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="peer-bench" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
        f"<trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


# --- the worker process ------------------------------------------------------------------


def worker_pid(server: Server) -> int:
    path = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        children = path.read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise SystemExit("gunicorn started no worker")


def cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * CLOCK_TICK_MS  # utime, stime


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- the figures ---------------------------------------------------------------------------


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    cpu_ms: float | None = None  # the worker's CPU per request


def timed(
    browser: Browser, pid: int, repeats: int, one: Callable[[], float | None]
) -> tuple[float, float]:
    """Median wall ms of ``one()`` over ``repeats`` after WARMUP, and the worker's
    CPU ms per call over the timed ones. A ``one`` that has untimed steps of its own
    (fetching a form first) returns the ms of its timed part and counts the CPU of
    that part in ``Timer.cpu``."""
    for _ in range(WARMUP):
        one()
    samples = []
    Timer.cpu = 0.0
    cpu = cpu_ms(pid)
    for _ in range(repeats):
        began = time.perf_counter()
        part = one()
        samples.append((time.perf_counter() - began) * 1000 if part is None else part)
    spent = Timer.cpu if Timer.cpu else cpu_ms(pid) - cpu
    return statistics.median(samples), spent / repeats


class Timer:
    """The timed part of a request sequence, and the worker's CPU in it."""

    cpu = 0.0

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def __enter__(self) -> Timer:
        self.began, self.cpu_began = time.perf_counter(), cpu_ms(self.pid)
        return self

    def __exit__(self, *exc: object) -> None:
        self.ms = (time.perf_counter() - self.began) * 1000
        Timer.cpu += cpu_ms(self.pid) - self.cpu_began


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def form_fields(browser: Browser, path: str) -> dict[str, str]:
    """The hidden fields of the form at ``path`` (the CSRF token, the form's token)."""
    status, _, page = browser.request("form", "GET", path)
    if status != 200:
        raise SystemExit(f"GET {path} answered {status}")
    return dict(HIDDEN.findall(page))


def get(browser: Browser, path: str) -> None:
    status, _, _ = browser.request(path, "GET", path)
    if status != 200:
        raise SystemExit(f"GET {path} answered {status}")


def throughput(port: int, cookies: dict[str, str], path: str) -> float:
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    url = f"http://127.0.0.1:{port}{path}"
    if shutil.which("wrk"):
        done = subprocess.run(
            ["wrk", "-t2", "-c4", f"-d{THROUGHPUT_SECONDS}s", "-H", f"Cookie: {cookie}", url],
            capture_output=True,
            text=True,
            timeout=THROUGHPUT_SECONDS + 30,
        )
        if "Non-2xx" in done.stdout:
            raise SystemExit(f"wrk saw errors:\n{done.stdout}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))
    # Four keep-alive clients in threads, for the same few seconds.
    counts = [0] * 4
    deadline = time.monotonic() + THROUGHPUT_SECONDS

    def client(n: int) -> None:
        browser = Browser(port, Stats())
        browser.cookies = dict(cookies)
        while time.monotonic() < deadline:
            if browser.request("wrk", "GET", path)[0] == 200:
                counts[n] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / THROUGHPUT_SECONDS


def measure(port: int, pid: int, repeats: int) -> list[Figure]:
    browser = Browser(port, Stats())
    if not browser.submit(
        "log-in", "/accounts/login/", {"username": USERNAME, "password": PASSWORD}
    ):
        raise SystemExit("log-in failed")
    figures = []
    Timer.cpu = 0.0
    for name, path in (
        ("dashboard 12 weeks", "/dashboard/?range=12w"),
        ("dashboard all (5 years)", "/dashboard/?range=all"),
    ):
        median, cpu = timed(browser, pid, repeats, lambda path=path: get(browser, path))
        figures.append(Figure(name, median, "ms", cpu))
    cpu = cpu_ms(pid)
    rate = throughput(port, browser.cookies, "/dashboard/?range=all")
    served = rate * THROUGHPUT_SECONDS
    figures.append(Figure("wrk -c4, dashboard all", rate, "/s", (cpu_ms(pid) - cpu) / served))
    median, cpu = timed(browser, pid, repeats, lambda: get(browser, "/sessions/"))
    figures.append(Figure("session list page 1", median, "ms", cpu))

    rng = random.Random(SEED)

    def create() -> float:
        # The form first (untimed): each carries a one-time token against double posts.
        km = rng.uniform(3, 21)
        form = form_fields(browser, "/sessions/add/") | {
            "date": (date.today() - timedelta(days=rng.randrange(0, 60))).isoformat(),
            "activity": "run",
            "distance": f"{km:.2f}",
            "duration_min": f"{km * rng.uniform(4.6, 6.6):.1f}",
            "surface": "asphalt",
            "terrain": "flat",
            "stopped": "unknown",
        }
        with Timer(pid) as timer:
            status, _, page = browser.request("create", "POST", "/sessions/add/", form)
        if status != 302:
            errors = [
                re.sub(r"<[^>]+>|\s+", " ", m)[:200]
                for m in re.findall(
                    r'(?s)class="[^"]*(?:invalid-feedback|alert)[^"]*"[^>]*>(.*?)</', page
                )
            ]
            raise SystemExit(f"creating a session answered {status}: {errors}")
        return timer.ms

    median, cpu = timed(browser, pid, repeats, create)
    figures.append(Figure("create one session", 1000 / median, "/s", cpu))

    uploads = iter(range(10_000))

    def upload() -> float:
        # A new start time each: the same run twice would be a duplicate, no session.
        start = datetime(2020, 1, 1, 6, tzinfo=UTC) + timedelta(hours=next(uploads))
        form = form_fields(browser, "/import/")
        files = {"files": (f"run-{start:%Y%m%d%H}.gpx", gpx(start))}
        with Timer(pid) as timer:
            status, where, _ = browser.request("gpx", "POST", "/import/files/", form, files)
            if status != 302:
                raise SystemExit(f"the GPX upload answered {status}")
            while "/details/" not in where:  # a worker runs it: poll until it is done
                job = re.search(r"/import/jobs/(\d+)/", where)
                if job is None:
                    raise SystemExit(f"the upload went to {where}")
                _, _, text = browser.request("gpx", "GET", f"/import/jobs/{job[1]}/status/")
                if '"finished": true' in text:
                    break
                time.sleep(0.05)
            get(browser, where)  # the page showing the new session
        return timer.ms

    median, cpu = timed(browser, pid, max(10, repeats // 5), upload)
    figures.append(Figure("GPX upload, 3,600 points", median, "ms", cpu))
    figures.append(Figure("worker peak RSS", peak_rss_mib(pid), "MiB"))
    return figures


def run_on(label: str, env: dict[str, str], data_dir: Path, repeats: int) -> list[Figure]:
    print(f"{label}: migrate, collectstatic, load the history...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    import json

    rows = history(date.today() - timedelta(days=1))
    loaded = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", LOAD_HISTORY],
        cwd=ROOT,
        env=env,
        input=json.dumps([rows, USERNAME, PASSWORD]),
        capture_output=True,
        text=True,
    )
    if loaded.returncode != 0:
        raise SystemExit(f"loading the history failed:\n{loaded.stderr}")
    print(f"{label}: {loaded.stdout.strip()} workouts loaded; timing...", flush=True)
    server = start_server(env, 1, data_dir / f"server-{label}.log")
    try:
        return measure(server.port, worker_pid(server), repeats)
    finally:
        server.stop()


def ratio(figure: Figure) -> float:
    peer, unit = PEER[figure.name]
    return figure.value / peer if unit == "/s" else peer / figure.value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", help="a PostgreSQL URL to create the throwaway database beside")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    options = parser.parse_args()

    results: dict[str, list[Figure]] = {}
    data_dir = Path(tempfile.mkdtemp(prefix="stridewise-peer-"))
    pg_name = None
    try:
        env = server_env(data_dir / "sqlite", None)
        (data_dir / "sqlite").mkdir()
        results["SQLite"] = run_on("SQLite", env, data_dir, options.repeats)
        if options.pg:
            pg_name, url = create_postgres_database(options.pg)
            (data_dir / "pg").mkdir()
            env = server_env(data_dir / "pg", url)
            results["PostgreSQL"] = run_on("PostgreSQL", env, data_dir, options.repeats)
    finally:
        if pg_name:
            drop_postgres_database(options.pg, pg_name)
        shutil.rmtree(data_dir, ignore_errors=True)

    labels = list(results)
    print()
    print(
        f"median of {options.repeats} after {WARMUP} warm-up (uploads: "
        f"{max(10, options.repeats // 5)}); CPU: the worker's, per request; "
        f"ratio: times better than FitTrackee"
    )
    head = f"{'figure':<26} {'FitTrackee':>11}"
    for label in labels:
        head += f" | {label:>10} {'CPU ms':>6} {'ratio':>5}"
    print(head)
    for n, (name, (peer, unit)) in enumerate(PEER.items()):
        line = f"{name:<26} {peer:>8.1f} {unit:<3}"
        for label in labels:
            figure = results[label][n]
            cpu = "" if figure.cpu_ms is None else f"{figure.cpu_ms:6.1f}"
            line += f" | {figure.value:>6.1f} {unit:<3} {cpu:>6} {ratio(figure):5.2f}"
        print(line)
    print(f"load: {os.getloadavg()[0]:.1f} (1-minute load average, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
