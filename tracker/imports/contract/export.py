"""The runner's log as the five contract files, and as the download zip."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.auth.models import User

from .columns import (
    FILE_NAMES,
    OSTRC,
    OSTRC_COLUMNS,
    SESSION_COLUMNS,
    SESSIONS,
    SHOE_COLUMNS,
    SHOES,
    SORENESS,
    SORENESS_COLUMNS,
    WELLNESS,
    WELLNESS_COLUMNS,
    Column,
    contract_values,
    ostrc_of,
    sessions_of,
    shoes_of,
    soreness_of,
    wellness_of,
)


def _write(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, which spreadsheets expect
    writer.writerow(column.name for column in columns)
    for values in rows:
        writer.writerow(
            "" if values[column.name] in (None, "") else column.render(values[column.name])
            for column in columns
        )
    return out.getvalue()


def export_rows(*, user: User) -> dict[str, str]:
    """The runner's log as the five contract files: ``{"shoes.csv": text, ...}``.

    Five queries in all. Rows come in a stable order (shoes by name, sessions and
    check-ins by date, then in the order they were logged), so importing the files
    into an empty account and exporting again gives the same texts.
    """
    return {
        FILE_NAMES[SHOES]: _write(SHOE_COLUMNS, contract_values(shoes_of(user))),
        FILE_NAMES[SESSIONS]: _write(SESSION_COLUMNS, contract_values(sessions_of(user))),
        FILE_NAMES[SORENESS]: _write(SORENESS_COLUMNS, contract_values(soreness_of(user))),
        FILE_NAMES[WELLNESS]: _write(WELLNESS_COLUMNS, contract_values(wellness_of(user))),
        FILE_NAMES[OSTRC]: _write(OSTRC_COLUMNS, contract_values(ostrc_of(user))),
    }


def export_zip(*, user: User) -> bytes:
    """The runner's whole log as a zip of the five contract files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in export_rows(user=user).items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()
