"""/api/v1/flags equals ``flags --format json``; /api/v1/imports answers with a job."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from crafted_imports import gpx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tracker.imports import limits
from tracker.models import ImportJob, ImportStatus, Session
from tracker.services import runner_today

pytestmark = pytest.mark.django_db


def _command(user, **options) -> list[dict]:
    out = StringIO()
    call_command("flags", user=user.username, format="json", stdout=out, **options)
    return json.loads(out.getvalue())


@pytest.fixture
def flagged(runner, make_session, make_soreness):
    """An active flag (calf pain these six days) and an old resolved one."""
    today = runner_today(runner.profile)
    for back in range(6):
        make_soreness(
            runner, date=today - timedelta(days=back), area="calf", side="left", severity=4
        )
    make_session(runner, date=today - timedelta(days=200), stopped=True)
    return runner


def test_active_flags_equal_the_commands_json(api, flagged):
    expected = _command(flagged)
    assert expected, "the fixture should raise an active flag"
    assert api.get("/api/v1/flags").json() == expected
    assert api.get("/api/v1/flags", {"active": "true"}).json() == expected


def test_all_flags_equal_the_commands_json_with_all(api, flagged):
    expected = _command(flagged, all=True)
    assert len(expected) > len(_command(flagged))
    assert api.get("/api/v1/flags", {"active": "false"}).json() == expected


def test_flags_refuse_a_bad_filter(api):
    assert api.get("/api/v1/flags", {"active": "perhaps"}).status_code == 422


def test_an_import_answers_202_with_the_job_to_poll(api, runner):
    upload = SimpleUploadedFile("morning.gpx", gpx(600), content_type="application/gpx+xml")
    response = api.post("/api/v1/imports", {"files": upload})
    assert response.status_code == 202, response.content
    body = response.json()
    job = ImportJob.objects.get(pk=body["id"])
    assert job.user_id == runner.pk
    assert body["url"].endswith(f"/api/v1/imports/{job.pk}")
    polled = api.get(body["url"]).json()
    # The suite's tasks run at once: the job has finished by the time it is polled.
    assert polled["status"] == ImportStatus.DONE
    assert polled["imported"] == 1
    assert Session.objects.filter(user=runner, pk__in=polled["session_ids"]).count() == 1


def test_an_import_takes_the_field_file_too(api):
    upload = SimpleUploadedFile("one.gpx", gpx(60))
    assert api.post("/api/v1/imports", {"file": upload}).status_code == 202


def test_an_import_refuses_what_the_form_refuses(api):
    junk = SimpleUploadedFile("notes.txt", b"hello")
    response = api.post("/api/v1/imports", {"files": junk})
    assert response.status_code == 422
    assert "not a GPX, TCX or FIT file" in response.json()["errors"]["files"][0]
    assert api.post("/api/v1/imports", {}).status_code == 422
    assert not ImportJob.objects.exists()


def test_an_import_over_the_upload_limit_is_413(api, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", 1000)
    monkeypatch.setattr(limits, "UPLOAD_OVERHEAD_BYTES", 100)
    response = api.post("/api/v1/imports", {"files": SimpleUploadedFile("big.gpx", gpx(200))})
    assert response.status_code == 413
    assert not ImportJob.objects.exists()


def test_the_per_runner_job_limit_is_429(api, runner, monkeypatch):
    monkeypatch.setattr(limits, "MAX_JOBS_PER_RUNNER", 1)
    ImportJob.objects.create(user=runner, kind="files", status=ImportStatus.RUNNING)
    response = api.post("/api/v1/imports", {"files": SimpleUploadedFile("a.gpx", gpx(60))})
    assert response.status_code == 429
    assert "imports waiting or running" in response.json()["detail"]
