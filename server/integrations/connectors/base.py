"""What every connector does, and the values the intake, the worker and the connectors pass.

A connector knows one source: how it signs a delivery (`verify`, on the raw bytes, before
anything is parsed), how a delivery splits into events with their de-duplication keys
(`parse`), what the sender must be answered (`answer`), and how an event becomes the state of
its object (`read`: from the event itself, or from the source's API).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.integrations import store
from server.integrations.rules import Rules, Snapshot


@dataclass(frozen=True, slots=True)
class IntegrationView:
    """An integration as the intake and the worker use it, its secrets decrypted (never shown:
    they are left out of its repr, so a log line or a traceback cannot carry them)."""

    id: int
    org_id: int
    kind: str
    name: str
    active: bool
    hook_id: str
    path_secret_hash: str | None
    config: Mapping[str, Any]
    rules: Rules
    secrets: Mapping[str, str] = field(repr=False)

    @property
    def namespace(self) -> str:
        """The source the external ids and object states are keyed by: the CRM account, so an
        integration made again for the same account finds what its deals already scored."""
        if self.kind == "hubspot":
            return f"hubspot:{self.config['portal_id']}"
        if self.kind == "salesforce":
            return f"salesforce:{self.config['organization_id']}"
        return f"webhook:{self.id}"


@dataclass(frozen=True, slots=True)
class Delivery:
    """A webhook request as received: what a signature covers."""

    method: str
    #: the public URI the sender called (rebuilt behind a proxy; `intake.public_uri`)
    uri: str
    #: lower-case names
    headers: Mapping[str, str]
    body: bytes = field(repr=False)


class Rejected(Exception):
    """A delivery that cannot be trusted (no, a bad or a stale signature; another account):
    nothing of it is kept. `reason` is counted in the integration's status."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True, slots=True)
class Parsed:
    """One event of a delivery as the inbox keeps it, or its error (kept too, never a 5xx)."""

    dedupe_key: str
    event_type: str
    object_type: str | None = None
    object_id: str | None = None
    source_at: datetime | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    error: DomainError | None = None
    #: False for an event of another tenant's account (refused, and not kept in this org's inbox)
    keep: bool = True


def bad_event(dedupe_key: str, raw: object, error: DomainError) -> Parsed:
    """An event that cannot be read, kept with its error under a key of its own bytes."""
    payload = raw if isinstance(raw, dict) else {"raw": json.dumps(raw, default=str)[:2000]}
    return Parsed(dedupe_key, "invalid", payload=payload, error=error)


@dataclass(frozen=True, slots=True)
class Received:
    """What persisting a delivery did: events new to the inbox, repeats, and the refused ones
    (index in the delivery, error)."""

    accepted: int
    duplicates: int
    errors: list[tuple[int, DomainError]]


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    media_type: str
    body: bytes


#: An inbox event as the worker claimed it (its payload, object and source time) and hands it on.
EventRow = store.Claimed


@dataclass(frozen=True, slots=True)
class Retry:
    """The source could not be read now (rate-limited, down): the event stays pending."""

    reason: str
    after_s: float


#: What reading an event gave: its object's state, its error, a retry, or None when no rule
#: of the integration cares about it (kept as `ignored`).
Read = Snapshot | DomainError | Retry | None


class Connector(Protocol):
    kind: str
    #: events one delivery may carry
    max_events: int

    def verify(self, view: IntegrationView, delivery: Delivery, now_s: float) -> None:
        """Raise `Rejected` unless the delivery is signed by the integration's secret."""

    def parse(self, view: IntegrationView, delivery: Delivery) -> list[Parsed]: ...

    def answer(self, received: Received) -> Answer: ...

    async def read(self, rt: Runtime, view: IntegrationView, events: list[EventRow]) -> dict[int, Read]:
        """Per event id, the state of its object."""


def json_answer(received: Received) -> Answer:
    """200 with what happened to each event: a duplicate or a bad event is no reason to retry."""
    body = {"accepted": received.accepted, "duplicates": received.duplicates, "rejected": len(received.errors),
            "errors": [{"index": i, "code": e.code, "message": e.message} for i, e in received.errors]}
    return Answer(200, "application/json", json.dumps(body).encode())


async def keep_emails(rt: Runtime, view: IntegrationView, emails: dict[str, str]) -> None:
    """Keep what the CRM says its owners' emails are (owner id -> email)."""
    if emails:
        async with rt.engine.begin() as conn:
            await store.keep_owner_emails(conn, view.org_id, view.id, {k: v.lower() for k, v in emails.items()},
                                          rt.now())


async def kept_emails(rt: Runtime, view: IntegrationView, owner_ids: list[Any]) -> tuple[dict[str, str], list[str]]:
    """The emails kept for these CRM owners, and the owners whose email must be asked of the CRM
    (the worker keeps what it learns: `inbox._learn_owner_emails`)."""
    ids = sorted({str(o) for o in owner_ids if o})
    if not ids:
        return {}, []
    async with rt.engine.connect() as conn:
        known = {k: r.email for k, r in (await store.owner_links(conn, view.id, ids)).items() if r.email}
    return known, [i for i in ids if i not in known]
