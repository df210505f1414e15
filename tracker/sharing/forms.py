"""The form a runner makes a share with (Settings > Sharing)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tracker.share_models import Share, ShareCovers
from tracker.sharing.service import LIFETIMES, MAX_SHARES

_DAYS = {str(days or ""): days for days, _label in LIFETIMES}


class ShareForm(forms.Form):
    label = forms.CharField(
        label=_("Who it is for"),
        max_length=Share._meta.get_field("label").max_length,
        help_text=_("For your own list, e.g. “Physio Anna”. The viewer does not see it."),
    )
    title = forms.CharField(
        label=_("What the viewer's banner calls your log"),
        max_length=Share._meta.get_field("title").max_length,
    )
    covers = forms.ChoiceField(
        label=_("What it shows"),
        choices=ShareCovers.choices,
        initial=ShareCovers.EVERYTHING,
        widget=forms.RadioSelect,
        help_text=_(
            "Pain and load only: distance, time, the load chart, check-ins, the soreness "
            "chart, and the load and pain warnings; no shoes, surfaces or habits."
        ),
    )
    notes = forms.BooleanField(
        label=_("Include my notes (sessions' notes and titles, check-ins' notes)"),
        required=False,
    )
    lifetime = forms.ChoiceField(
        label=_("How long the link works"),
        choices=[(str(days or ""), label) for days, label in LIFETIMES],
        initial="30",
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, user_id: int, default_title: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user_id = user_id
        self.fields["title"].initial = default_title

    def clean_label(self) -> str:
        label: str = self.cleaned_data["label"].strip()
        if not label:
            raise forms.ValidationError(_("Give the share a name."))
        return label

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Say whose log it is."))
        return title

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if Share.objects.filter(user_id=self.user_id).count() >= MAX_SHARES:
            raise forms.ValidationError(
                _("You have %(count)s shares: revoke one you no longer need first.")
                % {"count": MAX_SHARES}
            )
        return data

    @property
    def days(self) -> int | None:
        return _DAYS.get(self.cleaned_data.get("lifetime") or "")
