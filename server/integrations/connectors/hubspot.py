"""HubSpot webhooks (signature v3) and the objects behind them, read through the CRM v3 API.

A delivery is a JSON array of events (`eventId`, `subscriptionId`, `portalId`, `occurredAt` in
ms, `subscriptionType`, `objectId`, ...), at least once and in any order. It is signed with
`X-HubSpot-Signature-v3` = base64(HMAC-SHA256(client secret, method + URI + body +
`X-HubSpot-Request-Timestamp`)), where the URI is the full public one HubSpot called (rebuilt
behind a proxy) with a few percent-escapes decoded as HubSpot documents; the timestamp (ms) is
at most 5 minutes old. `eventId` alone is not unique: the de-duplication key is
portalId:subscriptionId:eventId:occurredAt.

An event names only the object and the property that changed, so the worker reads the object
(`POST /crm/v3/objects/<type>/batch/read`) and its owner's email (`GET /crm/v3/owners/<id>`)
before it scores; the object's `hs_lastmodifieddate` orders its versions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import msgspec

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
    Retry,
    bad_event,
    json_answer,
    keep_emails,
    kept_emails,
)
from server.integrations.connectors.http import Busy
from server.integrations.connectors.hubspot_api import HubSpotApi
from server.integrations.rules import OwnerRef, Snapshot

MAX_AGE_MS = 5 * 60 * 1000
#: HubSpot's object type ids (generic `object.*` subscriptions) -> our object names and its API paths
OBJECT_TYPE_IDS = {"0-3": "deal", "0-47": "meeting", "0-48": "call", "0-49": "email"}
API_PATHS = {"deal": "deals", "meeting": "meetings", "call": "calls", "email": "emails"}
DELETIONS = ("deletion", "privacyDeletion")
#: the properties read of each object (beside the rules' value and quantity fields)
PROPERTIES = {
    "deal": ("dealstage", "amount", "hubspot_owner_id", "closedate", "createdate", "hs_lastmodifieddate"),
    "meeting": ("hubspot_owner_id", "hs_createdate", "hs_timestamp", "hs_lastmodifieddate"),
    "call": ("hubspot_owner_id", "hs_createdate", "hs_timestamp", "hs_lastmodifieddate"),
    "email": ("hubspot_owner_id", "hs_createdate", "hs_timestamp", "hs_email_direction", "hs_lastmodifieddate"),
}
#: HubSpot's list of escapes to decode in the URI before signing
_ESCAPES = {"%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$", "%27": "'", "%28": "(",
            "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";"}
_ESCAPE = re.compile("|".join(_ESCAPES), re.IGNORECASE)


def signed_uri(uri: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(0).upper()], uri)


def signature_v3(client_secret: str, method: str, uri: str, body: bytes, timestamp: str) -> str:
    message = f"{method}{signed_uri(uri)}".encode() + body + timestamp.encode()
    return base64.b64encode(hmac.new(client_secret.encode(), message, hashlib.sha256).digest()).decode()


class Event(msgspec.Struct):
    eventId: int  # noqa: N815 - HubSpot's names
    subscriptionId: int  # noqa: N815
    portalId: int  # noqa: N815
    occurredAt: int  # noqa: N815
    subscriptionType: str  # noqa: N815
    objectId: int  # noqa: N815
    objectTypeId: str | None = None  # noqa: N815
    propertyName: str | None = None  # noqa: N815
    propertyValue: str | None = None  # noqa: N815
    attemptNumber: int = 0  # noqa: N815


def _items(raw: Any) -> list[Any]:
    return raw if isinstance(raw, list) else [raw]


def _object_type(event: Event) -> str | None:
    prefix = event.subscriptionType.split(".", 1)[0]
    if prefix == "object":
        return OBJECT_TYPE_IDS.get(event.objectTypeId or "")
    return prefix if prefix == "deal" else None


def _time(raw: Any) -> datetime | None:
    if raw in (None, ""):
        return None
    text = str(raw)
    if text.isdigit():
        return datetime.fromtimestamp(int(text) / 1000, UTC)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def _ms(at: datetime) -> int:
    return round(at.timestamp() * 1000)


class HubSpot:
    kind = "hubspot"
    max_events = 1000

    def verify(self, view: IntegrationView, delivery: Delivery, now_s: float) -> None:
        signature = delivery.headers.get("x-hubspot-signature-v3")
        timestamp = delivery.headers.get("x-hubspot-request-timestamp", "")
        if not signature or not timestamp.isdigit():
            raise Rejected("missing_headers", "X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp are required")
        if abs(now_s * 1000 - int(timestamp)) > MAX_AGE_MS:
            raise Rejected("stale_timestamp", "the request timestamp is more than 5 minutes away")
        expected = signature_v3(view.secrets["client_secret"], delivery.method, delivery.uri, delivery.body, timestamp)
        if not hmac.compare_digest(expected.encode(), signature.encode()):
            raise Rejected("bad_signature", "the HubSpot signature does not verify")

    def parse(self, view: IntegrationView, delivery: Delivery) -> list[Parsed]:
        try:  # every event well formed (the usual case): one typed decode
            items: list[Any] = msgspec.json.decode(delivery.body, type=list[Event])
        except msgspec.ValidationError:  # read each on its own: a bad one is kept with its error
            items = _items(msgspec.json.decode(delivery.body))
        except msgspec.DecodeError as exc:
            return [bad_event("body:" + hashlib.sha256(delivery.body).hexdigest(), delivery.body.decode(errors="replace"),
                              DomainError("invalid_event", f"the body is not JSON: {exc}"))]
        out = []
        for item in items:
            try:
                event = item if isinstance(item, Event) else msgspec.convert(item, Event)
            except msgspec.ValidationError as exc:
                key = "event:" + hashlib.sha256(msgspec.json.encode(item)).hexdigest()
                out.append(bad_event(key, item, DomainError("invalid_event", f"not a HubSpot event: {exc}")))
                continue
            key = f"{event.portalId}:{event.subscriptionId}:{event.eventId}:{event.occurredAt}"
            if event.portalId != view.config.get("portal_id"):
                out.append(Parsed(key, event.subscriptionType, error=DomainError(
                    "wrong_portal", "the event is of another HubSpot account"), keep=False))
                continue
            occurred = datetime.fromtimestamp(event.occurredAt / 1000, UTC)
            out.append(Parsed(key, event.subscriptionType, _object_type(event), str(event.objectId), occurred,
                              msgspec.to_builtins(event)))
        return out

    def answer(self, received: Received) -> Answer:
        return json_answer(received)

    async def read(self, rt: Runtime, view: IntegrationView, events: list[EventRow]) -> dict[int, Read]:
        api = HubSpotApi(rt, str(view.config["api_base"]), view.secrets["access_token"])
        out: dict[int, Read] = {}
        wanted: dict[str, set[str]] = defaultdict(set)
        for e in events:
            if e.object_type is None or e.object_id is None:
                out[e.id] = None
            elif e.event_type == "reconcile":
                continue
            elif e.event_type.rpartition(".")[2] in DELETIONS:
                out[e.id] = Snapshot(e.object_type, e.object_id, _event_time(e), deleted=True)
            else:
                wanted[e.object_type].add(e.object_id)
        try:
            objects = {t: await api.batch_read(API_PATHS[t], sorted(ids), properties(view, t))
                       for t, ids in wanted.items()}
            emails = await owner_emails(rt, view, api, [
                o.get("properties", {}).get("hubspot_owner_id") for by_id in objects.values() for o in by_id.values()]
                + [e.payload.get("properties", {}).get("hubspot_owner_id") for e in events
                   if e.event_type == "reconcile"])
        except Busy as exc:
            return {e.id: Retry(exc.reason, exc.after_s * (1 if exc.reason == "rate_limited" else 2 ** min(e.attempts, 5)))
                    for e in events}
        for e in events:
            if e.id in out or e.object_type is None or e.object_id is None:
                continue
            # a reconciliation found the object itself; a delivery only named it
            obj = e.payload if e.event_type == "reconcile" else objects[e.object_type].get(e.object_id)
            try:
                out[e.id] = (snapshot(e.object_type, obj, emails) if obj is not None
                             else Snapshot(e.object_type, e.object_id, _event_time(e), deleted=True))
            except DomainError as exc:
                out[e.id] = exc
        return out



def properties(view: IntegrationView, object_type: str) -> list[str]:
    """The properties read of an object: ours and the rules' value and quantity fields."""
    extra = {f for r in view.rules.map if r.object == object_type for f in (r.value_field, r.quantity_field) if f}
    return sorted(set(PROPERTIES[object_type]) | extra)


def _event_time(e: EventRow) -> datetime:
    return e.source_at or datetime.fromtimestamp(int(e.payload.get("occurredAt", 0)) / 1000, UTC)


async def owner_emails(rt: Runtime, view: IntegrationView, api: HubSpotApi, owner_ids: list[Any]) -> dict[str, str]:
    """The email of each owner: as kept, else from HubSpot's owners API: the whole list at once
    (all of it is kept), then one by one for an owner it lacks (an archived one)."""
    known, missing = await kept_emails(rt, view, owner_ids)
    if missing:
        listed = await api.owners()
        await keep_emails(rt, view, listed)
        known.update({k: listed[k] for k in missing if k in listed})
        for owner_id in [k for k in missing if k not in listed]:
            email = await api.owner_email(owner_id)
            if email:
                known[owner_id] = email
    return known


def snapshot(object_type: str, obj: dict[str, Any], emails: dict[str, str]) -> Snapshot | None:
    """A HubSpot object as the rules see it (None: an incoming email, which no rule counts)."""
    props: dict[str, Any] = obj.get("properties") or {}
    if object_type == "email" and props.get("hs_email_direction") == "INCOMING_EMAIL":
        return None
    owner_id = props.get("hubspot_owner_id")
    owner = OwnerRef(crm_owner_id=str(owner_id), email=emails.get(str(owner_id))) if owner_id else None
    modified = _time(props.get("hs_lastmodifieddate")) or _time(obj.get("updatedAt"))
    created = _time(props.get("createdate") or props.get("hs_createdate")) or _time(obj.get("createdAt"))
    if modified is None:
        raise DomainError("invalid_field", "the HubSpot object has no modification time")
    return Snapshot(object_type, str(obj["id"]), modified, deleted=bool(obj.get("archived")), owner=owner,
                    stage=props.get("dealstage"), created_at=created, closed_at=_time(props.get("closedate")),
                    props=props)


def poll_payload(obj: dict[str, Any]) -> dict[str, Any]:
    """What a reconciliation keeps of an object it found (read again as the event's state)."""
    return {"id": str(obj["id"]), "properties": obj.get("properties") or {}, "archived": bool(obj.get("archived")),
            "createdAt": obj.get("createdAt"), "updatedAt": obj.get("updatedAt")}


def poll_key(object_type: str, obj: dict[str, Any]) -> tuple[str, datetime | None]:
    modified = _time((obj.get("properties") or {}).get("hs_lastmodifieddate")) or _time(obj.get("updatedAt"))
    return f"poll:{object_type}:{obj['id']}:{_ms(modified) if modified else 0}", modified
