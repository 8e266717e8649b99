"""Errors the rules raise; the HTTP layer maps them to 4xx responses with the same code."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A request the rules refuse. `code` is stable and machine-readable."""

    status_code = 400

    def __init__(self, code: str, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


class Forbidden(DomainError):
    status_code = 403


class Unauthorized(DomainError):
    status_code = 401


class RateLimited(DomainError):
    """Too many requests of one kind; `retry_after_s` becomes the `Retry-After` header."""

    status_code = 429

    def __init__(self, code: str, message: str, *, retry_after_s: int, details: dict[str, Any] | None = None) -> None:
        super().__init__(code, message, details={**(details or {}), "retry_after_s": retry_after_s})
        self.retry_after_s = retry_after_s
