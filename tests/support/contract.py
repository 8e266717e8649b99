"""The API contract, checked on every response the test suite receives.

Each HTTP client the tests use (`client_of`) validates every response against the OpenAPI
document the app serves (`server.core.contract.openapi.document`) with openapi-core: its status must be
declared for the operation, its body must match the declared schema, a 429 must say
`Retry-After`, a 405 must say `Allow`. A test whose request gets an answer the document does not
declare fails there, so the document cannot drift from the code.

Answers the document does not describe by design: paths outside the API (`/tv`, `/schema`),
unknown routes (404), methods a path does not have (405, checked for `Allow`) and a genuine bug
(500, checked for the error body).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl

import httpx
from litestar import Litestar
from openapi_core import OpenAPI
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_core.testing import MockRequest, MockResponse

from server.core.contract.openapi import document

#: routes of an app (every app of the suite is built by `create_app`, so they share one) -> its spec
_specs: dict[tuple[tuple[str, tuple[str, ...]], ...], OpenAPI] = {}
_ERROR_KEYS = {"code", "message", "details"}


class ContractBroken(AssertionError):
    pass


def spec_of(app: Litestar) -> OpenAPI:
    """The app's document, parsed (about 5 s: once per set of routes)."""
    key = tuple(sorted((r.path, tuple(sorted(r.methods))) for r in app.routes))
    found = _specs.get(key)
    if found is None:
        found = _specs[key] = OpenAPI.from_dict(document(app))
    return found


def _content_type(headers: httpx.Headers) -> str:
    return headers.get("content-type", "").split(";")[0].strip()


def _error_body(response: httpx.Response) -> None:
    body = response.json()
    if set(body) != {"error"} or not {"code", "message"} <= set(body["error"]) <= _ERROR_KEYS:
        raise ContractBroken(f"{response.status_code} without the error body: {response.text[:300]}")


def check(spec: OpenAPI, response: httpx.Response) -> None:
    """Raises `ContractBroken` unless the response is one the document declares."""
    request = response.request
    if request.method in ("HEAD", "OPTIONS"):
        return
    status = response.status_code
    if status == 405 and not response.headers.get("allow"):
        raise ContractBroken(f"405 without Allow: {request.method} {request.url.path}")
    if status >= 500 and status != 503:
        _error_body(response)
        return
    path = request.url.path.rstrip("/") or "/"  # the router takes /contests/ for /contests
    try:
        body = request.content
    except httpx.RequestNotRead:  # a request httpx built to follow a redirect: no body
        body = b""
    req = MockRequest("http://test", request.method, path,
                      args=dict(parse_qsl(request.url.query.decode())), headers=dict(request.headers),
                      data=body, content_type=_content_type(request.headers))
    content_type = _content_type(response.headers)
    resp = MockResponse(response.text if content_type.startswith("text/") else response.content,  # type: ignore[arg-type]
                        status_code=status, headers=dict(response.headers), content_type=content_type)
    try:
        spec.validate_response(req, resp)
    except (PathNotFound, OperationNotFound):
        if status not in (404, 405) and request.url.path.startswith("/api/"):
            raise ContractBroken(f"{request.method} {request.url.path} answered {status} but is not in the "
                                 "OpenAPI document") from None
        return
    except Exception as exc:  # noqa: BLE001 - every other failure is the contract broken
        raise ContractBroken(f"{request.method} {request.url.path} -> {status} does not match the OpenAPI "
                             f"document: {_reason(exc)}\n{response.text[:500]}") from exc
    if status == 429 and not response.headers.get("retry-after"):
        raise ContractBroken(f"{status} without Retry-After: {request.method} {request.url.path}")


def _reason(exc: BaseException) -> str:
    causes = [str(exc)]
    for inner in getattr(exc, "schema_errors", None) or ():
        causes.append(str(getattr(inner, "message", inner)))
    if exc.__cause__ is not None and exc.__cause__ is not exc:
        causes.append(_reason(exc.__cause__))
    return "; ".join(causes)


@contextlib.asynccontextmanager
async def client_of(app: Litestar, **kwargs: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the app whose every response is checked against the contract."""
    spec = spec_of(app)

    async def on_response(response: httpx.Response) -> None:
        await response.aread()
        check(spec, response)

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test", timeout=60,
                                 event_hooks={"response": [on_response]}, **kwargs) as client:
        yield client
