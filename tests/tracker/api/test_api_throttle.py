"""The API's rate limit: per runner, a 429 past it, another runner unaffected."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache

from tracker.api import api as ninja_api


@pytest.fixture
def two_a_minute(monkeypatch):
    """The throttle as API_RATE_LIMIT="2/m" would make it, on a fresh cache."""
    (throttle,) = ninja_api.throttle
    monkeypatch.setattr(throttle, "num_requests", 2)
    monkeypatch.setattr(throttle, "duration", 60)
    cache.clear()
    yield
    cache.clear()


def test_the_limit_in_force_is_the_setting():
    (throttle,) = ninja_api.throttle
    assert throttle.rate == settings.API_RATE_LIMIT


@pytest.mark.django_db
def test_a_runner_past_the_limit_is_told_to_wait_and_another_is_not(
    two_a_minute, api_as, runner, other_runner
):
    mine, theirs = api_as(runner), api_as(other_runner)
    assert [mine.get("/api/v1/shoes").status_code for _ in range(2)] == [200, 200]
    refused = mine.get("/api/v1/shoes")
    assert refused.status_code == 429
    assert theirs.get("/api/v1/shoes").status_code == 200
