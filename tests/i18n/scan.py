"""Finds runner-visible template text that is not marked for translation.

A template's Django constructs (``{{ }}``, ``{% %}``, ``{# #}``) are masked, with
whole ``{% blocktranslate %}`` and ``{% comment %}`` blocks, so that its HTML reads
whole; then every piece of text between HTML tags with a letter in it is a
finding, as is a plain-text ``aria-label``, ``title``, ``placeholder`` or ``alt``.
<script> and <style> are not read. Text that is the same in every language (the
product's name, unit symbols) is in ALLOWED: keep that list short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.template.base import tag_re

# The same in every language: a new entry needs a reason.
ALLOWED = frozenset(
    {
        "Stridewise",  # the product's name
        "km",  # unit symbols, as the runner's units setting writes them
        "mi",
        "English",  # language names are written in their own language
        "Русский",
    }
)

# A masked construct: \x00<index>\x01 (the kind letter tells a variable from a tag).
PLACEHOLDER = re.compile(r"\x00([VBC])(\d+)\x01")
HTML_TAG = re.compile(r"<[^<>]*>")
ATTRIBUTE = re.compile(r'\b(aria-label|title|placeholder|alt)="([^"]*)"')
_SKIP = re.compile(r"<(script|style)\b[^<>]*>.*?</\1>", re.S | re.I)
_WORD = re.compile(r"[^\W\d_]+")
_ENTITY = re.compile(r"&[a-zA-Z]+;|&#\d+;")
_OPEN_BLOCK = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
# A sentence handed to an include or a with as a plain literal (empty_text="No
# warnings."), where _("...") would have marked it.
# Each literal of a tag in order, a marked one (_("...")) as a whole.
_TAG_LITERAL = re.compile(r"""_\(\s*(["']).*?\1\s*\)|(["'])(.*?)\2""")
_SENTENCE = re.compile(r"[^\W\d_].* ")
_PASSES_TEXT = re.compile(r"^\{%\s*(?:include|with)\b")


@dataclass(frozen=True)
class Finding:
    template: str
    line: int
    text: str


def needs_translation(text: str) -> bool:
    """Has a word that is not the same in every language (ALLOWED)."""
    return any(word not in ALLOWED for word in _WORD.findall(_ENTITY.sub("", text)))


def mask(source: str) -> tuple[str, list[str]]:
    """The source with each construct (a blocktranslate or comment block as one) a placeholder."""
    parts: list[str] = []
    constructs: list[str] = []
    last = 0
    closing: str | None = None
    block_start = 0
    for match in tag_re.finditer(source):
        text = match.group(0)
        words = text[2:-2].split()
        command = words[0] if words and text.startswith("{%") else ""
        if closing is not None:
            if command == closing:
                constructs.append(source[block_start : match.end()])
                parts.append(f"\x00B{len(constructs) - 1}\x01")
                closing = None
                last = match.end()
            continue
        parts.append(source[last : match.start()])
        if command in _OPEN_BLOCK or command == "comment":
            closing = _OPEN_BLOCK.get(command, "endcomment")
            block_start = match.start()
            continue
        kind = "V" if text.startswith("{{") else "C" if text.startswith("{#") else "B"
        constructs.append(text)
        parts.append(f"\x00{kind}{len(constructs) - 1}\x01")
        last = match.end()
    parts.append(source[last:])
    return "".join(parts), constructs


def unmask(masked: str, constructs: list[str]) -> str:
    return PLACEHOLDER.sub(lambda m: constructs[int(m.group(2))], masked)


def texts(masked: str) -> list[tuple[int, str, bool, bool]]:
    """(offset, fragment, after a variable, before a variable) of each text fragment."""
    found: list[tuple[int, str, bool, bool]] = []
    skipped = _SKIP.sub(lambda m: "<" + " " * (len(m.group(0)) - 2) + ">", masked)
    last = 0
    for match in [*HTML_TAG.finditer(skipped), None]:
        end = match.start() if match is not None else len(skipped)
        segment = masked[last:end]
        pieces = PLACEHOLDER.split(segment)
        # split gives text, kind, index, text, kind, index, ...
        offset = last
        for i in range(0, len(pieces), 3):
            piece = pieces[i]
            after_var = i > 0 and pieces[i - 2] == "V"
            before_var = i + 1 < len(pieces) and pieces[i + 1] == "V"
            if needs_translation(piece):
                found.append((offset, piece, after_var, before_var))
            offset += len(piece)
            if i + 2 < len(pieces):
                offset += len(f"\x00{pieces[i + 1]}{pieces[i + 2]}\x01")
        if match is not None:
            for attr in ATTRIBUTE.finditer(match.group(0)):
                value = attr.group(2)
                # Text around a variable counts too ("Share used by {{ name }}").
                if needs_translation(PLACEHOLDER.sub(" ", value)):
                    found.append((match.start() + attr.start(2), value, False, False))
            last = match.end()
    return found


def literals(masked: str, constructs: list[str]) -> list[tuple[int, str]]:
    """(offset, text) of each sentence an include or a with passes unmarked."""
    found: list[tuple[int, str]] = []
    for match in PLACEHOLDER.finditer(masked):
        tag = constructs[int(match.group(2))]
        if match.group(1) == "B" and _PASSES_TEXT.match(tag):
            found += [
                (match.start(), m.group(3))
                for m in _TAG_LITERAL.finditer(tag)
                if m.group(3) and _SENTENCE.search(m.group(3))
            ]
    return found


def unmarked(path: Path, name: str) -> list[Finding]:
    """The unmarked texts of one template file."""
    source = path.read_text(encoding="utf-8")
    masked, constructs = mask(source)
    found = [
        Finding(name, unmask(masked[:offset], constructs).count("\n") + 1, text)
        for offset, text in literals(masked, constructs)
    ]
    return found + [
        Finding(
            name,
            unmask(masked[:offset], constructs).count("\n") + 1,
            unmask(text, constructs).strip(),
        )
        for offset, text, _, _ in texts(masked)
    ]


def unmarked_in(root: Path) -> list[Finding]:
    """Every unmarked text of every .html template under ``root``."""
    found: list[Finding] = []
    for path in sorted(root.rglob("*.html")):
        found.extend(unmarked(path, str(path.relative_to(root))))
    return found
