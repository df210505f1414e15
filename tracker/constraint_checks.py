"""A model's CheckConstraints validated in one query instead of one each.

Django validates each CheckConstraint of a model form's instance with a query of
its own (``Q.check``: ``SELECT 1 WHERE <condition>`` with the instance's values
as parameters). A session has seventeen: cProfile of the create path showed those
seventeen queries, built and compiled one by one, as two thirds of the CPU time of
a POST that logs a session. ``BatchedChecks`` asks for every condition at once,
``SELECT COALESCE(<condition 1>, TRUE), COALESCE(<condition 2>, TRUE), ...``, and
raises the same errors, in the same order, as Django's own loop (the tests compare
the two on every constraint). Other constraints (unique ones) go through Django's.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


def failed_checks(
    instance: models.Model, checks: list[CheckConstraint], *, exclude: Any, using: str
) -> list[CheckConstraint] | None:
    """The constraints ``instance`` breaks, from one query; None when the database
    cannot say (then Django's own loop decides, as it would have)."""
    connection = connections[using]
    if not checks or not connection.features.supports_comparing_boolean_expr:
        return None
    query = Query(None)
    # The same map of field names to values that Django's own check uses (private).
    field_values = instance._get_field_expression_map  # type: ignore[attr-defined]  # untyped
    against = field_values(meta=instance._meta, exclude=exclude)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    asked = []
    for n, constraint in enumerate(checks):
        passes = Coalesce(
            ExpressionWrapper(Q(constraint.condition), output_field=BooleanField()),
            Value(True),
            output_field=BooleanField(),
        )
        try:
            query.add_annotation(passes, f"_check_{n}")
        except FieldError:  # names an excluded field: Django skips it too
            continue
        asked.append(constraint)
    if not asked:
        return []
    atomic = transaction.atomic(using=using) if connection.in_atomic_block else None
    try:
        if atomic is None:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
        else:
            with atomic:
                row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError:
        return None
    return [constraint for constraint, passed in zip(asked, row, strict=True) if not passed]


class BatchedChecks(models.Model):
    """A model whose CheckConstraints are validated in one query (see above)."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude: Any = None) -> None:
        using = router.db_for_write(self.__class__, instance=self)
        own = self._meta.constraints
        checks = [c for c in own if isinstance(c, CheckConstraint)]
        failed = failed_checks(self, checks, exclude=exclude, using=using)
        if failed is None or len(self.get_constraints()) != 1:
            super().validate_constraints(exclude=exclude)
            return
        errors: dict[str, Any] = {}
        for constraint in own:
            if isinstance(constraint, CheckConstraint):
                if constraint in failed:
                    error = ValidationError(
                        constraint.get_violation_error_message(),
                        code=constraint.violation_error_code,
                    )
                    errors = error.update_error_dict(errors)
                continue
            try:
                constraint.validate(self.__class__, self, exclude=exclude, using=using)
            except ValidationError as error:
                fields: tuple[str, ...] = tuple(getattr(constraint, "fields", ()))
                if getattr(error, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
