"""The CRMs' HTTP APIs, as the connectors call them: one pooled httpx client per runtime.

A 429 names when to come back (`Retry-After`, else ten seconds); a 5xx or a network failure
backs off; both raise `Busy`, so the events wait instead of failing. A 401/403 is the token's
fault and raises `DomainError("crm_unauthorized")`.
"""

from __future__ import annotations

from typing import Any

import httpx

from server.core.errors import DomainError
from server.core.runtime import Part, Runtime

TIMEOUT_S = 10.0


class Busy(Exception):
    """The source asks us to come back later (429), or is down (5xx, network)."""

    def __init__(self, after_s: float, reason: str) -> None:
        super().__init__(reason)
        self.after_s = after_s
        self.reason = reason


class _Clients:
    """One pooled HTTP client per runtime for every CRM API call, closed with the runtime."""

    def __init__(self) -> None:
        self.client = httpx.AsyncClient(timeout=TIMEOUT_S)

    async def aclose(self) -> None:
        await self.client.aclose()


CLIENTS: Part[_Clients] = Part("integrations.http", lambda rt: _Clients())


def retry_after(response: httpx.Response, default: float) -> float:
    raw = response.headers.get("retry-after", "")
    try:
        return max(1.0, float(raw))
    except ValueError:
        return default


async def call(rt: Runtime, method: str, url: str, token: str, **kwargs: Any) -> httpx.Response | None:
    """One API call; None for a 404. Raises `Busy` or `DomainError` as the module says."""
    try:
        r = await rt.part(CLIENTS).client.request(method, url, headers={"authorization": f"Bearer {token}"},
                                                  **kwargs)
    except httpx.HTTPError as exc:
        raise Busy(30.0, f"unreachable: {type(exc).__name__}") from None
    if r.status_code == 404:
        return None
    if r.status_code == 429:
        raise Busy(retry_after(r, 10.0), "rate_limited")
    if r.status_code >= 500:
        raise Busy(retry_after(r, 30.0), f"source_error_{r.status_code}")
    if r.status_code in (401, 403):
        raise DomainError("crm_unauthorized", "the CRM refused the integration's access token")
    if r.status_code >= 400:
        raise DomainError("crm_request_refused", f"the CRM refused a request ({r.status_code})")
    return r
