"""``{% plain_field %}`` writes what crispy-forms' ``|as_crispy_field`` writes: the
same elements, attributes and text (whitespace and attribute order aside)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from tracker.forms import SessionFilterForm

pytestmark = pytest.mark.django_db


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.items.append(
            ("<", tag, tuple(sorted((k, " ".join(sorted((v or "").split()))) for k, v in attrs)))
        )

    def handle_endtag(self, tag):
        self.items.append((">", tag))

    def handle_data(self, data):
        if data.strip():
            self.items.append(("text", " ".join(data.split())))


def _shape(html: str) -> list[tuple]:
    parser = _Shape()
    parser.feed(html)
    return parser.items


def _both(field) -> tuple[list, list]:
    context = Context({"field": field})
    ours = Template("{% load plain_fields %}{% plain_field field %}").render(context)
    theirs = Template("{% load crispy_forms_tags %}{{ field|as_crispy_field }}").render(context)
    return _shape(ours), _shape(theirs)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"q": 'a <b> & "c"', "start": "2026-01-05", "end": "2026-02-01", "activity": "run"},
        {"start": "not a date", "activity": "nope", "shoe": "999"},
    ],
    ids=["unbound", "empty", "filled", "invalid"],
)
def test_the_same_markup_as_crispy(make_user, make_shoe, data):
    user = make_user()
    shoe = make_shoe(user, name="Pegasus <40>")
    if data and "shoe" not in data:
        data = {**data, "shoe": str(shoe.pk)}
    form = SessionFilterForm(data, user=user)
    form.is_valid()
    for field in form:
        ours, theirs = _both(field)
        assert ours == theirs, field.name


def test_a_widget_it_does_not_know_is_crispys_own():
    from django import forms

    class Other(forms.Form):
        done = forms.BooleanField(required=False, label="Done")
        notes = forms.CharField(widget=forms.Textarea, help_text="Say <more>")

    for field in Other({"notes": ""}):
        ours, theirs = _both(field)
        assert ours == theirs and ours, field.name
