"""Salesforce Outbound Messages: SOAP, up to 100 notifications a message, retried with back-off
for 24 hours, out of order and possibly more than once.

There is no signature: the endpoint's secret path (checked before anything is read, in constant
time) and the message's `OrganizationId` (the integration's) are the credentials. The XML is
parsed with `defusedxml` (no DTDs, no entities, no external references). The notification `Id`
is the de-duplication key. Salesforce wants `<Ack>true</Ack>` in a `notificationsResponse`, and
it gets it only once every notification is persisted (an HTTP 200 alone is not an ack).

A notification carries the fields chosen in the Outbound Message (the latest values when it is
sent): an Opportunity is a deal (StageName, Amount, OwnerId, CloseDate, CreatedDate,
SystemModstamp), an Event a meeting, a Task a call or an email (TaskSubtype). `SystemModstamp`
(else LastModifiedDate) orders the versions. With `instance_url` and `access_token` the owners'
emails come from the REST API; without them, owners are mapped by hand.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

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
    kept_emails,
)
from server.integrations.connectors.http import Busy
from server.integrations.connectors.salesforce_api import SalesforceApi
from server.integrations.rules import OwnerRef, Snapshot

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
OUTBOUND = "http://soap.sforce.com/2005/09/outbound"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ACK = ('<?xml version="1.0" encoding="UTF-8"?>'
       f'<soapenv:Envelope xmlns:soapenv="{SOAP}"><soapenv:Body>'
       f'<notificationsResponse xmlns="{OUTBOUND}"><Ack>true</Ack></notificationsResponse>'
       '</soapenv:Body></soapenv:Envelope>').encode()
#: the sObjects that become our objects (a Task by its subtype)
SOBJECTS = {"Opportunity": "deal", "Event": "meeting"}
TASK_SUBTYPES = {"Call": "call", "Email": "email"}
#: the fields a reconciliation reads of each sObject (beside the rules' value and quantity fields)
FIELDS = {"Opportunity": ("StageName", "Amount", "OwnerId", "CloseDate", "CreatedDate"),
          "Event": ("OwnerId", "CreatedDate"), "Task": ("OwnerId", "CreatedDate", "TaskSubtype")}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _notifications(body: bytes) -> Element:
    try:
        root = fromstring(body)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise Rejected("invalid_message", f"the body is not a SOAP message we read: {type(exc).__name__}") from None
    found = root.find(f"./{{{SOAP}}}Body/{{{OUTBOUND}}}notifications")
    if found is None:
        raise Rejected("invalid_message", "the body holds no Outbound Message notifications")
    return found


def same_org(given: str, ours: str) -> bool:
    """15- and 18-character ids of one org share their first 15 characters (case-sensitive)."""
    return len(given) in (15, 18) and given[:15] == ours[:15]


def object_type(sobject: str, fields: dict[str, Any]) -> str | None:
    if sobject == "Task":
        return TASK_SUBTYPES.get(str(fields.get("TaskSubtype")))
    return SOBJECTS.get(sobject)


def _fields(so: Element) -> dict[str, str | None]:
    return {_local(child.tag): (None if child.get(f"{{{XSI}}}nil") == "true" else (child.text or ""))
            for child in so if len(child) == 0}


def _time(raw: Any) -> datetime | None:
    if raw in (None, ""):
        return None
    return datetime.fromisoformat(str(raw).replace("Z", "+00:00")).astimezone(UTC)


class Salesforce:
    kind = "salesforce"
    max_events = 100

    def verify(self, view: IntegrationView, delivery: Delivery, now_s: float) -> None:
        org = _notifications(delivery.body).findtext(f"{{{OUTBOUND}}}OrganizationId") or ""
        if not same_org(org, str(view.config["organization_id"])):
            raise Rejected("wrong_organization", "the message is of another Salesforce organization")

    def parse(self, view: IntegrationView, delivery: Delivery) -> list[Parsed]:
        out = []
        for n in _notifications(delivery.body).findall(f"{{{OUTBOUND}}}Notification"):
            nid = (n.findtext(f"{{{OUTBOUND}}}Id") or "").strip()
            so = n.find(f"{{{OUTBOUND}}}sObject")
            if not nid or so is None or len(nid) > 200:
                key = "notification:" + hashlib.sha256(nid.encode() + (b"" if so is None else b"so")).hexdigest()
                out.append(bad_event(key, {"id": nid[:200]}, DomainError(
                    "invalid_event", "a notification without an Id or an sObject")))
                continue
            sobject = (so.get(f"{{{XSI}}}type") or "").rsplit(":", 1)[-1]
            fields = _fields(so)
            source_id = fields.get("Id")
            try:
                at = _time(fields.get("SystemModstamp") or fields.get("LastModifiedDate"))
            except ValueError:
                at = None
            if not source_id or at is None:
                out.append(bad_event(nid, {"sobject": sobject, "fields": fields}, DomainError(
                    "invalid_event", "the notification needs the object's Id and SystemModstamp (or LastModifiedDate)")))
                continue
            out.append(Parsed(nid, f"outbound.{sobject}"[:64], object_type(sobject, fields), source_id, at,
                              {"sobject": sobject, "fields": fields}))
        return out

    def answer(self, received: Received) -> Answer:
        return Answer(200, "text/xml; charset=utf-8", ACK)

    async def read(self, rt: Runtime, view: IntegrationView, events: list[EventRow]) -> dict[int, Read]:
        owner_ids = [e.payload["fields"].get("OwnerId") for e in events if e.object_type is not None]
        try:
            emails = await owner_emails(rt, view, owner_ids)
        except Busy as exc:
            return {e.id: Retry(exc.reason, exc.after_s) for e in events}
        out: dict[int, Read] = {}
        for e in events:
            if e.object_type is None or e.object_id is None:
                out[e.id] = None
                continue
            try:
                out[e.id] = snapshot(e.object_type, e.payload["fields"], emails)
            except ValueError as exc:
                out[e.id] = DomainError("invalid_field", f"a field of the notification cannot be read: {exc}")
        return out


async def owner_emails(rt: Runtime, view: IntegrationView, owner_ids: list[Any]) -> dict[str, str]:
    """Kept emails, and the missing ones from the REST API when it is configured."""
    known, missing = await kept_emails(rt, view, owner_ids)
    if missing and view.config.get("instance_url") and view.secrets.get("access_token"):
        api = SalesforceApi(rt, str(view.config["instance_url"]), view.secrets["access_token"])
        known.update(await api.user_emails(missing))
    return known


def snapshot(object_type: str, fields: dict[str, Any], emails: dict[str, str]) -> Snapshot:
    modified = _time(fields.get("SystemModstamp") or fields.get("LastModifiedDate"))
    if modified is None:
        raise ValueError("no SystemModstamp")
    owner_id = fields.get("OwnerId")
    owner = OwnerRef(crm_owner_id=str(owner_id), email=emails.get(str(owner_id))) if owner_id else None
    closed: datetime | None = None
    if fields.get("CloseDate"):
        # A date: noon UTC of it (its day in most zones), never after the change that won it.
        closed = min(datetime.combine(date.fromisoformat(str(fields["CloseDate"])), time(12), UTC), modified)
    deleted = str(fields.get("IsDeleted", "false")).lower() == "true"
    return Snapshot(object_type, str(fields["Id"]), modified, deleted=deleted, owner=owner,
                    stage=fields.get("StageName"), created_at=_time(fields.get("CreatedDate")), closed_at=closed,
                    props=fields)
