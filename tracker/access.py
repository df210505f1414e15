"""The one way a view reaches a row by id: the runner's own, or a 404.

Every view that takes an id calls ``owned_or_404``; a row of another runner is
indistinguishable from a row that does not exist, so ids leak nothing.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.http import Http404, HttpRequest

M = TypeVar("M", bound=Model)


def owned_or_404(request: HttpRequest, model: type[M], pk: object) -> M:
    try:
        return model._default_manager.get(pk=pk, user_id=request.user.pk)
    # ObjectDoesNotExist: every model's DoesNotExist (the type checker cannot see
    # the one on a model class given as a type variable).
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404(f"No such {model._meta.verbose_name}.") from exc
