"""The CSV import's refusals in Russian: every kind of cell, row, header and file
error, on the preview page; the lines keep their English (the contract's
``FILE:LINE: column: message``, what ``import_csv`` prints by default) and, in any
language, their ``FILE:LINE: column:``."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from advice.i18n import Text
from tests.i18n.refusals import CSV_FILES, assert_russian
from tracker.i18n import translated
from tracker.imports.contract import plan_import
from tracker.models import ImportJob

pytestmark = pytest.mark.django_db

TODAY = date(2026, 2, 1)
# Exactly as the lines read before they were translatable.
ENGLISH = [
    "shoes.csv:1: sole: unknown column; the columns are: name, kind, first_used, retired, "
    "limit_km, notes",
    "shoes.csv:2: retired: 2026-01-01 is before first_used (2026-01-10)",
    'shoes.csv:3: name: "Road" is already on line 2; each pair needs its own name',
    'sessions.csv:2: date: "2026-13-01" is not a real date',
    'sessions.csv:3: date: "01/02/2026" is not a date; write it as YYYY-MM-DD',
    "sessions.csv:4: date: 1899-12-31 is before 1900-01-01; check the year",
    'sessions.csv:5: start_time: "25:00" is not a real time of day',
    'sessions.csv:6: start_time: "noon" is not a time; write it as HH:MM (24-hour clock)',
    'sessions.csv:7: stopped: "maybe" is not yes or no (true/false and 1/0 also work)',
    'sessions.csv:8: distance_km: "3,5" is not a number; use a dot as the decimal separator',
    'sessions.csv:9: distance_km: "abc" is not a number',
    "sessions.csv:10: distance_km: 500 is out of range: must be between 0 and 400",
    'sessions.csv:11: rpe: "5.5" is not a whole number',
    'sessions.csv:12: surface: "mud" is not one of: asphalt, concrete, track, treadmill, '
    "trail, grass, sand, mixed",
    "sessions.csv:13: notes: contains a NUL character",
    'sessions.csv:14: shoe: no shoe named "Ghost" in shoes.csv or in the log',
    "sessions.csv:15: max_hr: 140 is below avg_hr (150)",
    "sessions.csv:16: date: 2030-01-05 is in the future; today is 2026-02-01 where the runner is",
    "sessions.csv:17: distance_km: required for a run",
    "sessions.csv:18: duration_min: 2:00 /km is faster than the world record pace: check the "
    "distance and the time",
    "sessions.csv:19: duration_min: 5:00 /km is faster than anyone walks: check the distance "
    "and the time, or log it as a run",
    "sessions.csv:20: duration_min: a duration of 0 with a distance cannot be: give the time "
    "it took, or leave the duration empty",
    "sessions.csv:21: activity: required",
    "sessions.csv:22: row: has 3 cells but the header has 12",
    "soreness.csv:1: date: column appears twice in the header",
    "soreness.csv:1: severity: required column is missing",
    "wellness.csv:3: date: a wellness check of that day is already on line 2",
    "wellness.csv:4: sleep: 9 is out of range: must be between 1 and 7",
    "ostrc.csv:2: participation: these answers cannot go together: 25 in participation "
    "(cannot participate) goes with 25 in modification, performance and symptoms, and 25 in "
    "modification or performance only with it",
    "ostrc.csv:3: participation: 5 is not one of the points of this question: 0, 8, 17, 25",
]
ENGLISH_UNREADABLE = [
    "sessions.csv:3: encoding: byte 0xFF at character 1 is not UTF-8; save the file as CSV UTF-8",
    "soreness.csv:2: row: the file ends inside a quoted cell: a quote opened here is never closed",
]
UNREADABLE = {
    "sessions": ("sessions.csv", b"date,activity\n2026-01-05,run\n\xff\xfe,x\n"),
    "soreness": ("soreness.csv", 'date,area,side,severity\n"2026-01-05,calf,left,3\n'),
}


def _files() -> dict[str, tuple[str, str]]:
    return {kind: (f"{kind}.csv", content) for kind, content in CSV_FILES.items()}


def _check_russian(errors: list[Text], english: list[str]) -> None:
    assert [str(error) for error in errors] == english
    with translation.override("ru"):
        for error, line in zip(errors, english, strict=True):
            russian = translated(error)
            where = line.split(": ", 2)  # FILE:LINE, column, message
            assert russian.startswith(f"{where[0]}: {where[1]}: "), russian
            assert_russian(
                russian.removeprefix(f"{where[0]}: {where[1]}: "), error.params["message"]
            )


def test_every_csv_refusal_keeps_its_english_and_reads_in_russian(make_user):
    plan = plan_import(user=make_user(), today=TODAY, **_files())
    _check_russian(plan.errors, ENGLISH)
    unreadable = plan_import(user=make_user(), today=TODAY, **UNREADABLE)
    _check_russian(unreadable.errors, ENGLISH_UNREADABLE)
    empty = plan_import(user=make_user(), today=TODAY, shoes=("shoes.csv", ""))
    _check_russian(
        empty.errors,
        [
            "shoes.csv:1: header: the file is empty; the first line must be: name, kind, "
            "first_used, retired, limit_km, notes"
        ],
    )


def test_the_preview_page_lists_the_errors_in_russian(client_for, make_user):
    client = client_for(make_user(language="ru"))
    uploads = {
        kind: SimpleUploadedFile(f"{kind}.csv", content.encode())
        for kind, content in CSV_FILES.items()
    }
    response = client.post(reverse("import_csv_upload"), uploads, follow=True)
    page = response.content.decode()
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert "sessions.csv:18: duration_min: 2:00 /км — быстрее мирового рекорда" in page
    assert "sessions.csv:2: date: &quot;2026-13-01&quot; — такой даты не бывает" in page
    assert "sessions.csv:8: distance_km: &quot;3,5&quot; — не число; дробную часть" in page
    assert "shoes.csv:1: sole: неизвестный столбец" in page
    for english in ("is not a", "required", "world record", "out of range", "unknown column"):
        assert english not in page, english
    # Stored as message ids: the API and the English page still read the contract's lines.
    assert [str(line) for line in job.lines()][:2] == ENGLISH[:2]


def test_the_preview_result_lines_in_russian(client_for, make_user):
    client = client_for(make_user(language="ru"))
    good = "date,activity,distance_km,duration_min\n2026-01-05,run,5,30\n"
    response = client.post(
        reverse("import_csv_upload"),
        {"sessions": SimpleUploadedFile("sessions.csv", good.encode())},
        follow=True,
    )
    job = ImportJob.objects.get()
    client.post(reverse("import_csv_preview", args=[job.pk]))
    client.post(
        reverse("import_csv_upload"),
        {"sessions": SimpleUploadedFile("sessions.csv", good.encode())},
        follow=True,
    )
    again = ImportJob.objects.latest("pk")
    page = client.get(reverse("import_csv_preview", args=[again.pk])).content.decode()
    assert [str(line) for line in again.lines()] == [
        "Nothing new: every row of these files is in your log already."
    ]
    assert "Ничего нового" in page and "Nothing new" not in page
    assert response.status_code == 200
    done = ImportJob.objects.get(pk=job.pk)
    assert [str(line) for line in done.lines()] == [
        "sessions.csv: 1 added, 0 already in the log (skipped)"
    ]
    with translation.override("ru"):
        assert translated(done.lines()[0]) == (
            "sessions.csv: добавлено 1, уже было в дневнике 0 (пропущено)"
        )
