"""Helpers for the connector tests: deliveries signed exactly as each vendor signs them (with the
vendors' own code where it exists), the worker run by hand, and reads of the inbox and ledger."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from server.integrations import inbox
from server.integrations.models import CrmChange, InboxEvent
from server.ledger.models import Activity, LedgerEntry
from tests.conftest import Api

E = InboxEvent.__table__
C = CrmChange.__table__
A = Activity.__table__
L = LedgerEntry.__table__


def now_s() -> int:
    return int(datetime.now(UTC).timestamp())


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


class StandardSender:
    """A Standard Webhooks sender: the spec's own package signs `{id}.{timestamp}.{body}`."""

    def __init__(self, client: httpx.AsyncClient, created: dict) -> None:
        self.client = client
        self.integration_id: int = created["id"]
        self.secret: str = created["signing_secret"]
        self.path = httpx.URL(created["webhook_url"]).path
        self.sent: list[str] = []

    def headers(self, body: bytes, msg_id: str | None = None, ts: int | None = None,
                secret: str | None = None) -> dict[str, str]:
        msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
        ts = now_s() if ts is None else ts
        signature = Webhook(secret or self.secret).sign(msg_id, datetime.fromtimestamp(ts, UTC), body)
        return {"webhook-id": msg_id, "webhook-timestamp": str(ts), "webhook-signature": signature,
                "content-type": "application/json"}

    async def send_raw(self, body: bytes, **sign: Any) -> httpx.Response:
        return await self.client.post(self.path, content=body, headers=self.headers(body, **sign))

    async def send(self, event: dict, **sign: Any) -> httpx.Response:
        return await self.send_raw(json.dumps(event).encode(), **sign)

    async def upsert(self, external_id: str, activity_type: str = "call", *, owner: dict, msg_id: str | None = None,
                     **data: Any) -> httpx.Response:
        event = {"type": "activity.upsert", "data": {"external_id": external_id, "activity_type": activity_type,
                                                      "owner": owner, **data}}
        return await self.send(event, msg_id=msg_id)

    async def delete(self, external_id: str, **data: Any) -> httpx.Response:
        return await self.send({"type": "activity.delete", "data": {"external_id": external_id, **data}})


async def std_integration(admin: Api, **fields: Any) -> StandardSender:
    created = await admin.ok("post", "/integrations", {"kind": "standard_webhooks", "name": "Dialer", **fields},
                             status=201)
    return StandardSender(admin.client, created)


async def drain(rt) -> None:
    """Run the worker's inbox job until nothing is pending (what `reprally worker` does every 0.1 s)."""
    while await inbox.drain(rt):
        pass


async def events_of(rt, integration_id: int) -> list:
    async with rt.engine.connect() as conn:
        return (await conn.execute(select(E).where(E.c.integration_id == integration_id).order_by(E.c.id))).all()


async def activities_of(rt, org_id: int, prefix: str) -> list:
    """(external id, user id, quantity, value, reversed) of the org's activities whose external id starts so."""
    async with rt.engine.connect() as conn:
        rows = (await conn.execute(select(A.c.id, A.c.external_id, A.c.user_id, A.c.quantity, A.c.value, A.c.source)
                                   .where(A.c.org_id == org_id, A.c.external_id.like(prefix + "%"))
                                   .order_by(A.c.id))).all()
        reversed_ = {r.activity_id for r in (await conn.execute(
            select(L.c.activity_id).where(L.c.org_id == org_id, L.c.kind == "reversal"))).all()}
    return [(r.external_id, r.user_id, r.quantity, r.value, r.id in reversed_) for r in rows]


async def live_points(rt, org_id: int, user_id: int) -> int:
    async with rt.engine.connect() as conn:
        rows = (await conn.execute(select(L.c.points).where(L.c.org_id == org_id, L.c.user_id == user_id))).all()
    return sum(r.points for r in rows)


async def changes_of(rt, integration_id: int) -> list:
    async with rt.engine.connect() as conn:
        return (await conn.execute(select(C).where(C.c.integration_id == integration_id).order_by(C.c.id))).all()
