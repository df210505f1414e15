"""What the load test (bench/load.py) and the side-by-side figures (bench/peer.py)
share: the production server and a task worker started on a throwaway data folder
or PostgreSQL database, and a client over http.client (cookies, CSRF tokens,
timing) whose every request is recorded in Stats.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REQUEST_TIMEOUT = 30.0
# Signing up and logging in come before the timed loop (and hash a password).
SETUP_KINDS = frozenset({"sign-up", "sign-up form", "log-in", "log-in form"})


# --- the server ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTEST_VERSION", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        STRIDEWISE_DATA_DIR=str(data_dir),
        # Plain HTTP on loopback for this run only; a deployment keeps all three on.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LOG_LEVEL="WARNING",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


def start_task_worker(env: dict[str, str], log: Path) -> Server:
    """``manage.py db_worker``, as ``make serve`` starts it beside the web server."""
    command = [PYTHON, "manage.py", "db_worker", "--no-startup-delay"]
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    return Server(process, 0, log)


def start_server(env: dict[str, str], workers: int, log: Path) -> Server:
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "tracker.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--error-logfile",
        str(log),
    ]
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    server = Server(process, port, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server did not start:\n{log.read_text()}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/accounts/login/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise SystemExit("the server did not answer within 60 s")


# --- PostgreSQL: a throwaway database ---------------------------------------------------


def create_postgres_database(admin_url: str) -> tuple[str, str]:
    import psycopg

    name = f"stridewise_load_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    base = admin_url.rsplit("/", 1)[0]
    return name, f"{base}/{name}"


def drop_postgres_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- a runner: one browser ----------------------------------------------------------------


@dataclass
class Stats:
    """What every runner saw, merged under a lock."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    # (when the request started, status, seconds): to pick out a window of the run
    timeline: list[tuple[float, int, float]] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    server_errors: int = 0
    failed_writes: int = 0
    warnings_missing: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if kind not in SETUP_KINDS:
                self.timeline.append((time.monotonic() - seconds, status, seconds))
            self.statuses[status] += 1
            if status >= 500:
                self.server_errors += 1


def multipart(form: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body and its content type."""
    boundary = f"----load{secrets.token_hex(12)}"
    parts: list[bytes] = []
    for name, value in form.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """Cookies, CSRF tokens and timing over http.client; never follows redirects."""

    def __init__(self, port: int, stats: Stats) -> None:
        self.port = port
        self.stats = stats
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self,
        kind: str,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> tuple[int, str, str]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body: str | bytes | None = None
        if files is not None:
            body, headers["Content-Type"] = multipart(form or {}, files)
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        elif form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=REQUEST_TIMEOUT
                )
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            # A sync gunicorn worker closes the connection after each response;
            # anything else here is a real failure, counted and shown.
            self.connection = None
            with self.stats.lock:
                self.stats.errors[f"{kind}: {type(exc).__name__}"] += 1
            return 0, "", ""
        elapsed = time.perf_counter() - started
        self.stats.record(kind, response.status, elapsed)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, response.getheader("Location", ""), text

    def token(self, kind: str, path: str) -> str | None:
        status, _, page = self.request(kind, "GET", path)
        match = TOKEN.search(page) if status == 200 else None
        return match.group(1) if match else None

    def submit(
        self, kind: str, path: str, form: dict[str, str], fill: Callable[[], None] | None = None
    ) -> bool:
        """GET the form, fill it in (``fill`` pauses), POST it; True when the server
        confirmed with a redirect."""
        token = self.token(f"{kind} form", path)
        if token is None:
            return False
        if fill is not None:
            fill()
        status, _, _ = self.request(kind, "POST", path, {**form, "csrfmiddlewaretoken": token})
        return status == 302


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95 for the p95)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def big_sessions_csv(limit: int) -> tuple[bytes, int]:
    """A sessions.csv of at most ``limit`` bytes, as full as it fits: (file, rows).
    About 41 bytes a row, as in the finding (10 MB, 255,341 rows); dates over the
    last 20 years, none in the future."""
    rng = random.Random(12)
    header = b"date,activity,distance_km,duration_min,surface,terrain\n"
    first = date.today() - timedelta(days=20 * 365)
    rows: list[bytes] = []
    size = len(header)
    while True:
        day = first + timedelta(days=len(rows) % (20 * 365))
        km = rng.uniform(3, 21)
        # A runner's pace (4:30-7:30 /km): the importer refuses impossible ones.
        minutes = km * rng.uniform(4.5, 7.5)
        line = f"{day},run,{km:.3f},{minutes:.2f},asphalt,flat\n".encode()
        if size + len(line) > limit:
            return header + b"".join(rows), len(rows)
        rows.append(line)
        size += len(line)
