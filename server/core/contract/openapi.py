"""The OpenAPI document (`/schema/openapi.json`) as the API really answers.

Litestar writes the operations, their parameters, bodies and success responses from the routes.
This module adds what the framework cannot know, from each route handler:

* who may call: `securitySchemes` name bearer tokens (user access tokens, display tokens, or an
  org API key as `Bearer rrk_...`) and the `X-API-Key` header; an operation whose handler takes
  the caller (`principal`) accepts either, a public one declares `security: []`;
* every error status the operation can answer, each with the real body
  `{"error": {"code", "message", "details"}}` (`core.wire.ErrorResponse`), replacing the
  framework's own 400 schema. The statuses follow from the operation (`error_statuses`); a handler
  adds others with `responses=errors(...)`.

`tests/support/contract.py` validates every response the test suite receives against this
document, so it cannot drift from the code.
"""

from __future__ import annotations

import copy
from typing import Any

import msgspec
from litestar import Litestar, Request
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import SecurityScheme
from litestar.routes import HTTPRoute

from server.core.wire import ErrorResponse

BEARER = "BearerToken"
API_KEY = "ApiKey"
#: The dependency that resolves the caller (`core.web.provide_principal`): its presence makes an
#: operation authenticated.
PRINCIPAL = "principal"

SECURITY_SCHEMES = {
    BEARER: SecurityScheme(
        type="http", scheme="bearer", bearer_format="JWT or rrk_ API key",
        description="`Authorization: Bearer <token>`: a user's access token (from `/auth/login`), a TV's "
                    "display token (read-only), or an org API key (`rrk_...`)."),
    API_KEY: SecurityScheme(
        type="apiKey", name="X-API-Key", security_scheme_in="header",
        description="An org API key (`rrk_...`) for CRM and server-to-server ingestion. Endpoints about "
                    "one user (`/me/...`, kudos, redemptions) answer 403 `user_required` to API keys."),
}
AUTHENTICATED: list[dict[str, list[str]]] = [{BEARER: []}, {API_KEY: []}]

#: What each error status means in this API (the `code` in the body says exactly which case).
MEANINGS = {
    400: "The request is not valid: not JSON or a wrong type or unknown field (`invalid_request`), JSON "
         "nested deeper than 64 levels (`invalid_json`), display text with control or bidirectional-override "
         "characters (`invalid_text`), or a rule refused a value (its own code).",
    401: "No credentials, or they are not valid (`unauthenticated`, `invalid_token`, `token_expired`, "
         "`invalid_api_key`, `account_disabled`, ...).",
    403: "The caller may not do this (`forbidden`, `read_only` for display tokens, `user_required` for API "
         "keys, ...).",
    404: "No such resource in the caller's org: every id of another org answers 404 (`*_not_found`).",
    409: "The request conflicts with the current state (`email_taken`, `team_exists`, `already_reversed`, ...).",
    413: "The body is larger than the API accepts (`payload_too_large`).",
    429: "Too many requests of this kind: wait the seconds in `Retry-After` (`rate_limited`, ...).",
    503: "A backing service is down for now (`boards_unavailable` while Redis is); retry later.",
}
ERROR_STATUSES = tuple(MEANINGS)
_ERROR_REF = {"$ref": "#/components/schemas/ErrorResponse"}
def _retry_after(required: bool) -> dict[str, Any]:
    return {"Retry-After": {"description": "Seconds to wait before trying again.", "required": required,
                            "schema": {"type": "integer", "minimum": 0}}}
_WRITES = ("POST", "PUT", "PATCH", "DELETE")


def errors(*statuses: int) -> dict[int, ResponseSpec]:
    """Error statuses a handler answers beyond those that follow from its shape:
    `@post(..., responses=errors(401))`."""
    return {s: ResponseSpec(ErrorResponse, description=MEANINGS[s], generate_examples=False) for s in statuses}


def error_statuses(method: str, path: str, operation: dict[str, Any], authenticated: bool) -> set[int]:
    """The errors an operation can answer by its shape: any input can be invalid (400); a path id,
    or an id in the input of a caller's request, can name nothing of the caller's org (404); a body
    can be too large (413); an authenticated call can lack or misuse credentials (401, 403) and a
    write can conflict (409); a public API call is rate-limited (429)."""
    params = operation.get("parameters") or []
    inputs = bool(params) or "requestBody" in operation
    found: set[int] = set()
    if inputs:
        found.add(400)
    if any(p.get("in") == "path" for p in params) or authenticated and inputs:
        found.add(404)
    if "requestBody" in operation:
        found.add(413)
    if authenticated:
        found |= {401, 403}
        if method in _WRITES:
            found.add(409)
    elif path.startswith("/api/"):
        found.add(429)
    return found


def _error_response(status: int, declared: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"description": MEANINGS.get(status, "An error."),
                           "content": {"application/json": {"schema": _ERROR_REF}}}
    if declared and "description" in declared and declared.get("content", {}).get(
            "application/json", {}).get("schema") == _ERROR_REF:
        out["description"] = declared["description"]
    if status in (429, 503):
        out["headers"] = _retry_after(required=status == 429)
    return out


def _is_error_body(response: dict[str, Any]) -> bool:
    """Litestar's own error schema (`{status_code, detail, extra}`), or ours."""
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return schema == _ERROR_REF or "status_code" in schema.get("properties", {})


def truthful(app: Litestar, generated: dict[str, Any]) -> dict[str, Any]:
    """The generated document with the security and error responses of every operation."""
    doc = copy.deepcopy(generated)
    components = doc.setdefault("components", {})
    components["securitySchemes"] = {name: scheme.to_schema() for name, scheme in SECURITY_SCHEMES.items()}
    schemas = components.setdefault("schemas", {})
    _, defs = msgspec.json.schema_components([ErrorResponse], ref_template="#/components/schemas/{name}")
    for name, schema in defs.items():
        schemas.setdefault(name, schema)
    paths = doc.get("paths", {})
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for method, (handler, _) in route.route_handler_map.items():
            operation = paths.get(route.path_format, {}).get(method.lower())
            if operation is None or not isinstance(handler, HTTPRouteHandler):
                continue
            authenticated = PRINCIPAL in handler.resolve_dependencies()
            operation["security"] = AUTHENTICATED if authenticated else []
            responses = operation.setdefault("responses", {})
            declared = {int(s) for s, r in responses.items() if int(s) >= 400 and _is_error_body(r)}
            for status in sorted(declared | error_statuses(method, route.path_format, operation, authenticated)):
                responses[str(status)] = _error_response(status, responses.get(str(status)))
    return doc


def document(app: Litestar) -> dict[str, Any]:
    """The document `/schema/openapi.json` serves."""
    return truthful(app, app.openapi_schema.to_schema())


class TruthfulJson(JsonRenderPlugin):
    """`/schema/openapi.json`."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return super().render(request, truthful(request.app, openapi_schema))


class TruthfulSwagger(SwaggerRenderPlugin):
    """Swagger UI at `/schema` and `/schema/swagger` (it embeds the document)."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return super().render(request, truthful(request.app, openapi_schema))


#: Swagger UI's files, vendored in `clients/swagger-ui` (swagger-ui-dist, Apache-2.0) and served by the
#: app at this path: the docs page loads nothing from a CDN.
SWAGGER_UI_VERSION = "5.18.2"
SWAGGER_ASSETS = "/static/swagger-ui"


def openapi_config(title: str, version: str) -> OpenAPIConfig:
    swagger = TruthfulSwagger(
        version=SWAGGER_UI_VERSION, js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
        css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{SWAGGER_ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{SWAGGER_ASSETS}/favicon-32x32.png'>")
    return OpenAPIConfig(title=title, version=version, path="/schema", create_examples=False,
                         render_plugins=[swagger, TruthfulJson()])
