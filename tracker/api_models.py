"""A runner's personal access tokens for the REST API (``tracker.api``).

The row keeps the token's SHA-256, never the token (``tracker.api.tokens``), and
the first characters of it so that the runner can tell their tokens apart in the
list. Revoking sets ``revoked_at`` rather than deleting: the list then still says
which token stopped working and when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(max_length=80)  # the runner's name for it ("My script")
    # The token's first characters ("sw_" and a few more), shown in the list.
    prefix = models.CharField(max_length=12)
    # Hex SHA-256 of the token (tracker.api.tokens), never the token itself.
    token_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=5, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)  # None: never
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=TokenScope.values), name="api_token_scope_valid"
            ),
            models.CheckConstraint(condition=~Q(label=""), name="api_token_label_not_blank"),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=F("created_at")),
                name="api_token_expires_after_created",
            ),
        ]

    def __str__(self) -> str:
        return f"API token {self.prefix}… of user {self.user_id}"

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE
