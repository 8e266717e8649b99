"""Helpers for the connector tests: deliveries signed exactly as each vendor signs them (with the
vendors' own code where it exists), the worker run by hand, and reads of the inbox and ledger."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from hubspot.utils.signature import Signature
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from server.integrations import inbox
from server.integrations.models import CrmChange, InboxEvent
from server.ledger.models import Activity, LedgerEntry
from tests.conftest import Api
from tests.integrations.standins import outbound_message

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


class HubSpotSender:
    """HubSpot's webhook sender: events signed with HubSpot's own SDK (`Signature.get_signature`,
    v3: method + the full URI HubSpot called + body + timestamp in ms)."""

    def __init__(self, client: httpx.AsyncClient, created: dict, client_secret: str, portal_id: int) -> None:
        self.client = client
        self.integration_id: int = created["id"]
        self.url: str = created["webhook_url"]
        self.path = httpx.URL(self.url).path
        self.client_secret = client_secret
        self.portal_id = portal_id
        self._event_ids = iter(range(1, 10**9))

    def event(self, object_id: str | int, subscription_type: str = "deal.propertyChange", *,
              occurred: datetime | None = None, **extra: Any) -> dict:
        at = occurred or datetime.now(UTC)
        return {"eventId": next(self._event_ids), "subscriptionId": 4242, "portalId": self.portal_id, "appId": 77,
                "occurredAt": round(at.timestamp() * 1000), "subscriptionType": subscription_type,
                "attemptNumber": 0, "objectId": int(object_id), "changeSource": "CRM", **extra}

    def signed(self, body: bytes, *, uri: str | None = None, ts_ms: int | None = None,
               secret: str | None = None) -> dict[str, str]:
        ts = str(round(datetime.now(UTC).timestamp() * 1000) if ts_ms is None else ts_ms)
        signature = Signature.get_signature(secret or self.client_secret, body.decode(), "v3",
                                            http_uri=uri or self.url, http_method="POST", timestamp=ts)
        return {"x-hubspot-signature-v3": signature, "x-hubspot-request-timestamp": ts,
                "content-type": "application/json"}

    async def deliver(self, events: list[dict], *, headers: dict[str, str] | None = None, path: str | None = None,
                      **sign: Any) -> httpx.Response:
        body = json.dumps(events).encode()
        return await self.client.post(path or self.path, content=body, headers={**self.signed(body, **sign),
                                                                                 **(headers or {})})


async def hubspot_integration(admin: Api, api_base: str, token: str, portal_id: int,
                              **fields: Any) -> HubSpotSender:
    secret = f"client-secret-{uuid.uuid4()}"
    created = await admin.ok("post", "/integrations", {
        "kind": "hubspot", "name": "HubSpot", "client_secret": secret, "access_token": token,
        "portal_id": portal_id, "api_base": api_base, **fields}, status=201)
    return HubSpotSender(admin.client, created, secret, portal_id)


class SalesforceSender:
    """Salesforce's Outbound Message sender: SOAP to the secret URL; it counts a message as
    delivered only when the answer holds <Ack>true</Ack>."""

    def __init__(self, client: httpx.AsyncClient, created: dict, organization_id: str) -> None:
        self.client = client
        self.integration_id: int = created["id"]
        self.path = httpx.URL(created["webhook_url"]).path
        self.organization_id = organization_id
        self._ids = iter(range(1, 10**9))

    def notification_id(self) -> str:
        return f"04l{self.integration_id:07d}{next(self._ids):05d}AAA"[:18]

    async def send(self, notifications: list[tuple[str, str, dict]], *, organization_id: str | None = None,
                   path: str | None = None) -> httpx.Response:
        body = outbound_message(organization_id or self.organization_id, notifications)
        return await self.client.post(path or self.path, content=body,
                                      headers={"content-type": "text/xml; charset=utf-8", "soapaction": '""'})

    @staticmethod
    def acked(r: httpx.Response) -> bool:
        return r.status_code == 200 and "<Ack>true</Ack>" in r.text


async def salesforce_integration(admin: Api, organization_id: str, **fields: Any) -> SalesforceSender:
    created = await admin.ok("post", "/integrations", {
        "kind": "salesforce", "name": "Salesforce", "organization_id": organization_id, **fields}, status=201)
    return SalesforceSender(admin.client, created, organization_id)
