"""One runner cannot fill the task queue: at most limits.MAX_JOBS_PER_RUNNER
imports of theirs wait or run at once (issue 12); another runner is not held up."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker.imports import limits
from tracker.models import ImportJob, ImportKind, ImportStatus

GPX = (
    b'<?xml version="1.0"?><gpx version="1.1" creator="t" '
    b'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
    b'<trkpt lat="46.0" lon="14.0"><time>2024-03-01T07:00:00Z</time></trkpt>'
    b'<trkpt lat="46.001" lon="14.0"><time>2024-03-01T07:01:00Z</time></trkpt>'
    b"</trkseg></trk></gpx>"
)


def _post(client):
    files = {"files": [SimpleUploadedFile("run.gpx", GPX)]}
    return client.post(reverse("import_files"), files)


@pytest.mark.django_db
def test_a_runner_with_the_most_imports_at_once_is_told_to_wait(
    client_for, runner, other_runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_JOBS_PER_RUNNER", 2)
    for status in (ImportStatus.PENDING, ImportStatus.RUNNING):
        ImportJob.objects.create(user=runner, kind=ImportKind.FILES, status=status, label="x")
    # Finished jobs and another runner's do not count.
    ImportJob.objects.create(user=runner, kind=ImportKind.FILES, status=ImportStatus.DONE)
    before = ImportJob.objects.count()

    response = _post(client_for(runner))
    assert response.status_code == 429
    assert (
        "You have 2 imports waiting or running, the most one runner may have at once. "
        "Nothing was kept: please upload again when one of them has finished."
    ) in response.content.decode()
    assert ImportJob.objects.count() == before

    response = _post(client_for(other_runner))
    assert response.status_code == 302
    assert ImportJob.objects.filter(user=other_runner).count() == 1


@pytest.mark.django_db
def test_a_running_csv_check_counts_but_a_preview_awaiting_confirmation_does_not(
    client_for, runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_JOBS_PER_RUNNER", 2)
    ImportJob.objects.create(user=runner, kind=ImportKind.CSV, status=ImportStatus.PENDING)
    ImportJob.objects.create(user=runner, kind=ImportKind.CSV, status=ImportStatus.RUNNING)
    client = client_for(runner)
    assert _post(client).status_code == 302  # one running, the pending one waits for its runner

    ImportJob.objects.create(user=runner, kind=ImportKind.CSV, status=ImportStatus.RUNNING)
    csv = SimpleUploadedFile("sessions.csv", b"date,activity,distance_km\n2026-01-02,run,5\n")
    response = client.post(reverse("import_csv_upload"), {"sessions": csv})
    assert response.status_code == 429
    assert "imports waiting or running" in response.content.decode()
