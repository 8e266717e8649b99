"""The worker's side of the inbox: events become activities, exactly once, in any order.

`drain` claims pending events (a lease, so a worker that dies leaves them to the next one), and
per integration: reads each event's object (`Connector.read`: from the event, or from the
CRM's API), groups the events by object, finds the rep who owns it (an admin's mapping, else
the owner's email), plans each object against what it scored so far (`rules.plan`), and applies
every plan of the chunk through the activity path in ONE transaction (`ledger.ingest.record`
with the reversals and a `within` step). That step, in the same transaction, checks that no
other worker applied one of these objects meanwhile (the object's `version`), writes each
object's new state and the cause of each change, and settles the events. So a crash at any
point leaves either everything of a chunk or nothing of it, and an event is applied once.

Should another worker have applied an object in between (`_Stale`), or the chunk fail as a
whole, each object is applied again on its own, so one bad object cannot hold up the others.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from server.core.auth import Principal
from server.core.errors import DomainError
from server.core.observability import metrics
from server.core.runtime import Runtime
from server.integrations import rules, store
from server.integrations.connectors.base import EventRow, IntegrationView, Read, Retry
from server.integrations.connectors.registry import connector_for
from server.integrations.rules import OwnerRef, Plan, Snapshot, State
from server.integrations.service import views_by_id
from server.ledger.ingest import ActivityInput, Committing, record

log = logging.getLogger("reprally.integrations")

#: Events one run claims (larger chunks spread the per-chunk statements over more events).
BATCH = 1000
#: Claims of one event before it is kept as an error.
MAX_ATTEMPTS = 8
SOURCE = {"standard_webhooks": "webhook", "hubspot": "hubspot", "salesforce": "salesforce"}


class _Stale(Exception):
    """Another worker applied one of these objects, or settled one of these events, meanwhile."""


@dataclass(slots=True)
class _Object:
    """One source object of a chunk: its events, its newest snapshot and what to do about it."""

    key: store.ObjectKey
    events: list[tuple[EventRow, Snapshot]]
    #: the event with the newest snapshot (the latest of them on a tie), and that snapshot
    winner: EventRow = field(init=False)
    snap: Snapshot = field(init=False)
    state: State | None = None
    plan: Plan = field(default_factory=lambda: Plan("stale"))
    user_id: int | None = None
    error: DomainError | None = None

    def __post_init__(self) -> None:
        self.winner, self.snap = max(self.events, key=lambda es: (es[1].modified_at, es[0].id))


async def drain(rt: Runtime, limit: int = BATCH) -> int:
    """Apply up to `limit` pending events; returns how many were claimed."""
    now = rt.now()
    async with rt.engine.connect() as conn:
        if not await store.any_due(conn, now):
            return 0
    async with rt.engine.begin() as conn:
        claimed = await store.claim(conn, now, now + timedelta(seconds=rt.settings.integrations_lease_s), limit)
    if not claimed:
        return 0
    by_integration: dict[int, list[EventRow]] = defaultdict(list)
    tired: list[int] = []
    for r in claimed:
        if r.attempts > MAX_ATTEMPTS:
            tired.append(r.id)
        else:
            by_integration[r.integration_id].append(r)
    if tired:
        async with rt.engine.begin() as conn:
            await store.finish(conn, tired, {"status": "error", "error_code": "processing_failed",
                                             "error_message": f"could not be applied in {MAX_ATTEMPTS} attempts",
                                             "processed_at": now})
    views = await views_by_id(rt, list(by_integration))
    for integration_id, evs in by_integration.items():
        view = views.get(integration_id)
        if view is None:  # deleted meanwhile (its events went with it), or its secrets unreadable: wait
            async with rt.engine.begin() as conn:
                await store.release(conn, [e.id for e in evs], now + timedelta(seconds=60))
            continue
        try:
            await apply_events(rt, view, evs)
        except Exception:  # noqa: BLE001 - the events stay pending; the lease hands them on
            log.exception("integration %d: %d events could not be applied; they will be retried", view.id, len(evs))
    return len(claimed)


async def apply_events(rt: Runtime, view: IntegrationView, events: list[EventRow]) -> None:
    """Read, plan and apply claimed events of one integration."""
    now = rt.now()
    reads = await _read(rt, view, events)
    settle: dict[int, dict[str, Any]] = {}
    retry: dict[float, list[int]] = defaultdict(list)
    grouped: dict[store.ObjectKey, list[tuple[EventRow, Snapshot]]] = defaultdict(list)
    for e in events:
        got = reads.get(e.id)
        if isinstance(got, Retry):
            retry[got.after_s].append(e.id)
        elif isinstance(got, DomainError):
            settle[e.id] = _error(got)
        elif got is None:
            settle[e.id] = {"status": "ignored"}
        else:
            grouped[(got.object_type, got.object_id)].append((e, got))
    if retry:
        async with rt.engine.begin() as conn:
            for after_s, ids in retry.items():
                await store.release(conn, ids, now + timedelta(seconds=after_s))
    objects = [_Object(key, evs) for key, evs in sorted(grouped.items())]
    await _learn_owner_emails(rt, view, objects)
    try:
        await _apply(rt, view, objects, settle)
    except Exception as exc:  # noqa: BLE001 - each object again on its own, below
        if not isinstance(exc, _Stale):
            log.warning("integration %d: a chunk of %d objects failed together (%s); applying each on its own",
                        view.id, len(objects), type(exc).__name__)
        if settle:
            await _apply(rt, view, [], settle)
        for obj in objects:
            await _apply_alone(rt, view, obj)


async def _read(rt: Runtime, view: IntegrationView, events: list[EventRow]) -> dict[int, Read]:
    try:
        return await connector_for(view.kind).read(rt, view, events)
    except DomainError as exc:  # about the integration (e.g. its token was refused): every event waits
        log.warning("integration %d: the source cannot be read (%s)", view.id, exc.code)
        return {e.id: Retry(exc.code, 60.0) for e in events}


async def _apply_alone(rt: Runtime, view: IntegrationView, obj: _Object) -> None:
    try:
        await _apply(rt, view, [_Object(obj.key, obj.events)], {})
    except _Stale:  # applied meanwhile by another worker: planned again on the next drain, not after the lease
        log.info("integration %d: %s %s changed meanwhile; its events are retried", view.id, *obj.key)
        async with rt.engine.begin() as conn:
            await store.release(conn, [e.id for e, _ in obj.events], None)
    except Exception:  # noqa: BLE001 - this object's events stay pending; the others went on
        log.exception("integration %d: %s %s could not be applied", view.id, *obj.key)


def _error(exc: DomainError) -> dict[str, Any]:
    return {"status": "error", "error_code": exc.code, "error_message": exc.message[:300]}


async def _learn_owner_emails(rt: Runtime, view: IntegrationView, objects: list[_Object]) -> None:
    """Keep the email the CRM gave for each owner, so an admin sees whom to map."""
    learned = {o.snap.owner.crm_owner_id: o.snap.owner.email.lower() for o in objects
               if o.snap.owner is not None and o.snap.owner.crm_owner_id is not None and o.snap.owner.email}
    if not learned:
        return
    async with rt.engine.begin() as conn:
        known = await store.owner_links(conn, view.id, list(learned))
        for owner_id, email in sorted(learned.items()):
            if owner_id not in known or known[owner_id].email != email:
                await store.put_owner(conn, view.org_id, view.id, owner_id, {"email": email}, rt.now())


async def resolve_owners(conn: Any, view: IntegrationView, refs: Iterable[OwnerRef]) -> dict[OwnerRef, int | None]:
    """The rep of each owner: an admin's mapping of the CRM owner, else the active rep with the
    owner's email (the CRM's, or the one the event named), else None."""
    refs = set(refs)
    links = await store.owner_links(conn, view.id, [r.crm_owner_id for r in refs if r.crm_owner_id is not None])
    def email_of(r: OwnerRef) -> str | None:
        link = links.get(r.crm_owner_id) if r.crm_owner_id is not None else None
        found = r.email or (link.email if link is not None else None)
        return found.lower() if found else None
    by_email = await store.users_by_email(conn, view.org_id, [e for r in refs if (e := email_of(r))])
    out: dict[OwnerRef, int | None] = {}
    for r in refs:
        link = links.get(r.crm_owner_id) if r.crm_owner_id is not None else None
        if r.user_id is not None:
            out[r] = r.user_id
        elif link is not None and link.user_id is not None:
            out[r] = link.user_id
        else:
            email = email_of(r)
            out[r] = by_email.get(email) if email else None
    return out


def _state(row: Any) -> State:
    return State(row.modified_at, row.deleted, rules.roles_from_json(row.roles), row.version)


async def _plan(rt: Runtime, view: IntegrationView, objects: list[_Object]) -> None:
    async with rt.engine.connect() as conn:
        rows = await store.states(conn, view.org_id, view.namespace, [o.key for o in objects])
        owners = await resolve_owners(conn, view, [o.snap.owner for o in objects if o.snap.owner is not None])
    for obj in objects:
        row = rows.get(obj.key)
        obj.state = _state(row) if row is not None else None
        obj.user_id = owners.get(obj.snap.owner) if obj.snap.owner is not None else None
        try:
            wanted = rules.wants(view.rules, obj.snap)
        except DomainError as exc:
            obj.error, obj.plan = exc, Plan("stale")
            continue
        if wanted and obj.snap.owner is None:
            obj.error = DomainError("owner_missing", "the source names no owner for this object")
            obj.plan = Plan("stale")
            continue
        obj.plan = rules.plan(obj.state, obj.snap, wanted, obj.user_id, view.namespace)


async def _apply(rt: Runtime, view: IntegrationView, objects: list[_Object], settle: dict[int, dict[str, Any]]) -> None:
    """Plan `objects` and apply the plans, with the settling of the events in `settle`, in one
    ledger transaction."""
    await _plan(rt, view, objects)
    items: list[ActivityInput] = []
    item_of: dict[tuple[int, str], int] = {}  # (object index, role) -> item index
    reverse: list[int] = []
    for oi, obj in enumerate(objects):
        for step in obj.plan.steps:
            if step.record is not None:
                r = step.record
                item_of[(oi, step.role)] = len(items)
                items.append(ActivityInput(r.activity_type, r.quantity, r.value, r.occurred_at, r.external_id,
                                           r.user_id, source=SOURCE[view.kind], replaces=r.replaces))
            elif step.reverse is not None and step.reverse.activity_id is not None:
                reverse.append(step.reverse.activity_id)

    settled: list[dict[int, dict[str, Any]]] = []

    async def within(conn: Any, done: Committing) -> None:
        now = rt.now()
        settled.clear()
        locked = await store.states(conn, view.org_id, view.namespace, [o.key for o in objects], lock=True)
        out = _Outcome(dict(settle))
        for oi, obj in enumerate(objects):
            row = locked.get(obj.key)
            if (row.version if row is not None else None) != (obj.state.version if obj.state is not None else None):
                raise _Stale()
            await _settle_object(conn, view, oi, obj, done, item_of, now, out)
        if await store.insert_states(conn, out.new_states) != len(out.new_states):
            raise _Stale()  # another worker made one of these objects meanwhile
        await store.add_changes(conn, out.changes)
        if await store.settle(conn, out.events, now) != len(out.events):
            raise _Stale()  # another worker settled one of these events meanwhile
        settled.append(out.events)

    await record(rt, Principal(org_id=view.org_id, role="integration"), items, batch=True, reverse=reverse,
                 within=within)
    if settled:
        _observe(rt, view, objects, settled[0])


def _observe(rt: Runtime, view: IntegrationView, objects: list[_Object], settled: dict[int, dict[str, Any]]) -> None:
    """Metrics of a committed chunk: its events' outcomes, and the lag from the CRM's event time."""
    counts: dict[str, int] = defaultdict(int)
    for outcome in settled.values():
        counts[str(outcome.get("status", "done"))] += 1
    for status, n in counts.items():
        metrics.CRM_EVENTS.labels(view.kind, status).inc(n)
    now = rt.now()
    for obj in objects:
        for e, _ in obj.events:
            if e.source_at is not None:
                metrics.CRM_LAG.labels(view.kind).observe(max(0.0, (now - e.source_at).total_seconds()))


@dataclass(slots=True)
class _Outcome:
    """What a chunk's transaction writes besides the ledger: events' outcomes, new object
    states (in one statement) and the causes of the changes."""

    events: dict[int, dict[str, Any]]
    new_states: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)


async def _settle_object(conn: Any, view: IntegrationView, oi: int, obj: _Object, done: Committing,
                         item_of: dict[tuple[int, str], int], now: datetime, out: _Outcome) -> None:
    """In the transaction: one object's new state, the causes of its changes and its events' outcomes."""
    newest, winner, outcomes = obj.snap, obj.winner, out.events
    if obj.error is not None or obj.plan.verdict == "stale":
        for e, _ in obj.events:
            outcomes[e.id] = _error(obj.error) if obj.error is not None and e is winner else {"status": "stale"}
        return
    roles = dict(obj.state.roles) if obj.state is not None else {}
    failed: DomainError | None = None
    for step in obj.plan.steps:
        idx = item_of.get((oi, step.role))
        activity_id = done.activity_ids[idx] if idx is not None else None
        reversed_id = step.reverse.activity_id if step.reverse is not None else None
        reversal_entry = done.reversal_entry_ids.get(reversed_id) if reversed_id is not None else None
        reversed_now = reversed_id is not None and reversed_id in done.reversal_entry_ids
        if idx is not None and activity_id is None:
            failed = failed or done.errors[idx]
        after = rules.after_step(roles.get(step.role), step, activity_id, reversed_now)
        if after is None:
            roles.pop(step.role, None)
        else:
            roles[step.role] = after
        if reversed_now or (activity_id is not None and step.cause != "created"):  # a first score is no change
            out.changes.append({
                "org_id": view.org_id, "integration_id": view.id, "event_id": winner.id,
                "namespace": view.namespace, "object_type": obj.key[0], "object_id": obj.key[1], "role": step.role,
                "cause": step.cause, "reversed_activity_id": reversed_id if reversed_now else None,
                "reversal_entry_id": reversal_entry, "activity_id": activity_id,
                "detail": _detail(step), "at": now})
    modified = newest.modified_at if failed is None else (obj.state.modified_at if obj.state else newest.modified_at)
    values = {"modified_at": modified, "deleted": newest.deleted, "roles": rules.roles_to_json(roles),
              "updated_at": now}
    key = {"org_id": view.org_id, "namespace": view.namespace, "object_type": obj.key[0], "object_id": obj.key[1]}
    if obj.state is None:
        out.new_states.append({**key, **values, "version": 1})
    elif obj.plan.steps or (modified, newest.deleted) != (obj.state.modified_at, obj.state.deleted):
        if not await store.update_state(conn, key, obj.state.version, values):
            raise _Stale()
    owner_ref = newest.owner.ref if newest.owner is not None else None
    for e, s in obj.events:
        if e is not winner:
            outcomes[e.id] = {"status": "stale" if s.modified_at < newest.modified_at else "done"}
        elif failed is not None:
            outcomes[e.id] = _error(failed)
        elif obj.plan.verdict == "unmatched":
            outcomes[e.id] = {"status": "unmatched", "owner_ref": owner_ref}
        else:
            outcomes[e.id] = {"status": "done", "owner_ref": owner_ref}


def _detail(step: rules.Step) -> dict[str, Any]:
    before, new = step.reverse, step.record
    out: dict[str, Any] = {}
    if before is not None:
        out["before"] = {"user_id": before.user_id, "activity_type": before.activity_type,
                         "quantity": before.quantity, "value": before.value}
    if new is not None:
        out["after"] = {"user_id": new.user_id, "activity_type": new.activity_type, "quantity": new.quantity,
                        "value": new.value, "external_id": new.external_id}
    return out
