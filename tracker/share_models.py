"""A runner's read-only share of their log with a coach or physio (``tracker.sharing``).

The row holds what the share covers, how long it lives and when it was last
opened; never the link's token, only its SHA-256 (``tracker.sharing.tokens``).
Revoking deletes the row: the link then answers 404 like one that never existed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ShareCovers(models.TextChoices):
    EVERYTHING = "all", _("Everything")
    # Distance, time, the load chart, pain and soreness, and the load and pain
    # warnings; no shoes, surfaces or habits (tracker.sharing.scope).
    PAIN_LOAD = "pain_load", _("Pain and load only")


class Share(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares"
    )
    # The runner's name for it ("Physio Anna"), and the banner's words for the log
    # ("Anna's running log"): what the viewer is told they are looking at.
    label = models.CharField(max_length=80)
    title = models.CharField(max_length=80)
    # Hex SHA-256 of the link's token, never the token (tracker.sharing.tokens).
    token_hash = models.CharField(max_length=64, unique=True)
    covers = models.CharField(
        max_length=10, choices=ShareCovers.choices, default=ShareCovers.EVERYTHING
    )
    notes = models.BooleanField(default=False)
    created = models.DateTimeField()
    expires = models.DateTimeField(null=True, blank=True)  # None: until revoked
    last_opened = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(covers__in=ShareCovers.values), name="share_covers_valid"
            ),
            models.CheckConstraint(condition=~Q(label=_("")), name="share_label_not_blank"),
            models.CheckConstraint(condition=~Q(title=""), name="share_title_not_blank"),
            models.CheckConstraint(
                condition=Q(expires__isnull=True) | Q(expires__gt=F("created")),
                name="share_expires_after_created",
            ),
        ]

    def __str__(self) -> str:
        return f"share {self.label!r} of user {self.user_id}"
