"""The form a runner makes an API token with (Settings > API tokens)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tracker.api.tokens import LIFETIMES, MAX_TOKENS, live_count
from tracker.api_models import ApiToken, TokenScope

_DAYS = {str(days or ""): days for days, _label in LIFETIMES}


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label="What it is for",
        max_length=ApiToken._meta.get_field("label").max_length,
        help_text='For your own list, e.g. "Backup script".',
    )
    scope = forms.ChoiceField(
        label="What it may do",
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text="Read: list and fetch. Read and write: also log, change and delete.",
    )
    lifetime = forms.ChoiceField(
        label="Expires after",
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
            raise forms.ValidationError("Give the token a name.")
        return label

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if live_count(self.user_id, now=timezone.now()) >= MAX_TOKENS:
            raise forms.ValidationError(
                f"You have {MAX_TOKENS} tokens: revoke one you no longer need first."
            )
        return data

    @property
    def days(self) -> int | None:
        return _DAYS.get(self.cleaned_data.get("lifetime") or "")
