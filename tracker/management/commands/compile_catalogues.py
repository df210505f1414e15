"""Compile the translation catalogues (.po) under LOCALE_PATHS into .mo files.

Django's own compilemessages calls GNU gettext's msgfmt, which a machine with
python3 alone does not have; polib (pure Python) writes the same .mo format, so
`make setup` works anywhere. Fuzzy entries are left out, as msgfmt leaves them.
The .mo files are build products: .gitignore keeps them out of the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    """Every .po file under LOCALE_PATHS, sorted."""
    return sorted(
        p for root in settings.LOCALE_PATHS for p in Path(root).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalogue(po_path: Path) -> Path:
    """Writes the .mo beside ``po_path`` (fuzzy entries dropped) and returns its path."""
    po = polib.pofile(str(po_path))
    for entry in po.fuzzy_entries():
        po.remove(entry)
    mo_path = po_path.with_suffix(".mo")
    po.save_as_mofile(str(mo_path))
    return mo_path


class Command(BaseCommand):
    help = "Compiles the .po catalogues under LOCALE_PATHS into .mo files (pure Python)."

    def handle(self, *args: Any, **options: Any) -> None:
        for po_path in catalogues():
            mo_path = compile_catalogue(po_path)
            if options["verbosity"] > 1:
                self.stdout.write(f"{po_path} -> {mo_path.name}")
