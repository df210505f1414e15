"""Time and peak memory of the crafted imports of issue 12.

Run from the repository root: ``python bench/import_budgets.py``. Each crafted
file is read in a fresh Python process, the way a task worker reads an upload
(the reader's steps, as a job takes them: tracker.imports.readers.read_steps),
and the script prints that process's wall (and CPU) time for the read and its peak
resident memory (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss after it ends),
with what became of the file. Budgets (issue 12): under 300 MB and 5 s each.

The files (made by tests/crafted_imports.py, in a temporary folder):

- million.gpx.gz: 1,000,000 points, no times, in a gzip of about 60 KB that
  inflates to 24 MB (under the 25 MB file limit);
- repeated.zip: a Strava export whose three rows name that same gzip;
- quadratic.fit: 10,000 sessions without their own heart rate over 100,000
  heart-rate records; refused by the limit of activities per file, so it is
  read a second time with that limit raised to 10,000 (IMPORT_MAX_ACTIVITIES_PER_FILE
  in the child's environment), to time the heart-rate matching itself;
- sessions.fit: 40,000 sessions.

No database and no Django: the readers are pure.
"""

from __future__ import annotations

import gzip
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

MEMORY_BUDGET_MB = 300
TIME_BUDGET_S = 5.0

# Run in the child: read one file as a job does, print seconds and outcomes.
CHILD = """
import sys, time
from collections import Counter
from pathlib import Path
sys.path.insert(0, {root!r})
from tracker.imports.readers import ReadContext, Upload, read_steps, reader_for
upload = Upload(Path({path!r}).name, Path({path!r}))
reader = reader_for(upload.base_name, upload.head())
started, cpu = time.perf_counter(), time.process_time()
outcomes = Counter()
last = ""
for step in read_steps(reader, upload, ReadContext()):
    for entry in step:
        outcomes["imported" if entry.activity else "refused"] += 1
        last = entry.refused or (entry.note and "imported: " + entry.note) or last
print(f"{{time.perf_counter() - started:.2f}} {{time.process_time() - cpu:.2f}}")
print(dict(outcomes))
print(last[:110])
"""


def crafted(folder: Path) -> list[Path]:
    from crafted_imports import fit, strava_export

    point = b'<trkpt lat="1" lon="1"/>'  # 24 bytes: 24 MB for a million
    million = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="crafted" '
        b'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>\n'
        b'<trkpt lat="46.0" lon="14.0"><time>2024-03-01T07:00:00Z</time></trkpt>\n'
        + point * 999_999
        + b"\n</trkseg></trk></gpx>\n"
    )
    gz = gzip.compress(million, compresslevel=9)
    files = {
        "million.gpx.gz": gz,
        "repeated.zip": strava_export(3, gz),
        "quadratic.fit": fit(sessions=10_000, records=100_000),
        "sessions.fit": fit(sessions=40_000, records=0),
    }
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


# (file, environment of the reading process) in the order printed.
RUNS: tuple[tuple[str, dict[str, str]], ...] = (
    ("million.gpx.gz", {}),
    ("repeated.zip", {}),
    ("quadratic.fit", {}),
    ("quadratic.fit", {"IMPORT_MAX_ACTIVITIES_PER_FILE": "10000"}),
    ("sessions.fit", {}),
)


def measure_one(path: Path) -> None:
    """Read one file in a child and print its time, its peak RSS and outcome.

    Run in a process of its own (``--one PATH``), whose only child is the
    reader: RUSAGE_CHILDREN's ru_maxrss (KB on Linux) is then that child's own
    peak, not the largest of every file read before it.
    """
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path))],
        capture_output=True,
        text=True,
        check=True,
    )
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    seconds, *outcome = done.stdout.splitlines()
    print(seconds)
    print(peak_kb / 1024)
    print("\n".join(outcome))


def measure(path: Path, env: dict[str, str]) -> tuple[str, float, float, list[str]]:
    """(seconds reading, wall and CPU; wall seconds; peak RSS in MB; what became of it)."""
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    seconds, peak_mb, *outcome = done.stdout.splitlines()
    wall, cpu = seconds.split()
    return f"{wall} s ({cpu} s CPU)", float(wall), float(peak_mb), outcome


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="stridewise-budgets-") as folder:
        crafted(Path(folder))
        print(f"budgets: {MEMORY_BUDGET_MB} MB peak RSS, {TIME_BUDGET_S:.0f} s per file")
        for name, env in RUNS:
            path = Path(folder) / name
            shown_time, seconds, peak_mb, outcome = measure(path, env)
            ok = seconds < TIME_BUDGET_S and peak_mb < MEMORY_BUDGET_MB
            shown = " ".join([name, *(f"{k}={v}" for k, v in env.items())])
            print(
                f"{shown}: {path.stat().st_size / 1024:.0f} KB, {shown_time}, "
                f"{peak_mb:.0f} MB peak RSS, {'within' if ok else 'OVER'} budget"
            )
            for line in outcome:
                print(f"    {line}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        measure_one(Path(sys.argv[2]))
    else:
        main()
