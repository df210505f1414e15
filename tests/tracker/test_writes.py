"""Writes that arrive twice or late: a double-submitted create saves once, the shoe
name race answers with the form's error, an edit made from a stale page is refused
with what changed shown beside what the runner typed."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tracker.forms import ShoeForm
from tracker.models import Session, Shoe, Soreness

pytestmark = pytest.mark.django_db

SESSION = {
    "date": "2026-11-01",
    "activity": "run",
    "distance": "10.5",
    "duration_min": "55",
    "stopped": "unknown",
    "notes": "tempo",
}
SORENESS = {"date": "2026-11-01", "area": "calf", "side": "left", "severity": "4"}
SHOE = {"name": "Grey trainers", "kind": "running", "limit": ""}


def hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no hidden {name} in the page"
    return match.group(1)


@pytest.mark.parametrize(
    ("view", "data", "model"),
    [
        ("session_add", SESSION, Session),
        ("soreness_add", SORENESS, Soreness),
        ("shoe_add", SHOE, Shoe),
    ],
)
def test_a_double_submitted_create_saves_once_and_leads_to_what_it_made(
    client_for, runner, view, data, model
):
    client = client_for(runner)
    page = client.get(reverse(view)).content.decode()
    posted = {**data, "form_token": hidden(page, "form_token")}

    first = client.post(reverse(view), posted)
    second = client.post(reverse(view), posted)

    assert model.objects.filter(user=runner).count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    # A new rendering of the form is a new token: a second pair of shoes, a second run.
    again = client.get(reverse(view)).content.decode()
    assert hidden(again, "form_token") != posted["form_token"]


def test_a_form_token_is_the_runners_own(client_for, runner, other_runner):
    client = client_for(runner)
    token = hidden(client.get(reverse("session_add")).content.decode(), "form_token")
    client.post(reverse("session_add"), {**SESSION, "form_token": token})
    # Another runner posting the same token (copied, guessed) saves their own session.
    response = client_for(other_runner).post(
        reverse("session_add"), {**SESSION, "form_token": token}
    )
    assert response.status_code == 302
    assert Session.objects.filter(user=other_runner).count() == 1


def test_a_token_kept_through_a_form_error_still_saves_once(client_for, runner):
    client = client_for(runner)
    token = hidden(client.get(reverse("session_add")).content.decode(), "form_token")
    wrong = client.post(reverse("session_add"), {**SESSION, "distance": "", "form_token": token})
    assert wrong.status_code == 200
    assert hidden(wrong.content.decode(), "form_token") == token
    for _ in range(2):
        client.post(reverse("session_add"), {**SESSION, "form_token": token})
    assert Session.objects.filter(user=runner).count() == 1


def test_the_shoe_name_race_answers_with_the_form_error(client_for, runner, make_shoe, monkeypatch):
    # Two quick clicks (two renderings, or a script): both requests pass the form's
    # name check before either saves. The other request's pair is made here, just
    # after this request's check, as it happens in the race.
    checked = ShoeForm.clean_name

    def check_then_lose_the_race(form: ShoeForm) -> str:
        name = checked(form)
        if not Shoe.objects.filter(user=runner).exists():
            make_shoe(runner, name=name)
        return name

    monkeypatch.setattr(ShoeForm, "clean_name", check_then_lose_the_race)

    response = client_for(runner).post(reverse("shoe_add"), SHOE)

    assert response.status_code == 200
    assert "already have a pair" in " ".join(response.context["form"].errors["name"])
    assert Shoe.objects.filter(user=runner).count() == 1


def test_an_edit_from_a_stale_page_is_refused_showing_both_versions(
    client_for, runner, make_session
):
    session = make_session(runner, date=date(2026, 11, 1), distance_km=Decimal(10), notes="easy")
    client = client_for(runner)
    url = reverse("session_edit", args=[session.pk])
    tab_one = hidden(client.get(url).content.decode(), "form_version")
    tab_two = hidden(client.get(url).content.decode(), "form_version")

    saved = client.post(
        url, {**SESSION, "distance": "12", "notes": "tab two", "form_version": tab_two}
    )
    assert saved.status_code == 302
    stale = client.post(
        url, {**SESSION, "distance": "10", "notes": "tab one", "form_version": tab_one}
    )

    assert stale.status_code == 200
    session.refresh_from_db()
    assert (session.notes, session.distance_km) == ("tab two", Decimal(12))
    page = stale.content.decode()
    assert "changed in another tab" in page
    conflict = {row.label: (row.saved, row.yours) for row in stale.context["form"].conflict}
    assert conflict["Notes"] == ("tab two", "tab one")
    assert conflict["Distance (km)"] == ("12", "10")  # as the edit form shows it
    assert "Duration" not in " ".join(conflict)  # the same on both sides: not listed
    # The page now carries the saved version: saving again keeps what tab one typed.
    again = client.post(
        url,
        {
            **SESSION,
            "distance": "10",
            "notes": "tab one",
            "form_version": hidden(page, "form_version"),
        },
    )
    assert again.status_code == 302
    session.refresh_from_db()
    assert session.notes == "tab one"


@pytest.mark.parametrize("kind", ["shoe", "soreness"])
def test_every_edit_form_refuses_a_stale_version(
    client_for, runner, make_shoe, make_soreness, kind
):
    client = client_for(runner)
    if kind == "shoe":
        row = make_shoe(runner, name="Grey trainers")
        url, data = reverse("shoe_edit", args=[row.pk]), SHOE
    else:
        row = make_soreness(runner, date=date(2026, 11, 1), area="calf", side="left", severity=4)
        url, data = reverse("soreness_edit", args=[row.pk]), SORENESS
    version = hidden(client.get(url).content.decode(), "form_version")
    type(row).objects.filter(pk=row.pk).update(notes="changed elsewhere")

    response = client.post(url, {**data, "notes": "mine", "form_version": version})

    assert response.status_code == 200
    row.refresh_from_db()
    assert row.notes == "changed elsewhere"


def test_an_unchanged_row_saves_without_a_conflict(client_for, runner, make_session):
    session = make_session(runner, date=date(2026, 11, 1), distance_km=Decimal(10))
    client = client_for(runner)
    url = reverse("session_edit", args=[session.pk])
    version = hidden(client.get(url).content.decode(), "form_version")
    assert client.post(url, {**SESSION, "form_version": version}).status_code == 302
