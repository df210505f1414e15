"""The record of a create form that saved: its one-use token and what it made.

Kept out of tracker/models.py (which imports it at its end, so Django registers it
with the app) because nothing but tracker/writes.py reads it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SubmittedForm(models.Model):
    """A rendered create form carries a fresh token; saving records it here with the
    row it made, so the same form posted again (a double click, a retried request)
    leads to that row instead of making another. Old records are swept
    (tracker.writes.forget_old_tokens): a page is not posted days later."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submitted_forms"
    )
    token = models.UUIDField()
    model = models.CharField(max_length=60)  # the row's model label: "tracker.session"
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        app_label = "tracker"
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="submitted_form_token_once")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.object_id} (form {self.token})"
