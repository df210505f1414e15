"""Distances are stored in km; the runner reads and types them in km or miles."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from advice.types import KM_PER_MILE as KM_PER_MILE_FLOAT
from tracker.numbers import local_distance

# advice's constant, exact as a Decimal (its repr is the exact figure, 1.609344), for
# the stored km that keep 3 decimals.
KM_PER_MILE = Decimal(repr(KM_PER_MILE_FLOAT))
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
    """ "1,234.5 km" / "1 234,5 км" (tracker.numbers.local_distance)."""
    value = km_to_units(km, units)
    if value is None:
        return "—"
    return local_distance(value, digits, units)


def whole_units(km: Decimal | float | int | None, units: str) -> int | None:
    """A distance the runner typed as a whole number of their units (a shoe's limit,
    stored as whole km), as that whole number again: typed 400 mi, stored 644 km,
    read back 400 mi. Rounding to whole units undoes the rounding to whole km, whose
    error (at most half a km) is less than half a mile."""
    value = km_to_units(km, units)
    if value is None:
        return None
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_whole_distance(km: Decimal | float | int | None, units: str) -> str:
    whole = whole_units(km, units)
    return "—" if whole is None else local_distance(whole, 0, units)


def pace_in_units(min_per_km: float, units: str) -> float:
    """A pace in minutes per km as minutes per the runner's unit (a mile is longer,
    so its pace is slower)."""
    return min_per_km * float(KM_PER_MILE) if units == "mi" else min_per_km


def format_pace(min_per_km: float | None, units: str) -> str:
    """ "5:06 /km" or "8:13 /mi"; "—" without a pace. Rounded to the second."""
    if min_per_km is None:
        return "—"
    return f"{pace_clock(min_per_km, units)} /{UNIT_LABELS.get(units, 'km')}"


def pace_clock(min_per_km: float, units: str) -> str:
    """ "5:06": a pace's minutes and seconds per the runner's unit, to the second."""
    seconds = round(pace_in_units(min_per_km, units) * 60)
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"


def session_pace(
    distance_km: Decimal | float | None, duration_min: Decimal | float | None, units: str
) -> str:
    """The pace of a distance covered in a time, as the runner reads it; "—" when
    either is missing or 0."""
    if distance_km is None or duration_min is None:
        return "—"
    km, minutes = float(distance_km), float(duration_min)
    if not (km > 0 and minutes > 0):  # also false for NaN
        return "—"
    return format_pace(minutes / km, units)
