"""Password reset: the request only queues the e-mail, so its time does not tell a
registered address from an unknown one; a task looks the address up and sends."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import task_backends

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queued(settings):
    """Tasks wait in the dummy backend's list instead of running."""
    settings.TASKS = QUEUED
    backend = task_backends["default"]
    backend.clear()
    return backend


def post_reset(client, email: str) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("password_reset"), {"email": email})
    # The statements, without their parameters (the address differs).
    return response, [re.sub(r"'[^']*'|\b\d+\b", "?", q["sql"]) for q in queries.captured_queries]


def test_the_view_queues_the_e_mail_and_returns_without_sending(client, runner, queued):
    response, _ = post_reset(client, runner.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []
    [result] = queued.results
    assert runner.email in [*result.args, *result.kwargs.values()]

    result.task.call(*result.args, **result.kwargs)  # what the worker does
    [message] = mail.outbox
    assert message.to == [runner.email]
    assert re.search(r"https?://[^/]+/accounts/reset/\S+/", message.body)


def test_a_registered_and_an_unknown_address_cost_the_request_the_same_work(client, runner, queued):
    known, known_sql = post_reset(client, runner.email)
    unknown, unknown_sql = post_reset(client, "nobody@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert known_sql == unknown_sql
    assert len(queued.results) == 2  # both queued alike
    assert mail.outbox == []

    for result in queued.results:
        result.task.call(*result.args, **result.kwargs)
    assert [message.to for message in mail.outbox] == [[runner.email]]
