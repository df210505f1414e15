"""Log-in throttling with two limits: per username and address, and per address.

django-axes compares every lockout parameter with one failure limit. We want
two: five failures for one username from one address lock that pair (a runner
mistyping their own password does not lock out their household), and twenty
failures from one address across any usernames lock the address (someone
trying one password on many accounts). Both are kept in axes' own tables, so
every app server sees them.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def _failures(attempts: Any) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PairAndAddressHandler(AxesDatabaseHandler):  # type: ignore[misc]  # axes ships no types
    """AXES_LOCKOUT_PARAMETERS must be [["username", "ip_address"], "ip_address"]."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        pair, address = (_failures(a) for a in self.get_user_attempts(request, credentials))
        # Axes locks when this reaches AXES_FAILURE_LIMIT: scale the address's count so
        # that reaching its own, higher limit counts the same.
        per_pair: int = settings.AXES_FAILURE_LIMIT
        return max(pair, address * per_pair // settings.STRIDEWISE_ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A good log-in forgives that username's failures from that address only.

        Axes would also delete everything matching the address alone, so an
        attacker with one account of their own could clear the address's count
        by logging in between guesses.
        """
        pair = self.filter_user_attempts(request, credentials)[0]
        count: int = pair.delete()[0]
        return count
