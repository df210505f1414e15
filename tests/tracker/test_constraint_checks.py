"""A model's CheckConstraints validated in one query (tracker/constraint_checks.py)
give exactly the errors of Django's own constraint-by-constraint validation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from tracker.models import Profile, Session, Shoe, Soreness

pytestmark = pytest.mark.django_db


def _errors(validate) -> dict[str, list[str]]:
    try:
        validate()
    except ValidationError as error:
        return error.message_dict
    return {}


def _mutations(model: type[models.Model]):
    """Each concrete field set, one at a time, to values that break its checks."""
    for field in model._meta.concrete_fields:
        if field.primary_key or field.is_relation:
            continue
        if isinstance(field, models.DecimalField | models.IntegerField | models.FloatField):
            for value in (-5, 0, 10**5):
                yield (
                    field.attname,
                    Decimal(value) if isinstance(field, models.DecimalField) else value,
                )
        elif isinstance(field, models.CharField | models.TextField):
            yield field.attname, ""
            yield field.attname, "not-a-choice"
        elif isinstance(field, models.DateField):
            yield field.attname, date(1800, 1, 1)
            yield field.attname, date(2999, 1, 1)


def _instance(model, user):
    if model is Profile:
        return user.profile
    if model is Shoe:
        return Shoe(user=user, name="Pegasus")
    if model is Soreness:
        return Soreness(user=user, date=date(2026, 1, 5), area="calf", side="left", severity=3)
    return Session(
        user=user,
        date=date(2026, 1, 5),
        activity="run",
        distance_km=Decimal("10"),
        duration_min=Decimal("55"),
        pain=3,
        pain_area="calf",
        pain_side="left",
    )


@pytest.mark.parametrize("model", [Session, Soreness, Shoe, Profile])
def test_the_same_errors_as_djangos_own_validation(model, make_user):
    user = make_user()
    broken = 0
    for name, value in _mutations(model):
        instance = _instance(model, user)
        setattr(instance, name, value)
        ours = _errors(instance.validate_constraints)
        djangos = _errors(lambda i=instance: models.Model.validate_constraints(i))
        assert ours == djangos, (name, value)
        broken += bool(djangos)
        # And with fields left out, as a form leaves out those it does not show.
        ours = _errors(lambda i=instance, n=name: i.validate_constraints(exclude={n}))
        djangos = _errors(
            lambda i=instance, n=name: models.Model.validate_constraints(i, exclude={n})
        )
        assert ours == djangos, ("excluded", name, value)
    assert broken >= 3  # the mutations do break constraints: the comparison means something


def test_one_query_for_all_of_a_sessions_checks(make_user):
    session = _instance(Session, make_user())
    checks = [c for c in Session._meta.constraints if isinstance(c, models.CheckConstraint)]
    assert len(checks) > 10
    with CaptureQueriesContext(connection) as captured:
        session.validate_constraints()
    # One SELECT (the test runs in a transaction: a savepoint around it, as Django's).
    assert [
        q["sql"][:6] for q in captured if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ] == ["SELECT"]
