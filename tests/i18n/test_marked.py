"""Every runner-visible template text goes through the translation machinery, and
the Russian catalogue is complete (no untranslated or fuzzy entry, every
placeholder kept)."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.i18n.scan import unmarked, unmarked_in

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "tracker" / "locale").glob("*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def test_no_template_text_is_left_unmarked():
    found = unmarked_in(ROOT / "templates")
    assert not found, "\n".join(f"{f.template}:{f.line}: {f.text!r}" for f in found)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("<p>Log a session</p>", ["Log a session"]),
        ('<nav aria-label="Main">', ["Main"]),
        ('<div aria-label="Used by {{ shoe }}">', ["Used by {{ shoe }}"]),
        ('<div aria-label="{{ shoe }} · {{ share }}">', []),
        ("{% load i18n %}<p>{% translate 'Log a session' %}</p>", []),
        ("{% load i18n %}<p>{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}</p>", []),
        ("<p>{{ week.sessions }} sessions</p>", ["sessions"]),
        ("<p>Stridewise · 5 km</p>", []),  # the name and a unit symbol are the same everywhere
        ("<script>const label = 'Hidden';</script>", []),
        ("{# Log a session #}<p>—</p>", []),
        ('{% include "x.html" with empty_text="Nothing here." %}', ["Nothing here."]),
        ('{% include "x.html" with empty_text=_("Nothing here.") %}', []),
    ],
)
def test_the_scan_finds_unmarked_text_and_only_that(tmp_path, text, flagged):
    template = tmp_path / "page.html"
    template.write_text(text, encoding="utf-8")
    assert [f.text for f in unmarked(template, "page.html")] == flagged


def test_every_language_but_english_has_a_catalogue():
    assert {path.parts[-3] for path in CATALOGUES} == {
        code for code, _ in settings.LANGUAGES if code != "en"
    }


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_the_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    assert len(catalogue) > 500
    assert not catalogue.untranslated_entries(), [e.msgid for e in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()]
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_translation_keeps_its_placeholders(path):
    for entry in polib.pofile(str(path)):
        wanted = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            found = set(PLACEHOLDER.findall(text))
            # a plural form may leave the count out ("один раз"), nothing else
            assert found <= wanted and wanted - found <= {"%(counter)s"}, entry.msgid
