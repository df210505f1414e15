"""An import's lines in Russian: the refusals a runner meets most, the status words
and the sessions' descriptions on the job's page; the stored lines stay English (the
API and ``import_files`` print them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker.imports import jobs
from tracker.models import ImportJob

pytestmark = pytest.mark.django_db

START = datetime(2026, 2, 1, 7, 0, tzinfo=UTC)


def _gpx(*, timed: bool = True) -> bytes:
    rows = "".join(
        f'<trkpt lat="{51.5 + i * 0.0003:.6f}" lon="-0.1"><ele>10</ele>'
        + (
            f"<time>{(START + timedelta(seconds=10 * i)):%Y-%m-%dT%H:%M:%SZ}</time>"
            if timed
            else ""
        )
        + "</trkpt>"
        for i in range(30)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>running</type><trkseg>{rows}</trkseg></trk></gpx>"
    ).encode()


def _post(client, *files: tuple[str, bytes]) -> ImportJob:
    uploads = [SimpleUploadedFile(name, content) for name, content in files]
    client.post(reverse("import_files"), {"files": uploads})
    job = ImportJob.objects.latest("pk")
    jobs.job_run(job.pk)  # what the worker does with a batch
    job.refresh_from_db()
    return job


def test_the_job_page_reads_in_russian_and_the_stored_lines_stay_english(
    client_for, make_user
) -> None:
    client = client_for(make_user(language="ru"))
    first = _post(
        client,
        ("run.gpx", _gpx()),
        ("route.gpx", _gpx(timed=False)),
        ("cut.fit", b"\x0e\x10\x6c\x08" + b"\x00" * 8),
        ("empty.gpx", b"   "),
    )
    again = _post(client, ("run.gpx", _gpx()), ("other.gpx", _gpx(timed=False)))
    assert (first.imported, again.duplicates) == (1, 1)

    english = " ".join([*first.lines(), *again.lines()])
    assert "run.gpx: imported: run " in english
    assert "route.gpx: refused: GPX has no timestamps" in english
    assert "run.gpx: duplicate: already in the log: run " in english

    page = client.get(reverse("import_job", args=[first.pk])).content.decode()
    page += client.get(reverse("import_job", args=[again.pk])).content.decode()
    for russian in (
        "run.gpx: импортировано: бег ",
        "route.gpx: отклонено: в GPX нет отметок времени",
        "run.gpx: повтор: уже есть в дневнике: бег ",
        " км за ",
        "empty.gpx — пустой файл",
    ):
        assert russian in page, russian
    for english_words in (
        "imported:",
        "refused:",
        "duplicate:",
        "timestamps",
        "already in the log",
    ):
        assert english_words not in page, english_words
    assert 'class="text-danger">route.gpx' in page
