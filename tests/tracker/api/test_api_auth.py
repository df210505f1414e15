"""Tokens: the only way into the API; expired and revoked ones refused; scopes enforced;
the session cookie opens nothing; the token kept only as its SHA-256."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from tracker.api.tokens import create_token, revoke
from tracker.api_models import ApiToken, TokenScope
from tracker.models import Session
from tracker.services import runner_today

pytestmark = pytest.mark.django_db

# Every write route, with a body a write token would have saved.
WRITES = [
    ("post", "/api/v1/sessions"),
    ("post", "/api/v1/soreness"),
    ("post", "/api/v1/shoes"),
    ("post", "/api/v1/imports"),
    ("put", "/api/v1/sessions/{session}"),
    ("patch", "/api/v1/sessions/{session}"),
    ("delete", "/api/v1/sessions/{session}"),
    ("put", "/api/v1/soreness/{soreness}"),
    ("patch", "/api/v1/soreness/{soreness}"),
    ("delete", "/api/v1/soreness/{soreness}"),
    ("put", "/api/v1/shoes/{shoe}"),
    ("patch", "/api/v1/shoes/{shoe}"),
    ("delete", "/api/v1/shoes/{shoe}"),
]


def _bearer(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_no_token_bad_token_and_a_malformed_header_are_401(runner):
    assert Client().get("/api/v1/sessions").status_code == 401
    assert _bearer("sw_not-a-token").get("/api/v1/sessions").status_code == 401
    assert _bearer("x" * 5000).get("/api/v1/sessions").status_code == 401
    basic = Client(headers={"Authorization": "Basic YTpi"})
    response = basic.get("/api/v1/sessions")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="stridewise"'


def test_an_expired_token_is_401(runner):
    past = timezone.now() - timedelta(days=31)
    _row, token = create_token(runner, label="old", scope=TokenScope.READ, days=30, now=past)
    assert _bearer(token).get("/api/v1/sessions").status_code == 401
    _row, fresh = create_token(
        runner, label="new", scope=TokenScope.READ, days=30, now=timezone.now()
    )
    assert _bearer(fresh).get("/api/v1/sessions").status_code == 200


def test_a_revoked_token_is_401_from_the_next_request(runner):
    row, token = create_token(
        runner, label="s", scope=TokenScope.READ, days=None, now=timezone.now()
    )
    client = _bearer(token)
    assert client.get("/api/v1/sessions").status_code == 200
    revoke(row, now=timezone.now())
    assert client.get("/api/v1/sessions").status_code == 401


def test_an_inactive_runners_token_is_401(runner, token_for):
    token = token_for(runner, TokenScope.READ)
    runner.is_active = False
    runner.save()
    assert _bearer(token).get("/api/v1/sessions").status_code == 401


def test_the_session_cookie_does_not_authenticate(client_for, runner):
    browser = client_for(runner)
    assert browser.get("/api/v1/sessions").status_code == 401
    today = runner_today(runner.profile).isoformat()
    response = browser.post(
        "/api/v1/sessions", {"date": today, "distance_km": 5}, content_type="application/json"
    )
    assert response.status_code == 401
    assert not Session.objects.exists()


def test_a_browser_logged_in_as_one_runner_acts_as_the_tokens_runner(
    client, runner, other_runner, token_for, make_session
):
    make_session(runner, notes="alice's")
    make_session(other_runner, notes="mallory's")
    client.force_login(runner)
    token = token_for(other_runner)
    body = client.get("/api/v1/sessions", headers={"Authorization": f"Bearer {token}"}).json()
    assert [item["notes"] for item in body["items"]] == ["mallory's"]


def test_token_calls_need_no_csrf_token(api, runner):
    # api's client enforces CSRF checks as a browser's would: a token call passes.
    today = runner_today(runner.profile).isoformat()
    response = api.post(
        "/api/v1/sessions",
        {"date": today, "distance_km": 5, "duration_min": 30},
        content_type="application/json",
    )
    assert response.status_code == 201


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_a_read_token_cannot_write(
    api_as, runner, make_session, make_soreness, make_shoe, method, path
):
    rows = {
        "session": make_session(runner).pk,
        "soreness": make_soreness(runner).pk,
        "shoe": make_shoe(runner, name="Pair").pk,
    }
    reader = api_as(runner, TokenScope.READ)
    counts = (Session.objects.count(), runner.shoes.count())
    response = getattr(reader, method)(
        path.format(**rows), {"name": "New pair"}, content_type="application/json"
    )
    assert response.status_code == 403, (method, path, response.content)
    assert (Session.objects.count(), runner.shoes.count()) == counts


def test_a_read_token_reads(api_as, runner, make_session):
    session = make_session(runner)
    reader = api_as(runner, TokenScope.READ)
    assert reader.get(f"/api/v1/sessions/{session.pk}").status_code == 200
    assert reader.get("/api/v1/flags").status_code == 200


def test_last_used_is_recorded(runner, token_for):
    token = token_for(runner, TokenScope.READ)
    row = ApiToken.objects.get(user=runner)
    assert row.last_used_at is None
    _bearer(token).get("/api/v1/sessions")
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_the_token_is_only_kept_as_its_sha256(runner):
    _row, token = create_token(
        runner, label="s", scope=TokenScope.WRITE, days=90, now=timezone.now()
    )
    assert token.startswith("sw_") and len(token) >= 43
    row = ApiToken.objects.get()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.prefix or len(row.prefix) < len(token)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert token not in stored


def test_answers_are_never_cached(api):
    # They carry the runner's health data, as the pages do (PrivateResponsesMiddleware).
    response = api.get("/api/v1/sessions")
    assert "no-store" in response["Cache-Control"]
