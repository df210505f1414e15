"""The OpenAPI schema is valid OpenAPI; the docs page loads its assets from this server."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_schema_validates_and_names_every_route(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert set(schema["paths"]) == {
        "/api/v1/sessions",
        "/api/v1/sessions/{id}",
        "/api/v1/soreness",
        "/api/v1/soreness/{id}",
        "/api/v1/shoes",
        "/api/v1/shoes/{id}",
        "/api/v1/flags",
        "/api/v1/imports",
        "/api/v1/imports/{id}",
    }
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    session_in = schema["components"]["schemas"]["SessionIn"]["properties"]
    assert {"date", "distance_km", "shoe"} <= set(session_in)
    upload = schema["paths"]["/api/v1/imports"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload


def test_the_docs_page_uses_local_static_files_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    for source in sources:
        assert source.startswith("/"), f"{source} is not served by this site"
        assert finders.find(source.removeprefix("/static/")), source
    # No inline script: the page keeps the site's Content-Security-Policy.
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert "script-src 'self'" in response["Content-Security-Policy"]
