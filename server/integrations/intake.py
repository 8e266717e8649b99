"""Webhook deliveries: rate-limited, size-capped, verified on their raw bytes before anything is
parsed (constant-time compares), then every event persisted with its de-duplication key in one
transaction and answered at once. The worker applies them (`inbox.py`).

A repeated delivery inserts nothing and is answered 200; an event that cannot be read is kept
with its error and answered 200 as well (with the error in the body): only a delivery we cannot
trust is refused (401/403/404), and only a database we cannot reach answers 5xx, so the sender
retries.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from typing import Any

from server.core.clock import wall_time
from server.core.errors import DomainError, Forbidden, NotFound, Unauthorized
from server.core.observability import metrics
from server.core.runtime import Runtime
from server.integrations import service, store, throttle, vault
from server.integrations.connectors.base import Answer, Delivery, Parsed, Received, Rejected
from server.integrations.connectors.registry import connector_for

log = logging.getLogger("reprally.integrations")


class TooLarge(DomainError):
    status_code = 413

    def __init__(self, cap: int) -> None:
        super().__init__("payload_too_large", f"a webhook body holds at most {cap} bytes", details={"limit": cap})


def public_uri(public_url: str, scheme: str, headers: Mapping[str, str], raw_path: str) -> str:
    """The URI the sender called: `PUBLIC_URL` when set, else the scheme and host a proxy says
    it received (`X-Forwarded-Proto`, `X-Forwarded-Host`), else this request's; then the path
    and query exactly as sent. HubSpot signs this full URI."""
    if public_url:
        base = public_url.rstrip("/")
    else:
        proto = headers.get("x-forwarded-proto", scheme).split(",")[0].strip()
        host = (headers.get("x-forwarded-host") or headers.get("host", "")).split(",")[0].strip()
        base = f"{proto}://{host}"
    return base + raw_path


async def receive(rt: Runtime, hook_id: str, path_secret: str | None, delivery: Delivery, client: str) -> Answer:
    await throttle.admit(rt, hook_id, client)
    view = await service.view_by_hook(rt, hook_id)
    if view is None or not view.active:
        raise NotFound("unknown_webhook", "no active integration has this webhook URL")
    if view.path_secret_hash is not None and not vault.path_secret_matches(path_secret or "", view.path_secret_hash):
        await service.count_refused(rt, view, "bad_path")
        metrics.CRM_SIGNATURE_FAILURES.labels(view.kind).inc()
        raise NotFound("unknown_webhook", "no active integration has this webhook URL")
    if view.path_secret_hash is None and path_secret is not None:
        raise NotFound("unknown_webhook", "no active integration has this webhook URL")
    connector = connector_for(view.kind)
    try:
        connector.verify(view, delivery, wall_time())
    except Rejected as exc:
        await service.count_refused(rt, view, exc.reason)
        log.info("integration %d refused a delivery: %s", view.id, exc.reason)
        if exc.reason in service.SIGNATURE_REASONS:
            metrics.CRM_SIGNATURE_FAILURES.labels(view.kind).inc()
            raise Unauthorized("invalid_signature", exc.message, details={"reason": exc.reason}) from None
        if exc.reason == "invalid_message":
            raise DomainError(exc.reason, exc.message) from None
        raise Forbidden(exc.reason, exc.message) from None
    parsed = connector.parse(view, delivery)
    if len(parsed) > connector.max_events:
        await service.count_refused(rt, view, "too_many_events")
        raise DomainError("too_many_events", f"a delivery holds at most {connector.max_events} events",
                          details={"limit": connector.max_events})
    received = await persist(rt, view.org_id, view.id, parsed)
    refused = Counter(p.error.code for p in parsed if not p.keep and p.error is not None)
    for reason, n in refused.items():
        await service.count_refused(rt, view, reason, n)
    if received.duplicates:
        await service.count_refused(rt, view, "duplicate", received.duplicates)
    return connector.answer(received)


async def persist(rt: Runtime, org_id: int, integration_id: int, parsed: list[Parsed], *,
                  also: dict[str, Any] | None = None) -> Received:
    """Every event of a delivery in one transaction; a key seen before inserts nothing. Events of
    another tenant's account are refused and not kept. `also`: the integration's columns to set
    in the same transaction (a reconciliation's cursor)."""
    now = rt.now()
    rows: dict[str, dict[str, Any]] = {}
    for p in parsed:
        if p.keep:
            rows.setdefault(p.dedupe_key, {  # a key twice in one delivery: once
                "org_id": org_id, "integration_id": integration_id, "dedupe_key": p.dedupe_key,
                "event_type": p.event_type[:64], "object_type": p.object_type, "object_id": p.object_id,
                "owner_ref": None, "payload": p.payload, "source_at": p.source_at, "received_at": now,
                "status": "pending" if p.error is None else "error",
                "error_code": p.error.code if p.error is not None else None,
                "error_message": p.error.message[:300] if p.error is not None else None,
                "attempts": 0, "claimed_until": None, "processed_at": now if p.error is not None else None})
    new: set[str] = set()
    if rows or also:
        async with rt.engine.begin() as conn:
            if rows:
                new = await store.add_events(conn, list(rows.values()))
            if also:
                await store.set_poll(conn, integration_id, also)
    errors = [(i, p.error) for i, p in enumerate(parsed) if p.error is not None and (not p.keep or p.dedupe_key in new)]
    accepted = sum(1 for key, r in rows.items() if key in new and r["status"] == "pending")
    duplicates = sum(1 for p in parsed if p.keep) - len(new)
    return Received(accepted, duplicates, errors)
