"""What every page's layout needs: the runner's units and urgent warnings."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tracker.flagging import urgent_banner


def runner(request: HttpRequest) -> dict[str, object]:
    profile = getattr(request, "profile", None)
    if profile is None:
        return {"units": "km", "urgent_lines": ()}
    # Lazy: only pages that render the banner pay for evaluating the rules, once.
    return {
        "units": profile.units,
        "urgent_lines": SimpleLazyObject(lambda: urgent_banner(request)),
    }
