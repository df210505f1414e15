"""The report as a PDF, made on the server with fpdf2 from the same ``Document`` the
page renders.

fpdf2 is pure Python (its dependencies, Pillow, fontTools and defusedxml, install
as wheels), so a fresh machine with python3 and make gets it from ``pip`` alone:
WeasyPrint would render the page's own HTML but needs the system's Pango and
HarfBuzz, which such a machine may lack. The fonts are vendored (DejaVu Sans, in
fonts/ with its licence): fpdf2's built-in fonts know Latin-1 only, and a runner's
notes, the documents' curly quotes and the en dashes of date spans are not.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from tracker.report.text import Document, FlagText, Section, Table

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
PAPERS = {"a4": "A4", "letter": "Letter"}
MARGIN_MM = 15
GREY = (90, 90, 90)
HEADING_FILL = (235, 235, 235)


class _ReportPDF(FPDF):
    def __init__(self, *, paper: str, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format=PAPERS[paper])
        self.report_title = title
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=MARGIN_MM)
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("Stridewise")

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FAMILY, "", 7)
        self.set_text_color(*GREY)
        self.cell(
            0,
            4,
            _("%(title)s · page %(page)s/%(pages)s")
            % {"title": self.report_title, "page": self.page_no(), "pages": "{nb}"},
            align="C",
        )
        self.set_text_color(0, 0, 0)


def render_pdf(doc: Document, *, paper: str = "a4") -> bytes:
    """The document as PDF bytes, on A4 or Letter (``PAPERS``)."""
    pdf = _ReportPDF(paper=paper, title=doc.title)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(0, 8, doc.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9)
    for label, value in doc.facts:
        pdf.multi_cell(0, 5, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FAMILY, "B", 9)
    pdf.multi_cell(0, 5, doc.disclaimer, border=1, padding=2, new_x="LMARGIN", new_y="NEXT")
    for index, section in enumerate(doc.sections):
        if index:
            pdf.add_page()  # a section a page, as the page's print stylesheet does
        else:
            pdf.ln(4)
        _section(pdf, section)
    return bytes(pdf.output())


def _section(pdf: FPDF, section: Section) -> None:
    pdf.set_font(FAMILY, "B", 13)
    pdf.multi_cell(0, 7, section.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9)
    for paragraph in section.paragraphs:
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    for item in section.items:
        pdf.multi_cell(0, 5, f"•  {item}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    for table in section.tables:
        _table(pdf, table)
    for flag in section.flags:
        _flag(pdf, flag)


def _table(pdf: FPDF, table: Table) -> None:
    pdf.ln(2)
    pdf.set_font(FAMILY, "", 8)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 4, table.caption, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)
    with pdf.table(
        col_widths=table.widths,
        width=pdf.epw,
        text_align="LEFT",
        line_height=4.2,
        padding=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        repeat_headings=1,
    ) as grid:
        heading = grid.row()
        for column, text in enumerate(table.headings):
            heading.cell(text, align="RIGHT" if column in table.numeric else "LEFT")
        for values in table.rows:
            row = grid.row()
            for column, text in enumerate(values):
                row.cell(text, align="RIGHT" if column in table.numeric else "LEFT")
    pdf.ln(3)


def _flag(pdf: FPDF, flag: FlagText) -> None:
    pdf.ln(2)
    pdf.set_font(FAMILY, "B", 10)
    pdf.multi_cell(
        0, 5, f"{flag.title} [{flag.severity_label}] · {flag.when}", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FAMILY, "", 9)
    pdf.multi_cell(0, 5, flag.detail, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, _("What to do:") + f" {flag.advice}", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        0,
        5,
        _("The source says:") + f" “{flag.quote}” ({flag.document_title}, {flag.document})",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if flag.quote_translation:
        pdf.multi_cell(
            0,
            5,
            _("Translation:") + f" {flag.quote_translation}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.multi_cell(
        0,
        5,
        _("Research:")
        + f" {flag.evidence} "
        + _("Evidence grade: %(grade)s.") % {"grade": flag.grade},
        new_x="LMARGIN",
        new_y="NEXT",
    )
