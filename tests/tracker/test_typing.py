"""Every ``# type: ignore[code]`` says on its line why (mypy itself checks the code)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BARE_IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?\s*$")


def test_every_type_ignore_gives_its_reason():
    bare: dict[str, int] = {}
    for folder in ("advice", "tracker", "bench", "tests", "docs"):
        for path in (ROOT / folder).rglob("*.py"):
            lines = path.read_text(encoding="utf-8").splitlines()
            count = sum(1 for line in lines if BARE_IGNORE.search(line))
            if count:
                bare[str(path.relative_to(ROOT))] = count
    assert bare == {}, bare
