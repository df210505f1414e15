"""Run a web server and a task worker side by side, and stop both together.

    python -m tracker.with_worker WEB_COMMAND [ARG...]

Starts WEB_COMMAND and ``manage.py db_worker`` (with this interpreter), each in a
process group of its own. SIGINT (Ctrl+C) or SIGTERM to this script stops both:
SIGTERM first, which lets the worker finish or drop its task (an interrupted
import is taken up again by the next worker, see tracker/imports/jobs.py), then
SIGKILL for whatever is still there after STOP_SECONDS. When either process ends
by itself, the other is stopped too and this script exits with its status, so a
supervisor above (systemd, a container runtime) sees the failure.

The ``make run`` and ``make serve`` targets use it. It needs only the standard
library and imports nothing else of the app: the supervising process loads no
Django settings and opens no database, so it has nothing of its own to fail on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # where manage.py is
STOP_SECONDS = 10.0


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        try:
            process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main(web_command: list[str]) -> int:
    if not web_command:
        print(__doc__, file=sys.stderr)
        return 2
    worker_command = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-startup-delay"]
    stopping: list[int] = []

    def on_signal(signum: int, frame: object) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    # Own process groups: a Ctrl+C in the terminal reaches this script only, which
    # then stops both in order instead of both at once mid-write.
    web = subprocess.Popen(web_command, cwd=ROOT, start_new_session=True)
    worker = subprocess.Popen(worker_command, cwd=ROOT, start_new_session=True)
    print(f"with_worker: web pid {web.pid}, worker pid {worker.pid}", flush=True)
    processes = [web, worker]
    try:
        while not stopping:
            ended = [process for process in processes if process.poll() is not None]
            if ended:
                name = "web server" if ended[0] is web else "worker"
                print(f"with_worker: the {name} exited ({ended[0].returncode})", flush=True)
                _stop(processes)
                return ended[0].returncode or 1
            time.sleep(0.2)
    finally:
        _stop(processes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
