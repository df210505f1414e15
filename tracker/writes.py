"""Writes that arrive twice or late, for every create and edit form of the log.

- A create form carries a one-use token (``form_token``). Saving records it with the
  row it made (tracker.submissions.SubmittedForm), under the runner's lock: the same
  rendered form posted again (a double click, a retried request) leads to that row
  and makes nothing.
- An edit form carries the version of the row it showed (``form_version``, a digest
  of the row's values). Saving compares it with the row as it is now, under the same
  lock: if another tab or window saved in between, nothing is written and the form
  comes back with the saved values beside what the runner typed, and the new
  version, so saving again keeps theirs on purpose.
- A unique constraint that loses a race (two clicks on "Save" for a new pair, both
  past the name check) is answered by validating again, which now finds the other
  row and says so in the form.

A form without a token or a version (a script) is saved as before: the mechanism
guards what a browser sends, it does not make scripts fill in hidden fields.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django import forms
from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404, QueryDict
from django.utils import timezone

from tracker.services import lock_runner
from tracker.submissions import SubmittedForm

_M = TypeVar("_M", bound=Model)

TOKEN = "form_token"
VERSION = "form_version"
# A page is filled in within minutes; a day covers a retry after a flaky connection.
TOKENS_KEPT = timedelta(days=1)


def row_version(row: Model) -> str:
    """A digest of the row's stored values, except the times Django sets itself (a
    save that changed nothing is not a conflict)."""
    values = [
        (field.attname, field.value_to_string(row))
        for field in row._meta.concrete_fields
        if not (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
    ]
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Difference:
    label: str
    saved: str  # what the row holds now
    yours: str  # what the runner typed


class GuardedWriteForm(forms.ModelForm[_M]):
    """The token (creating) or the version (editing) as a hidden field; a base for the
    log's model forms. Subclasses keep their own fields and parsing."""

    conflict: Sequence[Difference] = ()
    stale = False  # the row changed since the page was rendered (show_conflict)
    _rebuild: dict[str, Any]

    def __new__(cls, *args: Any, **kwargs: Any) -> GuardedWriteForm[_M]:
        # What it takes to build this form again for the saved row (the conflict
        # view): the subclass's own arguments (user, units, today), which its
        # __init__ takes before this class's would see them.
        form = super().__new__(cls)
        form._rebuild = {
            key: value
            for key, value in kwargs.items()
            if key not in ("data", "files", "instance", "initial", "prefix")
        }
        return form

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields[TOKEN] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=lambda: uuid.uuid4().hex
            )
        else:
            # The row as this request read it, before validation changes the instance.
            self.fields[VERSION] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=row_version(self.instance)
            )

    def clean_form_token(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.cleaned_data.get(TOKEN) or "")
        except ValueError:
            return None  # no token (a script) or a mangled one: saved without the guard

    def show_conflict(self, saved: Model) -> None:
        """The row changed since the page was rendered: say so, list where the saved
        row and the typed values differ, and carry the saved row's version."""
        self.stale = True
        fresh = type(self)(instance=saved, **self._rebuild)
        self.conflict = [
            Difference(str(field.label), _shown(fresh[name]), _shown(self[name]))
            for name, field in self.fields.items()
            if not field.widget.is_hidden
            and field.has_changed(fresh[name].initial, self[name].data)
        ]
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data[self.add_prefix(VERSION)] = row_version(saved)
        self.data = data
        self.add_error(
            None,
            "This was changed in another tab or window after you opened this page; "
            "save again to keep what you typed.",
        )


def _shown(bound: forms.BoundField) -> str:
    """A field's value as a runner reads it: a choice's label, not its key."""
    value = bound.value()
    if value in (None, ""):
        return "—"
    choices = getattr(bound.field, "choices", None)
    if choices is not None:
        labels = {str(key): str(label) for key, label in choices}
        return labels.get(str(value), str(value))
    return str(value)


def earlier_save(form: GuardedWriteForm[Any], *, user_id: int) -> Model | None:
    """The row this create form already made, if its token was recorded."""
    try:
        token = uuid.UUID(str(form.data.get(form.add_prefix(TOKEN)) or ""))
    except ValueError:
        return None
    return _made_by(user_id, token)


def _made_by(user_id: int, token: uuid.UUID) -> Model | None:
    record = SubmittedForm.objects.filter(user_id=user_id, token=token).first()
    if record is None:
        return None
    model = apps.get_model(record.model)
    row: Model | None = model._default_manager.filter(pk=record.object_id, user_id=user_id).first()
    return row


class StaleEdit(Exception):
    def __init__(self, saved: Model) -> None:
        super().__init__("the row changed since the form was rendered")
        self.saved = saved


def save_guarded(form: GuardedWriteForm[_M], *, user_id: int) -> tuple[_M | Model, bool]:
    """Save a valid form: (the row, True), or (the row an earlier post of the same
    create form made, False). Raises StaleEdit for an edit of a changed row and
    IntegrityError for a constraint the form's own checks did not catch."""
    with transaction.atomic():
        lock_runner(user_id)
        if form.instance.pk is None:
            token = form.cleaned_data.get(TOKEN)
            earlier = _made_by(user_id, token) if token else None
            if earlier is not None:
                return earlier, False
            row = form.save()
            if token:
                SubmittedForm.objects.create(
                    user_id=user_id, token=token, model=row._meta.label_lower, object_id=row.pk
                )
            return row, True
        saved = type(form.instance)._default_manager.filter(pk=form.instance.pk).first()
        if saved is None:
            raise Http404("Deleted in another tab or window.")
        seen = form.cleaned_data.get(VERSION)
        if seen and seen != row_version(saved):
            raise StaleEdit(saved)
        return form.save(), True


def submit(form: GuardedWriteForm[_M], *, user_id: int) -> tuple[_M | Model | None, bool]:
    """A posted form, for a view: (the row, True) saved now; (the row, False) made by an
    earlier post of the same create form; (None, False) with the form now carrying
    what is wrong (its own errors, a changed row, a lost uniqueness race)."""
    if not form.is_valid():
        # The same create form posted again once it saved fails its own checks (the
        # new pair's name is taken now, by itself): lead to what it made.
        return earlier_save(form, user_id=user_id), False
    try:
        return save_guarded(form, user_id=user_id)
    except StaleEdit as stale:
        form.show_conflict(stale.saved)
    except IntegrityError:
        # Validate again: the form's own checks now see the row that won the race
        # and say so. A constraint the form does not check is a bug: raise it.
        form.full_clean()
        if form.is_valid():
            raise
    return None, False


def forget_old_tokens() -> int:
    """Drop token records older than TOKENS_KEPT (the periodic sweep)."""
    deleted, _ = SubmittedForm.objects.filter(created_at__lt=timezone.now() - TOKENS_KEPT).delete()
    return deleted
