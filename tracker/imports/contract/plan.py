"""Importing the contract files is two steps: ``plan_import`` parses and checks
every cell of every row and works out what is new, without writing;
``apply_import`` writes a clean plan in one transaction. It prints nothing and
parses no arguments; callers decide how to show errors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from tracker import plausibility
from tracker.models import Origin, Session, Shoe, Soreness

from .columns import (
    FILE_KINDS,
    SESSION_COLUMNS,
    SESSIONS,
    SHOES,
    SORENESS,
    SORENESS_COLUMNS,
    ImportRejected,
    contract_values,
    sessions_of,
    show,
    soreness_of,
)
from .read import Position, Report, Row, read_rows

# (file name as given, its text or raw bytes)
Input = tuple[str, str | bytes]


@dataclass
class ImportPlan:
    """What importing the files would do. Nothing here is saved yet.

    ``errors`` lists every problem as ``FILE:LINE: column: message``; when it is
    not empty the ``*_to_add`` lists are empty and `apply_import` refuses the plan.
    ``duplicates`` and ``files`` are keyed by "shoes", "sessions" and "soreness".
    """

    shoes_to_add: list[Shoe] = field(default_factory=list)
    sessions_to_add: list[Session] = field(default_factory=list)
    soreness_to_add: list[Soreness] = field(default_factory=list)
    duplicates: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FILE_KINDS, 0))
    errors: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # kind -> file name as given
    # What the plan was made from, so apply_import can check it again under lock.
    _user: User | None = field(default=None, repr=False)
    _today: date | None = field(default=None, repr=False)
    _inputs: dict[str, Input] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def added(self) -> dict[str, int]:
        return {
            SHOES: len(self.shoes_to_add),
            SESSIONS: len(self.sessions_to_add),
            SORENESS: len(self.soreness_to_add),
        }


@dataclass(frozen=True)
class ImportResult:
    """Rows written and rows skipped as already in the log, per file kind."""

    added: dict[str, int]
    duplicates: dict[str, int]
    files: dict[str, str]


def plan_import(
    *,
    user: User,
    today: date,
    shoes: Input | None = None,
    sessions: Input | None = None,
    soreness: Input | None = None,
) -> ImportPlan:
    """Parse and check the given files against ``user``'s log; write nothing.

    Each file is ``(name, content)``: the name is only used in messages, the
    content is the text or the raw bytes (bytes get a precise UTF-8 check).
    ``today`` is the runner's local date; later dates are refused.

    A row already in the log is skipped, so importing the same files twice adds
    nothing. Sessions and check-ins match when every contract value is equal,
    counted as a multiset: two identical runs on one day are two rows, imported
    both the first time and neither the second. Shoes match by name.

    The log is read in at most three queries, whatever the size of the files.
    """
    plan = ImportPlan(_user=user, _today=today)
    sink: list[tuple[Position, str]] = []
    given = {SHOES: shoes, SESSIONS: sessions, SORENESS: soreness}
    parsed: dict[str, tuple[list[Row], Report]] = {}
    for kind, source in given.items():
        if source is not None:
            name, content = source
            plan.files[kind] = name
            plan._inputs[kind] = source
            report = Report(kind, name, sink)
            parsed[kind] = (read_rows(content, report), report)

    existing_shoes: dict[str, Shoe] = {}
    if SHOES in parsed or SESSIONS in parsed:
        existing_shoes = {shoe.name: shoe for shoe in Shoe.objects.filter(user=user)}
    named_shoes: dict[str, Shoe] = {}
    if SHOES in parsed:
        named_shoes = _plan_shoes(plan, user, *parsed[SHOES], existing_shoes)
    if SESSIONS in parsed:
        _plan_sessions(plan, user, *parsed[SESSIONS], today, {**existing_shoes, **named_shoes})
    if SORENESS in parsed:
        _plan_soreness(plan, user, *parsed[SORENESS], today)

    if sink:
        plan.errors = [text for _, text in sorted(sink, key=lambda error: error[0])]
        plan.shoes_to_add, plan.sessions_to_add, plan.soreness_to_add = [], [], []
    return plan


def _plan_shoes(
    plan: ImportPlan, user: User, rows: list[Row], report: Report, existing: Mapping[str, Shoe]
) -> dict[str, Shoe]:
    """Queues the new pairs; returns every pair the file names (new ones unsaved)."""
    named: dict[str, Shoe] = {}
    first_line: dict[str, int] = {}
    for row in rows:
        values = row.values
        name = values["name"]
        if name in first_line:
            report(
                row.line,
                "name",
                f"{show(name)} is already on line {first_line[name]}; each pair needs its own name",
            )
            continue
        if name:
            first_line[name] = row.line
        first_used, retired = values["first_used"], values["retired"]
        if first_used and retired and retired < first_used:
            report(row.line, "retired", f"{retired} is before first_used ({first_used})")
            row.bad.add("retired")
        if not name:
            continue
        if name in existing:
            plan.duplicates[SHOES] += 1
            continue
        # A bad row's pair still counts as named, so its sessions do not get a
        # second, misleading "no shoe named" error on top of the row's own.
        shoe = Shoe(user=user, **values)
        named[name] = shoe
        if row.ok:
            plan.shoes_to_add.append(shoe)
    return named


def _check_date(row: Row, report: Report, today: date) -> None:
    day = row.values["date"]
    if day is not None and day > today:
        report(row.line, "date", f"{day} is in the future; today is {today} where the runner is")
        row.bad.add("date")


def _session_key(values: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(values[column.name] for column in SESSION_COLUMNS)


def _soreness_key(values: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(values[column.name] for column in SORENESS_COLUMNS)


def _plan_sessions(
    plan: ImportPlan,
    user: User,
    rows: list[Row],
    report: Report,
    today: date,
    shoes: Mapping[str, Shoe],
) -> None:
    shoes_file = plan.files.get(SHOES, "shoes.csv")
    for row in rows:
        values = row.values
        _check_date(row, report, today)
        _check_plausible(row, report)
        if values["shoe"] and values["shoe"] not in shoes:
            report(
                row.line,
                "shoe",
                f"no shoe named {show(values['shoe'])} in {shoes_file} or in the log",
            )
            row.bad.add("shoe")
    good = [row for row in rows if row.ok]
    if report.sink or not good:
        return  # the plan is refused anyway: spare the query
    existing = Counter(
        map(
            _session_key,
            contract_values(sessions_of(user), [row.values["date"] for row in good]),
        )
    )
    for row in good:
        key = _session_key(row.values)
        if existing[key]:
            existing[key] -= 1
            plan.duplicates[SESSIONS] += 1
            continue
        values = dict(row.values)
        shoe_name = values.pop("shoe")
        plan.sessions_to_add.append(
            Session(
                user=user,
                shoe=shoes[shoe_name] if shoe_name else None,
                source=Origin.CSV,
                **values,
            )
        )


# tracker.plausibility's field -> the contract's column.
_PLAUSIBILITY_COLUMNS = {"distance": "distance_km", "duration": "duration_min"}


def _check_plausible(row: Row, report: Report) -> None:
    """tracker.plausibility's checks, on a row whose figures read well."""
    values = row.values
    if {"activity", "distance_km", "duration_min"} & row.bad:
        return
    activity, km = values["activity"], values["distance_km"]
    if km is None and activity in plausibility.NEEDS_DISTANCE:
        report(row.line, "distance_km", f"required for a {activity}")
        row.bad.add("distance_km")
        return
    for problem in plausibility.check(activity, km, values["duration_min"]):
        column = _PLAUSIBILITY_COLUMNS[problem.field]
        report(row.line, column, problem.clause)
        row.bad.add(column)


def _plan_soreness(
    plan: ImportPlan, user: User, rows: list[Row], report: Report, today: date
) -> None:
    for row in rows:
        _check_date(row, report, today)
    good = [row for row in rows if row.ok]
    if report.sink or not good:
        return
    existing = Counter(
        map(
            _soreness_key,
            contract_values(soreness_of(user), [row.values["date"] for row in good]),
        )
    )
    for row in good:
        key = _soreness_key(row.values)
        if existing[key]:
            existing[key] -= 1
            plan.duplicates[SORENESS] += 1
            continue
        plan.soreness_to_add.append(Soreness(user=user, **row.values))


def apply_import(plan: ImportPlan) -> ImportResult:
    """Write a clean plan, all or nothing, in one transaction.

    The files are checked again inside the transaction, with the runner's row
    locked: between planning and applying (a preview page, a double submit, two
    imports at once) the log may have changed, and a row must still be added
    once only. Raises `ImportRejected`, writing nothing, if there are errors.
    """
    if plan.errors:
        raise ImportRejected(plan.errors)
    user = plan._user
    if user is None or plan._today is None:
        raise ValueError("apply_import takes a plan made by plan_import")
    with transaction.atomic():
        # Serialises imports for one runner on PostgreSQL; SQLite's IMMEDIATE
        # transactions already let one writer in at a time.
        list(type(user)._default_manager.select_for_update().filter(pk=user.pk).values("pk"))
        fresh = plan_import(
            user=user,
            today=plan._today,
            shoes=plan._inputs.get(SHOES),
            sessions=plan._inputs.get(SESSIONS),
            soreness=plan._inputs.get(SORENESS),
        )
        if fresh.errors:
            raise ImportRejected(fresh.errors)
        Shoe.objects.bulk_create(fresh.shoes_to_add)
        if any(shoe.pk is None for shoe in fresh.shoes_to_add):
            # A backend that cannot return ids from a bulk insert: look them up.
            ids = dict(
                Shoe.objects.filter(
                    user=user, name__in=[shoe.name for shoe in fresh.shoes_to_add]
                ).values_list("name", "pk")
            )
            for shoe in fresh.shoes_to_add:
                shoe.pk = ids[shoe.name]
        Session.objects.bulk_create(fresh.sessions_to_add)
        Soreness.objects.bulk_create(fresh.soreness_to_add)
    return ImportResult(added=fresh.added(), duplicates=fresh.duplicates, files=fresh.files)
