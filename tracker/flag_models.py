"""Where a runner's evaluated flags are kept between requests (``tracker.flagstore``).

``FlagState`` says which version of the runner's log and which day the stored
``StoredFlag`` rows were evaluated for; any write to the log bumps ``version``.
``SeenFlag`` is a flag the runner marked as seen.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FlagState(models.Model):
    """One a runner: the log's version, and what the stored flags were computed for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="flag_state",
    )
    # Bumped in the same transaction as every write to the runner's log.
    version = models.BigIntegerField(default=0)
    # The version and the runner's day the stored flags are the full evaluation of
    # (None: never evaluated).
    computed_version = models.BigIntegerField(null=True, blank=True)
    computed_on = models.DateField(null=True, blank=True)
    # The first day of the week they were evaluated with (the rules count weekly
    # load): for a runner who leaves it to their language, it follows the page's
    # language, which changes with no write to the log.
    computed_week_start = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"flags of user {self.user_id}: v{self.computed_version} on {self.computed_on}"


class StoredFlag(models.Model):
    """One flag of the runner's full evaluation, in the order ``advice.evaluate`` gave."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stored_flags"
    )
    position = models.PositiveIntegerField()  # index in evaluate()'s order
    rule = models.CharField(max_length=60)
    severity = models.CharField(max_length=10)
    start = models.DateField()
    end = models.DateField()
    resolved = models.DateField(null=True, blank=True)
    key = models.TextField()  # Flag.key: the "seen" marks' key
    # The rest of the Flag (texts, source, evidence, session ids), as flagstore writes it.
    data = models.JSONField()

    class Meta:
        indexes = [
            models.Index(fields=["user", "position"], name="storedflag_user_position"),
            models.Index(fields=["user", "end"], name="storedflag_user_end"),
        ]

    def __str__(self) -> str:
        return self.key


class SeenFlag(models.Model):
    """A flag the runner marked as seen; a flag raised by new data has a new key."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seen_flags"
    )
    key = models.CharField(max_length=400)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="seen_flag_unique_per_runner")
        ]

    def __str__(self) -> str:
        return self.key
