"""Template filters: stored km in the runner's units, dates and durations as read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tracker.dates import day_label, format_day, format_month, format_span, month_label
from tracker.i18n import translated
from tracker.imports import readers
from tracker.models import ImportJob
from tracker.numbers import local_number, unit_symbol
from tracker.units import format_distance, format_whole_distance, km_to_units, session_pace

register = template.Library()


@register.filter
def translate_text(value: str | None) -> str:
    """advice's text (a flag's title, detail, advice, evidence) in the page's language."""
    return translated(value)


@register.filter
def quote_translation(quote: str | None) -> str:
    """A source quote's rendering in the page's language; "" when the page is in the
    documents' language (English) or the catalogue has none."""
    rendering = translated(quote)
    return "" if rendering == quote else rendering


@register.filter
def distance(km: Decimal | float | None, units: str = "km") -> str:
    """``{{ session.distance_km|distance:units }}`` -> "12.3 km" or "7.6 mi"."""
    return format_distance(km, units)


@register.filter
def whole_distance(km: Decimal | float | None, units: str = "km") -> str:
    """A figure the runner typed as a whole number in their units (a shoe's limit):
    "400 mi", never the 400.2 that the whole km it is stored as would give."""
    return format_whole_distance(km, units)


@register.filter
def day(value: date | None, style: str = "") -> str:
    """``{{ session.date|day }}`` -> "27 Nov 2026"; ``|day:"weekday"`` -> "Fri 27 Nov 2026".

    Cached per language (a page of the session list names fifty days; Django's date
    formatting, a translation lookup a name, was a tenth of its CPU time)."""
    if type(value) is not date:  # None, or a datetime: equal instants in two zones
        return format_day(value, weekday=style == "weekday")  # are one cache key
    return day_label(value, weekday=style == "weekday")


@register.filter
def span(start: date, end: date) -> str:
    """``{{ flag.start|span:flag.end }}``: the two days as one (tracker.dates.format_span)."""
    return format_span(start, end)


@register.filter
def month(value: date) -> str:
    """``{{ first_day|month }}`` -> "November 2026"."""
    return month_label(value) if type(value) is date else format_month(value)


@register.filter
def unit(units: str) -> str:
    """``{{ units|unit }}`` -> "km" / "mi", "км" / "мили": the unit as a label names it."""
    return unit_symbol(units)


@register.filter
def in_units(km: Decimal | float | None, units: str = "km") -> str:
    """The bare number in the runner's units, one decimal."""
    value = km_to_units(km, units)
    return "" if value is None else local_number(value, 1)


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


# A pace is how runners and walkers read their speed; a ride's or a rope's is not.
PACED_ACTIVITIES = ("run", "walk")


@register.filter
def pace(session: Any, units: str = "km") -> str:
    """``{{ session|pace:units }}`` -> "5:06 /km" for a run or a walk with a distance
    and a time; "" otherwise (nothing to show)."""
    if getattr(session, "activity", None) not in PACED_ACTIVITIES:
        return ""
    shown = session_pace(session.distance_km, session.duration_min, units)
    return "" if shown == "—" else shown


@register.filter
def hours(value: Decimal | float | None) -> str:
    """A total time: "19 h 57 min", "45 min" (a clock-like 19:57:25 reads as a time of day)."""
    total = round(float(value or 0))
    whole_hours, mins = divmod(total, 60)
    if whole_hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": whole_hours, "minutes": f"{mins:02d}"}
    return _("%(minutes)s min") % {"minutes": mins}


@register.filter
def yesno_blank(value: bool | None) -> str:
    if value is None:
        return "—"
    return _("yes") if value else _("no")


@register.filter
def fills_lines(job: ImportJob) -> list[str]:
    """Which session fields each format of the job's files fills ("GPX: date, ...").
    The uploads may be gone once the job ends: their names tell the format."""
    lines = readers.fills_lines((item["name"], b"") for item in job.inputs or ())
    return [translated(line) for line in lines]


@register.simple_tag
def session_pain(session: Any) -> SafeString:
    """``{% session_pain s %}``: a session's pain as the log's pages show it ("Pain
    3/10 calf left", "no pain", "—"). A tag rather than an included template: the
    session list shows it twice a session (table and cards), and the includes were
    a third of the page's template work."""
    if session.pain:
        where = ""
        if session.pain_area:
            where = f" {escape(session.get_pain_area_display().lower())}"
            if session.pain_side:
                where += f" {escape(session.get_pain_side_display().lower())}"
        said = _("Pain %(pain)s/10") % {"pain": session.pain}
        # Safe: our catalogue's words, a number and the escaped area and side.
        return mark_safe(f'<span class="pain-value">{said}{where}</span>')
    return mark_safe(escape(_("no pain"))) if session.pain == 0 else mark_safe("—")
