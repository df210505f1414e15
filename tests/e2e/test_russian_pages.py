"""A runner's pages in Russian: no English sentence of the catalogue is left on
any of them, and axe is as clean as in English."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import open_fully, runner_pages

pytestmark = pytest.mark.django_db(transaction=True)

CATALOGUE = Path(__file__).resolve().parents[2] / "tracker/locale/ru/LC_MESSAGES/django.po"
# The page's text without what stays English on purpose: the source quotes (lang="en")
# and the time zones' names (the IANA database's, the same in every language).
VISIBLE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('[lang="en"], script, style, select[name="time_zone"]')
    .forEach((el) => el.remove());
  return body.innerText;
}"""


# Three or more Latin words in a row: English the catalogue does not know (a
# sentence built in code, a reader's message). Numbers and units between them
# ("3 km") do not break a run; an apostrophe or hyphen stays inside a word.
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ]+(?:[0-9.,:%/]+[ ]+)?[A-Za-z][A-Za-z'’-]*){2,}")
# What stays Latin in Russian on purpose: names of authors, instruments, brands,
# file and header names, and the API's own words.
LATIN_ALLOWED = (
    re.compile(r"(?:Clarsen|Hooper|Mackinnon|Foster|Gabbett|Saw|Williams) "),
    re.compile(r"et al"),
    re.compile(r"Authorization: Bearer"),
    re.compile(r"REST API"),
)
# A figure with a decimal point ("31.2"): Russian writes "31,2". Not part of a longer
# dotted run (the footer's version, "0.2.0"), nor where the page shows both ways on
# purpose (the number fields' help: "3.5 или 3,5").
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")
# Another app's menu names, quoted as the runner will find them there (Strava's).
QUOTED = re.compile(r"“[^”]*”|«[^»]*»")


def latin_runs(text: str, own_words: list[str]) -> list[str]:
    """The runs of three Latin words or more on a page, less the allowed ones and
    less the runner's own words (the names they gave their shoes)."""
    for words in own_words:
        text = text.replace(words, " · ")
    return [
        run
        for run in LATIN_RUN.findall(QUOTED.sub(" · ", text))
        if not any(allowed.search(run) for allowed in LATIN_ALLOWED)
    ]


def english_sentences() -> set[str]:
    """The catalogue's English texts of three words or more, placeholders cut out:
    a short word ("Run", "Strava") may be the same in both languages."""
    found = set()
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.msgstr == entry.msgid:
            continue
        for piece in re.split(r"%\(\w+\)s|\{\w+\}|<[^>]+>", entry.msgid):
            piece = piece.strip(" .,:;·()")
            if len(piece.split()) >= 3 and piece[:1].isalpha():
                found.add(piece)
    return found


def test_a_russian_runner_reads_no_english_sentence(
    page: Page, make_user, seasoned_runner, sign_in, axe_violations
):
    from tracker.models import Profile

    Profile.objects.filter(user=seasoned_runner).update(language="ru")
    sentences = english_sentences()
    assert len(sentences) > 200
    own_words = [shoe.name for shoe in seasoned_runner.shoes.all()]
    sign_in(page, seasoned_runner)
    english, axe = [], []
    # The runner pages, and the weekly questionnaire (its questions and answers).
    for path in [*runner_pages(seasoned_runner), reverse("ostrc_weekly")]:
        open_fully(page, path)
        assert page.locator("html").get_attribute("lang") == "ru", path
        text = page.evaluate(VISIBLE_TEXT)
        english += [f"{path}: {s!r}" for s in sentences if s in text]
        english += [
            f"{path}: {run!r} (not in the catalogue)" for run in latin_runs(text, own_words)
        ]
        english += [
            f"{path}: {n!r} (a decimal point)"
            for n in DECIMAL_POINT.findall(text)
            if n.replace(".", ",") not in text
        ]
        axe += axe_violations(page)
    assert english == [], "\n".join(english)
    assert axe == [], "\n".join(axe)


def test_the_log_in_page_offers_russian_and_the_dashboard_draws_in_it(
    page: Page, seasoned_runner, sign_in
):
    page.goto("/accounts/login/")
    page.get_by_label("Language").select_option("ru")
    page.get_by_role("button", name="Change").click()
    assert page.get_by_role("heading", name="Войти").is_visible()
    sign_in(page, seasoned_runner)
    open_fully(page, "/dashboard/")
    # plotly's own words come from its Russian locale: the mode bar's tool tips
    assert page.locator('.modebar-btn[data-title="Сохранить в формате PNG"]').count() >= 1
    # plotly writes its own numbers (axis ticks, hovers) with the page's separators
    drawn = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
             .map((div) => div._fullLayout.separators)"""
    )
    assert drawn and set(drawn) == {",\xa0"}, drawn
    ticks = page.locator(".xtick text, .ytick text, .y2tick text").all_text_contents()
    assert ticks and [t for t in ticks if DECIMAL_POINT.search(t)] == [], ticks


def test_what_the_scripts_write_is_russian_too(browser, live_server, seasoned_runner, sign_in):
    """The words a script puts on the page (the time-zone note, "Copied.") come from
    the page, in its language: the page scan (tests/i18n/test_russian_words.py)
    reads their attributes, this reads what the runner sees once the script ran."""
    from tracker.models import Profile

    context = browser.new_context(
        base_url=live_server.url, locale="ru-RU", timezone_id="Asia/Calcutta"
    )
    page = context.new_page()
    try:
        page.goto("/accounts/signup/")
        assert page.locator("html").get_attribute("lang") == "ru"
        expect(page.get_by_text("Выбран по часовому поясу этого устройства.")).to_be_visible()

        Profile.objects.filter(user=seasoned_runner).update(language="ru")
        sign_in(page, seasoned_runner)
        page.goto("/accounts/sharing/")
        page.get_by_label("Для кого").fill("Врач")
        page.get_by_role("button", name="Создать ссылку").click()
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.get_by_role("button", name="Скопировать ссылку").click()
        expect(page.get_by_text("Скопировано.")).to_be_visible()
    finally:
        context.close()
