"""Reconciliation: deliveries can be lost (HubSpot gives up after 10 tries, Salesforce after 24
hours), so the worker also asks each CRM what changed since its cursor (HubSpot's search on
`hs_lastmodifieddate`, SOQL on `SystemModstamp`) and puts what it finds in the inbox as events
of their own. Their key names the object and its version (`poll:<type>:<id>:<modified ms>`), so
a version polled twice, or delivered and polled, is applied once (and a no-op the second time).

An integration is polled every `poll_every_s` (a lease on its row, so one worker polls it at a
time). The cursor moves only once what was found is in the inbox, in the same transaction, and
it lives in the database: a restart resumes where the last run stopped. A 429 waits its
Retry-After; a 5xx or a network failure backs off exponentially (up to an hour).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.integrations import intake, service, store
from server.integrations.connectors.base import IntegrationView, Parsed
from server.integrations.connectors.http import Busy
from server.integrations.connectors.hubspot import API_PATHS, poll_key, poll_payload, properties
from server.integrations.connectors.hubspot_api import HubSpotApi
from server.integrations.connectors.salesforce import FIELDS, object_type
from server.integrations.connectors.salesforce_api import POLL_LIMIT, SalesforceApi

log = logging.getLogger("reprally.integrations")

#: Integrations one run polls.
PER_RUN = 10
LEASE_S = 300.0
#: Search pages of one object type per run (HubSpot's search stops at 10,000 results anyway).
MAX_PAGES = 20
#: The cursor stays this far behind the poll's start: a change the CRM stamps a little late
#: (clock skew, replication) is still found; what is found twice is a duplicate.
OVERLAP = timedelta(minutes=2)
MAX_BACKOFF_S = 3600.0
#: Salesforce's sObjects for our objects.
SOBJECTS = {"deal": "Opportunity", "meeting": "Event", "call": "Task", "email": "Task"}


@dataclass(slots=True)
class Found:
    events: list[Parsed] = field(default_factory=list)
    #: the newest modification seen where a type was not read to its end (the next run starts there)
    unfinished: list[datetime] = field(default_factory=list)


async def run(rt: Runtime) -> int:
    """Poll the integrations that are due; returns how many were polled."""
    now = rt.now()
    async with rt.engine.begin() as conn:
        rows = await store.claim_polls(conn, now, now + timedelta(seconds=LEASE_S), PER_RUN)
    for row in rows:
        view = service.view_of(rt, row)
        try:
            await poll(rt, view, row.poll_cursor, row.poll_failures)
        except Exception:  # noqa: BLE001 - one integration's trouble must not stop the others
            log.exception("integration %d: reconciliation failed", view.id)
            await _finish(rt, view.id, {"poll_due_at": rt.now() + timedelta(seconds=60), "poll_lease_until": None,
                                        "poll_last_error": "internal_error"})
    return len(rows)


async def poll(rt: Runtime, view: IntegrationView, cursor: datetime | None, failures: int) -> None:
    started = rt.now()
    since = cursor or started - timedelta(days=rt.settings.backdate_days)
    try:
        found = await (_hubspot(rt, view, since) if view.kind == "hubspot" else _salesforce(rt, view, since))
    except Busy as exc:
        wait = exc.after_s if exc.reason == "rate_limited" else min(MAX_BACKOFF_S, exc.after_s * 2 ** failures)
        await _finish(rt, view.id, {"poll_due_at": started + timedelta(seconds=wait), "poll_lease_until": None,
                                    "poll_failures": failures + 1, "poll_last_error": exc.reason})
        return
    except DomainError as exc:  # the token was refused: an admin must act; try again later
        await _finish(rt, view.id, {"poll_due_at": started + timedelta(seconds=MAX_BACKOFF_S),
                                    "poll_lease_until": None, "poll_failures": failures + 1,
                                    "poll_last_error": exc.code})
        return
    next_cursor = min(found.unfinished) if found.unfinished else max(since, started - OVERLAP)
    every = int(view.config.get("poll_every_s") or 0)
    await intake.persist(rt, view.org_id, view.id, found.events, also={"poll_cursor": next_cursor,
                         "poll_due_at": started + timedelta(seconds=every) if every else None,
                         "poll_lease_until": None, "poll_failures": 0, "poll_last_at": started,
                         "poll_last_error": None})


async def _finish(rt: Runtime, integration_id: int, values: dict[str, Any]) -> None:
    async with rt.engine.begin() as conn:
        await store.set_poll(conn, integration_id, values)


def _object_types(view: IntegrationView) -> list[str]:
    return sorted({r.object for r in view.rules.map})


async def _hubspot(rt: Runtime, view: IntegrationView, since: datetime) -> Found:
    api = HubSpotApi(rt, str(view.config["api_base"]), view.secrets["access_token"])
    found = Found()
    for object_type_ in _object_types(view):
        after: str | None = None
        for _ in range(MAX_PAGES):
            page, after = await api.modified_since(API_PATHS[object_type_], round(since.timestamp() * 1000),
                                                   properties(view, object_type_), after)
            newest: datetime | None = None
            for obj in page:
                key, modified = poll_key(object_type_, obj)
                found.events.append(Parsed(key, "reconcile", object_type_, str(obj["id"]), modified, poll_payload(obj)))
                newest = modified if newest is None or (modified and modified > newest) else newest
            if after is None:
                break
        else:
            if newest is not None:
                found.unfinished.append(newest)
    return found


async def _salesforce(rt: Runtime, view: IntegrationView, since: datetime) -> Found:
    found = Found()
    if not (view.config.get("instance_url") and view.secrets.get("access_token")):
        return found  # no REST access: deliveries only
    api = SalesforceApi(rt, str(view.config["instance_url"]), view.secrets["access_token"])
    extra = {f for r in view.rules.map for f in (r.value_field, r.quantity_field) if f}
    for sobject in sorted({SOBJECTS[t] for t in _object_types(view)}):
        records = await api.modified_since(sobject, sorted(set(FIELDS[sobject]) | extra), since)
        newest: datetime | None = None
        for rec in records:
            fields = {k: v for k, v in rec.items() if k != "attributes"}
            modified = datetime.fromisoformat(str(rec["SystemModstamp"]).replace("Z", "+00:00"))
            found.events.append(Parsed(f"poll:{sobject}:{rec['Id']}:{rec['SystemModstamp']}", "reconcile",
                                       object_type(sobject, fields), str(rec["Id"]), modified,
                                       {"sobject": sobject, "fields": fields}))
            newest = modified if newest is None or modified > newest else newest
        if len(records) >= POLL_LIMIT and newest is not None:
            found.unfinished.append(newest)
    return found
