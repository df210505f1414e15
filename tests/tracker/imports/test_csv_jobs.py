"""The native CSV files on the web as tasks (tracker.imports.contract.preview): the
request parses nothing, the confirm writes in short batches and a killed worker's
preview or confirm is taken up again with nothing written twice; and one small
activity file lands on its result without a polling page."""

from __future__ import annotations

import gzip
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks import default_task_backend

from tracker.imports import jobs, limits
from tracker.imports.contract import plan as plan_module
from tracker.imports.contract import preview
from tracker.models import ImportJob, Session, Shoe

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
REFRESH = '<meta http-equiv="refresh" content="2">'


class Crash(BaseException):
    """The worker's process going down: not an error the task catches."""


def sessions_csv(rows: int, *, shoe: str = "") -> bytes:
    start = date(2020, 1, 1)
    lines = ["date,activity,distance_km,duration_min,shoe,notes"]
    lines += [
        f"{start + timedelta(days=n // 3)},run,{5 + n % 7}.{n % 10},{30 + n % 40},{shoe},row {n}"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def upload_csv(client, sessions: bytes, shoes: bytes | None = None):
    files = {"sessions": SimpleUploadedFile("sessions.csv", sessions)}
    if shoes is not None:
        files["shoes"] = SimpleUploadedFile("shoes.csv", shoes)
    return client.post(reverse("import_csv_upload"), files)


@pytest.fixture
def queued(settings):
    """Tasks wait in a queue no worker serves: each test runs them by hand."""
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.fixture
def parses(monkeypatch):
    """How many CSV files have been parsed so far."""
    calls = {"n": 0}
    real = plan_module.read_rows

    def counting(*args, **kwargs):
        calls["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(plan_module, "read_rows", counting)
    return calls


def queued_task(backend, name: str) -> int:
    """The job id of the one task of that name waiting in the queue."""
    found = [r for r in backend.results if r.task.name == name]
    assert len(found) == 1, [r.task.name for r in backend.results]
    return found[0].args[0]


def test_the_upload_and_the_preview_page_parse_no_large_csv(client_for, runner, queued, parses):
    """The finding: a 10 MB sessions.csv was parsed in the request, 9.5 s per page
    load. Now the request stores it and a task checks it; the page only reads."""
    data = sessions_csv(3000)  # ~110 KB: over INLINE_CSV_MAX_BYTES, so a task's work
    client = client_for(runner)
    response = upload_csv(client, data)
    assert response.status_code == 302
    assert parses["n"] == 0  # the request parsed nothing
    job_id = queued_task(queued, "run_csv_preview")

    waiting = client.get(response["Location"]).content.decode()
    assert REFRESH in waiting and "lines checked" in waiting
    assert "Import these rows" not in waiting

    preview.csv_preview_run(job_id)  # the worker
    assert parses["n"] == 1
    for _ in range(3):  # a page load, however often, is a read of the job
        page = client.get(response["Location"]).content.decode()
    assert parses["n"] == 1
    assert "Import these rows" in page and REFRESH not in page
    assert ">3000<" in page.split('data-testid="preview-sessions"')[1].split("</tr>")[0]
    assert not Session.objects.exists()
    assert len(data) > limits.INLINE_CSV_MAX_BYTES


def test_the_preview_writes_its_progress_as_it_reads(client_for, runner, queued, monkeypatch):
    monkeypatch.setattr(preview, "PROGRESS_SECONDS", 0.0)
    seen: list[tuple[int, int]] = []
    real_write = preview._Progress.write

    def spy(self, *args, **kwargs):
        real_write(self, *args, **kwargs)
        job = ImportJob.objects.get(pk=self.job.pk)
        seen.append((job.done_count, job.total))

    monkeypatch.setattr(preview._Progress, "write", spy)
    upload_csv(client_for(runner), sessions_csv(3000))
    preview.csv_preview_run(queued_task(queued, "run_csv_preview"))
    total = seen[-1][1]
    assert total == 3001  # the header and 3,000 rows
    partway = [done for done, of in seen if 0 < done < of]
    assert partway and partway == sorted(partway)


def test_a_big_confirm_is_batches_of_short_transactions_and_resumes_exactly(
    client_for, runner, queued, monkeypatch
):
    """The finding: the confirm was one transaction (killed at 30 s, the write lock
    held all along). Now each batch commits on its own, with the job's record of
    it; a worker killed half-way leaves whole batches, and the resumed task writes
    the rest: nothing twice, nothing lost, the figures exact."""
    monkeypatch.setattr(preview, "BATCH_ROWS", 10)
    monkeypatch.setattr(limits, "INLINE_CSV_MAX_BYTES", 0)  # a worker's, however small
    client = client_for(runner)
    shoes = b"name,kind\nRoad pair,running\n"
    response = upload_csv(client, sessions_csv(95, shoe="Road pair"), shoes)
    preview.csv_preview_run(queued_task(queued, "run_csv_preview"))
    queued.clear()

    confirmed = client.post(response["Location"])
    assert confirmed["Location"] == response["Location"]  # the progress page
    job_id = queued_task(queued, "run_csv_confirm")
    assert not Session.objects.exists()

    batches = {"n": 0}
    real = preview._Progress.write

    def die_in_the_fifth_batch(self, *args, **kwargs):
        if "done_count" in kwargs and preview.CsvState.of(self.job).phase == preview.CONFIRM:
            batches["n"] += 1
            if batches["n"] == 5:
                raise Crash  # inside the batch's transaction: that batch is rolled back
        return real(self, *args, **kwargs)

    monkeypatch.setattr(preview._Progress, "write", die_in_the_fifth_batch)
    with pytest.raises(Crash):
        preview.csv_confirm_run(job_id)
    monkeypatch.setattr(preview._Progress, "write", real)

    job = ImportJob.objects.get(pk=job_id)
    written = preview.CsvState.of(job).written
    # Four batches committed: the shoe, then 30 sessions; the fifth left nothing.
    assert written == {"shoes": 1, "sessions": 30}
    assert (Shoe.objects.count(), Session.objects.count()) == (1, 30)
    assert job.status == "running"
    page = client.get(response["Location"]).content.decode()  # lock free: enqueued again
    assert "31 of 96 rows written" in page and REFRESH in page

    job_id_again = queued_task(queued, "run_csv_confirm")
    assert job_id_again == job_id
    preview.csv_confirm_run(job_id)
    job.refresh_from_db()
    assert (job.status, job.imported, job.duplicates) == ("done", 96, 0)
    assert (Shoe.objects.count(), Session.objects.count()) == (1, 95)
    assert set(Session.objects.values_list("shoe__name", flat=True)) == {"Road pair"}
    assert job.lines() == [
        "shoes.csv: 1 added, 0 already in the log (skipped)",
        "sessions.csv: 95 added, 0 already in the log (skipped)",
    ]
    assert not client.get(response["Location"]).content.decode().count(REFRESH)


def test_a_preview_whose_worker_died_is_taken_up_by_the_sweep(client_for, runner, queued):
    upload_csv(client_for(runner), sessions_csv(3000))
    job_id = queued_task(queued, "run_csv_preview")
    # The worker claimed the task and died: the job says running, no task waits.
    ImportJob.objects.filter(pk=job_id).update(status="running", task_id="gone")
    queued.clear()
    assert jobs.recover_orphans() == 1
    preview.csv_preview_run(queued_task(queued, "run_csv_preview"))
    job = ImportJob.objects.get(pk=job_id)
    assert (job.status, preview.CsvState.of(job).phase) == ("pending", preview.READY)
    # A preview waiting for the runner is nobody's orphan.
    queued.clear()
    assert jobs.recover_orphans() == 0 and not queued.results


def test_only_a_clean_preview_can_be_confirmed_and_only_once(client_for, runner, queued):
    client = client_for(runner)
    bad = sessions_csv(3000).replace(b"2020-01-05,run", b"2020-01-05,swim", 1)
    response = upload_csv(client, bad)
    preview.csv_preview_run(queued_task(queued, "run_csv_preview"))
    page = client.get(response["Location"]).content.decode()
    assert "sessions.csv:14: activity:" in page and "Import these rows" not in page
    queued.clear()
    assert client.post(response["Location"])["Location"] == reverse("import")
    assert not queued.results and not Session.objects.exists()

    good = upload_csv(client, sessions_csv(3000))
    preview.csv_preview_run(queued_task(queued, "run_csv_preview"))
    queued.clear()
    client.post(good["Location"])
    client.post(good["Location"])  # a double submit
    assert len(queued.results) == 1


def test_the_log_changing_before_the_confirm_writes_nothing(client_for, runner, queued):
    client = client_for(runner)
    shoe = Shoe.objects.create(user=runner, name="Old pair")
    response = upload_csv(client, sessions_csv(3000, shoe="Old pair"))
    preview.csv_preview_run(queued_task(queued, "run_csv_preview"))
    queued.clear()
    client.post(response["Location"])
    shoe.delete()  # between the preview and the confirm's run
    preview.csv_confirm_run(queued_task(queued, "run_csv_confirm"))
    page = client.get(response["Location"]).content.decode()
    assert "The log changed since the preview: nothing was imported." in page
    assert "no shoe named" in page
    assert not Session.objects.exists()


def test_a_small_csv_is_checked_and_written_within_the_request(client_for, runner, queued):
    client = client_for(runner)
    response = upload_csv(client, sessions_csv(20))
    assert not queued.results  # no worker needed
    assert "Import these rows" in client.get(response["Location"]).content.decode()
    assert client.post(response["Location"])["Location"] == reverse("import")
    assert Session.objects.count() == 20 and not queued.results


def test_the_import_csv_command_still_writes_in_one_transaction(runner, tmp_path, monkeypatch):
    """CONTRACT.md: all or nothing. The command does not go through the batches."""
    from django.core.management import call_command

    monkeypatch.setattr(plan_module, "apply_in_batches", lambda *a, **k: pytest.fail("batched"))
    path = tmp_path / "sessions.csv"
    path.write_bytes(sessions_csv(30))
    call_command("import_csv", user=runner.username, sessions=str(path), stdout=None)
    assert Session.objects.count() == 30


# --- one small activity file: its result at once ------------------------------------


def gpx(start: datetime, points: int = 40) -> bytes:
    rows = "".join(
        f'<trkpt lat="{47.6 + i * 0.0002:.6f}" lon="-122.3"><ele>20</ele>'
        f"<time>{(start + timedelta(seconds=i * 5)):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
        f"<trkseg>{rows}</trkseg></trk></gpx>"
    ).encode()


def post_files(client, *files: tuple[str, bytes]):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(reverse("import_files"), {"files": uploads})


def test_one_small_gpx_lands_on_the_follow_up_form_without_a_worker(client_for, runner, queued):
    client = client_for(runner)
    response = post_files(client, ("run.gpx", gpx(datetime(2026, 1, 3, 7, tzinfo=UTC))))
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("import_followup", args=[job.pk])
    assert not queued.results  # imported in the request, not queued
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="followup-row"' in page and "run.gpx: imported:" in page
    assert Session.objects.get().pk in job.session_ids


def test_one_small_refused_file_lands_on_its_finished_job_page(client_for, runner, queued):
    client = client_for(runner)
    empty = gpx(datetime(2026, 1, 3, 7, tzinfo=UTC), points=0)
    response = post_files(client, ("empty.gpx", empty))
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("import_job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    job.refresh_from_db()
    assert (job.status, job.refused) == ("done", 1) and REFRESH not in page
    assert not queued.results


@pytest.mark.parametrize(
    "files",
    [
        pytest.param("two", id="two-files"),
        pytest.param("gz", id="compressed"),
        pytest.param("large", id="over-the-inline-limit"),
    ],
)
def test_anything_bigger_goes_to_a_worker_with_the_polling_page(
    client_for, runner, queued, monkeypatch, files
):
    one = ("a.gpx", gpx(datetime(2026, 1, 3, 7, tzinfo=UTC)))
    given = {
        "two": [one, ("b.gpx", gpx(datetime(2026, 1, 4, 7, tzinfo=UTC)))],
        "gz": [("a.gpx.gz", gzip.compress(one[1]))],
        "large": [one],
    }[files]
    if files == "large":
        monkeypatch.setattr(limits, "INLINE_IMPORT_MAX_BYTES", len(one[1]) - 1)
    client = client_for(runner)
    response = post_files(client, *given)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("import_job", args=[job.pk])
    assert queued_task(queued, "run_import_job") == job.pk
    page = client.get(response["Location"]).content.decode()
    assert REFRESH in page and 'data-share="0"' in page
    assert not Session.objects.exists()


# --- the job page while a worker runs it: a status a few hundred ms apart ----------


def test_a_running_job_page_polls_its_status_and_keeps_a_refresh_without_script(
    client_for, runner, queued
):
    client = client_for(runner)
    one = ("a.gpx", gpx(datetime(2026, 1, 3, 7, tzinfo=UTC)))
    two = ("b.gpx", gpx(datetime(2026, 1, 4, 7, tzinfo=UTC)))
    job_url = post_files(client, one, two)["Location"]
    job = ImportJob.objects.get()
    status_url = reverse("import_job_status", args=[job.pk])
    page = client.get(job_url).content.decode()
    assert f"<noscript>{REFRESH}</noscript>" in page  # the fallback without JavaScript
    assert f'data-job-poll="{status_url}"' in page and 'data-job-seen="pending:0"' in page
    assert "tracker/job.js" in page
    status = client.get(status_url)
    assert "no-store" in status["Cache-Control"]
    assert status.json() == {"status": "pending", "finished": False, "done": 0, "total": 2}

    jobs.job_run(job.pk)  # the worker's turn
    assert client.get(status_url).json() == {
        "status": "done",
        "finished": True,
        "done": 2,
        "total": 2,
    }
    page = client.get(job_url).content.decode()
    assert REFRESH not in page and "data-job-poll" not in page and "job.js" not in page


def test_another_runners_job_status_is_a_404(client_for, runner, other_runner, queued):
    post_files(client_for(runner), ("a.gpx", gpx(datetime(2026, 1, 3, 7, tzinfo=UTC))))
    job = ImportJob.objects.get()
    assert (
        client_for(other_runner).get(reverse("import_job_status", args=[job.pk])).status_code == 404
    )
