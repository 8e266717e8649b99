"""HubSpot's CRM v3 API, as the connector reads it: objects in batches, owners, and the search
the reconciliation polls. httpx (async) rather than HubSpot's SDK, which is synchronous.

A 429 names when to come back (`Retry-After`, else ten seconds); a 5xx or a network failure
backs off; both raise `Busy`, so the events wait instead of failing. A 401/403 is the token's
fault and raises `DomainError("crm_unauthorized")`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import httpx

from server.core.errors import DomainError
from server.core.runtime import Part, Runtime

log = logging.getLogger("reprally.integrations")

TIMEOUT_S = 10.0
#: HubSpot's batch read and search take at most 100 objects a call.
PAGE = 100


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


class HubSpotApi:
    def __init__(self, rt: Runtime, base: str, token: str) -> None:
        self.rt, self.base, self.token = rt, base.rstrip("/"), token

    async def batch_read(self, object_type: str, ids: Sequence[str], properties: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Objects by id (archived or unknown ones are absent)."""
        found: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), PAGE):
            r = await call(self.rt, "POST", f"{self.base}/crm/v3/objects/{object_type}/batch/read", self.token,
                           json={"properties": list(properties), "inputs": [{"id": x} for x in ids[i:i + PAGE]]})
            if r is not None:
                for obj in r.json().get("results", []):
                    found[str(obj["id"])] = obj
        return found

    async def owner_email(self, owner_id: str) -> str | None:
        r = await call(self.rt, "GET", f"{self.base}/crm/v3/owners/{owner_id}", self.token)
        if r is None:
            return None
        email = r.json().get("email")
        return str(email) if email else None

    async def modified_since(self, object_type: str, since_ms: int, properties: Sequence[str],
                             after: str | None) -> tuple[list[dict[str, Any]], str | None]:
        """Objects modified at or after `since_ms`, oldest first; (page, the next page's cursor)."""
        body: dict[str, Any] = {
            "filterGroups": [{"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GTE",
                                           "value": str(since_ms)}]}],
            "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}],
            "properties": list(properties), "limit": PAGE}
        if after is not None:
            body["after"] = after
        r = await call(self.rt, "POST", f"{self.base}/crm/v3/objects/{object_type}/search", self.token, json=body)
        if r is None:
            return [], None
        data = r.json()
        return list(data.get("results", [])), (data.get("paging") or {}).get("next", {}).get("after")
