"""Every quote is copied verbatim from the seed document it names."""

from __future__ import annotations

import pytest

from advice import RULE_CATALOGUE, sources

QUOTED = {*sources.ALL_SOURCES, *(s for info in RULE_CATALOGUE for s in info.sources)}


def test_every_source_names_one_of_the_two_documents() -> None:
    assert {s.document for s in QUOTED} == {sources.DOC_CALVES, sources.DOC_LEGS}


def test_every_catalogue_source_is_listed() -> None:
    assert {s for info in RULE_CATALOGUE for s in info.sources} <= set(sources.ALL_SOURCES)


@pytest.mark.parametrize(
    "source", sorted(QUOTED, key=lambda s: s.quote), ids=lambda s: s.quote[:40]
)
def test_every_quote_is_verbatim_in_its_seed_file(source: sources.Source, shared_file) -> None:
    # The seed documents sit beside the project (tests/conftest.py: skipped without).
    text = shared_file(f"seeds/{source.document}").read_text(encoding="utf-8")
    assert source.quote in text


def test_no_quote_repeats_the_sore_throat_mistranslation() -> None:
    assert not any("sore throat" in s.quote for s in QUOTED)


def test_no_quote_recommends_supplements() -> None:
    assert not any(word in s.quote for s in QUOTED for word in ("magnesium", "potassium"))


def test_every_source_carries_its_document_s_readable_title() -> None:
    assert set(sources.DOCUMENT_TITLES) == {sources.DOC_CALVES, sources.DOC_LEGS}
    for source in QUOTED:
        assert source.title == sources.DOCUMENT_TITLES[source.document]
        assert not source.title.endswith(".txt")
    # The title is not part of a source's identity, nor of the JSON contract.
    assert sources.Source(sources.DOC_LEGS, sources.FIVE_DAYS.quote) == sources.FIVE_DAYS
