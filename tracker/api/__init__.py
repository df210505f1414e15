"""The REST API, mounted at /api/v1/ (django-ninja): one module a resource.

Authentication is a personal access token only (``tracker.api.auth``); the
OpenAPI schema is at /api/v1/openapi.json and its Swagger UI at /api/v1/docs,
served from django-ninja's own static files. Refusals are 422 with the field
messages of the log's forms, in one shape whether pydantic or the form refused.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.throttling import UserRateThrottle

from tracker.api import flags, imports, sessions, shoes, soreness
from tracker.api.auth import TokenAuth
from tracker.api.forms import NON_FIELD, Invalid

api = NinjaAPI(
    title="Stridewise API",
    version="1",
    description="A runner's sessions, soreness check-ins, shoes, flags and imports. "
    "Authenticate with a personal access token (Settings > API tokens): "
    "`Authorization: Bearer <token>`.",
    auth=TokenAuth(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    # Counted per runner (the token's, set by TokenAuth before the throttle runs);
    # past the limit a 429 with Retry-After.
    throttle=[UserRateThrottle(settings.API_RATE_LIMIT)],
)

api.add_router("/sessions", sessions.router)
api.add_router("/soreness", soreness.router)
api.add_router("/shoes", shoes.router)
api.add_router("/flags", flags.router)
api.add_router("/imports", imports.router)


@api.exception_handler(Invalid)
def _invalid(request: HttpRequest, exc: Invalid) -> HttpResponse:
    return api.create_response(
        request, {"detail": "The input was refused.", "errors": exc.errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """One answer for a missing, unknown, expired or revoked token (RFC 6750)."""
    response = api.create_response(
        request, {"detail": "A valid API token is needed (Settings > API tokens)."}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="stridewise"'
    return response


@api.exception_handler(ValidationError)
def _malformed(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Pydantic's refusals (a wrong type, a body that is not JSON) in the same shape:
    the field's name (the last part of pydantic's location) and its message."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [part for part in error.get("loc", ()) if part not in ("body", "payload")]
        name = str(location[-1]) if location else NON_FIELD
        errors.setdefault(name, []).append(str(error.get("msg", "Invalid value.")))
    return api.create_response(
        request, {"detail": "The input was refused.", "errors": errors}, status=422
    )
