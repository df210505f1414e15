"""Anonymous visitors reach only the public pages; runners reach only their own rows."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tracker.api.tokens import create_token
from tracker.models import SeenFlag, Session, Share, Shoe, Soreness
from tracker.sharing.service import create_share

pytestmark = pytest.mark.django_db

# The pages an anonymous visitor may open. Everything else redirects to log-in.
PUBLIC = {
    "landing",
    "signup",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "logout",  # POST-only; logging out when not logged in is harmless
    "rules",  # the rules page: what Stridewise checks and why, no runner data
    "set_language",  # the language form of the log-in page: a cookie, no runner data
}
# A share's link and pages: without the share's token, a plain 404 (GET only: a
# POST is refused before anything is looked up). tests/tracker/test_sharing.py.
SHARED = {"open_share"} | {
    p.name
    for p in get_resolver().url_patterns
    if isinstance(p, URLPattern) and p.name and p.name.startswith("shared_")
}


# The REST API (tracker/api, tests/tracker/api): no log-in page, a token or a 401
# (405 for a method the route does not take); its schema, its docs page and its
# root (the routes' list, or a 404) are public and hold no runner's data.
API_PUBLIC = {"openapi-json", "openapi-view", "api-root"}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue  # the admin has its own log-in, tested below
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry, prefix + str(entry.pattern)


def _fill(route: str) -> str:
    """A concrete path for a route: every converter gets a plausible value."""
    path = re.sub(r"<int:[^>]+>", "1", route)
    path = re.sub(r"<uidb64>", "MQ", path)
    path = re.sub(r"<token>", "set-password", path)
    path = re.sub(r"<[^>]+>", "x", path)
    return "/" + path.replace("^", "").replace("$", "")


ALL_ROUTES = sorted(
    {(p.name or "", _fill(route)) for p, route in _walk(get_resolver().url_patterns)}
)


def test_it_knows_every_route():
    names = {name for name, _ in ALL_ROUTES}
    assert {"dashboard", "session_list", "session_detail", "shoe_list"} <= names


@pytest.mark.parametrize(("name", "path"), ALL_ROUTES, ids=[n or p for n, p in ALL_ROUTES])
def test_it_sends_anonymous_visitors_to_log_in(client, name, path):
    for method in (client.get, client.post):
        response = method(path)
        if path.startswith("/api/v1/"):
            expected_api = (200, 404, 405) if name in API_PUBLIC else (401, 405)
            assert response.status_code in expected_api, (path, method, response.status_code)
        elif name in SHARED:
            expected = 404 if method == client.get else 405
            assert response.status_code == expected, (path, response.status_code)
        elif name in PUBLIC:
            assert response.status_code in (200, 302, 405), (path, response.status_code)
            if response.status_code == 302:
                assert "/accounts/login/" not in response["Location"] or name == "logout"
        else:
            assert response.status_code == 302, (path, method, response.status_code)
            assert response["Location"].startswith(reverse("login")), response["Location"]


def test_it_keeps_the_admin_for_staff(client, runner, client_for):
    assert client.get("/admin/").status_code == 302
    assert client_for(runner).get("/admin/").status_code == 302  # not staff


# Every view that takes an id, with the method that changes something.
OWNED_VIEWS = [
    ("session_detail", "session", "get"),
    ("session_edit", "session", "get"),
    ("session_edit", "session", "post"),
    ("session_delete", "session", "get"),
    ("session_delete", "session", "post"),
    ("session_repeat", "session", "post"),
    ("soreness_edit", "soreness", "get"),
    ("soreness_edit", "soreness", "post"),
    ("soreness_delete", "soreness", "get"),
    ("soreness_delete", "soreness", "post"),
    ("shoe_edit", "shoe", "get"),
    ("shoe_edit", "shoe", "post"),
    ("shoe_retire", "shoe", "post"),
    ("shoe_delete", "shoe", "get"),
    ("shoe_delete", "shoe", "post"),
    ("share_revoke", "share", "post"),
    ("api_token_revoke", "api_token", "get"),
    ("api_token_revoke", "api_token", "post"),
]


@pytest.fixture
def rows_of_other_runner(other_runner, make_session, make_shoe, make_soreness):
    shoe = make_shoe(other_runner, name="Theirs")
    return {
        "shoe": shoe,
        "session": make_session(other_runner, shoe=shoe),
        "soreness": make_soreness(other_runner),
        "share": create_share(
            other_runner,
            label="Theirs",
            title="Theirs",
            covers="all",
            notes=True,
            days=None,
            now=timezone.now(),
        )[0],
        "api_token": create_token(
            other_runner, label="Theirs", scope="write", days=None, now=timezone.now()
        )[0],
    }


@pytest.mark.parametrize(("name", "kind", "method"), OWNED_VIEWS)
def test_it_answers_404_for_another_runners_row(
    client_for, runner, rows_of_other_runner, name, kind, method
):
    row = rows_of_other_runner[kind]
    before = type(row).objects.filter(pk=row.pk).values().first()
    client = client_for(runner)
    response = getattr(client, method)(reverse(name, args=[row.pk]), {"name": "Stolen"})
    assert response.status_code == 404
    assert type(row).objects.filter(pk=row.pk).values().first() == before


def test_it_covers_every_view_that_takes_an_id():
    taking_ids = {name for name, path in ALL_ROUTES if "/1/" in path and name} - SHARED
    covered = {name for name, _, _ in OWNED_VIEWS} | set(EXTRA_OWNED_VIEWS)
    assert taking_ids <= covered, taking_ids - covered


# Views with ids tested elsewhere (in their own modules), listed here so the check
# above fails when a new view with an id has no ownership test at all.
EXTRA_OWNED_VIEWS: tuple[str, ...] = (
    # The API's routes with an id: tests/tracker/api/test_api_ownership.py walks them.
    # An import job's pages: test_import_web.py and test_import_jobs.py.
    "import_csv_preview",
    "import_job",
    "import_job_status",  # test_csv_jobs.py
    "import_followup",
    # The calendar's routes take a date, not an id; test_calendar.py checks that a
    # month and a day show the runner's own rows only.
    "calendar_month",
    "calendar_day",
)


def test_it_404s_for_a_row_that_does_not_exist(client_for, runner):
    assert client_for(runner).get(reverse("session_detail", args=[999999])).status_code == 404


def _shared_fill(route: str, share_id: int, day) -> str:
    """A concrete path for a route, with the share's number and a real day."""
    path = route.replace("<int:share_id>", str(share_id))
    path = path.replace("<int:year>", str(day.year)).replace("<int:month>", str(day.month))
    path = path.replace("<int:day>", str(day.day))
    return _fill(path)


def test_a_share_viewer_can_write_nothing_and_see_no_one_else(
    runner, rows_of_other_runner, make_session, make_soreness
):
    """The viewer's browser holds a share of alice's log and no account: it walks
    every route of the app. Every POST is refused or sent to log in; every GET of a
    runner's page is sent to log in; the share's pages open and never show
    mallory's rows (whose share is another number)."""
    from tracker.services import runner_today

    today = runner_today(runner.profile)
    make_session(runner, date=today, notes="ALICE-NOTE")
    make_soreness(runner, date=today, notes="ALICE-CHECKIN")
    rows = rows_of_other_runner
    rows["session"].notes = "MALLORY-NOTE"
    rows["session"].save()
    share, token = create_share(
        runner,
        label="Anna",
        title="Alice's log",
        covers="all",
        notes=True,
        days=30,
        now=timezone.now(),
    )
    viewer = Client()
    assert viewer.get(reverse("open_share", args=[token])).status_code == 302
    theirs = rows["share"].pk
    counts = {model: model.objects.count() for model in (User, Share, Session, Soreness, Shoe)}
    seen_alice = False
    for pattern, route in _walk(get_resolver().url_patterns):
        name = pattern.name or ""
        for share_id in (share.pk, theirs):
            path = _shared_fill(route, share_id, today)
            posted = viewer.post(path, {"key": "x", "name": "Stolen"})
            if path.startswith("/api/v1/"):  # a share's cookie is no token
                expected = (200, 404, 405) if name in API_PUBLIC else (401, 405)
                assert posted.status_code in expected, (path, posted.status_code)
                got = viewer.get(path)
                assert got.status_code in expected, (path, got.status_code)
                continue
            if name not in PUBLIC:  # the public forms answer with their errors
                assert posted.status_code in (302, 403, 404, 405), (path, posted.status_code)
                if posted.status_code == 302:
                    assert posted["Location"].startswith(reverse("login")), path
            got = viewer.get(path)
            html = got.content.decode(errors="replace")
            assert "MALLORY" not in html and "Theirs" not in html, path
            if name in SHARED and name != "open_share":
                mine = share_id == share.pk
                assert got.status_code == (200 if mine else 404), (path, got.status_code)
                seen_alice |= "ALICE-NOTE" in html
            elif name not in PUBLIC:
                assert got.status_code in (302, 404), (path, got.status_code)
                if got.status_code == 302:
                    assert got["Location"].startswith(reverse("login")), path
    assert seen_alice
    # Nothing was written: the rows of both runners are as they were.
    assert type(rows["shoe"]).objects.get(pk=rows["shoe"].pk).name == "Theirs"
    assert counts == {model: model.objects.count() for model in counts}
    assert not SeenFlag.objects.exists()
