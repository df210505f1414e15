"""Planning wellness.csv and ostrc.csv: one row a day (wellness) or a week and area
(ostrc), as the database holds them. A row the log holds exactly is a duplicate,
skipped; a row for a day (or week and area) the log holds with other answers is
an error, never a silent overwrite: the runner decides which is right."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User

from advice.i18n import Text
from advice.instruments import OSTRC_FIELDS, ostrc_valid
from tracker.wellness_models import OstrcResponse, WellnessEntry

from .columns import OSTRC, OSTRC_COLUMNS, WELLNESS, WELLNESS_COLUMNS, ostrc_of, wellness_of
from .read import Report, Row

if TYPE_CHECKING:
    from .plan import ImportPlan

Key = Callable[[Mapping[str, Any]], tuple[Any, ...]]


def _plan_once(
    rows: Sequence[Row],
    report: Report,
    today: date,
    *,
    day_column: str,
    key: Key,
    already: Callable[[int], Text],
    conflict: Text,
    logged: Mapping[tuple[Any, ...], Mapping[str, Any]],
    columns: Sequence[str],
) -> tuple[list[dict[str, Any]], int]:
    """The new rows' values and the count of duplicates; errors to ``report``."""
    new: list[dict[str, Any]] = []
    duplicates = 0
    first_line: dict[tuple[Any, ...], int] = {}
    for row in rows:
        values = row.values
        day = values[day_column]
        if day is not None and day > today:
            from .plan import in_the_future  # plan imports this module

            report(row.line, day_column, in_the_future(day, today))
            row.bad.add(day_column)
        if not row.ok:
            continue
        found = key(values)
        if found in first_line:
            report(row.line, day_column, already(first_line[found]))
            row.bad.add(day_column)
            continue
        first_line[found] = row.line
        old = logged.get(found)
        if old is None:
            new.append(dict(values))
        elif all(old[name] == values[name] for name in columns):
            duplicates += 1
        else:
            report(row.line, day_column, conflict)
            row.bad.add(day_column)
    return new, duplicates


def _dates(rows: Sequence[Row], column: str) -> list[date]:
    return [row.values[column] for row in rows if row.values.get(column) is not None]


def plan_wellness(
    plan: ImportPlan, user: User, rows: list[Row], report: Report, today: date
) -> None:
    names = [c.name for c in WELLNESS_COLUMNS]
    days = _dates(rows, "date")
    logged = (
        {
            (v["date"],): v
            for v in wellness_of(user).filter(date__gte=min(days), date__lte=max(days))
        }
        if days
        else {}
    )
    new, duplicates = _plan_once(
        rows,
        report,
        today,
        day_column="date",
        key=lambda v: (v["date"],),
        already=lambda line: Text(
            "a wellness check of that day is already on line {line}", line=line
        ),
        conflict=Text(
            "the log already has a wellness check of that day with other answers; "
            "change it on the site, or leave this row out"
        ),
        logged=logged,
        columns=names,
    )
    plan.duplicates[WELLNESS] += duplicates
    plan.wellness_to_add.extend(WellnessEntry(user=user, **values) for values in new)


def plan_ostrc(plan: ImportPlan, user: User, rows: list[Row], report: Report, today: date) -> None:
    names = [c.name for c in OSTRC_COLUMNS]
    for row in rows:
        if row.ok and not ostrc_valid(*(row.values[name] for name in OSTRC_FIELDS)):
            report(
                row.line,
                "participation",
                Text(
                    "these answers cannot go together: 25 in participation (cannot participate) "
                    "goes with 25 in modification, performance and symptoms, and 25 in "
                    "modification or performance only with it"
                ),
            )
            row.bad.add("participation")
    weeks = _dates(rows, "week")
    logged = (
        {
            (v["week"], v["area"]): v
            for v in ostrc_of(user).filter(week__gte=min(weeks), week__lte=max(weeks))
        }
        if weeks
        else {}
    )
    new, duplicates = _plan_once(
        rows,
        report,
        today,
        day_column="week",
        key=lambda v: (v["week"], v["area"]),
        already=lambda line: Text(
            "that week's answers for that area is already on line {line}", line=line
        ),
        conflict=Text(
            "the log already has that week's answers for that area with other answers; "
            "change it on the site, or leave this row out"
        ),
        logged=logged,
        columns=names,
    )
    plan.duplicates[OSTRC] += duplicates
    plan.ostrc_to_add.extend(OstrcResponse(user=user, **values) for values in new)
