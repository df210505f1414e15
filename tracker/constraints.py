"""The conditions the models' CheckConstraints are built from, shared by every
model module so that "a value among the choices" is written once."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q


def one_of(field: str, choices: type[models.Choices]) -> Q:
    return Q(**{f"{field}__in": choices.values})


def one_of_or_blank(field: str, choices: type[models.Choices]) -> Q:
    return Q(**{f"{field}__in": [*choices.values, ""]})


def between(field: str, low: int | Decimal, high: int | Decimal, *, null: bool = True) -> Q:
    within = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return (within | Q(**{f"{field}__isnull": True})) if null else within
