"""Every error leaves as `{"error": {"code", "message", "details"?}}` with a 4xx status,
except a genuine bug (500 `internal_error`, logged) or Redis being down (503)."""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap
from sqlalchemy.exc import StatementError

from server.core.errors import DomainError
from server.core.wire import ErrorBody, ErrorResponse

log = logging.getLogger("reprally.api")

_STATUS_CODES = {
    # The framework's own 400s are malformed requests (e.g. a body that is not JSON): the
    # documented code for those is `invalid_request`, the same as a body that fails validation.
    400: "invalid_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
    429: "rate_limited",
}


def error_response(status: int, code: str, message: str, details: dict[str, Any] | None = None,
                   headers: dict[str, str] | None = None) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(ErrorResponse(ErrorBody(code, message, details))),
        status_code=status, media_type=MediaType.JSON, headers=headers,
    )


def domain_error(_: Request[Any, Any, Any], exc: DomainError) -> Response[bytes]:
    retry = getattr(exc, "retry_after_s", None)
    headers = {"retry-after": str(retry)} if retry is not None else None
    return error_response(exc.status_code, exc.code, exc.message, exc.details, headers)


def validation_error(_: Request[Any, Any, Any], exc: ValidationException) -> Response[bytes]:
    extra = exc.extra if isinstance(exc.extra, list) else None
    message = exc.detail or "the request is not valid"
    if extra:
        first = extra[0]
        if isinstance(first, dict) and first.get("message"):
            message = f"{first.get('message')}" + (f" (at {first['key']})" if first.get("key") else "")
    return error_response(400, "invalid_request", message, {"errors": extra} if extra else None)


def http_error(_: Request[Any, Any, Any], exc: HTTPException) -> Response[bytes]:
    status = exc.status_code
    if status >= 500:
        log.error("server error: %s", exc.detail)
        return error_response(status, "internal_error", "something went wrong on our side")
    # the framework's own headers stay: a 405 names the allowed methods in `Allow`
    headers = {k.lower(): v for k, v in (exc.headers or {}).items()} or None
    return error_response(status, _STATUS_CODES.get(status, "bad_request"), exc.detail or "bad request",
                          headers=headers)


def _out_of_range(exc: BaseException | None) -> bool:
    """A value the database cannot hold (e.g. an id beyond 64 bits): the request's fault."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OverflowError) or type(exc).__name__ in ("DataError", "NumericValueOutOfRangeError"):
            return True
        exc = exc.__cause__ or getattr(exc, "orig", None)
        seen += 1
    return False


#: SQLSTATEs of text the database cannot store (NUL characters; invalid UTF-8)
_BAD_TEXT = ("22021", "22P05")


def database_error(request: Request[Any, Any, Any], exc: StatementError) -> Response[bytes]:
    if _out_of_range(exc):
        return error_response(400, "out_of_range", "a number in the request is out of range")
    if getattr(exc.orig, "sqlstate", None) in _BAD_TEXT:
        return error_response(400, "invalid_text", "text in the request holds a character that cannot be stored "
                                                   "(e.g. NUL)")
    return unexpected_error(request, exc)


def unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    if isinstance(exc, OverflowError):
        return error_response(400, "out_of_range", "a number in the request is out of range")
    log.exception("unhandled error", exc_info=exc)
    return error_response(500, "internal_error", "something went wrong on our side")


HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    StatementError: database_error,
    Exception: unexpected_error,
}
