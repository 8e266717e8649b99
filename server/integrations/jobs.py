"""The integrations' worker jobs: the inbox, the CRMs' reconciliation, and the sweep that scores
unmatched events once a rep with their owner's email exists."""

from __future__ import annotations

import asyncio
from collections import defaultdict

from server.core.runtime import Runtime
from server.integrations import inbox, reconcile, store
from server.integrations.rules import OwnerRef
from server.integrations.service import views_by_id

#: Distinct unmatched owners one sweep looks at.
SWEEP_LIMIT = 1000


#: Chunks one worker applies at once: while one waits on PostgreSQL or Redis, another is priced
#: (claims never overlap; two chunks touching one object are told apart by its version).
INBOX_CONCURRENCY = 4


async def inbox_job(rt: Runtime) -> None:
    """Drain the inbox: chunks side by side while full ones keep coming."""

    async def lane() -> None:
        while await inbox.drain(rt) >= inbox.BATCH:
            pass

    await asyncio.gather(*(lane() for _ in range(INBOX_CONCURRENCY)))


async def reconcile_job(rt: Runtime) -> None:
    while await reconcile.run(rt) >= reconcile.PER_RUN:
        pass


async def unmatched_job(rt: Runtime) -> int:
    """Requeue the unmatched events whose owner now resolves to a rep (a rep was added, or
    changed their email); an admin's mapping requeues at once instead. Returns how many."""
    async with rt.engine.connect() as conn:
        refs = await store.unmatched_refs(conn, SWEEP_LIMIT)
    by_integration: dict[int, set[str]] = defaultdict(set)
    for integration_id, _, ref in refs:
        if ref is not None:
            by_integration[integration_id].add(ref)
    if not by_integration:
        return 0
    views = await views_by_id(rt, list(by_integration))
    requeued = 0
    for integration_id, owner_refs in by_integration.items():
        view = views.get(integration_id)
        if view is None:
            continue
        as_refs = {r: _owner_ref(r) for r in owner_refs}
        async with rt.engine.begin() as conn:
            found = await inbox.resolve_owners(conn, view, as_refs.values())
            now_matched = [r for r, o in as_refs.items() if found.get(o) is not None]
            requeued += await store.requeue(conn, integration_id, now_matched)
    return requeued


def _owner_ref(ref: str) -> OwnerRef:
    """The owner an unmatched event's `owner_ref` names (`OwnerRef.ref` the other way round)."""
    if "@" in ref:
        return OwnerRef(email=ref)
    return OwnerRef(crm_owner_id=ref)
