"""Where each field of a Session goes: one table for every list of session fields.

The advice selector's field list and the fields "Repeat this session" copies are
derived from it; advice's SessionRecord (which cannot import Django), the CSV
contract's columns, the session form and the admin are checked against it by
tests/tracker/test_session_fields.py, which fails when a field of the model is not
in this table, or when the table says a field belongs somewhere it is not. A new
field of Session: add it to the model, then here with the places it belongs, and
the test names every list that still lacks it.
"""

from __future__ import annotations

from enum import Flag, auto

from tracker.models import Session


class Use(Flag):
    ADVICE = auto()  # advice.SessionRecord carries it: the rules read it
    CSV = auto()  # a column of sessions.csv (docs/contract.md), so export and import
    FORM = auto()  # the session form asks for it (distance_km as "distance", in units)
    REPEAT = auto()  # "Repeat this session" copies it: the shape, not the day's effort
    IMPORTED = auto()  # filled by activity-file imports only
    KEPT = auto()  # kept by the app itself: owner, origin, timestamps


A, C, F, R = Use.ADVICE, Use.CSV, Use.FORM, Use.REPEAT
# The model's field names (``shoe``, not ``shoe_id``), in the model's order.
SESSION_FIELDS: dict[str, Use] = {
    "id": A,
    "user": Use.KEPT,
    "date": A | C | F,
    "activity": A | C | F | R,
    "distance_km": A | C | F | R,
    "duration_min": A | C | F | R,
    "surface": A | C | F | R,
    "terrain": A | C | F | R,
    "shoe": A | C | F | R,
    "warmup_min": A | C | F | R,
    "cooldown_min": A | C | F | R,
    "fast_pct": A | C | F,
    "rpe": A | C | F,
    "stopped": A | C | F,
    "pain": A | C | F,
    "pain_area": A | C | F,
    "pain_side": A | C | F,
    "notes": C | F,
    # Repeat copies the session's name and climb too: the same loop again.
    "title": C | F | R,
    "start_time": C | F,
    "avg_hr": C | F,
    "max_hr": C | F,
    "ascent_m": C | F | R,
    "race": A | C | F,  # advice gives a race recovery advice, not "grow by a tenth"
    "started_at": Use.IMPORTED,  # the instant, for duplicate detection of device files
    "activity_guessed": Use.IMPORTED,  # the file did not say: guessed from the pace
    "source": Use.KEPT,
    "created_at": Use.KEPT,
    "updated_at": Use.KEPT,
}


def session_fields(use: Use) -> tuple[str, ...]:
    """The model's names of the fields that have ``use``, in the model's order."""
    return tuple(name for name, uses in SESSION_FIELDS.items() if use in uses)


def session_columns(use: Use) -> tuple[str, ...]:
    """``session_fields`` as attribute names: ``shoe_id`` for the pair, as
    ``values_list`` reads it and a copy assigns it without loading the pair."""
    attnames = {field.name: field.attname for field in Session._meta.concrete_fields}
    return tuple(attnames[name] for name in session_fields(use))
