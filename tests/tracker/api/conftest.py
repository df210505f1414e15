"""Fixtures for the API's tests: token clients for a runner."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tracker.api.tokens import create_token
from tracker.api_models import TokenScope


@pytest.fixture
def token_for():
    """``token_for(user, scope="write", days=None)`` -> the token's text."""

    def make(user, scope: str = TokenScope.WRITE, days: int | None = None, label: str = "Script"):
        _row, token = create_token(user, label=label, scope=scope, days=days, now=timezone.now())
        return token

    return make


@pytest.fixture
def api_as(token_for):
    """``api_as(user, scope=...)`` -> a fresh test client sending that runner's token
    (no session cookie), CSRF checks on as a browser's would be."""

    def make(user, scope: str = TokenScope.WRITE) -> Client:
        token = token_for(user, scope)
        return Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})

    return make


@pytest.fixture
def api(api_as, runner) -> Client:
    return api_as(runner)
