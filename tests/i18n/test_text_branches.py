"""xgettext extracts only the first string literal of a ``Text(...)`` call: a
sentence chosen by a conditional (``Text("a" if x else "b")``) left "b" out of the
catalogue, and a Russian page showed it in English ("Икра слева: pain 7/10 on ...").
Each branch must be marked on its own (``N_("a") if x else N_("b")``)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _unmarked_branches(source: str) -> list[int]:
    """Lines where a Text's message is a conditional with a bare string branch."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Text"):
            continue
        if node.args and isinstance(node.args[0], ast.IfExp):
            branches = (node.args[0].body, node.args[0].orelse)
            if any(isinstance(b, ast.Constant) and isinstance(b.value, str) for b in branches):
                found.append(node.lineno)
    return found


def test_the_check_finds_a_bare_branch_and_passes_a_marked_one():
    assert _unmarked_branches('Text("a {x}" if y else "b {x}", x=1)') == [1]
    assert _unmarked_branches('Text(N_("a") if y else N_("b"))') == []


def test_no_text_chooses_an_unmarked_sentence():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for folder in ("advice", "tracker")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts
        for line in _unmarked_branches(path.read_text(encoding="utf-8"))
    ]
    assert found == []
