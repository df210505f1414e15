"""Template filters for showing stored km in the runner's units."""

from __future__ import annotations

from decimal import Decimal

from django import template

from tracker.units import format_distance, km_to_units

register = template.Library()


@register.filter
def distance(km: Decimal | float | None, units: str = "km") -> str:
    """``{{ session.distance_km|distance:units }}`` -> "12.3 km" or "7.6 mi"."""
    return format_distance(km, units)


@register.filter
def in_units(km: Decimal | float | None, units: str = "km") -> str:
    """The bare number in the runner's units, one decimal."""
    value = km_to_units(km, units)
    return "" if value is None else f"{value:.1f}"


@register.filter
def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.0f}%"


@register.filter
def minutes(value: Decimal | float | None) -> str:
    """Minutes as h:mm:ss (or m:ss under an hour)."""
    if value is None:
        return "—"
    seconds = round(float(value) * 60)
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


@register.filter
def yesno_blank(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "—")  # type: ignore[arg-type]
