"""The runner's full flag evaluation, kept in the database between requests.

Why a store: evaluating every rule over a ten-year log takes tens of milliseconds,
and the warnings page, the dashboard and every page's urgent banner want its
result. ``advice.evaluate`` is a pure function of the log, the profile and the
runner's day, so its result can be kept and reused exactly as long as neither
changed:

- ``FlagState.version`` is bumped in the same transaction as every write to the
  runner's log (sessions, check-ins, shoes, the profile: model signals below, and
  ``data_changed`` for the writes that bypass them, bulk inserts);
- the stored rows are the full evaluation for ``(computed_version, computed_on,
  computed_week_start)`` and are used only when all three still match (the first
  day of the week of a runner who leaves it to their language follows the page's
  language: ``Profile.first_weekday``). Nothing is patched incrementally: a
  flag's ``resolved`` date and an acute-pain flag's "reported N days ago" depend on
  data and days long after its end, so no window of re-evaluation is exact.

The version is read before the log is, so a write landing during an evaluation
leaves the stored rows labelled with the older version: they are evaluated again
on the next read, never served as current.

This module stores and queries; ``tracker.flagging`` decides when to evaluate.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.signals import post_delete, post_save

from advice import ACTIVE_DAYS
from advice.i18n import from_data, to_data
from advice.types import Flag, Grade, Severity, Source
from tracker.flag_models import FlagState, StoredFlag
from tracker.models import OstrcResponse, Profile, Session, Shoe, Soreness, WellnessEntry

# The columns a Flag is rebuilt from, in this order (see ``_flag``).
_COLUMNS = ("rule", "severity", "start", "end", "resolved", "data")
_Row = tuple[str, str, date, date, date | None, dict[str, Any]]


# --- versions -----------------------------------------------------------------


def data_changed(user_id: int) -> None:
    """The runner's log changed: their stored flags are no longer current.

    Call it in the transaction of a write that sends no model signal (bulk_create,
    QuerySet.update); ``save()`` and ``delete()`` are caught by the signals below.
    """
    FlagState.objects.filter(user_id=user_id).update(version=F("version") + 1)


def _saved(sender: type, instance: Any, **kwargs: Any) -> None:
    data_changed(instance.user_id)


def _deleted(sender: type, instance: Any, origin: Any = None, **kwargs: Any) -> None:
    # Deleting the runner deletes their FlagState too: nothing to bump, and a
    # ten-year log would otherwise bump it once for each of its rows.
    if isinstance(origin, get_user_model()):
        return
    data_changed(instance.user_id)


def connect_signals() -> None:
    """Every model the rules read (``tracker.selectors.advice_history``)."""
    for model in (Session, Soreness, Shoe, Profile, WellnessEntry, OstrcResponse):
        post_save.connect(_saved, sender=model, dispatch_uid=f"flagstore-save-{model.__name__}")
        post_delete.connect(
            _deleted, sender=model, dispatch_uid=f"flagstore-delete-{model.__name__}"
        )


# --- reading and writing the evaluation ---------------------------------------------


def _computed(state: FlagState, version: int, today: date, week_start: int) -> bool:
    return (state.computed_version, state.computed_on, state.computed_week_start) == (
        version,
        today,
        week_start,
    )


def current_version(user_id: int, today: date, *, week_start: int) -> tuple[int, bool]:
    """The log's version, and whether the stored flags are its evaluation on
    ``today`` with weeks starting on ``week_start``.

    Read it before the log: see the module's docstring.
    """
    state, _created = FlagState.objects.get_or_create(user_id=user_id)
    return state.version, _computed(state, state.version, today, week_start)


def save(
    *, user_id: int, version: int, today: date, week_start: int, flags: Sequence[Flag]
) -> None:
    """Keep ``flags``, the full evaluation of version ``version`` on ``today`` with
    weeks starting on ``week_start``.

    Not kept when a write has come in since the version was read (the next read
    evaluates again), nor twice when another request has just kept the same.
    """
    with transaction.atomic():
        state = FlagState.objects.select_for_update().get(user_id=user_id)
        if state.version != version or _computed(state, version, today, week_start):
            return
        StoredFlag.objects.filter(user_id=user_id).delete()
        _insert(user_id, flags)
        state.computed_version, state.computed_on = version, today
        state.computed_week_start = week_start
        state.save(update_fields=["computed_version", "computed_on", "computed_week_start"])


# One INSERT of every row from one JSON parameter, whatever their number: bulk_create
# would send one statement per 111 rows on SQLite (999 parameters), so the queries
# of the request that stores a ten-year log's flags would grow with the log.
_INSERT = {
    "sqlite": """
        INSERT INTO {table} (user_id, position, rule, severity, start, "end", resolved, key, data)
        SELECT %s, CAST(e.key AS INTEGER), json_extract(e.value, '$[0]'),
            json_extract(e.value, '$[1]'), json_extract(e.value, '$[2]'),
            json_extract(e.value, '$[3]'), json_extract(e.value, '$[4]'),
            json_extract(e.value, '$[5]'), json_extract(e.value, '$[6]')
        FROM json_each(%s) AS e
    """,
    "postgresql": """
        INSERT INTO {table} (user_id, position, rule, severity, start, "end", resolved, key, data)
        SELECT %s, e.ord - 1, e.v->>0, e.v->>1, (e.v->>2)::date, (e.v->>3)::date,
            (e.v->>4)::date, e.v->>5, e.v->6
        FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS e(v, ord)
    """,
}


def _insert(user_id: int, flags: Sequence[Flag]) -> None:
    rows = [_values(flag) for flag in flags]
    if not rows:
        return
    sql = _INSERT.get(connection.vendor)
    if sql is None:  # another backend: the ORM's batches
        StoredFlag.objects.bulk_create(
            StoredFlag(
                user_id=user_id,
                position=i,
                rule=row[0],
                severity=row[1],
                start=date.fromisoformat(row[2]),
                end=date.fromisoformat(row[3]),
                resolved=date.fromisoformat(row[4]) if row[4] else None,
                key=row[5],
                data=row[6],
            )
            for i, row in enumerate(rows)
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=StoredFlag._meta.db_table), [user_id, json.dumps(rows)])


def _values(flag: Flag) -> list[Any]:
    """A flag as the columns of its row (dates as ISO text), ``data`` last."""
    return [
        flag.rule,
        str(flag.severity),
        flag.start.isoformat(),
        flag.end.isoformat(),
        flag.resolved.isoformat() if flag.resolved else None,
        flag.key,
        {
            "subject": to_data(flag.subject),
            "title": to_data(flag.title),
            "detail": to_data(flag.detail),
            "advice": to_data(flag.advice),
            "document": flag.source.document,
            "quote": flag.source.quote,
            "source_title": flag.source.title,
            "evidence": flag.evidence,
            "grade": str(flag.grade),
            "session_ids": list(flag.session_ids),
        },
    ]


def _flag(row: _Row) -> Flag:
    rule, severity, start, end, resolved, data = row
    return Flag(
        rule,
        Severity(severity),
        start,
        end,
        from_data(data["subject"]),
        from_data(data["title"]),
        from_data(data["detail"]),
        from_data(data["advice"]),
        Source(data["document"], data["quote"], data["source_title"]),
        data["evidence"],
        Grade(data["grade"]),
        tuple(data["session_ids"]),
        resolved,
    )


def flags_of(rows: Iterable[_Row]) -> list[Flag]:
    return [_flag(row) for row in rows]


def _of(user_id: int) -> QuerySet[StoredFlag]:
    return StoredFlag.objects.filter(user_id=user_id).order_by("position")


def _active(today: date, days: int = ACTIVE_DAYS) -> Q:
    """``Flag.is_active(today, days)`` in SQL."""
    return Q(end__gt=today - timedelta(days=days), end__lte=today) & (
        Q(resolved__isnull=True) | Q(resolved__gt=today)
    )


def all_flags(user_id: int) -> list[Flag]:
    """Every stored flag, in ``evaluate``'s order."""
    return flags_of(_of(user_id).values_list(*_COLUMNS))


def active(user_id: int, today: date, *, urgent_only: bool = False) -> list[Flag]:
    """The stored flags active on ``today``, in ``evaluate``'s order."""
    rows = _of(user_id).filter(_active(today))
    if urgent_only:
        rows = rows.filter(severity=Severity.URGENT)
    return flags_of(rows.values_list(*_COLUMNS))


def history(
    user_id: int,
    *,
    leave_out: Iterable[str],
    rule: str = "",
    rules: Collection[str] | None = None,
) -> QuerySet[Any]:
    """The stored flags but those keyed ``leave_out``, of ``rule`` if given (and of
    ``rules`` if given: a share's), as rows for a paginator (``flags_of`` turns a
    page of them into flags)."""
    rows = _of(user_id).exclude(key__in=list(leave_out))
    if rule:
        rows = rows.filter(rule=rule)
    if rules is not None:
        rows = rows.filter(rule__in=sorted(rules))
    return rows.values_list(*_COLUMNS)


def ending_since(user_id: int, since: date, *, rules: Sequence[str]) -> list[Flag]:
    """The stored flags of ``rules`` ending on or after ``since``."""
    rows = _of(user_id).filter(end__gte=since, rule__in=rules)
    return flags_of(rows.values_list(*_COLUMNS))


def overlapping(user_id: int, first: date, last: date) -> list[Flag]:
    """The stored flags whose days meet ``first``..``last`` (a report's window)."""
    rows = _of(user_id).filter(end__gte=first, start__lte=last)
    return flags_of(rows.values_list(*_COLUMNS))
