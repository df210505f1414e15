"""Log-in, log-out, password change and password reset by e-mail."""

from __future__ import annotations

import importlib
import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-42"


def test_it_logs_in_and_out(client, runner):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_it_says_when_the_password_is_wrong(client, runner):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()


def test_it_changes_the_password(client_for, runner, client):
    logged_in = client_for(runner)
    wrong = logged_in.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "x", "new_password2": "y"},
    )
    assert set(wrong.context["form"].errors) == {"old_password", "new_password2"}
    done = logged_in.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "hill-repeats-2027",
            "new_password2": "hill-repeats-2027",
        },
    )
    assert done["Location"] == reverse("password_change_done")
    runner.refresh_from_db()
    assert runner.check_password("hill-repeats-2027")


def test_it_resets_a_forgotten_password_through_the_e_mailed_link(client, runner):
    client.post(reverse("password_reset"), {"email": runner.email})
    [message] = mail.outbox
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "tempo-runs-2027", "new_password2": "tempo-runs-2027"},
    )
    runner.refresh_from_db()
    assert runner.check_password("tempo-runs-2027")
    # The link works once.
    assert not client.get(link, follow=True).context["validlink"]


def test_it_does_not_tell_whether_an_address_has_an_account(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_it_sends_e_mail_to_the_console_unless_smtp_is_configured(monkeypatch):
    # Re-read the settings module under each environment; Django's own settings
    # object keeps the values it loaded at start-up.
    from tracker import settings as project_settings

    monkeypatch.delenv("EMAIL_HOST", raising=False)
    assert importlib.reload(project_settings).EMAIL_BACKEND.endswith("console.EmailBackend")
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.org")
    monkeypatch.setenv("EMAIL_PORT", "2525")
    smtp = importlib.reload(project_settings)
    assert smtp.EMAIL_BACKEND.endswith("smtp.EmailBackend")
    assert (smtp.EMAIL_HOST, smtp.EMAIL_PORT) == ("smtp.example.org", 2525)
    monkeypatch.delenv("EMAIL_HOST")
    importlib.reload(project_settings)
