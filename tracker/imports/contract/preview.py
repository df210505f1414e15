"""The native CSV files on the web: planned and shown first, kept in a pending
ImportJob, written only when the runner confirms (planned afresh then)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from tracker.models import ImportJob, ImportKind, ImportStatus

from .columns import FILE_KINDS
from .plan import ImportPlan, ImportResult, apply_import, plan_import

CsvInputs = Mapping[str, tuple[str, bytes]]  # kind ("shoes", ...) -> (file name, content)

# Unconfirmed CSV previews older than this are dropped.
CSV_PREVIEW_LIFETIME = timedelta(days=1)


def csv_plan(*, user: User, today: date, inputs: CsvInputs) -> ImportPlan:
    return plan_import(user=user, today=today, **inputs)


def csv_preview_create(
    *, user: User, today: date, inputs: CsvInputs
) -> tuple[ImportPlan, ImportJob | None]:
    """Plan the files; when they would add something, keep them in a pending job
    for the runner to confirm. Nothing of the log is written here."""
    plan = csv_plan(user=user, today=today, inputs=inputs)
    if not plan.ok or not any(plan.added().values()):
        return plan, None
    # A clean plan means every file decoded as UTF-8, so the texts fit in JSON.
    texts = {kind: [name, data.decode("utf-8-sig")] for kind, (name, data) in inputs.items()}
    ImportJob.objects.filter(
        user=user,
        kind=ImportKind.CSV,
        status=ImportStatus.PENDING,
        created_at__lt=timezone.now() - CSV_PREVIEW_LIFETIME,
    ).delete()
    job = ImportJob.objects.create(
        user=user,
        kind=ImportKind.CSV,
        label=", ".join(name for name, _ in inputs.values())[:200],
        total=sum(plan.added().values()),
        payload=json.dumps(texts).encode("utf-8"),
    )
    return plan, job


def csv_inputs_of(job: ImportJob) -> CsvInputs:
    texts = json.loads(bytes(job.payload or b"{}").decode("utf-8"))
    return {kind: (name, text.encode("utf-8")) for kind, (name, text) in texts.items()}


def csv_confirm(*, job: ImportJob, today: date) -> ImportResult | None:
    """Write a previewed import, planned afresh from the kept texts so that nothing
    stale is written. None when the job was confirmed already (a double submit).
    Raises ImportRejected, writing nothing, when the files no longer apply (the
    log changed since the preview)."""
    with transaction.atomic():
        fresh = ImportJob.objects.select_for_update().get(pk=job.pk)
        if fresh.status != ImportStatus.PENDING:
            return None
        plan = csv_plan(user=job.user, today=today, inputs=csv_inputs_of(fresh))
        result = apply_import(plan)
        lines = [
            f"{result.files[kind]}: {result.added[kind]} added, "
            f"{result.duplicates[kind]} already in the log (skipped)"
            for kind in FILE_KINDS
            if kind in result.files
        ]
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.DONE,
            imported=sum(result.added.values()),
            duplicates=sum(result.duplicates.values()),
            done_count=fresh.total,
            messages=lines,
            payload=None,
            updated_at=timezone.now(),
        )
    return result
