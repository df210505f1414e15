"""The clinician's report in Russian: the page and the PDF (read back with pypdf) carry
the Russian headings and none of the English ones."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tracker.models import Profile
from tracker.services import runner_today

pytestmark = pytest.mark.django_db

RUSSIAN = (
    "Отчёт о боли и тренировках",
    "Это не медицинская рекомендация",
    "Хронология боли",
    "О чём предупредил Stridewise",
    "Что делал бегун",
    "Боль началась",
    "Самая длинная пробежка",
)
ENGLISH = (
    "Pain and training report",
    "Not medical advice",
    "Pain timeline",
    "What Stridewise flagged",
    "What the runner did",
    "The pain began",
    "Longest run",
    "Runner",
    "Every report of pain",
    "Running per week",
    "What to do",
    "The source says",
    "Evidence grade",
)


@pytest.fixture
def russian_sore_runner(make_user, log_a_sore_calf):
    return log_a_sore_calf(make_user(language="ru"))


def _query(runner) -> dict[str, str]:
    today = runner_today(Profile.objects.get(user=runner))
    return {"area": "calf", "start": (today - timedelta(days=6)).isoformat()}


def test_the_report_page_is_russian(client_for, russian_sore_runner) -> None:
    client = client_for(russian_sore_runner)
    body = client.get(reverse("report"), _query(russian_sore_runner)).content.decode()
    for heading in RUSSIAN:
        assert heading in body, heading
    for english in ENGLISH:
        assert english not in body, english


def test_the_report_pdf_is_russian(client_for, russian_sore_runner) -> None:
    client = client_for(russian_sore_runner)
    response = client.get(reverse("report_pdf"), {**_query(russian_sore_runner), "paper": "a4"})
    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(response.content))
    words = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    for heading in RUSSIAN:
        assert heading in words, heading
    assert "страница 1 из" in words  # the footer
    for english in ENGLISH:
        assert english not in words, english
