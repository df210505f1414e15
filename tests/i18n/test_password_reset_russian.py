"""The password-reset e-mail in the language of the page that asked for it."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks import task_backends

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    """Tasks wait in the dummy backend's list instead of running."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    return backend


def test_the_e_mail_is_in_the_language_of_the_page_that_asked(client, runner, queued):
    """The worker has no request: the task carries the page's language to the e-mail."""
    response = client.post(
        reverse("password_reset"), {"email": runner.email}, HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9"
    )
    assert response.status_code == 302
    [result] = queued.results
    assert result.kwargs["language"] == "ru"
    result.task.call(*result.args, **result.kwargs)
    [message] = mail.outbox
    assert "Сброс пароля" in message.subject
    assert "Password reset" not in message.subject
    assert "пароль" in message.body and "Please go to the following page" not in message.body
    assert re.search(r"https?://[^/]+/accounts/reset/\S+/", message.body)
