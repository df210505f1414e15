"""Argon2 with OWASP's parameters, and older hashes upgraded at log-in."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher
from django.urls import reverse

OURS = [
    "tracker.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]


def test_it_hashes_with_owasps_argon2id_parameters(settings):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = OURS
    encoded = make_password("correct horse battery staple")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert identify_hasher(encoded).must_update(encoded) is False


@pytest.mark.django_db
def test_it_upgrades_a_hash_made_with_djangos_defaults_at_the_next_log_in(
    client, make_user, settings
):
    settings.PASSWORD_HASHERS = OURS
    user = make_user("legacy")
    old = Argon2PasswordHasher().encode("a-long-passphrase-42", Argon2PasswordHasher().salt())
    assert "m=102400" in old
    user.password = old
    user.save(update_fields=["password"])
    response = client.post(
        reverse("login"), {"username": "legacy", "password": "a-long-passphrase-42"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
