"""Salesforce's REST API, optional (an `instance_url` and an `access_token`): owners' emails and
the reconciliation's SOQL on `SystemModstamp`. Errors as `http.call` says."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

from server.core.runtime import Runtime
from server.integrations.connectors.http import call

API_VERSION = "v60.0"
#: records a reconciliation reads of one object per run
POLL_LIMIT = 200
SF_ID = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def soql_time(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ids(values: Sequence[str]) -> str:
    """A SOQL id list; ids are alphanumeric, anything else is dropped (no injection)."""
    return ", ".join(f"'{v}'" for v in values if v and set(v) <= SF_ID)


class SalesforceApi:
    def __init__(self, rt: Runtime, instance_url: str, token: str) -> None:
        self.rt, self.base, self.token = rt, instance_url.rstrip("/"), token

    async def query(self, soql: str, *, all_rows: bool = False) -> list[dict[str, Any]]:
        """Every record of a SOQL query (following `nextRecordsUrl`); `all_rows` includes deleted ones."""
        endpoint = "queryAll" if all_rows else "query"
        url: str | None = f"{self.base}/services/data/{API_VERSION}/{endpoint}?q={quote(soql)}"
        records: list[dict[str, Any]] = []
        while url is not None:
            r = await call(self.rt, "GET", url, self.token)
            if r is None:
                break
            data = r.json()
            records += data.get("records", [])
            nxt = data.get("nextRecordsUrl")
            url = f"{self.base}{nxt}" if nxt and not data.get("done", True) else None
        return records

    async def user_emails(self, user_ids: Sequence[str]) -> dict[str, str]:
        listed = _ids(user_ids)
        if not listed:
            return {}
        rows = await self.query(f"SELECT Id, Email FROM User WHERE Id IN ({listed})")
        return {str(r["Id"]): str(r["Email"]) for r in rows if r.get("Email")}

    async def modified_since(self, sobject: str, fields: Sequence[str], since: datetime) -> list[dict[str, Any]]:
        """Records of `sobject` modified at or after `since`, oldest first (deleted ones too)."""
        names = ", ".join(sorted({"Id", "SystemModstamp", "IsDeleted", *fields}))
        return await self.query(f"SELECT {names} FROM {sobject} WHERE SystemModstamp >= {soql_time(since)} "
                                f"ORDER BY SystemModstamp ASC LIMIT {POLL_LIMIT}", all_rows=True)
