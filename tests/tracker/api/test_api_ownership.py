"""Another runner's id is a 404 on every API route that takes one: the routes are
walked from the API's own URL patterns, so a new route is covered (or fails here
until its model is named) without anyone remembering to add it."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict

from tracker.api import api
from tracker.models import ImportJob, Session, Shoe, Soreness

pytestmark = pytest.mark.django_db

# The first part of a route: the model whose id it takes.
MODELS = {"sessions": Session, "soreness": Soreness, "shoes": Shoe, "imports": ImportJob}


def _routes() -> list[tuple[str, str, str]]:
    """(method, route, url name) of every operation whose route takes an id."""
    methods = {
        operation.view_func.__name__: operation.methods
        for _prefix, router in api._routers
        for view in router.path_operations.values()
        for operation in view.operations
    }
    patterns, _app, _namespace = api.urls
    return [
        (method, str(pattern.pattern), pattern.name)
        for pattern in patterns
        if "<" in str(pattern.pattern)
        for method in methods[pattern.name]
    ]


ROUTES = _routes()


def test_the_walk_finds_every_kind_of_route():
    assert {route.split("/")[0] for _m, route, _n in ROUTES} == set(MODELS)
    assert {m for m, _r, _n in ROUTES} == {"GET", "PUT", "PATCH", "DELETE"}
    assert len(ROUTES) == 13


@pytest.fixture
def theirs(other_runner, make_session, make_soreness, make_shoe):
    return {
        Session: make_session(other_runner, notes="theirs"),
        Soreness: make_soreness(other_runner, notes="theirs"),
        Shoe: make_shoe(other_runner, name="Theirs"),
        ImportJob: ImportJob.objects.create(user=other_runner, kind="files", label="theirs.gpx"),
    }


@pytest.mark.parametrize(
    ("method", "route", "name"), ROUTES, ids=[f"{m} {r}" for m, r, _ in ROUTES]
)
def test_another_runners_id_is_a_404(api, theirs, method, route, name):
    model = MODELS[route.split("/")[0]]
    row = theirs[model]
    before = model_to_dict(row)
    url = "/api/v1/" + route.replace("<id>", str(row.pk))
    response = api.generic(method, url, '{"notes": "mine"}', "application/json")
    assert response.status_code == 404, (method, url, response.content)
    assert model.objects.filter(pk=row.pk).exists()
    row.refresh_from_db()
    assert model_to_dict(row) == before


@pytest.mark.parametrize(
    ("method", "route", "name"), ROUTES, ids=[f"{m} {r}" for m, r, _ in ROUTES]
)
def test_an_id_that_is_not_a_number_is_not_a_500(api, method, route, name):
    url = "/api/v1/" + route.replace("<id>", "abc")
    response = api.generic(method, url, "{}", "application/json")
    assert response.status_code in (404, 422), (method, url, response.status_code)
