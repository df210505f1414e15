"""Distances are stored in km; the runner reads and types them in km or miles."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

KM_PER_MILE = Decimal("1.609344")
UNIT_LABELS = {"km": "km", "mi": "mi"}


def km_to_units(km: Decimal | float | None, units: str) -> float | None:
    """A stored km figure in the runner's units (float, for display and charts)."""
    if km is None:
        return None
    value = Decimal(str(km))
    if units == "mi":
        value = value / KM_PER_MILE
    return float(value)


def units_to_km(value: Decimal | None, units: str) -> Decimal | None:
    """A figure the runner typed, in km with the column's 3 decimals."""
    if value is None:
        return None
    km = value * KM_PER_MILE if units == "mi" else value
    return km.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def format_distance(km: Decimal | float | None, units: str, *, digits: int = 1) -> str:
    value = km_to_units(km, units)
    if value is None:
        return "—"
    return f"{value:,.{digits}f} {UNIT_LABELS.get(units, 'km')}"
