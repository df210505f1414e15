"""The import/export pages over HTTP: the native CSV files with preview and confirm,
the export zip and its round trip, activity-file uploads and their follow-up form,
and every hostile upload refused with its reason: never a 500, nothing written.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tracker import plausibility
from tracker.imports import limits, readers, storage
from tracker.imports.readers import fit
from tracker.imports.readers.base import activity_file_reader
from tracker.imports.storage import upload_storage
from tracker.models import ImportJob, Session, Shoe, Soreness

pytestmark = pytest.mark.django_db


def stored_files() -> list[Path]:
    """Every file in the upload storage (jobs run inside the request here: see
    tests/tracker/conftest.py)."""
    return [p for p in Path(upload_storage().location).rglob("*") if p.is_file()]


def nothing_written() -> bool:
    return not (Session.objects.exists() or Shoe.objects.exists() or Soreness.objects.exists())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def gpx(
    start: datetime,
    *,
    points: int = 30,
    step_s: int = 10,
    lat0: float = 51.5,
    lon0: float = -0.1,
    dlat: float = 0.0003,
    sport: str = "running",
    extra: str = "",
) -> bytes:
    """A small recorded GPX track: `points` positions `step_s` seconds apart."""
    rows = []
    for i in range(points):
        moment = (start + timedelta(seconds=i * step_s)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(
            f'<trkpt lat="{lat0 + i * dlat:.6f}" lon="{lon0:.6f}"><ele>{10 + i % 3}</ele>'
            f"<time>{moment}</time></trkpt>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{extra}'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>{sport}</type><trkseg>{''.join(rows)}</trkseg></trk></gpx>"
    ).encode()


# --- the page ----------------------------------------------------------------


def test_it_shows_the_import_page_with_every_form_and_the_export_button(client_for, runner):
    page = client_for(runner).get(reverse("import")).content.decode()
    for action in ("import_files", "import_csv_upload"):
        assert f'action="{reverse(action)}"' in page
    assert reverse("export") in page
    assert 'name="shoes"' in page and 'name="sessions"' in page and 'name="soreness"' in page
    assert "25 MB" in page  # the limits are stated


def test_it_links_an_empty_session_list_to_the_import_page(client_for, runner):
    page = client_for(runner).get(reverse("session_list")).content.decode()
    assert f'href="{reverse("import")}"' in page and "Import your history" in page


# --- the native CSV files ----------------------------------------------------

SHOES_CSV = "name,kind,first_used,retired,limit_km,notes\nRoad pair,running,2026-01-01,,700,\n"
SESSIONS_CSV = (
    "date,activity,distance_km,duration_min,shoe,pain,pain_area,pain_side\n"
    "2026-03-01,run,8.5,47,Road pair,,,\n"
    "2026-03-03,run,5,30,Road pair,2,calf,left\n"
)
SORENESS_CSV = "date,area,side,severity\n2026-03-04,calf,left,2\n"


def csv_files(**override: str) -> dict[str, SimpleUploadedFile]:
    texts = {"shoes": SHOES_CSV, "sessions": SESSIONS_CSV, "soreness": SORENESS_CSV, **override}
    return {kind: upload(f"{kind}.csv", text.encode()) for kind, text in texts.items() if text}


def test_it_previews_csv_files_and_writes_only_on_confirm(client_for, runner):
    client = client_for(runner)
    response = client.post(reverse("import_csv_upload"), csv_files())
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert "Import these rows" in html
    assert nothing_written()  # a preview writes nothing
    rows = {
        kind: html.split(f'data-testid="preview-{kind}"')[1].split("</tr>")[0]
        for kind in ("shoes", "sessions", "soreness")
    }
    assert ">1<" in rows["shoes"] and ">2<" in rows["sessions"] and ">1<" in rows["soreness"]

    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("import")
    assert (Shoe.objects.count(), Session.objects.count(), Soreness.objects.count()) == (1, 2, 1)
    assert set(Session.objects.values_list("shoe__name", flat=True)) == {"Road pair"}
    job = ImportJob.objects.get()
    assert (job.status, job.imported) == ("done", 4)
    assert not storage.all_present(job.inputs)  # the kept files are gone with the job

    # The same files again: nothing new, so there is nothing to confirm.
    again = client.post(reverse("import_csv_upload"), csv_files(), follow=True)
    assert "Nothing new" in again.content.decode()
    assert "Import these rows" not in again.content.decode()
    assert Session.objects.count() == 2


def test_it_lists_every_csv_error_as_file_line_column_and_writes_nothing(client_for, runner):
    bad_sessions = (
        "date,activity,distance_km\n2026-03-01,run,8.5\n2026-03-02,swim,3\n2026-03-03,run,abc\n"
    )
    response = client_for(runner).post(
        reverse("import_csv_upload"), csv_files(sessions=bad_sessions), follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "sessions.csv:3: activity:" in html
    assert "sessions.csv:4: distance_km:" in html
    assert "Import these rows" not in html
    assert nothing_written()
    # The job is over: such a preview can never be confirmed.
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert client_for(runner).post(reverse("import_csv_preview", args=[job.pk])).status_code == 302
    assert nothing_written()


def test_it_replans_on_confirm_so_a_stale_preview_adds_nothing_twice(client_for, runner):
    client = client_for(runner)
    first = client.post(reverse("import_csv_upload"), csv_files())["Location"]
    second = client.post(reverse("import_csv_upload"), csv_files())["Location"]
    assert first != second
    client.post(first)
    client.post(second)  # planned before the first was written; re-planned now
    assert (Shoe.objects.count(), Session.objects.count(), Soreness.objects.count()) == (1, 2, 1)


def test_it_confirms_a_preview_once_only(client_for, runner):
    client = client_for(runner)
    preview = client.post(reverse("import_csv_upload"), csv_files())["Location"]
    client.post(preview)
    again = client.post(preview, follow=True)
    assert "imported already" in again.content.decode()
    assert Session.objects.count() == 2


def test_it_refuses_an_empty_csv_form(client_for, runner):
    response = client_for(runner).post(reverse("import_csv_upload"), {})
    assert response.status_code == 400
    assert "Choose at least one of the files." in response.content.decode()


def test_it_refuses_a_csv_file_over_the_limit_with_the_limit(client_for, runner, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CSV_FILE_BYTES", 1024)
    big = SESSIONS_CSV + "2026-03-05,run,5,30,,,,\n" * 60
    response = client_for(runner).post(reverse("import_csv_upload"), csv_files(sessions=big))
    assert response.status_code == 400
    assert "sessions.csv is larger than the 1 KB limit" in response.content.decode()
    assert nothing_written()


def test_it_names_each_line_of_a_csv_that_is_not_utf8(client_for, runner):
    files = csv_files()
    files["sessions"] = upload(
        "sessions.csv",
        b"date,activity,distance_km\n2026-03-01,run,5\n2026-03-02,run,5,\n"
        + "2026-03-03,run,5\n# café\n".encode("latin-1"),
    )
    response = client_for(runner).post(reverse("import_csv_upload"), files, follow=True)
    assert "sessions.csv:5: encoding:" in response.content.decode()
    assert nothing_written()


# --- export, and the round trip through the web -------------------------------


def export_files(client) -> dict[str, str]:
    response = client.get(reverse("export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def import_through_the_web(client, texts: dict[str, str]) -> None:
    files = {
        name.removesuffix(".csv"): upload(name, text.encode("utf-8"))
        for name, text in texts.items()
    }
    response = client.post(reverse("import_csv_upload"), files)
    page = client.get(response["Location"]).content.decode()
    if "Import these rows" in page:
        assert client.post(response["Location"])["Location"] == reverse("import")
    else:  # an empty log: nothing to confirm
        assert "Nothing new" in page, page[-2000:]


def test_it_exports_the_three_contract_files_in_a_zip(client_for, runner, make_session):
    make_session(runner, notes="=cmd|' /C calc'!A0")
    texts = export_files(client_for(runner))
    assert set(texts) == {
        "shoes.csv",
        "sessions.csv",
        "soreness.csv",
        "wellness.csv",
        "ostrc.csv",
    }
    rows = list(csv.DictReader(io.StringIO(texts["sessions.csv"])))
    assert rows[0]["notes"].startswith("'=")  # guarded against spreadsheet formulas


NOTE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
SESSION_ROW = st.fixed_dictionaries(
    {
        "days_ago": st.integers(0, 3000),
        "activity": st.sampled_from(["run", "walk", "cycle", "strength", "other", "jump_rope"]),
        "distance_km": st.decimals(0, 400, places=3, allow_nan=False),
        "duration_min": st.none() | st.decimals(0, 1800, places=2, allow_nan=False),
        "surface": st.sampled_from(["", "asphalt", "trail", "treadmill"]),
        "warmup_min": st.none() | st.integers(0, 60),
        "pain": st.none() | st.integers(0, 10),
        "stopped": st.none() | st.booleans(),
        "notes": NOTE,
        "with_shoe": st.booleans(),
    }
).filter(  # what tracker.plausibility lets in
    lambda row: not plausibility.check(row["activity"], row["distance_km"], row["duration_min"])
)
SORENESS_ROW = st.fixed_dictionaries(
    {
        "days_ago": st.integers(0, 3000),
        "area": st.sampled_from(["calf", "shin", "knee", "heel"]),
        "side": st.sampled_from(["left", "right", "both"]),
        "severity": st.integers(0, 10),
        "swelling": st.none() | st.booleans(),
        "notes": NOTE,
    }
)


@hypothesis_settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sessions=st.lists(SESSION_ROW, max_size=8),
    soreness=st.lists(SORENESS_ROW, max_size=4),
    shoe_names=st.lists(
        NOTE.filter(lambda n: n.strip() == n and n), min_size=1, max_size=3, unique_by=str.lower
    ),
)
def test_it_round_trips_a_log_through_export_and_import_into_a_new_account(
    client, make_user, sessions, soreness, shoe_names
):
    """Export zip -> upload into an empty account -> the same rows, row for row."""
    source = make_user()
    today = date.today() - timedelta(days=1)
    shoes = [Shoe.objects.create(user=source, name=name, kind="running") for name in shoe_names]
    for i, row in enumerate(sessions):
        Session.objects.create(
            user=source,
            date=today - timedelta(days=row["days_ago"]),
            activity=row["activity"],
            distance_km=row["distance_km"],
            duration_min=row["duration_min"],
            surface=row["surface"],
            warmup_min=row["warmup_min"],
            pain=row["pain"],
            pain_area="calf" if row["pain"] else "",
            pain_side="left" if row["pain"] else "",
            stopped=row["stopped"],
            notes=row["notes"],
            shoe=shoes[i % len(shoes)] if row["with_shoe"] else None,
        )
    for row in soreness:
        Soreness.objects.create(
            user=source,
            date=today - timedelta(days=row.pop("days_ago")),
            **row,
        )
    client.force_login(source)
    exported = export_files(client)

    target = make_user()
    client.force_login(target)
    import_through_the_web(client, exported)
    assert export_files(client) == exported
    assert Session.objects.filter(user=target).count() == len(sessions)
    assert Soreness.objects.filter(user=target).count() == len(soreness)
    # And once more: re-importing adds nothing.
    import_through_the_web_again = client.post(
        reverse("import_csv_upload"),
        {n.removesuffix(".csv"): upload(n, t.encode()) for n, t in exported.items()},
        follow=True,
    )
    assert import_through_the_web_again.status_code == 200
    assert "Import these rows" not in import_through_the_web_again.content.decode()
    assert Session.objects.filter(user=target).count() == len(sessions)


# --- activity files ----------------------------------------------------------


def test_it_imports_activity_files_as_sessions_in_the_runners_time_zone(
    client_for, make_user, realdata_file
):
    runner = make_user(time_zone="America/Los_Angeles")
    client = client_for(runner)
    files = [
        upload("garmin.gpx", realdata_file("gpx/georust-gpx__garmin-activity.gpx").read_bytes()),
        # 2020-03-06T00:23:46Z is still the 5th in Los Angeles.
        upload(
            "ride.tcx.gz",
            gzip.compress(realdata_file("tcx/togeojson__garmin_connect.tcx").read_bytes()),
        ),
        upload(
            "fenix.fit", realdata_file("fit/python-fitparse__garmin-fenix-5-run.fit").read_bytes()
        ),
    ]
    response = client.post(reverse("import_files"), {"files": files})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("import_job", args=[job.pk])
    assert (job.status, job.total, job.done_count, job.imported) == ("done", 3, 3, 3)
    assert job.spool and not stored_files()  # the uploads are deleted after

    by_day = {s.date: s for s in Session.objects.filter(user=runner)}
    ride = by_day[date(2020, 3, 5)]
    assert (ride.activity, ride.source, ride.surface) == ("cycle", "file", "")
    assert ride.started_at == datetime(2020, 3, 6, 0, 23, 46, tzinfo=UTC)
    run = by_day[date(2017, 7, 29)]
    assert run.distance_km == Decimal("12.836") and run.avg_hr == 146
    assert run.ascent_m == 229
    assert abs(float(run.duration_min) * 60 - 5492) <= 1  # the moving time
    assert by_day[date(2017, 6, 11)].avg_hr == 90

    page = client.get(response["Location"]).content.decode()
    assert "garmin.gpx: imported: run 12.836 km" in page
    assert reverse("import_followup", args=[job.pk]) in page
    assert 'http-equiv="refresh"' not in page  # done: no more polling

    same_again = upload(
        "garmin.gpx", realdata_file("gpx/georust-gpx__garmin-activity.gpx").read_bytes()
    )
    client.post(reverse("import_files"), {"files": [same_again]})
    job2 = ImportJob.objects.latest("pk")
    assert (job2.imported, job2.duplicates) == (0, 1)
    assert Session.objects.count() == 3


def test_it_marks_a_run_without_positions_as_treadmill(client_for, runner):
    start = datetime(2026, 2, 1, 7, 0, tzinfo=UTC)
    # The parser's sign of an indoor run: every point sits at 0,0. Distance is then
    # unknown, and a run needs one, so the file says nothing and it is refused...
    no_positions = gpx(start, lat0=0.0, lon0=0.0, dlat=0.0)
    client_for(runner).post(reverse("import_files"), {"files": [upload("tm.gpx", no_positions)]})
    job = ImportJob.objects.get()
    assert job.refused == 1 and "needs one" in job.lines()[0]
    # ...while a walk-free "other" activity is imported, with no surface guessed.
    client_for(runner).post(
        reverse("import_files"),
        {"files": [upload("gym.gpx", gpx(start, lat0=0.0, lon0=0.0, dlat=0.0, sport="yoga"))]},
    )
    assert Session.objects.get().surface == ""


def test_it_keeps_treadmill_from_the_file(client_for, runner, monkeypatch):
    from tracker.imports.readers import ParsedActivity

    treadmill = ParsedActivity(
        source_name="t.fit",
        start=datetime(2026, 2, 1, 7, 0, tzinfo=UTC),
        distance_km=5.0,
        duration_min=30.0,
        elapsed_min=31.0,
        activity="run",
        surface="treadmill",
        elevation_gain_m=None,
        avg_hr=None,
        sport_raw="running",
    )
    stub = activity_file_reader(
        name="fit", formats="FIT", suffix=".fit", parse=lambda data, name: [treadmill], magic=bool
    )
    monkeypatch.setattr(
        readers, "READERS", tuple(stub if r is fit.READER else r for r in readers.READERS)
    )
    client_for(runner).post(reverse("import_files"), {"files": [upload("t.fit", b"x")]})
    session = Session.objects.get()
    assert (session.surface, session.duration_min) == ("treadmill", Decimal("30.00"))


# --- the follow-up form ------------------------------------------------------


@pytest.fixture
def imported_job(client_for, runner):
    client = client_for(runner)
    starts = [datetime(2026, 1, day, 7, 0, tzinfo=UTC) for day in (5, 6)]
    files = [upload(f"run{i}.gpx", gpx(start)) for i, start in enumerate(starts)]
    client.post(reverse("import_files"), {"files": files})
    return ImportJob.objects.get()


def followup_post(job: ImportJob, **rows: dict[str, str]) -> dict[str, str]:
    data = {
        "s-TOTAL_FORMS": str(len(job.session_ids)),
        "s-INITIAL_FORMS": str(len(job.session_ids)),
        "s-MIN_NUM_FORMS": "0",
        "s-MAX_NUM_FORMS": "1000",
    }
    ordered = Session.objects.filter(pk__in=job.session_ids).order_by("date", "started_at", "id")
    for index, session in enumerate(ordered):
        data[f"s-{index}-id"] = str(session.pk)
        data[f"s-{index}-activity"] = session.activity  # a browser sends the select's value
        for name, value in rows.get(str(index), {}).items():
            data[f"s-{index}-{name}"] = value
    return data


def test_it_asks_what_no_file_knows_in_one_compact_row_per_new_session(
    client_for, runner, imported_job, make_shoe
):
    shoe = make_shoe(runner, name="Daily trainer")
    client = client_for(runner)
    url = reverse("import_followup", args=[imported_job.pk])
    page = client.get(url).content.decode()
    assert page.count('data-testid="followup-row"') == 2
    assert "Daily trainer" in page
    data = followup_post(
        imported_job,
        **{
            "0": {"surface": "trail", "shoe": str(shoe.pk), "warmup_min": "10"},
            "1": {"cooldown_min": "5", "pain": "3", "pain_area": "calf", "pain_side": "left"},
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    first, second = Session.objects.order_by("date")
    assert (first.surface, first.shoe, first.warmup_min) == ("trail", shoe, 10)
    assert (second.pain, second.pain_area, second.cooldown_min) == (3, "calf", 5)
    assert first.distance_km is not None and first.distance_km > 0  # untouched by the form


def test_it_validates_follow_up_rows_like_the_session_form(client_for, runner, imported_job):
    client = client_for(runner)
    url = reverse("import_followup", args=[imported_job.pk])
    data = followup_post(imported_job, **{"0": {"surface": "trail"}, "1": {"pain": "4"}})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Say where it hurt" in response.content.decode()
    assert not Session.objects.exclude(surface="").exists()  # the valid row waits too


def test_it_sets_shoes_and_more_on_the_selected_rows_at_once(
    client_for, runner, imported_job, make_shoe
):
    shoe = make_shoe(runner, name="Daily trainer")
    data = followup_post(imported_job, **{"0": {"selected": "on", "surface": "grass"}, "1": {}})
    data |= {"all-shoe": str(shoe.pk), "all-surface": "trail", "all-warmup_min": "5"}
    url = reverse("import_followup", args=[imported_job.pk])
    assert client_for(runner).post(url, data).status_code == 302
    first, second = Session.objects.order_by("date")
    assert (first.shoe, first.surface, first.warmup_min) == (shoe, "trail", 5)
    assert (second.shoe, second.surface, second.warmup_min) == (None, "", None)


def test_a_bad_bulk_value_saves_nothing(client_for, runner, other_runner, imported_job, make_shoe):
    theirs = make_shoe(other_runner, name="Not mine")
    data = followup_post(imported_job, **{"0": {"selected": "on"}, "1": {"selected": "on"}})
    data["all-shoe"] = str(theirs.pk)
    url = reverse("import_followup", args=[imported_job.pk])
    response = client_for(runner).post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Session.objects.filter(shoe__isnull=False).exists()


def test_it_says_which_activity_was_guessed_and_takes_the_runners_word(client_for, runner):
    client = client_for(runner)
    start = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
    client.post(reverse("import_files"), {"files": [upload("x.gpx", gpx(start, sport=""))]})
    job = ImportJob.objects.get()
    session = Session.objects.get()
    assert session.activity_guessed, job.messages
    url = reverse("import_followup", args=[job.pk])
    assert "guessed from the pace" in client.get(url).content.decode()
    # A ride at a run's pace is the runner's to say; a run faster than a world record
    # is not (tracker.plausibility, on the file's distance and time).
    response = client.post(url, followup_post(job, **{"0": {"activity": "cycle"}}))
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.activity, session.activity_guessed) == ("cycle", False)


def test_it_never_lets_the_follow_up_touch_another_session(
    client_for, runner, other_runner, imported_job, make_session
):
    """A tampered row id that is not one of the job's sessions changes nothing."""
    theirs = make_session(other_runner, surface="")
    mine_not_imported = make_session(runner, surface="")
    for intruder in (theirs, mine_not_imported):
        data = followup_post(imported_job, **{"0": {"surface": "sand"}})
        data["s-0-id"] = str(intruder.pk)
        response = client_for(runner).post(reverse("import_followup", args=[imported_job.pk]), data)
        assert response.status_code in (200, 302)
        intruder.refresh_from_db()
        assert intruder.surface == ""
    assert not Session.objects.filter(surface="sand").exists()


def test_it_keeps_other_runners_jobs_private(client_for, runner, other_runner, imported_job):
    stranger = client_for(other_runner)
    for name in ("import_job", "import_followup", "import_csv_preview"):
        assert stranger.get(reverse(name, args=[imported_job.pk])).status_code == 404
    assert stranger.post(reverse("import_followup", args=[imported_job.pk]), {}).status_code == 404
    preview = client_for(runner).post(reverse("import_csv_upload"), csv_files())["Location"]
    stranger = client_for(other_runner)
    assert stranger.post(preview).status_code == 404
    assert not Session.objects.filter(source="csv").exists()


# --- hostile and broken uploads: a reason, never a 500, nothing written ------

BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
EXTERNAL_ENTITY = '<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def job_lines(client, response) -> str:
    assert response.status_code == 302, response.content.decode()[-2000:]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "laughs.gpx",
            gpx(datetime(2026, 1, 1, tzinfo=UTC), extra=BILLION_LAUGHS),
            "declares a DTD",
        ),
        (
            "xxe.gpx",
            gpx(datetime(2026, 1, 1, tzinfo=UTC), extra=EXTERNAL_ENTITY),
            "declares a DTD",
        ),
        ("half.gpx", gpx(datetime(2026, 1, 1, tzinfo=UTC))[:700], "not well-formed XML"),
        ("cut.gpx.gz", gzip.compress(gpx(datetime(2026, 1, 1, tzinfo=UTC)))[:60], "gzip"),
        ("not-gzip.fit.gz", b"\x1f\x8bnot really gzip at all", "gzip"),
        ("garbage.fit", b"\x00" * 200, "FIT"),
        ("empty.tcx", b"   ", "is empty"),
        ("future.gpx", gpx(datetime(2099, 1, 1, tzinfo=UTC)), "in the future"),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value else "",
)
def test_it_refuses_a_broken_or_hostile_activity_file_by_name(
    client_for, runner, name, content, reason
):
    client = client_for(runner)
    html = job_lines(
        client, client.post(reverse("import_files"), {"files": [upload(name, content)]})
    )
    assert f"{name}: refused:" in html and reason in html
    assert nothing_written()
    assert ImportJob.objects.get().refused == 1


def test_it_refuses_the_reference_truncated_fit_file(client_for, runner, realdata_file):
    data = realdata_file("fit/python-fitparse__activity-unexpected-eof.fit").read_bytes()
    client = client_for(runner)
    html = job_lines(
        client, client.post(reverse("import_files"), {"files": [upload("a.fit", data)]})
    )
    assert "a.fit: refused: the file ends in the middle of a record" in html
    assert nothing_written()


def test_it_refuses_a_gzip_bomb_once_it_passes_the_limit(client_for, runner, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1024 * 1024)
    bomb = gzip.compress(b"<gpx>" + b" " * (3 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 10_000
    client = client_for(runner)
    html = job_lines(
        client, client.post(reverse("import_files"), {"files": [upload("b.gpx.gz", bomb)]})
    )
    assert "larger than the 1 MB limit once decompressed" in html
    assert nothing_written()


def test_it_imports_the_good_files_of_a_batch_and_refuses_the_bad_by_name(
    client_for, runner, realdata_file
):
    files = [
        upload("good.gpx", gpx(datetime(2026, 1, 2, 8, tzinfo=UTC))),
        upload("bad.gpx", realdata_file("gpx/togeojson__bad.gpx").read_bytes()),
    ]
    client = client_for(runner)
    html = job_lines(client, client.post(reverse("import_files"), {"files": files}))
    assert "good.gpx: imported:" in html
    assert "bad.gpx: refused: invalid coordinate &#x27;undefined&#x27;" in html
    assert Session.objects.count() == 1


def test_it_refuses_a_file_over_the_per_file_limit_before_storing_it(
    client_for, runner, monkeypatch
):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1024)
    response = client_for(runner).post(
        reverse("import_files"),
        {"files": [upload("long.gpx", gpx(datetime(2026, 1, 1, tzinfo=UTC)))]},
    )
    assert response.status_code == 400
    assert "long.gpx is larger than the 1 KB limit." in response.content.decode()
    assert nothing_written() and not ImportJob.objects.exists()


def test_it_refuses_an_upload_over_the_request_limit_without_storing_it(
    client_for, runner, monkeypatch, settings
):
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", 2048)
    monkeypatch.setattr(limits, "UPLOAD_OVERHEAD_BYTES", 0)
    files = [upload(f"r{i}.gpx", gpx(datetime(2026, 1, 1 + i, tzinfo=UTC))) for i in range(3)]
    response = client_for(runner).post(reverse("import_files"), {"files": files})
    assert response.status_code == 413
    assert "larger than the 2 KB one upload takes" in response.content.decode()
    assert nothing_written() and not ImportJob.objects.exists()
    assert not stored_files()


def test_it_answers_too_many_files_with_a_friendly_page(client_for, runner, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [upload(f"r{i}.gpx", b"<gpx/>") for i in range(3)]
    response = client_for(runner).post(reverse("import_files"), {"files": files})
    assert response.status_code == 400
    assert "more than the 2 files one upload takes" in response.content.decode()
    assert "upload them in batches" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_it_refuses_files_that_are_not_activity_files(client_for, runner):
    response = client_for(runner).post(
        reverse("import_files"), {"files": [upload("tool.exe", b"MZ...")]}
    )
    assert response.status_code == 400
    assert "tool.exe: not a GPX, TCX or FIT file" in response.content.decode()
    assert not ImportJob.objects.exists()


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


STRAVA_HEADER = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Gear,Filename"
STRAVA_CSV = (
    f'{STRAVA_HEADER},Moving Time,Distance\n1,"Jan 2, 2026, 8:00:00 AM",Run,Run,,,1800,5000\n'
)


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"activities.csv": STRAVA_CSV, "../../evil.gpx": b"x"}, "unsafe path"),
        ({"activities.csv": STRAVA_CSV, "/etc/cron.d/x": b"x"}, "unsafe path"),
        ({"profile.csv": b"x"}, "not a Strava export: activities.csv not found"),
        ({"activities.csv": b"name,date\nx,y\n"}, "no &#x27;Activity ID&#x27;"),
        ({"activities.csv": b"\xff\xfe\x00bad"}, "not UTF-8"),
    ],
    ids=["dot-dot", "absolute", "no-csv", "wrong-columns", "not-utf8"],
)
def test_it_refuses_a_hostile_or_foreign_zip_before_making_a_job(
    client_for, runner, members, reason
):
    data = zip_of({k: v.encode() if isinstance(v, str) else v for k, v in members.items()})
    response = client_for(runner).post(reverse("import_files"), {"files": [upload("e.zip", data)]})
    assert response.status_code == 400
    html = response.content.decode()
    assert reason in html and "Nothing was imported" in html
    assert nothing_written() and not ImportJob.objects.exists()


def test_it_refuses_a_zip_bomb_by_its_uncompressed_size(client_for, runner, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ZIP_UNCOMPRESSED_BYTES", 1024 * 1024)
    bomb = zip_of({"activities.csv": STRAVA_CSV.encode(), "activities/1.gpx": b"\0" * 2_000_000})
    response = client_for(runner).post(reverse("import_files"), {"files": [upload("b.zip", bomb)]})
    assert response.status_code == 400
    assert "zip holds more than the 1 MB uncompressed limit" in response.content.decode()
    assert nothing_written()


def test_it_refuses_a_zip_that_is_not_one_and_one_over_the_limit(client_for, runner, monkeypatch):
    client = client_for(runner)
    response = client.post(reverse("import_files"), {"files": [upload("e.zip", b"PK\x03\x04junk")]})
    assert response.status_code == 400 and "not a zip file" in response.content.decode()
    monkeypatch.setattr(limits, "MAX_ZIP_BYTES", 1024)
    big = zip_of({"activities.csv": STRAVA_CSV.encode() + b"#" * 5000}, zipfile.ZIP_STORED)
    response = client.post(reverse("import_files"), {"files": [upload("big.zip", big)]})
    assert response.status_code == 400
    assert "big.zip is larger than the 1 KB limit." in response.content.decode()
    assert nothing_written() and not ImportJob.objects.exists()


def test_it_never_answers_an_anonymous_upload_with_anything_but_the_log_in(client):
    for name in ("import_files", "import_csv_upload"):
        response = client.post(reverse(name), {"files": [upload("a.gpx", b"x")]})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_takes_garmin_connects_activities_csv_with_the_files(client_for, make_user):
    runner = make_user(time_zone="Europe/London")
    text = (
        '"Activity Type","Date","Distance","Time","Moving Time","Avg HR"\n'
        '"Treadmill Running","2026-01-04 12:38:59","3,40","00:17:01","00:16:51","153"\n'
        '"Running","2026-01-05 12:00:00","x","00:17:01","00:16:51","153"\n'
    )
    client = client_for(runner)
    html = job_lines(
        client,
        client.post(reverse("import_files"), {"files": [upload("Activities.csv", text.encode())]}),
    )
    assert "Activities.csv:2: imported: run 3.4 km in 16.85 min on 4 Jan 2026" in html
    assert "Activities.csv:3: refused: Distance: &#x27;x&#x27; is not a number" in html
    job = ImportJob.objects.get()
    assert (job.total, job.imported, job.refused) == (2, 1, 1)
    assert Session.objects.get().surface == "treadmill"


def test_it_refuses_an_export_whose_csv_header_no_reader_takes(client_for, runner):
    # One header cell of 200,000 characters: past the csv module's field limit.
    data = zip_of({"activities.csv": b'"' + b"x" * 200_000 + b'",Activity ID\n1\n'})
    response = client_for(runner).post(reverse("import_files"), {"files": [upload("e.zip", data)]})
    assert response.status_code == 400
    assert "activities.csv is not valid CSV" in response.content.decode()
    assert nothing_written() and not ImportJob.objects.exists()
