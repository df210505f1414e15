"""A runner deletes their account: password checked, export offered first, every row
and file of theirs gone, logged out. Uploads that outlive their job (an account
deleted during an import, a worker that died between finishing and cleaning up) are
swept by a periodic task the worker enqueues."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tracker.imports import jobs, storage
from tracker.models import ImportJob, ImportStatus, SeenFlag, Session, Shoe, Soreness
from tracker.submissions import SubmittedForm

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-passphrase-42"


def upload_job(user, status=ImportStatus.PENDING) -> ImportJob:
    job = jobs.job_create(
        user=user, kind="files", uploads=[SimpleUploadedFile("run.gpx", b"<gpx/>")]
    )
    ImportJob.objects.filter(pk=job.pk).update(status=status)
    return job


def stored(job: ImportJob) -> bool:
    return storage.all_present(job.inputs)


def test_the_page_offers_the_export_first(client_for, runner):
    page = client_for(runner).get(reverse("account_delete")).content.decode()
    assert reverse("export") in page
    assert page.index(reverse("export")) < page.index('type="password"')


def test_a_wrong_password_deletes_nothing(client_for, runner, make_session):
    make_session(runner)
    client = client_for(runner)
    response = client.post(reverse("account_delete"), {"password": "wrong"})
    assert response.status_code == 200
    assert "password" in " ".join(response.context["form"].errors["password"])
    assert User.objects.filter(pk=runner.pk).exists() and Session.objects.exists()


def test_it_removes_every_row_and_file_of_the_runner_and_logs_them_out(
    client_for, runner, other_runner, make_session, make_shoe, make_soreness
):
    shoe = make_shoe(runner)
    make_session(runner, shoe=shoe)
    make_soreness(runner)
    SeenFlag.objects.create(user=runner, key="k")
    job = upload_job(runner)
    AccessAttempt.objects.create(
        username=runner.username, ip_address="10.0.0.1", failures_since_start=2
    )
    AccessLog.objects.create(username=runner.username, ip_address="10.0.0.1")
    theirs = make_session(other_runner)
    other_job = upload_job(other_runner)
    client = client_for(runner)
    client.post(
        reverse("session_add"),
        {"form_token": "0" * 32, "date": "2026-11-01", "activity": "run", "distance": "5"},
    )
    assert SubmittedForm.objects.filter(user=runner).exists()

    response = client.post(reverse("account_delete"), {"password": PASSWORD}, follow=True)

    assert not User.objects.filter(pk=runner.pk).exists()
    for model in (Session, Shoe, Soreness, SeenFlag, ImportJob, SubmittedForm):
        assert not model.objects.filter(user_id=runner.pk).exists(), model
    assert not stored(job)
    assert not AccessAttempt.objects.filter(username=runner.username).exists()
    assert not AccessLog.objects.filter(username=runner.username).exists()
    # Logged out, told so.
    assert not response.context["user"].is_authenticated
    assert "deleted" in response.content.decode()
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("login"))
    # The other runner keeps everything.
    assert Session.objects.filter(pk=theirs.pk).exists() and stored(other_job)


def test_the_sweep_removes_uploads_no_unfinished_job_owns(runner, other_runner, settings):
    from tracker.housekeeping import housekeeping

    waiting = upload_job(runner)
    interrupted = upload_job(runner, ImportStatus.RUNNING)  # its worker died: kept
    finished = upload_job(runner, ImportStatus.DONE)  # died before cleaning up
    failed = upload_job(runner, ImportStatus.FAILED)
    orphan = upload_job(other_runner)
    # An account deleted during an import, bypassing the page (the admin, a script).
    ImportJob.objects.filter(pk=orphan.pk).delete()

    housekeeping.enqueue()  # the tests' tasks run at once

    assert stored(waiting) and stored(interrupted)
    assert not stored(finished) and not stored(failed) and not stored(orphan)
    assert sorted(storage.upload_storage().listdir("")[0]) == sorted(
        [waiting.spool, interrupted.spool]
    )


def test_the_sweep_forgets_old_form_tokens(runner):
    from tracker.housekeeping import housekeeping

    old = SubmittedForm.objects.create(
        user=runner, token="0" * 32, model="tracker.shoe", object_id=1
    )
    SubmittedForm.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    recent = SubmittedForm.objects.create(
        user=runner, token="1" * 32, model="tracker.shoe", object_id=2
    )
    housekeeping.enqueue()
    assert list(SubmittedForm.objects.all()) == [recent]


def test_the_worker_sweep_enqueues_the_housekeeping(runner, settings, monkeypatch):
    from types import SimpleNamespace

    from tracker.management.commands import db_worker

    # The sweep thread closes its own connections; run here, in the test's thread,
    # it must leave the test's (in a transaction) alone.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(db_worker, "connections", SimpleNamespace(close_all=lambda: None))
    job = upload_job(runner, ImportStatus.DONE)
    stop = threading.Event()
    stop.set()  # one round
    db_worker._sweep_forever(stop, settings.IMPORT_SWEEP_SECONDS)
    assert not stored(job)
