"""The report's page and PDF: reached from a pain warning and the soreness list, the
PDF read back with pypdf, bad input answered without a 500, only the runner's own
data."""

from __future__ import annotations

import io
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from tracker import flagging
from tracker.dates import format_day
from tracker.models import Profile
from tracker.report.build import build_report
from tracker.report.scope import Scope
from tracker.report.text import document
from tracker.services import runner_today
from tracker.units import format_distance

pytestmark = pytest.mark.django_db

# PDF points (1/72 inch): A4 is 210 mm wide, Letter 8.5 in.
WIDTHS = {"a4": 595.28, "letter": 612.0}


@pytest.fixture
def sore_runner(runner, log_a_sore_calf):
    """Three weeks of runs, then a left calf that hurts for six days up to yesterday."""
    return log_a_sore_calf(runner, first_note="Tight on the stairs")


def test_a_pain_warning_links_to_its_report(client_for, sore_runner) -> None:
    page = client_for(sore_runner).get(reverse("warnings")).content.decode()
    assert "Report for my clinician" in page
    href = page.split("Report for my clinician")[0].rsplit('href="', 1)[1].split('"')[0]
    url = urlsplit(href.replace("&amp;", "&"))
    assert url.path == reverse("report")
    today = runner_today(Profile.objects.get(user=sore_runner))
    assert parse_qs(url.query) == {
        "area": ["calf"],
        "start": [(today - timedelta(days=6)).isoformat()],
    }
    response = client_for(sore_runner).get(href.replace("&amp;", "&"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert ' style="' not in body and "<style" not in body  # CSP: no inline style
    assert "Pain timeline" in body and "Tight on the stairs" in body
    assert "Not medical advice" in body and "clinician" in body
    assert f"The pain began on {format_day(today - timedelta(days=6))}" in body
    assert "Download PDF (A4)" in body and "Download PDF (Letter)" in body


def test_the_soreness_list_offers_an_areas_report(client_for, sore_runner) -> None:
    page = client_for(sore_runner).get(reverse("soreness_list")).content.decode()
    form = page.split('data-testid="report-for-area"')[0].rsplit("<form", 1)[1]
    assert f'action="{reverse("report")}"' in form and 'method="get"' in form
    response = client_for(sore_runner).get(reverse("report"), {"area": "calf"})
    assert response.status_code == 200 and "Calf, left" in response.content.decode()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_demo_calf_episode_downloads_as_a_pdf(client_for, paper) -> None:
    call_command("seed_demo", "--user", "demo", "--days", "120", "--seed", "7")
    profile = Profile.objects.select_related("user").get(user__username="demo")
    today = runner_today(profile)
    flagging.stored(profile=profile, today=today)
    flag = next(
        f
        for f in reversed(flagging.evaluated(profile=profile, today=today))
        if f.rule == "pain-persisting" and "calf" in f.subject
    )
    query = {"area": "calf", "start": flag.start.isoformat()}
    response = client_for(profile.user).get(reverse("report_pdf"), {**query, "paper": paper})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    pdf = PdfReader(io.BytesIO(response.content))
    assert {round(float(p.mediabox.width), 2) for p in pdf.pages} == {WIDTHS[paper]}
    text = " ".join(page.extract_text() for page in pdf.pages)
    words = " ".join(text.split())  # line breaks fall where the paper's width puts them

    report = build_report(profile=profile, scope=Scope(("calf",), flag.start, today), today=today)
    assert report.pain_began == flag.start
    for expected in (
        "Pain and training report",
        "Not medical advice",
        "Pain timeline",
        "What Stridewise flagged",
        "What the runner did",
        f"The pain began on {format_day(flag.start)}",
        f"the worst {report.worst}/10",
        format_distance(report.before.km_per_week, "km"),
        f"Evidence grade: {flag.grade}",
    ):
        assert " ".join(expected.split()) in words, expected
    # The flag's source sentence, whole (curly quotes and all: the vendored font).
    assert " ".join(flag.source.quote.split()) in words
    for week in report.weeks:
        assert format_distance(week.run_km, "km") in words
    # A section starts a page (the first under the title).
    tops = [page.extract_text().lstrip().split("\n")[0] for page in pdf.pages]
    assert [s.heading for s in document(report).sections[1:]] == [
        top for top in tops if top in {s.heading for s in document(report).sections}
    ]


def test_bad_input_gets_the_form_again_never_a_500(client_for, runner) -> None:
    client = client_for(runner)
    for query in ("start=not-a-date", "start=2026-02-10&end=2026-02-01", "area=elbow"):
        response = client.get(f"{reverse('report')}?{query}")
        assert response.status_code == 200, query
        assert "Pain timeline" not in response.content.decode()
        assert "invalid-feedback" in response.content.decode()
        pdf = client.get(f"{reverse('report_pdf')}?{query}")
        assert pdf.status_code == 302 and pdf["Location"].startswith(reverse("report"))
    assert client.get(f"{reverse('report_pdf')}?paper=legal").status_code == 302
    assert client.post(reverse("report")).status_code == 405


def test_it_shows_only_the_runners_own_data(
    client_for, sore_runner, other_runner, make_soreness, make_session
) -> None:
    today = runner_today(Profile.objects.get(user=other_runner))
    make_soreness(other_runner, date=today, area="calf", severity=8, notes="Mallory's calf")
    make_session(other_runner, date=today, pain=7, pain_area="calf", notes="Mallory's run")
    for name in ("report", "report_pdf"):
        response = client_for(sore_runner).get(reverse(name), {"area": "calf"})
        assert b"Mallory" not in response.content
    body = client_for(sore_runner).get(reverse("report"), {"area": "calf"}).content.decode()
    assert "8/10" not in body and "7/10" not in body
