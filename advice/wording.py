"""How flags and the catalogue word things: dates, distances, lists, body areas.

One place for the phrasing every rule shares, so that "3 Nov 2026", "5.0 km" and
"calf left" read the same on every flag, and a rule module holds only what is
its own. Days are date ordinals (see ``advice.load``) or dates. Pure Python: no
locale lookups, so the text does not depend on the server's settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from .i18n import N_, Num, Text, _made, concat

KM_PER_MILE = 1.609344

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=8192)
def as_date(day: int) -> date:
    """An ordinal as a date; cached, as flags and details name the same days often."""
    return date.fromordinal(day)


@lru_cache(maxsize=8192)
def iso(day: int) -> str:
    """A day in a flag's subject, "2026-11-03": stable, as seen-marks key on it."""
    return date.fromordinal(day).isoformat()


@lru_cache(maxsize=8192)
def day_text(day: int) -> str:
    """A day as people write it: "3 Nov 2026"."""
    d = date.fromordinal(day)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


@lru_cache(maxsize=8192)
def date_text(day: date) -> str:
    """``day_text`` for a date; cached on its own (every dated Text asks for one)."""
    return day_text(day.toordinal())


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def readable_dates(text: str) -> str:
    """``text`` with every ISO date in it written as people write dates.

    Subjects keep ISO dates ("week of 2026-11-16") because the seen-marks and the
    JSON contract key on them; pages show "week of 16 Nov 2026".
    """
    found = _ISO_DATE.search(text)
    if found is None:
        return text  # as it is: a Text stays one, for the pages to translate
    day = date(*map(int, found.groups()))
    # The rules' dated subjects, as Texts the pages show in the runner's language.
    if text == f"week of {found.group(0)}":
        return Text("week of {day}", day=day)
    if text == f"wellness {found.group(0)}":
        return Text("wellness {day}", day=day)
    area, _, rest = text.partition(" ")
    if rest == found.group(0) and area in AREA_WORDS:  # an OSTRC answer: "calf 2026-11-16"
        return Text("{area} {day}", area=Text(area), day=day)
    return _ISO_DATE.sub(lambda m: date_text(date(*map(int, m.groups()))), text)


# The two units as catalogue entries: a distance is a Text "{distance} km" whose
# number is a Num, so a page writes both the unit and the decimal separator its
# own way ("31,2 км"). Built here without formatting (``_made``): the English is
# the f-string below, and a ten-year evaluation shows a few thousand distances.
KM = N_("{distance} km")
MI = N_("{distance} mi")


def distance(m: float, units: str) -> str:
    """Metres in the runner's units with one decimal: "42.0 km", "26.1 mi" (a Text)."""
    if units == "mi":
        value = m / 1000 / KM_PER_MILE
        return _made(f"{value:.1f} mi", MI, {"distance": Num(value, 1)}, False, False, False)
    value = m / 1000
    return _made(f"{value:.1f} km", KM, {"distance": Num(value, 1)}, False, False, False)


def limit(m: float, units: str) -> str:
    """A threshold in the runner's units, as round as it is: "5 km", "3.1 mi" (a Text)."""
    if units == "mi":
        value = m / 1000 / KM_PER_MILE
        places = 1 if f"{value:.1f}"[-2:] != ".0" else 0  # "3.1 mi", but "5 mi"
        return Text(MI, distance=Num(value, places))
    value = m / 1000
    places = len(f"{value:g}".partition(".")[2])  # "5" -> 0, "0.5" -> 1
    return Text(KM, distance=Num(value, places))


def minutes(value: float) -> str:
    """A duration in whole minutes: "37 min" (a Text: "37 мин" on a Russian page)."""
    return Text("{minutes} min", minutes=round(value))


def join(items: Iterable[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def join_text(items: Iterable[str]) -> str:
    """``join`` whose result the pages translate: "a", "a and b", "a, b and c" as a
    Text (each item translated in turn when it is one)."""
    items = list(items)
    if len(items) <= 1:
        return items[0] if items else ""
    head = concat(*(part for i, item in enumerate(items[:-1]) for part in (", ", item)[not i :]))
    return Text("{items} and {last}", items=head, last=items[-1])


# The words of an area label, for the catalogue: area_label builds its Text from them.
AREA_WORDS = (
    N_("calf"),
    N_("shin"),
    N_("knee"),
    N_("achilles"),
    N_("heel"),
    N_("foot"),
    N_("thigh"),
    N_("hamstring"),
    N_("hip"),
    N_("back"),
    N_("other"),
    N_("left"),
    N_("right"),
)


@lru_cache(maxsize=256)
def area_label(area: str | None, side: str | None) -> str:
    """The subject for an area and side: "calf left", "knee" (no side), "calf both sides"
    (a Text: the pages show it in the runner's language)."""
    if area is None:
        return Text("area not recorded")
    if side is None:
        return Text(area)
    if side == "both":
        return Text("{area} both sides", area=Text(area))
    return Text("{area} {side}", area=Text(area), side=Text(side))


# The areas that are part of one leg: advice may say "that leg" about them. Back
# and hip are not ("rest that leg" means nothing for back pain), nor "other".
LEG_AREAS = frozenset({"calf", "shin", "knee", "achilles", "heel", "foot", "thigh", "hamstring"})


def sore_part(areas: Iterable[str | None]) -> str:
    """What "rest ..." or "train on ..." should name for these areas.

    "that leg" when every area is a leg's, "your back" or "your hip" for those
    alone, otherwise "the sore area".
    """
    found = {area for area in areas}
    if found and found <= LEG_AREAS:
        return "that leg"
    if found == {"back"}:
        return "your back"
    if found == {"hip"}:
        return "that hip"
    return "the sore area"


def ago(day: int, today: int) -> str:
    """ "today", "yesterday", "3 days ago"."""
    days = today - day
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def ago_text(day: int, today: int) -> str:
    """``ago`` as a Text: "today", "yesterday", "3 days ago" in the runner's language."""
    days = today - day
    if days <= 0:
        return Text("today")
    if days == 1:
        return Text("yesterday")
    return Text("{days} days ago", days=days)
