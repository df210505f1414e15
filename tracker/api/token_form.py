"""The form a runner makes an API token with (Settings > API tokens)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.api.tokens import LIFETIMES, MAX_TOKENS, live_count
from tracker.api_models import ApiToken, TokenScope

_DAYS = {str(days or ""): days for days, _label in LIFETIMES}


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label=_("What it is for"),
        max_length=ApiToken._meta.get_field("label").max_length,
        help_text=_('For your own list, e.g. "Backup script".'),
    )
    scope = forms.ChoiceField(
        label=_("What it may do"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("Read: list and fetch. Read and write: also log, change and delete."),
    )
    lifetime = forms.ChoiceField(
        label=_("Expires after"),
        choices=[(str(days or ""), label) for days, label in LIFETIMES],
        initial="90",
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, user_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user_id = user_id

    def clean_label(self) -> str:
        label: str = self.cleaned_data["label"].strip()
        if not label:
            raise forms.ValidationError(_("Give the token a name."))
        return label

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if live_count(self.user_id, now=timezone.now()) >= MAX_TOKENS:
            raise forms.ValidationError(
                _("You have %(count)s tokens: revoke one you no longer need first.")
                % {"count": MAX_TOKENS}
            )
        return data

    @property
    def days(self) -> int | None:
        return _DAYS.get(self.cleaned_data.get("lifetime") or "")
