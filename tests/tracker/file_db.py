"""Child processes on a real SQLite file: the deployment's settings, not the suite's.

Used by the tests that need another process (killed imports, backups, production
checks). Imported by name, as pytest puts this folder on the path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANAGE = str(ROOT / "manage.py")
# PYTEST_VERSION would make the child think it is under test (relaxed settings);
# DATABASE_URL would send it to the suite's PostgreSQL when CI runs the suite there.
DROPPED = {"PYTEST_VERSION", "PYTEST_CURRENT_TEST", "DATABASE_URL"}


def file_db_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a process whose SQLite database lives in ``data_dir``."""
    env = {key: value for key, value in os.environ.items() if key not in DROPPED}
    env.update(STRIDEWISE_DATA_DIR=str(data_dir), SECRET_KEY="file-db-tests-" + "x" * 40)
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
