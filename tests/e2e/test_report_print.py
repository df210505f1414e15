"""The report for a clinician in a browser: reached from a pain warning, axe-clean,
fits a phone, and printed by chromium (page.pdf, A4 and Letter) with nothing wider
than the paper and none of the page's navigation or buttons."""

from __future__ import annotations

import io
import unicodedata

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from test_phone import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)

MARGIN_MM = 15  # report.css's @page margin
# Paper width in mm, and page.pdf's format name; PDF points (1/72 in) for the check.
PAPERS = {"A4": (210.0, 595.28), "Letter": (215.9, 612.0)}

# Elements whose right edge passes the printable width (or the left edge, 0).
OVERFLOWING = """
() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) {
      out.push(el.tagName.toLowerCase() + "." + [...el.classList].join(".") + " " +
        Math.round(box.left) + "-" + Math.round(box.right) + " > " + width);
    }
  }
  return {out: out.slice(0, 10), scroll: document.documentElement.scrollWidth, width};
}
"""

VISIBLE_CHROME = """
() => [...document.querySelectorAll("nav, footer, button, .btn, form")]
  .filter((el) => el.getBoundingClientRect().height > 0)
  .map((el) => el.tagName.toLowerCase() + " " + (el.innerText || "").trim().slice(0, 30))
"""


def _open_report_from_the_warning(page: Page, runner, sign_in) -> None:
    sign_in(page, runner)
    page.goto("/warnings/")
    link = page.get_by_role("link", name="Report for my clinician").first
    link.click()
    expect(page.get_by_role("heading", name="Pain and training report")).to_be_visible()
    expect(page.get_by_role("heading", name="Pain timeline")).to_be_visible()


def test_it_prints_on_a4_and_letter_without_overflow(page: Page, seasoned_runner, sign_in) -> None:
    _open_report_from_the_warning(page, seasoned_runner, sign_in)
    page.emulate_media(media="print")
    # The print stylesheet in force (waited for: under load the media switch once
    # landed after the measuring): no skip link, navigation or footer on paper.
    expect(page.locator(".skip-link")).to_be_hidden()
    for paper, (width_mm, width_pt) in PAPERS.items():
        # The printable width in CSS pixels (96 per inch): what a printed page lays out in.
        printable = round((width_mm - 2 * MARGIN_MM) / 25.4 * 96)
        page.set_viewport_size({"width": printable, "height": 1000})
        found = page.evaluate(OVERFLOWING)
        assert found["out"] == [] and found["scroll"] <= found["width"], (paper, found)
        assert page.evaluate(VISIBLE_CHROME) == [], paper  # no nav, buttons or forms

        pdf = PdfReader(io.BytesIO(page.pdf(format=paper, prefer_css_page_size=False)))
        # chromium rounds A4 to its own inch fractions (595.92 pt): within a point.
        assert all(abs(float(p.mediabox.width) - width_pt) < 1 for p in pdf.pages), paper
        pages = [
            " ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pdf.pages
        ]
        text = " ".join(pages)  # NFKC: chromium's fonts set "fl" as one ligature glyph
        for words in ("Pain and training report", "Not medical advice", "Pain timeline"):
            assert words in text, (paper, words)
        for chrome in ("Log out", "Download PDF", "Make the report", "Skip to content"):
            assert chrome not in text, (paper, chrome)
        # Page breaks between sections: each section starts its own page.
        assert pages[0].startswith("Pain and training report")
        assert "Pain timeline" in pages[0]  # the first section under the title
        tops = [page[:40] for page in pages]
        for heading in ("Training", "What Stridewise flagged", "What the runner did"):
            assert any(top.startswith(heading) for top in tops), (paper, heading, tops)
    page.emulate_media(media="screen")


def test_it_is_axe_clean_and_fits_a_phone(
    page: Page, phone_page: Page, seasoned_runner, sign_in, axe_violations
) -> None:
    _open_report_from_the_warning(page, seasoned_runner, sign_in)
    expect(page.get_by_role("button", name="Print")).to_be_visible()  # report.js ran
    assert axe_violations(page) == []
    _open_report_from_the_warning(phone_page, seasoned_runner, sign_in)
    assert_fits_a_phone(phone_page)
    phone_page.goto("/soreness/")
    phone_page.get_by_label("Area").select_option("calf")
    phone_page.get_by_role("button", name="Report for my clinician").click()
    expect(phone_page.get_by_role("cell", name="Calf, left").first).to_be_visible()
    assert_fits_a_phone(phone_page)
    assert axe_violations(phone_page) == []
