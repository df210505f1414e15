"""No import refusal, CSV error, job line or command message is an unmarked string.

The refusals' constructors take an ``advice.i18n.Text`` (mypy fails on a ``str``);
this reads the source as well, so a plain string literal, f-string or ``%``/``+``
built string handed to one of them fails here too, before any file meets it. A
command's message goes through gettext: ``self.stdout.write``, ``self.stderr.write``
and ``CommandError`` never take a literal or an f-string of words.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMPORT_SOURCES = sorted(
    [
        *(ROOT / "tracker" / "imports").rglob("*.py"),
        ROOT / "tracker" / "plausibility.py",
    ]
)
COMMAND_SOURCES = sorted([*(ROOT / "tracker" / "management").rglob("*.py")])

# call name -> the positions and keywords of its message argument
REFUSALS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "ImportRefused": ((0,), ("reason",)),
    "OverBudget": ((0,), ("reason",)),
    "BadValue": ((0,), ("reason",)),
    "refusal": ((0,), ("reason",)),
    "CellError": ((0,), ("message",)),
    "Problem": ((1,), ("clause",)),
    "report": ((2,), ("message",)),  # the CSV contract's Report
    "Entry": ((), ("refused", "note")),
    "Outcome": ((2,), ("detail",)),
    "Units": ((1,), ("reason",)),
    "to_data": ((0,), ()),  # a job's stored line
}
COMMAND_OUTPUT: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "write": ((0,), ()),  # self.stdout.write / self.stderr.write
    "CommandError": ((0,), ()),
}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _has_words(node: ast.expr) -> bool:
    """A string a person reads, not marked: a literal with a letter, an f-string, or a
    string built from those with + or %."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(char.isalpha() for char in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _has_words(node.left) or (isinstance(node.op, ast.Add) and _has_words(node.right))
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_has_words(item) for item in node.elts)
    return False


def unmarked(
    source: str, calls: dict[str, tuple[tuple[int, ...], tuple[str, ...]]]
) -> list[tuple[int, str]]:
    """(line, call) of every call in ``calls`` whose message is an unmarked string."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _name(node) not in calls:
            continue
        positions, keywords = calls[_name(node)]
        given = [node.args[i] for i in positions if i < len(node.args)]
        given += [k.value for k in node.keywords if k.arg in keywords]
        if any(_has_words(argument) for argument in given):
            found.append((node.lineno, _name(node)))
    return found


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('raise ImportRefused(f"{name} is empty")', ["ImportRefused"]),
        ('raise ImportRefused("GPX has no track points")', ["ImportRefused"]),
        ('raise refusal("zip is damaged", exc)', ["refusal"]),
        ('report(1, "header", "required column is missing")', ["report"]),
        ('Entry(where, refused="stopped " + reason)', ["Entry"]),
        ('raise CellError("%s is not a number" % raw)', ["CellError"]),
        ('raise ImportRefused(Text("{name} is empty", name=name))', []),
        ('report(1, "header", Text("required column is missing"))', []),
        ("raise ImportRefused(exc.reason)", []),
        ('Entry(where, refused=None, note="")', []),
    ],
)
def test_the_scan_finds_unmarked_refusals_and_only_those(source, flagged):
    assert [call for _line, call in unmarked(source, REFUSALS)] == flagged


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('self.stdout.write(f"wrote {path}")', ["write"]),
        ('raise CommandError("No runner named " + name)', ["CommandError"]),
        ('self.stdout.write(gettext("wrote %(path)s") % {"path": path})', []),
        ("self.stdout.write(json.dumps(items))", []),
        ('self.stderr.write(f"{line}")', []),  # no words of its own
    ],
)
def test_the_scan_finds_unmarked_command_output(source, flagged):
    assert [call for _line, call in unmarked(source, COMMAND_OUTPUT)] == flagged


@pytest.mark.parametrize("path", IMPORT_SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_refusal_is_an_unmarked_string(path):
    found = unmarked(path.read_text(encoding="utf-8"), REFUSALS)
    assert not found, [f"{path.name}:{line}: {call}(...)" for line, call in found]


@pytest.mark.parametrize("path", COMMAND_SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_command_message_is_an_unmarked_string(path):
    found = unmarked(path.read_text(encoding="utf-8"), COMMAND_OUTPUT)
    assert not found, [f"{path.name}:{line}: {call}(...)" for line, call in found]


def test_the_scan_reads_the_refusals_it_guards():
    """Not vacuous: the readers and the contract do raise through these calls."""
    calls = [
        call
        for path in IMPORT_SOURCES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and (call := _name(node)) in REFUSALS
    ]
    assert calls.count("ImportRefused") > 30
    assert calls.count("CellError") > 10
    assert calls.count("report") > 15
