"""Settings > API tokens: make one (shown once), list, revoke with a confirmation."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tracker.api.tokens import MAX_TOKENS
from tracker.api_models import ApiToken, TokenScope

pytestmark = pytest.mark.django_db


def test_the_profile_page_links_to_it(client_for, runner):
    page = client_for(runner).get(reverse("profile")).content.decode()
    assert reverse("api_tokens") in page


def test_it_asks_to_log_in(client):
    response = client.get(reverse("api_tokens"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_making_a_token_shows_it_once_and_it_works(client_for, runner):
    browser = client_for(runner)
    response = browser.post(
        reverse("api_tokens"), {"label": "Backup", "scope": TokenScope.WRITE, "lifetime": "30"}
    )
    assert response.status_code == 201
    token = response.context["token"]
    assert token.startswith("sw_")
    assert token in response.content.decode()
    row = ApiToken.objects.get(user=runner)
    assert (row.label, row.scope, (row.expires_at - row.created_at).days) == ("Backup", "write", 30)
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    # Shown once: the list afterwards has its prefix, never the token.
    again = browser.get(reverse("api_tokens")).content.decode()
    assert token not in again
    assert row.prefix in again
    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/v1/sessions").status_code == 200


def test_never_expires_and_a_blank_label(client_for, runner):
    browser = client_for(runner)
    browser.post(reverse("api_tokens"), {"label": "Forever", "scope": "read", "lifetime": ""})
    assert ApiToken.objects.get().expires_at is None
    refused = browser.post(reverse("api_tokens"), {"label": "   ", "scope": "read"})
    assert refused.status_code == 200
    assert "label" in refused.context["form"].errors
    assert ApiToken.objects.count() == 1
    bad = browser.post(reverse("api_tokens"), {"label": "x", "scope": "admin"})
    assert "scope" in bad.context["form"].errors


def test_a_runner_has_at_most_max_tokens(client_for, runner, token_for):
    for i in range(MAX_TOKENS):
        token_for(runner, label=f"t{i}")
    response = client_for(runner).post(
        reverse("api_tokens"), {"label": "one more", "scope": "read"}
    )
    assert f"You have {MAX_TOKENS} tokens" in response.content.decode()
    assert ApiToken.objects.count() == MAX_TOKENS


def test_revoking_asks_first_then_refuses_the_token(client_for, runner, token_for):
    token = token_for(runner)
    row = ApiToken.objects.get()
    browser = client_for(runner)
    confirm = browser.get(reverse("api_token_revoke", args=[row.pk]))
    assert confirm.status_code == 200
    assert "Revoke the token" in confirm.content.decode()
    row.refresh_from_db()
    assert row.revoked_at is None
    done = browser.post(reverse("api_token_revoke", args=[row.pk]))
    assert done.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert "Revoked on" in browser.get(reverse("api_tokens")).content.decode()
    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/v1/sessions").status_code == 401


def test_another_runners_token_cannot_be_revoked_or_seen(
    client_for, runner, other_runner, token_for
):
    token_for(other_runner, label="Mallory's script")
    row = ApiToken.objects.get()
    browser = client_for(runner)
    assert "Mallory's script" not in browser.get(reverse("api_tokens")).content.decode()
    assert browser.get(reverse("api_token_revoke", args=[row.pk])).status_code == 404
    assert browser.post(reverse("api_token_revoke", args=[row.pk])).status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None
