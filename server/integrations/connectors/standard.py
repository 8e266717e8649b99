"""Standard Webhooks (https://www.standardwebhooks.com), for any source that can sign.

Headers `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature` (`v1,<base64>`,
several space-separated while the sender rotates keys) over `{id}.{timestamp}.{body}`, ±5
minutes; verified by the spec's own `standardwebhooks` package on the raw bytes. `webhook-id`
is the idempotency key. One delivery is one event:

    {"type": "activity.upsert" | "activity.delete",
     "data": {"external_id", "activity_type", "owner": {"email" | "user_id" | "crm_owner_id"},
              "quantity"?, "value"?, "occurred_at"?, "modified_at"?}}

`modified_at` (else `occurred_at`, else the signing time) orders the versions of one activity.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.integrations.connectors.base import (
    Answer,
    Delivery,
    EventRow,
    IntegrationView,
    Parsed,
    Read,
    Received,
    Rejected,
    bad_event,
    json_answer,
)
from server.integrations.rules import ACTIVITY, MAX_SOURCE_ID, OwnerRef, Snapshot

Aware = Annotated[datetime, Meta(tz=True)]
SourceId = Annotated[str, Meta(min_length=1, max_length=MAX_SOURCE_ID, pattern=r"^[^\x00]+$")]


class Owner(Struct, forbid_unknown_fields=True):
    email: Annotated[str, Meta(min_length=3, max_length=320)] | None = None
    user_id: Annotated[int, Meta(ge=1, le=2**63 - 1)] | None = None
    crm_owner_id: Annotated[str, Meta(min_length=1, max_length=64)] | None = None


class Data(Struct, forbid_unknown_fields=True):
    external_id: SourceId
    activity_type: Annotated[str, Meta(min_length=1, max_length=64)] | None = None
    owner: Owner | None = None
    quantity: Annotated[int, Meta(ge=1, le=10_000)] = 1
    value: Annotated[float, Meta(ge=0, le=1_000_000_000)] | None = None
    occurred_at: Aware | None = None
    modified_at: Aware | None = None


class Event(Struct):
    type: Literal["activity.upsert", "activity.delete"]
    data: Data
    #: the spec's optional send time; not used (the signed header is)
    timestamp: str | None = None


def _reason(exc: WebhookVerificationError) -> str:
    text = str(exc)
    if "too old" in text or "too new" in text:
        return "stale_timestamp"
    if "Missing" in text or "Invalid Signature Headers" in text:
        return "missing_headers"
    return "bad_signature"


def _dedupe_key(webhook_id: str) -> str:
    return webhook_id if len(webhook_id) <= 200 else "sha256:" + hashlib.sha256(webhook_id.encode()).hexdigest()


class StandardWebhooks:
    kind = "standard_webhooks"
    max_events = 1

    def verify(self, view: IntegrationView, delivery: Delivery, now_s: float) -> None:
        try:
            Webhook(view.secrets["signing_secret"]).verify(delivery.body, dict(delivery.headers), json_parse=False)
        except WebhookVerificationError as exc:
            raise Rejected(_reason(exc), "the webhook signature does not verify") from None

    def parse(self, view: IntegrationView, delivery: Delivery) -> list[Parsed]:
        key = _dedupe_key(delivery.headers["webhook-id"])
        signed_at = datetime.fromtimestamp(float(delivery.headers["webhook-timestamp"]), UTC)
        try:
            event = msgspec.json.decode(delivery.body, type=Event)
        except msgspec.DecodeError as exc:
            return [bad_event(key, delivery.body.decode(errors="replace"),
                              DomainError("invalid_event", f"the event does not match the schema: {exc}"))]
        data = event.data
        if event.type == "activity.upsert" and (data.activity_type is None or data.owner is None):
            return [bad_event(key, msgspec.to_builtins(event), DomainError(
                "invalid_event", "an activity.upsert names its activity_type and owner"))]
        if data.owner is not None and sum(v is not None for v in (data.owner.email, data.owner.user_id,
                                                                    data.owner.crm_owner_id)) != 1:
            return [bad_event(key, msgspec.to_builtins(event), DomainError(
                "invalid_event", "owner names exactly one of email, user_id, crm_owner_id"))]
        payload = msgspec.to_builtins(event)
        payload["signed_at"] = signed_at.isoformat()
        return [Parsed(key, event.type, ACTIVITY, data.external_id, data.modified_at or data.occurred_at or signed_at,
                       payload)]

    def answer(self, received: Received) -> Answer:
        return json_answer(received)

    async def read(self, rt: Runtime, view: IntegrationView, events: list[EventRow]) -> dict[int, Read]:
        return {e.id: snapshot(e) for e in events}


def snapshot(event: EventRow) -> Snapshot:
    """The event's activity as the rules see it (the payload was checked against `Event` when it
    was received: read back as plain data, ~4x faster than converting it again)."""
    payload = event.payload
    data = payload["data"]
    occurred = _time(data.get("occurred_at"))
    modified = _time(data.get("modified_at")) or occurred or datetime.fromisoformat(payload["signed_at"])
    owner = data.get("owner")
    ref = OwnerRef(owner.get("crm_owner_id"), owner.get("email"), owner.get("user_id")) if owner else None
    return Snapshot(ACTIVITY, data["external_id"], modified, deleted=payload["type"] == "activity.delete", owner=ref,
                    props={"activity_type": data.get("activity_type"), "quantity": data.get("quantity", 1),
                           "value": data.get("value"), "occurred_at": occurred})


def _time(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None
