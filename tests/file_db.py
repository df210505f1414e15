"""Child processes on a real SQLite file: the deployment's settings, not the suite's.

Used by the tests that need another process (killed imports, backups, production
checks, task workers). Imported by name, as pytest puts this folder on the path
(tests/ has no __init__.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANAGE = str(ROOT / "manage.py")
# DATABASE_URL would send it to the suite's PostgreSQL when CI runs the suite there;
# DJANGO_ALLOW_ASYNC_UNSAFE is the browser tests' own (tests/e2e/conftest.py).
DROPPED = {
    "PYTEST_VERSION",
    "PYTEST_CURRENT_TEST",
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
# How long a worker has to stop on SIGTERM (it finishes or drops its task) before
# it is killed.
WORKER_STOP_SECONDS = 10.0

# Starts the command in argv[2:] once the kernel has been told to SIGKILL it when
# its parent (the test process, pid argv[1]) dies, however that dies: a test
# process killed outright, as pytest-xdist does to a hung worker, then leaves no
# task worker behind. The setting survives exec (Linux's prctl(2)).
_DIE_WITH_PARENT = """
import ctypes, os, signal, sys
PR_SET_PDEATHSIG = 1
if sys.platform == "linux":
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
if os.getppid() != int(sys.argv[1]):
    sys.exit("the test process is gone already")
os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
"""


def file_db_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a process whose SQLite database lives in ``data_dir``."""
    env = {key: value for key, value in os.environ.items() if key not in DROPPED}
    env.update(
        STRIDEWISE_DATA_DIR=str(data_dir),
        SECRET_KEY="file-db-tests-" + "x" * 40,
        # The deployment's settings, not the suite's (tests/settings.py: relaxed
        # hashing, no throttling), which this process's environment names.
        DJANGO_SETTINGS_MODULE="tracker.settings",
    )
    env.update(extra)
    return env


def manage(
    data_dir: Path, *args: str, timeout: float = 120, **extra: str
) -> subprocess.CompletedProcess[str]:
    """``manage.py ARGS`` in a child process on the database in ``data_dir``."""
    return subprocess.run(
        [sys.executable, MANAGE, *args],
        env=file_db_env(data_dir, **extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A ``manage.py db_worker`` process (tracker's: with the sweep for orphaned
    jobs) that looks for tasks five times a second and dies with this process.
    Stop it with ``stop_worker`` in a ``finally``."""
    command = [MANAGE, "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"]
    return subprocess.Popen(
        [sys.executable, "-c", _DIE_WITH_PARENT, str(os.getpid()), *command],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """SIGTERM (the worker's graceful stop), then SIGKILL if it is still there."""
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
