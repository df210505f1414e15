"""The word scan of tests/i18n/test_russian_words.py: the Latin words a runner
reads on a page (visible text and the attributes read out to them), less the names
that stay Latin in Russian, the runner's own data and the source quotes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tracker.imports.contract.columns import COLUMNS
from tracker.models import Activity, Area, PainKind, ShoeKind, Side, Surface, Terrain

# What stays Latin on a Russian page: formats, brands and services, instruments,
# the authors and studies the pages cite, the API's header, the product's name.
ALLOWED = frozenset(
    {
        "Stridewise",
        *("Strava", "Garmin", "Connect", "gzip", "zip"),
        *("GPX", "FIT", "TCX", "CSV", "PDF", "API", "REST", "JSON", "Bearer", "Authorization"),
        *("OSTRC", "O2", "Hooper", "Mackinnon", "RPE", "CR", "EWMA", "SD", "UTC"),
        # authors and where they published (the evidence lines)
        *("Clarsen", "Foster", "Gabbett", "Saw", "Williams", "Nielsen", "Buist", "Frandsen"),
        *("Tessuti", "Tillman", "Malisoux", "Van", "van", "Hooren", "Peake", "Mechelen"),
        *("Lolli", "Impellizzeri", "Cochrane", "Garrison", "et", "al", "Br", "J", "Sports", "Med"),
        "English",  # the language form names each language in its own
        *("A4", "Letter"),  # paper sizes, as printers name them
    }
)
# Whole names that stay Latin though a word of them would not: a trial's name.
ALLOWED_NAMES = re.compile(r"Run Clever")
# A word: Latin letters, digits after a letter ("O2", "A4").
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# Addresses, paths and file names the pages print (the share link, the API's
# routes, the CSV files, the source documents' files), and another app's menu
# names, quoted as the runner finds them there (Strava's: «Request your archive»).
NOT_WORDS = re.compile(
    r"https?://\S+|(?<![\w/])/[\w./<>{}:-]+|[\w.-]*\.(?:csv|gpx|fit|tcx|gz|zip|txt|com)\b"
    r"|«[^»]*»"
)
# The CSV files' own words, which a refusal quotes as the file must say them
# (column names, coded values): only in a line about a CSV file ("sessions.csv:4:").
CSV_LINE = re.compile(r"^\w+\.csv:\d+:")
# The attributes a runner reads (or hears from a screen reader), and those whose
# text a script shows (share.js's "Copied.", timezone.js's note).
READ_ATTRIBUTES = (
    *("placeholder", "title", "aria-label", "alt", "aria-description"),
    *("data-copied", "data-copy-by-hand", "data-guessed-note"),
)
BUTTON_TYPES = {"submit", "button", "reset"}
VOID = {
    *("area", "base", "br", "col", "embed", "hr", "img", "input"),
    *("link", "meta", "source", "track", "wbr"),
}


class RunnerText(HTMLParser):
    """Every text a runner reads on a page: text nodes (the title, labels, options,
    table headers, buttons) and the read attributes; not scripts, styles, the
    source quotes (lang="en") or the time-zone list (IANA's names)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip: tuple[str, int] | None = None

    def _skipped(self, tag: str, attrs: dict[str, str | None]) -> bool:
        return (
            # code is not prose: the rules' ids, the API's header (the same in
            # every language, as a script needs them)
            tag in ("script", "style", "template", "code")
            or attrs.get("lang") == "en"
            or (tag == "select" and attrs.get("name") == "time_zone")
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._skip is not None:
            name, depth = self._skip
            if tag == name and tag not in VOID:
                self._skip = (name, depth + 1)
            return
        if tag not in VOID and self._skipped(tag, values):
            self._skip = (tag, 1)
            return
        for name in READ_ATTRIBUTES:
            if values.get(name):
                self.found.append(str(values[name]))
        if (
            tag in ("input", "button")
            and values.get("type") in BUTTON_TYPES
            and values.get("value")
        ):
            self.found.append(str(values["value"]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._skip is not None:
            name, depth = self._skip
            if tag == name:
                self._skip = None if depth == 1 else (name, depth - 1)

    def handle_data(self, data: str) -> None:
        if self._skip is None and data.strip():
            self.found.append(data.strip())


def runner_texts(html: str) -> list[str]:
    parser = RunnerText()
    parser.feed(html)
    parser.close()
    return parser.found


def _csv_words() -> frozenset[str]:
    words: set[str] = set()
    for columns in COLUMNS.values():
        for column in columns:
            words.update(LATIN_WORD.findall(column.name.replace("_", " ")))
    for choices in (Activity, Area, PainKind, ShoeKind, Side, Surface, Terrain):
        for value in choices.values:
            words.update(LATIN_WORD.findall(value.replace("_", " ")))
    return frozenset(words)


def english_words(text: str, own: list[str]) -> list[str]:
    """The Latin words of a text that are neither allowed nor the runner's own."""
    contract = _csv_words() if CSV_LINE.match(text) else frozenset()
    for data in own:
        text = text.replace(data, " ")
    text = ALLOWED_NAMES.sub(" ", NOT_WORDS.sub(" ", text))
    return [
        word
        for word in LATIN_WORD.findall(text.replace("_", " "))
        if word not in ALLOWED and word not in contract
    ]
