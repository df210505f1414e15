"""The native CSV contract (CONTRACT.md): shoes.csv, sessions.csv and soreness.csv.

    columns.py  each file's columns: how a cell reads and is written; the log
                read back as contract values
    read.py     one file -> rows, every bad cell reported as FILE:LINE: column: ...
    plan.py     plan_import (check, work out what is new) and apply_import (write)
    export.py   the log as the three files, and as the download zip
    preview.py  the web's preview, kept in an ImportJob until the runner confirms

The ``import_csv``/``export_csv`` commands and the web pages all go through here.
"""

from __future__ import annotations

from .columns import (
    COLUMNS,
    FILE_KINDS,
    FILE_NAMES,
    SESSIONS,
    SHOES,
    SORENESS,
    CellError,
    Column,
    ImportRejected,
    decimal_between,
    guard_formula,
    integer_between,
    render_decimal,
    unguard_formula,
)
from .export import export_rows, export_zip
from .plan import ImportPlan, ImportResult, apply_import, plan_import

__all__ = [
    "COLUMNS",
    "FILE_KINDS",
    "FILE_NAMES",
    "SESSIONS",
    "SHOES",
    "SORENESS",
    "CellError",
    "Column",
    "ImportPlan",
    "ImportRejected",
    "ImportResult",
    "apply_import",
    "decimal_between",
    "export_rows",
    "export_zip",
    "guard_formula",
    "integer_between",
    "plan_import",
    "render_decimal",
    "unguard_formula",
]
