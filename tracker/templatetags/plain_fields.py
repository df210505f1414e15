"""``{% plain_field form.field %}``: a form field in Bootstrap 5's markup, as
crispy-forms' ``|as_crispy_field`` writes it, built in Python.

Why: the session list's five filter fields through crispy's templates and
Django's widget templates cost about 5 ms a request, a third of the page's CPU
(cProfile). This writes the same elements and attributes (label, input or
select with crispy's classes, errors with their ids and aria attributes, help
text) for the widgets a filter form uses: inputs and single selects. Anything
else goes to crispy. tests/tracker/test_plain_fields.py compares the two.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# crispy's class for each widget (its bootstrap5 template pack), then Bootstrap's.
_CLASSES = {
    forms.DateInput: "dateinput form-control",
    forms.TextInput: "textinput form-control",
    forms.NumberInput: "numberinput form-control",
    forms.EmailInput: "emailinput form-control",
    forms.Select: "select form-select",
}


def _attrs(attrs: dict[str, Any]) -> str:
    out = []
    for name, value in attrs.items():
        if value is True:
            out.append(f" {escape(name)}")
        elif value is not False and value is not None:
            out.append(f' {escape(name)}="{escape(value)}"')
    return "".join(out)


def _css_class(widget: forms.Widget) -> str | None:
    for kind, css in _CLASSES.items():
        if type(widget) is kind:
            return css
    return None


@register.simple_tag
def plain_field(bound: BoundField) -> SafeString:
    widget = bound.field.widget
    css = _css_class(widget)
    if css is None:  # a widget this does not know: crispy's own rendering
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return mark_safe(str(as_crispy_field(bound)))  # crispy's own, escaped by it
    attrs: dict[str, Any] = dict(widget.attrs)
    extra = bound.build_widget_attrs({}, widget)
    if bound.errors:
        css += " is-invalid"
        extra |= {"aria-invalid": "true", "aria-describedby": f"{bound.auto_id}_error"}
    attrs["class"] = f"{attrs['class']} {css}" if attrs.get("class") else css
    attrs |= extra
    attrs["id"] = bound.auto_id
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    if isinstance(widget, forms.Select):
        options = "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                option["value"],
                mark_safe(" selected") if option["selected"] else "",
                option["label"],
            )
            for _group, group_options, _index in context["optgroups"]
            for option in group_options
        )
        field = (
            f'<select name="{escape(context["name"])}"{_attrs(context["attrs"])}>{options}</select>'
        )
    else:
        value = context["value"]
        shown = "" if value is None else f' value="{escape(value)}"'
        field = (
            f'<input type="{escape(context["type"])}" name="{escape(context["name"])}"'
            f"{shown}{_attrs(context['attrs'])}>"
        )
    label = ""
    if bound.label:
        required = '<span class="asteriskField">*</span>' if bound.field.required else ""
        label = (
            f'<label for="{escape(bound.id_for_label)}" class="form-label'
            f'{" requiredField" if bound.field.required else ""}">'
            f"{escape(bound.label)}{required}</label>"
        )
    errors = ""
    if bound.errors:
        errors = (
            f'<div id="{escape(bound.auto_id)}_error" class="invalid-feedback">'
            + "".join(
                f'<p id="error_{n}_{escape(bound.auto_id)}"><strong>{escape(error)}</strong></p>'
                for n, error in enumerate(bound.errors, start=1)
            )
            + "</div>"
        )
    helptext = ""
    if bound.help_text:
        helptext = (
            f'<div id="{escape(bound.auto_id)}_helptext" class="form-text">'
            f"{escape(bound.help_text)}</div>"
        )
    # Safe: every value above went through escape() or format_html.
    return mark_safe(
        f'<div id="div_{escape(bound.auto_id)}" class="mb-3">{label}{field}{errors}{helptext}</div>'
    )
