"""What every page's layout needs: the runner's units."""

from __future__ import annotations

from django.http import HttpRequest


def runner(request: HttpRequest) -> dict[str, object]:
    profile = getattr(request, "profile", None)
    return {"units": profile.units if profile else "km"}
