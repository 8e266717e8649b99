"""HubSpot's CRM v3 API, as the connector reads it: objects in batches, owners, and the search
the reconciliation polls. httpx (async) rather than HubSpot's SDK, which is synchronous; errors
as `http.call` says.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from server.core.runtime import Runtime
from server.integrations.connectors.http import call

#: HubSpot's batch read and search take at most 100 objects a call.
PAGE = 100


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

    async def owners(self) -> dict[str, str]:
        """Every owner's email, by owner id (`GET /crm/v3/owners`, 500 a page)."""
        found: dict[str, str] = {}
        after: str | None = None
        while True:
            r = await call(self.rt, "GET", f"{self.base}/crm/v3/owners", self.token,
                           params={"limit": 500, **({"after": after} if after else {})})
            if r is None:
                return found
            data = r.json()
            found.update({str(o["id"]): str(o["email"]) for o in data.get("results", []) if o.get("email")})
            after = (data.get("paging") or {}).get("next", {}).get("after")
            if not after:
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
