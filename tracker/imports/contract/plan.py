"""Importing the contract files is two steps: ``plan_import`` parses and checks
every cell of every row and works out what is new, without writing;
``apply_import`` writes a clean plan in one transaction (the ``import_csv``
command), ``apply_in_batches`` in many short ones (the web's confirm task, see
preview.py). It prints nothing and parses no arguments; callers decide how to
show errors."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from advice.i18n import Text
from tracker import flagstore, plausibility
from tracker.models import Origin, OstrcResponse, Session, Shoe, Soreness, WellnessEntry

from .columns import (
    FILE_KINDS,
    OSTRC,
    SESSION_COLUMNS,
    SESSIONS,
    SHOES,
    SORENESS,
    SORENESS_COLUMNS,
    WELLNESS,
    ImportRejected,
    ValueRows,
    contract_values,
    sessions_of,
    show,
    soreness_of,
)
from .plan_questionnaires import plan_ostrc, plan_wellness
from .read import Position, Report, Row, read_rows

# (file name as given, its text or raw bytes)
Input = tuple[str, str | bytes]


@dataclass
class ImportPlan:
    """What importing the files would do. Nothing here is saved yet.

    ``errors`` lists every problem as ``FILE:LINE: column: message``; when it is
    not empty the ``*_to_add`` lists are empty and `apply_import` refuses the plan.
    ``duplicates`` and ``files`` are keyed by the file kinds (FILE_KINDS).
    """

    shoes_to_add: list[Shoe] = field(default_factory=list)
    sessions_to_add: list[Session] = field(default_factory=list)
    soreness_to_add: list[Soreness] = field(default_factory=list)
    wellness_to_add: list[WellnessEntry] = field(default_factory=list)
    ostrc_to_add: list[OstrcResponse] = field(default_factory=list)
    duplicates: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FILE_KINDS, 0))
    errors: list[Text] = field(default_factory=list)
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
            WELLNESS: len(self.wellness_to_add),
            OSTRC: len(self.ostrc_to_add),
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
    wellness: Input | None = None,
    ostrc: Input | None = None,
    progress: Callable[[str, int], None] | None = None,
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
    ``progress(kind, line)`` hears how far the reading of each file got.
    """
    plan = ImportPlan(_user=user, _today=today)
    sink: list[tuple[Position, Text]] = []
    given = {
        SHOES: shoes,
        SESSIONS: sessions,
        SORENESS: soreness,
        WELLNESS: wellness,
        OSTRC: ostrc,
    }
    parsed: dict[str, tuple[list[Row], Report]] = {}
    for kind, source in given.items():
        if source is not None:
            name, content = source
            plan.files[kind] = name
            plan._inputs[kind] = source
            report = Report(kind, name, sink)
            told = None if progress is None else _told(progress, kind)
            parsed[kind] = (read_rows(content, report, told), report)

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
    if WELLNESS in parsed:
        plan_wellness(plan, user, *parsed[WELLNESS], today)
    if OSTRC in parsed:
        plan_ostrc(plan, user, *parsed[OSTRC], today)

    if sink:
        plan.errors = [text for _, text in sorted(sink, key=lambda error: error[0])]
        plan.shoes_to_add, plan.sessions_to_add, plan.soreness_to_add = [], [], []
        plan.wellness_to_add, plan.ostrc_to_add = [], []
    return plan


def _told(progress: Callable[[str, int], None], kind: str) -> Callable[[int], None]:
    return lambda line: progress(kind, line)


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
                Text(
                    "{name} is already on line {line}; each pair needs its own name",
                    name=show(name),
                    line=first_line[name],
                ),
            )
            continue
        if name:
            first_line[name] = row.line
        first_used, retired = values["first_used"], values["retired"]
        if first_used and retired and retired < first_used:
            report(
                row.line,
                "retired",
                Text(
                    "{retired} is before first_used ({first_used})",
                    retired=str(retired),
                    first_used=str(first_used),
                ),
            )
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


def in_the_future(day: date, today: date) -> Text:
    """A date cell later than the runner's today (written ISO, as in the file)."""
    return Text(
        "{day} is in the future; today is {today} where the runner is",
        day=str(day),
        today=str(today),
    )


def _check_date(row: Row, report: Report, today: date) -> None:
    day = row.values["date"]
    if day is not None and day > today:
        report(row.line, "date", in_the_future(day, today))
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
        avg_hr, max_hr = values["avg_hr"], values["max_hr"]
        if avg_hr is not None and max_hr is not None and max_hr < avg_hr:
            report(
                row.line,
                "max_hr",
                Text("{max_hr} is below avg_hr ({avg_hr})", max_hr=max_hr, avg_hr=avg_hr),
            )
            row.bad.add("max_hr")
        if values["shoe"] and values["shoe"] not in shoes:
            report(
                row.line,
                "shoe",
                Text(
                    "no shoe named {name} in {file} or in the log",
                    name=show(values["shoe"]),
                    file=shoes_file,
                ),
            )
            row.bad.add("shoe")
    good = [row for row in rows if row.ok]
    if report.sink or not good:
        return  # the plan is refused anyway: spare the query
    for logged in _not_logged_yet(plan, SESSIONS, good, sessions_of(user), _session_key):
        values = dict(logged)
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
        report(row.line, "distance_km", plausibility.DISTANCE_REQUIRED[activity])
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
    plan.soreness_to_add.extend(
        Soreness(user=user, **values)
        for values in _not_logged_yet(plan, SORENESS, good, soreness_of(user), _soreness_key)
    )


def _not_logged_yet(
    plan: ImportPlan,
    kind: str,
    good: list[Row],
    logged: ValueRows,
    key: Callable[[Mapping[str, Any]], tuple[Any, ...]],
) -> Iterator[dict[str, Any]]:
    """The values of the rows the log does not hold yet. A row the log holds is a
    duplicate, counted in the plan; a file with the same row twice where the log has
    it once adds it once (the log's copies are used up one by one)."""
    existing = Counter(map(key, contract_values(logged, [row.values["date"] for row in good])))
    for row in good:
        found = key(row.values)
        if existing[found]:
            existing[found] -= 1
            plan.duplicates[kind] += 1
            continue
        yield row.values


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
            wellness=plan._inputs.get(WELLNESS),
            ostrc=plan._inputs.get(OSTRC),
        )
        if fresh.errors:
            raise ImportRejected(fresh.errors)
        Shoe.objects.bulk_create(fresh.shoes_to_add)
        _fill_shoe_ids(fresh.shoes_to_add)
        Session.objects.bulk_create(fresh.sessions_to_add)
        Soreness.objects.bulk_create(fresh.soreness_to_add)
        WellnessEntry.objects.bulk_create(fresh.wellness_to_add)
        OstrcResponse.objects.bulk_create(fresh.ostrc_to_add)
        flagstore.data_changed(user.pk)  # bulk_create sends no signal
    return ImportResult(added=fresh.added(), duplicates=fresh.duplicates, files=fresh.files)


def _fill_shoe_ids(shoes: Sequence[Shoe]) -> None:
    """A backend that cannot return ids from a bulk insert: look them up."""
    if not shoes or all(shoe.pk is not None for shoe in shoes):
        return
    user_id = shoes[0].user_id
    ids = dict(
        Shoe.objects.filter(user_id=user_id, name__in=[shoe.name for shoe in shoes]).values_list(
            "name", "pk"
        )
    )
    for shoe in shoes:
        shoe.pk = ids[shoe.name]


def apply_in_batches(
    plan: ImportPlan,
    *,
    batch_rows: int,
    committed: Callable[[str, int], None],
    pause: float = 0.0,
) -> ImportResult:
    """Write a clean plan a batch of at most ``batch_rows`` rows per transaction, so
    that no write transaction is long (SQLite has one writer at a time: another
    runner's save waits for the batch, not for the whole file).

    ``committed(kind, rows)`` runs inside each batch's transaction, after its
    insert: what it records (a job's progress) commits with the rows or not at
    all. Shoes go first, since sessions name them. A crash between two batches
    leaves the earlier ones written; planning again then sees them as already
    in the log, so a resumed import adds nothing twice (preview.py).

    ``pause`` seconds between batches leave the write lock free for a moment:
    SQLite's busy handler retries a waiting writer only every few milliseconds,
    and without a gap the next batch could take the lock first, again and again.
    """
    if plan.errors:
        raise ImportRejected(plan.errors)
    size = max(1, batch_rows)
    work: list[tuple[str, Any, Sequence[Any]]] = [
        (SHOES, Shoe, plan.shoes_to_add),
        (SESSIONS, Session, plan.sessions_to_add),
        (SORENESS, Soreness, plan.soreness_to_add),
        (WELLNESS, WellnessEntry, plan.wellness_to_add),
        (OSTRC, OstrcResponse, plan.ostrc_to_add),
    ]
    for kind, model, rows in work:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            with transaction.atomic():
                model.objects.bulk_create(batch)
                if kind == SHOES:
                    _fill_shoe_ids(batch)
                if plan._user is not None:
                    flagstore.data_changed(plan._user.pk)  # bulk_create sends no signal
                committed(kind, len(batch))
            if pause:
                time.sleep(pause)
    return ImportResult(added=plan.added(), duplicates=plan.duplicates, files=plan.files)
