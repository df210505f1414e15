"""``POST /warnings/seen/``: where it goes afterwards, whatever ``next`` holds.

A separate file from test_warnings.py so the fix can be re-applied on its own."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        # A relative name that is not a path: the warnings page, not a 500.
        ("run", "/warnings/"),
        ("sessions/", "/warnings/"),
        # A query or a fragment alone: the warnings page with it.
        ("?page=2", "/warnings/?page=2"),
        ("#x", "/warnings/#x"),
        ("?rule=pain-persisting#history", "/warnings/?rule=pain-persisting#history"),
        # A path on this site is kept; another host never is.
        ("/sessions/?page=3", "/sessions/?page=3"),
        ("//evil.example/", "/warnings/"),
        ("https://evil.example/", "/warnings/"),
        ("/\\evil.example", "/warnings/"),
        ("", "/warnings/"),
        # A line break would make the Location header raise.
        ("/sessions/\r\nSet-Cookie: x=1", "/warnings/"),
        ("?page=2\nx", "/warnings/"),
    ],
)
def test_mark_seen_redirects_safely_whatever_next_is(client_for, runner, next_url, expected):
    client = client_for(runner)
    response = client.post(reverse("mark_seen"), {"key": "some-key", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == expected
    # The mark is saved whatever next held.
    from tracker.models import SeenFlag

    assert SeenFlag.objects.filter(user=runner, key="some-key").exists()
