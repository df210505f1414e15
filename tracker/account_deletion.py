"""A runner deletes their own account: every row and file that is theirs.

The rows go with the user through their foreign keys (CASCADE: profile, sessions,
check-ins, shoes, seen flags, import jobs, form tokens). Files are not rows: each
import job's uploads are deleted from the upload storage first. An import running
right now in a worker loses its rows under it and fails; whatever it still had in
the storage is removed by the periodic sweep (tracker/imports/sweep.py). The
log-in records django-axes keeps under the username (failures, log-in times and
addresses) go too: they are the runner's, and a later account of the same name
must not inherit a lock-out.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tracker.imports import storage
from tracker.models import ImportJob


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password; nothing was deleted."))
        return password


def delete_account(user: User) -> None:
    username = user.username
    for spool, inputs in ImportJob.objects.filter(user=user).values_list("spool", "inputs"):
        if spool or inputs:
            storage.delete_uploads(spool, inputs)
    with transaction.atomic():
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=username).delete()
        user.delete()
