"""How the forms are laid out: crispy helpers and pieces every form shares.

Kept apart from tracker/forms.py, which holds what the forms ask and check.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.utils.functional import Promise

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
INTEGER = {"inputmode": "numeric"}


class Folded(Fieldset):  # type: ignore[misc]  # crispy-forms ships no type hints
    """A fieldset folded away under its legend (a <details>): fields most sessions
    leave empty keep the form short. It opens by itself when one of its fields
    holds a value or an error, so nothing typed is ever hidden."""

    template = "tracker/layout/folded.html"
    is_open = False

    def render(
        self, form: Any, context: Any, template_pack: str = TEMPLATE_PACK, **kwargs: Any
    ) -> str:
        names = [name for name in self.fields if isinstance(name, str) and name in form.fields]
        self.is_open = any(
            form[name].errors or form[name].value() not in (None, "") for name in names
        )
        return str(super().render(form, context, template_pack, **kwargs))


def name_the_blank(field: forms.Field, label: str | Promise) -> None:
    """Say what an empty choice means instead of Django's "---------"."""
    assert isinstance(field, forms.ChoiceField)  # a model field with choices
    # Once the form is built, a field's choices are a list of (value, label) pairs.
    choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]  # see above
    field.choices = [("", label), *((v, n) for v, n in choices if v != "")]


def inner_helper() -> FormHelper:
    """A helper for a form whose template writes the <form> tag itself.

    The templates wrap the crispy fields in their own <form> to add buttons such as
    "Save and log another"; a second <form> tag from crispy would nest, the browser
    would drop it, and its closing tag would leave those buttons outside any form.
    """
    helper = FormHelper()
    helper.form_tag = False
    # Hidden fields no layout names, such as the write guard's token or version.
    helper.render_hidden_fields = True
    return helper
