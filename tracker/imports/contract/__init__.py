"""The native CSV contract (docs/contract.md): shoes.csv, sessions.csv, soreness.csv,
wellness.csv and ostrc.csv.

    columns.py  each file's columns: how a cell reads and is written; the log
                read back as contract values
    read.py     one file -> rows, every bad cell reported as FILE:LINE: column: ...
    plan.py     plan_import (check, work out what is new), apply_import (write in
                one transaction) and apply_in_batches (in many short ones)
    export.py   the log as the five files, and as the download zip
    plan_questionnaires.py  planning wellness.csv and ostrc.csv (one a day / a week and area)
    preview.py  the web's preview and confirm: two tasks on an ImportJob

The ``import_csv``/``export_csv`` commands and the web pages all go through here.
"""

from __future__ import annotations

from .columns import (
    COLUMNS,
    FILE_KINDS,
    FILE_NAMES,
    OSTRC,
    SESSIONS,
    SHOES,
    SORENESS,
    WELLNESS,
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
from .plan import ImportPlan, ImportResult, apply_import, apply_in_batches, plan_import

__all__ = [
    "COLUMNS",
    "FILE_KINDS",
    "FILE_NAMES",
    "OSTRC",
    "SESSIONS",
    "SHOES",
    "SORENESS",
    "WELLNESS",
    "CellError",
    "Column",
    "ImportPlan",
    "ImportRejected",
    "ImportResult",
    "apply_import",
    "apply_in_batches",
    "decimal_between",
    "export_rows",
    "export_zip",
    "guard_formula",
    "integer_between",
    "plan_import",
    "render_decimal",
    "unguard_formula",
]
