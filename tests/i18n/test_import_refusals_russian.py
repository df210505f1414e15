"""Every kind of import refusal in Russian: the readers' (XML, numbers, coordinates,
dates and times, gzip, zips, Garmin's and Strava's rows, the implausible pace),
through the job's page; the English lines unchanged where they are printed and
stored (the API, ``import_files``); lines stored in the older form still shown."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from advice.i18n import Text
from tests.i18n.refusals import ACTIVITY_FILES, EXPORTS, assert_russian, english_left
from tracker.i18n import translated
from tracker.imports import jobs, limits
from tracker.imports.readers import Upload
from tracker.imports.steps import import_paths
from tracker.models import ImportJob

pytestmark = pytest.mark.django_db

ALL = {**ACTIVITY_FILES, **EXPORTS}


@pytest.mark.parametrize("name", sorted(ALL))
def test_each_refusal_keeps_its_english_and_reads_in_russian(tmp_path, make_user, name):
    data, english = ALL[name]
    path = tmp_path / name
    path.write_bytes(data)
    outcomes = list(import_paths(user=make_user(), inputs=[Upload(name, path)]))
    assert "\n".join(str(outcome.line) for outcome in outcomes) == english
    for outcome in outcomes:
        assert isinstance(outcome.detail, Text)  # a message id, not only English
        with translation.override("ru"):
            assert_russian(translated(outcome.line), outcome.line)


def test_the_check_finds_english_left_over():
    text = Text("{name} is empty", name="run.gpx")
    assert english_left("run.gpx is empty", text) == ["empty"]
    assert english_left("run.gpx — пустой файл", text) == []


def _job(client, *files: tuple[str, bytes]) -> ImportJob:
    before = ImportJob.objects.count()
    uploads = [SimpleUploadedFile(name, content) for name, content in files]
    client.post(reverse("import_files"), {"files": uploads})
    assert ImportJob.objects.count() == before + 1
    job = ImportJob.objects.latest("pk")
    if not job.finished:
        jobs.job_run(job.pk)  # what the worker does
        job.refresh_from_db()
    return job


def _page_lines(client, job: ImportJob) -> str:
    return client.get(reverse("import_job", args=[job.pk])).content.decode()


def _shown(text: str) -> str:
    """As the template escapes it."""
    return text.replace("'", "&#x27;").replace("<", "&lt;").replace(">", "&gt;")


def test_the_job_page_shows_every_refusal_in_russian(client_for, make_user):
    client = client_for(make_user(language="ru"))
    batch = _job(client, *((name, data) for name, (data, _) in ACTIVITY_FILES.items()))
    strava = _job(client, ("strava.zip", EXPORTS["strava.zip"][0]))
    shown = 0
    for job in (batch, strava):
        page = _page_lines(client, job)
        assert job.refused, job.lines()
        for line in job.lines():
            assert isinstance(line, Text)
            with translation.override("ru"):
                russian = translated(line)
            assert _shown(russian) in page, russian
            assert _shown(str(line)) not in page
            shown += 1
    expected = [*ACTIVITY_FILES.values(), EXPORTS["strava.zip"]]
    assert shown == sum(english.count("\n") + 1 for _, english in expected)


@pytest.mark.parametrize("name", ["export.zip", "broken.zip"])
def test_a_zip_the_upload_refuses_says_why_in_russian(client_for, make_user, name):
    """A zip that is no Strava export is refused by the upload form, before any job."""
    client = client_for(make_user(language="ru"))
    data, english = EXPORTS[name]
    response = client.post(reverse("import_files"), {"files": [SimpleUploadedFile(name, data)]})
    assert response.status_code == 400 and not ImportJob.objects.exists()
    page = response.content.decode()
    reason = english.split(": refused: ", 1)[1]
    assert _shown(reason) not in page
    assert "Ничего не импортировано." in page and "Nothing was imported" not in page
    russian = {
        "export.zip": "это не экспорт Strava: нет файла activities.csv",
        "broken.zip": "это не zip-архив: он повреждён или оборвался при скачивании",
    }[name]
    assert f"{name}: {russian}." in page


def test_too_large_and_too_many_points_in_russian(client_for, make_user, monkeypatch):
    client = client_for(make_user(language="ru"))
    monkeypatch.setattr(limits, "MAX_POINTS_PER_FILE", 5)
    many = ACTIVITY_FILES["fast.gpx"][0]
    job = _job(client, ("many.gpx", many), ("also.gpx", many))
    assert [str(line) for line in job.lines()] == [
        "many.gpx: refused: many.gpx has more than 5 track points, the most one file may hold",
        "also.gpx: refused: also.gpx has more than 5 track points, the most one file may hold",
    ]
    page = _page_lines(client, job)
    assert "many.gpx: отклонено: в many.gpx больше 5 точек трека" in page
    assert "track points" not in page


def test_the_upload_forms_own_refusals_in_russian(client_for, make_user, monkeypatch):
    client = client_for(make_user(language="ru"))
    notes = SimpleUploadedFile("notes.txt", b"hello")
    page = client.post(reverse("import_files"), {"files": [notes]}).content.decode()
    assert "notes.txt: это не файл GPX, TCX или FIT" in page
    assert "Nothing was imported" not in page and "nor an export" not in page
    monkeypatch.setattr(limits, "MAX_ZIP_BYTES", 10)
    big = SimpleUploadedFile("export.zip", EXPORTS["export.zip"][0])
    page = client.post(reverse("import_files"), {"files": [big]}).content.decode()
    assert "export.zip больше допустимых" in page and "larger than" not in page


def test_lines_stored_in_the_older_form_still_show(client_for, make_user):
    """Jobs from before the lines were message ids: plain English strings."""
    user = make_user(language="ru")
    client = client_for(user)
    old = "run.gpx: refused: GPX has no track points"
    job = ImportJob.objects.create(
        user=user, kind="files", status="done", refused=1, messages=[old], label="run.gpx"
    )
    page = _page_lines(client, job)
    assert "run.gpx: refused: GPX has no track points" in page
    assert 'class="text-danger">run.gpx' in page
    preview = ImportJob.objects.create(
        user=user,
        kind="csv",
        status="failed",
        messages=["sessions.csv:2: date: required"],
        payload=b'{"phase": "finished", "files": {"sessions": "sessions.csv"}, "errors": 0}',
    )
    page = client.get(reverse("import_csv_preview", args=[preview.pk])).content.decode()
    assert "sessions.csv:2: date: required" in page


@pytest.mark.parametrize(
    ("change", "russian", "english"),
    [
        (
            {"duration_min": "20"},
            "1:54 /км — быстрее мирового рекорда: проверьте дистанцию и время.",
            "1:54 /km is faster than the world record pace",
        ),
        (
            {"activity": "walk", "duration_min": "60"},
            "так быстро никто не ходит",
            "faster than anyone walks",
        ),
        ({"distance": "0"}, "У пробежки дистанция должна быть больше 0.", "needs a distance"),
        ({"distance": ""}, "Укажите дистанцию пробежки или прогулки.", "Give the distance"),
    ],
)
def test_the_session_form_says_the_same_refusal_in_russian(
    client_for, make_user, change, russian, english
):
    """One source: the form's message is the import's, as a sentence."""
    client = client_for(make_user(language="ru"))
    data = {"date": "2026-11-01", "activity": "run", "distance": "10.5", "duration_min": "55"}
    page = client.post(reverse("session_add"), {**data, **change}).content.decode()
    assert russian in page
    assert english not in page
