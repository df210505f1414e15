"""Issue 18's journey in Russian, in chromium: sign up choosing Russian, log a
session typed as "3,5" km, check in with a sharp calf, read the warning, open the
charts and import a GPX file. Every page on the way is read as the runner reads it
and must hold no sentence of the English catalogue, no run of Latin words and no
figure with a decimal point; the fields are found by name, not by their English
labels, as the labels are Russian here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import open_fully
from tests.e2e.test_russian_pages import (
    DECIMAL_POINT,
    VISIBLE_TEXT,
    english_sentences,
    latin_runs,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _gpx(start: datetime, points: int = 60) -> bytes:
    """A 30-minute run, a point every 30 s, about 55 m apart (6.6 km/h up a street)."""
    trkpts = "".join(
        f'<trkpt lat="{55.75 + i * 0.0005:.6f}" lon="37.62"><ele>150</ele>'
        f"<time>{start + timedelta(seconds=i * 30):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="watch" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
        f"<trkseg>{trkpts}</trkseg></trk></gpx>"
    ).encode()


class Reader:
    """What the runner read on each page, and what of it was English."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.sentences = english_sentences()
        self.found: list[str] = []
        self.pages: list[str] = []

    def read(self, what: str) -> None:
        assert self.page.locator("html").get_attribute("lang") == "ru", what
        text = self.page.evaluate(VISIBLE_TEXT)
        self.pages.append(what)
        self.found += [f"{what}: {s!r}" for s in self.sentences if s in text]
        self.found += [f"{what}: {run!r}" for run in latin_runs(text, [])]
        self.found += [
            f"{what}: {n!r} (a decimal point)"
            for n in DECIMAL_POINT.findall(text)
            if n.replace(".", ",") not in text
        ]


def test_a_russian_runner_signs_up_logs_checks_in_reads_charts_and_imports(
    page: Page, console_errors, django_user_model, today_of
) -> None:
    from tracker.models import Session

    reader = Reader(page)
    page.goto("/accounts/signup/")
    page.locator("#page-language").select_option("ru")
    page.locator('form[action$="/i18n/setlang/"] button[type="submit"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    reader.read("sign-up")
    page.locator('input[name="username"]').fill("vera")
    page.locator('input[name="email"]').fill("vera@example.org")
    page.locator('input[name="password1"]').fill("a-long-passphrase-42")
    page.locator('input[name="password2"]').fill("a-long-passphrase-42")
    page.locator('form:has(input[name="username"]) [type="submit"]').click()
    expect(page.get_by_role("status").first).to_be_visible()
    runner = django_user_model.objects.get(username="vera")
    assert runner.profile.language == "ru"  # the sign-up kept the page's language
    reader.read("after sign-up")

    today = today_of(runner)
    page.goto("/sessions/add/")
    reader.read("log a session")
    page.locator('input[name="date"]').fill((today - timedelta(days=1)).isoformat())
    page.locator('input[name="distance"]').fill("3,5")
    page.locator('input[name="duration_min"]').fill("21:30")
    page.locator('form:has(input[name="distance"]) button[type="submit"]').first.click()
    expect(page.get_by_role("status").first).to_be_visible()
    session = Session.objects.get(user=runner)
    assert session.distance_km == Decimal("3.500")
    reader.read("the saved session")
    page.goto("/sessions/")
    expect(page.locator("tbody")).to_contain_text("3,5 км")
    reader.read("sessions")

    page.goto("/soreness/add/")
    reader.read("check-in")
    form = page.locator('form:has(select[name="area"])')
    form.locator('input[name="date"]').fill(today.isoformat())
    form.locator('select[name="area"]').select_option("calf")
    form.locator('input[name="side"][value="left"]').check()
    form.locator('input[name="severity"]').fill("5")
    form.locator('select[name="kind"]').select_option("sharp")
    form.locator('[type="submit"]').first.click()
    expect(page.get_by_role("status").first).to_be_visible()
    reader.read("after the check-in")

    page.goto("/warnings/")
    # Sharp pain at 5/10 is acute (document 003): the urgent warning, in Russian.
    urgent = page.get_by_role("alert").first
    expect(urgent).to_be_visible()
    reader.read("warnings")

    open_fully(page, "/dashboard/")
    expect(page.locator(".main-svg").first).to_be_visible()
    reader.read("dashboard")

    page.goto("/import/")
    reader.read("import")
    start = datetime.combine(today - timedelta(days=3), datetime.min.time(), UTC).replace(hour=7)
    files = page.locator('form[action$="/import/files/"]')
    files.locator('input[type="file"]').set_input_files(
        {"name": "morning.gpx", "mimeType": "application/gpx+xml", "buffer": _gpx(start)}
    )
    files.locator('button[type="submit"]').click()
    # A small file is imported at once; the page asks what the file did not say.
    expect(page.get_by_role("status").first).to_contain_text("morning.gpx")
    expect(page.get_by_role("status").first).to_contain_text("км")
    assert Session.objects.filter(user=runner).count() == 2
    reader.read("the import's follow-up")

    assert reader.found == [], "\n".join(reader.found)
    assert len(reader.pages) == 11
    assert console_errors == []
