"""Small builders shared by the Django tests (tests/advice needs none of this)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

_names = itertools.count(1)


@pytest.fixture
def make_user(django_user_model):
    """``make_user(units="mi", time_zone="Europe/Berlin")`` -> a runner with a profile."""

    def build(username: str | None = None, password: str = "a-long-passphrase-42", **profile: Any):
        from tracker.models import Profile

        name = username or f"runner{next(_names)}"
        user = django_user_model.objects.create_user(
            username=name, email=f"{name}@example.org", password=password
        )
        Profile.objects.create(user=user, **profile)
        return user

    return build


@pytest.fixture
def runner(make_user):
    return make_user("alice")


@pytest.fixture
def other_runner(make_user):
    return make_user("mallory")


@pytest.fixture
def client_for(client):
    """A test client logged in as the given runner."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def make_session():
    def build(user, **fields: Any):
        from tracker.models import Session

        values: dict[str, Any] = {
            "date": date(2026, 11, 1),
            "activity": "run",
            "distance_km": Decimal("5"),
        }
        values.update(fields)
        return Session.objects.create(user=user, **values)

    return build


@pytest.fixture
def make_shoe():
    def build(user, name: str | None = None, **fields: Any):
        from tracker.models import Shoe

        return Shoe.objects.create(user=user, name=name or f"Pair {next(_names)}", **fields)

    return build


@pytest.fixture
def make_soreness():
    def build(user, **fields: Any):
        from tracker.models import Soreness

        values: dict[str, Any] = {
            "date": date(2026, 11, 1),
            "area": "calf",
            "side": "left",
            "severity": 3,
        }
        values.update(fields)
        return Soreness.objects.create(user=user, **values)

    return build
