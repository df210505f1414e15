"""Every limit an import checks, in one place.

Pure Python (no Django), so that the readers can use it. Each limit is a module
global read when it is used, never copied into another name at import time:
tests lower a limit by patching it here, and every check sees the new value.

Bytes are not the whole story: a 58 KB gzip can hold a million GPX points, and
a small FIT file forty thousand sessions. So reading is budgeted in work as
well: points per file, activities per file and per upload, bytes decompressed
across a whole export. Those an operator may want to change are read from the
environment (the names below, documented in the README); every refusal names
the limit it hit.
"""

from __future__ import annotations

import os

from advice.i18n import Text

MB = 1024 * 1024


def _setting(name: str, default: int) -> int:
    """A whole number from the environment, or the default."""
    value = os.environ.get(name, "").strip().replace("_", "")
    return int(value) if value else default


# One activity file (GPX, TCX, FIT), after decompression. A day-long 1 Hz GPX
# with heart rate is about 15 MB; FIT is far smaller.
MAX_FILE_BYTES = 25 * MB
# A Strava export as uploaded. A decade of GPS files compresses well below this.
MAX_ZIP_BYTES = 500 * MB
# Sum of a zip's members' declared sizes, and separately of the bytes actually
# decompressed while reading it: its members, and what gzipped members hold.
MAX_ZIP_UNCOMPRESSED_BYTES = _setting("IMPORT_MAX_EXPORT_UNCOMPRESSED_MB", 4096) * MB
MAX_ZIP_MEMBERS = 100_000
# activities.csv for tens of thousands of activities stays far below this.
MAX_STRAVA_CSV_BYTES = 100 * MB
# Garmin Connect's activities CSV: a row is about 300 bytes.
MAX_GARMIN_CSV_BYTES = MAX_FILE_BYTES

# One web upload of activity files and exports, all of them together: a Strava
# export may be as large as MAX_ZIP_BYTES on its own.
MAX_UPLOAD_BYTES = MAX_ZIP_BYTES
# A zip's central directory and the form fields ride along with the files.
UPLOAD_OVERHEAD_BYTES = MB
# The number of files in one upload is Django's DATA_UPLOAD_MAX_NUMBER_FILES
# (settings), which refuses a larger request before any view runs.

# One native CSV file (shoes.csv, sessions.csv, soreness.csv) on the web.
MAX_CSV_FILE_BYTES = 10 * MB

# Track points (GPX trkpt/rtept/wpt, TCX Trackpoint, FIT record) in one file.
# A day of recording at one point a second is 86,400; a 48-hour ultra-race twice
# that. The parse stops at the first point over the limit.
MAX_POINTS_PER_FILE = _setting("IMPORT_MAX_POINTS_PER_FILE", 200_000)
# Activities in one file: a multisport FIT holds a handful, a TCX history
# exported from Garmin Training Center a few hundred.
MAX_ACTIVITIES_PER_FILE = _setting("IMPORT_MAX_ACTIVITIES_PER_FILE", 1_000)
# Activities in one uploaded file (a Strava export's rows, a Garmin CSV's): a
# decade of daily training with two sessions a day is under 8,000.
MAX_ACTIVITIES_PER_UPLOAD = _setting("IMPORT_MAX_ACTIVITIES_PER_UPLOAD", 50_000)
# Imports one runner may have waiting or running at once; more are refused at
# upload with a message, so one runner cannot fill the task queue.
MAX_JOBS_PER_RUNNER = _setting("IMPORT_MAX_JOBS_PER_RUNNER", 2)
# Uploads this small are run within the request, and the runner lands on the
# result at once instead of a page that polls a worker: one GPX, TCX or FIT file
# (not compressed: a small .gz can inflate a thousandfold), or native CSV files
# all together. Larger ones go to a task worker, with a progress page.
INLINE_IMPORT_MAX_BYTES = 512 * 1024  # a 2-hour GPX with heart rate is about this
INLINE_CSV_MAX_BYTES = 64 * 1024  # about 1,500 sessions: checked in about 0.1 s

# Reading is done in pieces of this size, so that a limit is checked as the
# bytes come rather than after all of them are in memory.
READ_CHUNK_BYTES = 256 * 1024


def format_count(count: int) -> str:
    """ "200,000": a count as a runner reads it."""
    return f"{count:,}"


def format_limit(limit: int) -> Text:
    """ "25 MB" for a byte limit: whole MB or KB when it is one, else bytes. A Text
    (the readers' refusals carry it; a page shows it with ``translated``): Russian
    writes "25 МБ"."""
    if limit >= MB and limit % MB == 0:
        return Text("{count} MB", count=limit // MB)
    if limit >= 1024 and limit % 1024 == 0:
        return Text("{count} KB", count=limit // 1024)
    return Text("{count} bytes", count=limit)
