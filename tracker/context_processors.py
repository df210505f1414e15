"""What every page's layout needs: the runner's units and urgent warnings, the
release, and advice's lines that the pages explain (pain from PAIN_MIN/10, active
for ACTIVE_DAYS days), so a template never writes those numbers itself."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from advice import ACTIVE_DAYS, PAIN_MIN
from tracker import __version__
from tracker.flagging import urgent_banner


def site(request: HttpRequest) -> dict[str, object]:
    return {"version": __version__, "pain_min": PAIN_MIN, "active_days": ACTIVE_DAYS}


def runner(request: HttpRequest) -> dict[str, object]:
    profile = getattr(request, "profile", None)
    if profile is None:
        return {"units": "km", "urgent_lines": ()}
    # Lazy: only pages that render the banner pay for evaluating the rules, once.
    return {
        "units": profile.units,
        "urgent_lines": SimpleLazyObject(lambda: urgent_banner(request)),
    }
