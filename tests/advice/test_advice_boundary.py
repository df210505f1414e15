"""advice is pure Python: no Django, no tracker, nothing outside the stdlib, no clock."""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "advice").rglob("*.py"))


def test_it_imports_without_django_or_tracker() -> None:
    code = (
        "import sys, advice, advice.rules, advice.rules.pain, advice.load, advice.sources; "
        "bad=[m for m in sys.modules if m.split('.')[0] in ('django','tracker')]; "
        "assert not bad, bad"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


@lru_cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_imports_only_the_stdlib_and_itself(path: Path) -> None:
    tops = {name.split(".")[0] for name in _imports(path)}
    assert not tops & {"django", "tracker"}
    assert tops <= set(sys.stdlib_module_names) | {"__future__", "advice"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_never_reads_the_clock(path: Path) -> None:
    calls = {
        node.attr
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Attribute)
        and node.attr in {"today", "now", "utcnow", "time"}
        and isinstance(node.value, ast.Name)
        and node.value.id in {"date", "datetime", "time"}
    }
    assert not calls
