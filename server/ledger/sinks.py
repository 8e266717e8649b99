"""Where the activity path hands what features produced: notices and feed items are written by
the registered sinks in the caller's transaction; post-commit work runs once it committed."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from server.core.events import AfterCommit, FeedItem, Notice
from server.core.runtime import Runtime

log = logging.getLogger("reprally.hooks")


async def write_notices(rt: Runtime, conn: AsyncConnection, org_id: int, notices: list[Notice]) -> None:
    """Hand notices to the notification outbox in the caller's transaction (if installed).
    Self-caused notices are dropped here so no feature has to remember the rule."""
    keep = [n for n in notices if n.actor_user_id is None or n.actor_user_id != n.user_id]
    if keep:
        for sink in rt.registry.notice_sinks:
            await sink(rt, conn, org_id, keep)


async def write_feed(rt: Runtime, conn: AsyncConnection, org_id: int, items: list[FeedItem],
                     now: datetime) -> list[AfterCommit]:
    """Write feed items in the caller's transaction; returns what publishes them after the commit."""
    if not items:
        return []
    out = []
    for sink in rt.registry.feed_sinks:
        publish = await sink(rt, conn, org_id, items, now)
        if publish is not None:
            out.append(publish)
    return out


async def run_after_commit(callbacks: list[AfterCommit]) -> None:
    """Post-commit work never fails the request that already committed."""
    for cb in callbacks:
        try:
            await cb()
        except Exception:  # noqa: BLE001 - logged; the ledger already holds the truth
            log.exception("after-commit hook failed")
