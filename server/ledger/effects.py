"""Side effects of events that are not activities (a contest awarded, kudos given, a badge
granted by hand): ledger rows, notices and feed items in the caller's transaction, then the
boards, the live feed and the post-commit work once it has committed.

    async with rt.engine.begin() as conn:
        ...                                   # the feature's own rows
        done = await effects.emit(rt, conn, org_id, [Achievement("contest_won", uid, ref="contest:7")],
                                  actor_user_id=manager_id, entries=[...], notices=[...], feed_items=[...])
    await effects.finish(rt, org_id, done)    # after the commit
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.directory import org_info
from server.core import events
from server.core.events import AfterCommit, EntryFacts, EntryRow
from server.core.runtime import Runtime
from server.ledger import sinks
from server.ledger import store as ledger_repo
from server.ledger.sync import apply_entries, entry_facts
from server.ledger.types import types_of

#: Achievement hooks may raise further achievements; stop after this many rounds.
MAX_ROUNDS = 4


@dataclass(slots=True)
class Emitted:
    facts: list[EntryFacts] = field(default_factory=list)
    entry_ids: list[int] = field(default_factory=list)
    after_commit: list[AfterCommit] = field(default_factory=list)


async def emit(rt: Runtime, conn: AsyncConnection, org_id: int, achievements: list[events.Achievement], *,
               actor_user_id: int | None = None, entries: list[EntryRow] | None = None,
               notices: list[events.Notice] | None = None, feed_items: list[events.FeedItem] | None = None,
               now: datetime | None = None) -> Emitted:
    """Run the achievement hooks over `achievements` and write everything they and the caller produced.
    `entries` are ledger rows built with `events.entry_row` (dicts of LedgerEntry columns)."""
    now = now or rt.now()
    org = await org_info(rt, org_id, conn)
    batch = events.EventBatch(org_id=org_id, org=org, actor_user_id=actor_user_id, now=now, events=list(achievements),
                              entries=list(entries or []), notices=list(notices or []), feed=list(feed_items or []))
    pending = list(achievements)
    for _ in range(MAX_ROUNDS):
        if not pending:
            break
        batch.events, batch.more = pending, []
        for hook in rt.registry.achievement_hooks:
            await hook(rt, conn, batch)
        pending = batch.more
    if batch.entries:
        for entries_hook in rt.registry.event_entries:
            await entries_hook(rt, conn, batch)
    out = Emitted()
    if batch.entries:
        out.entry_ids = await ledger_repo.insert_entries(conn, batch.entries)
        out.facts = entry_facts(await types_of(rt, org_id, conn), batch.entries, out.entry_ids)
    await sinks.write_notices(rt, conn, org_id, batch.notices)
    out.after_commit = await sinks.write_feed(rt, conn, org_id, batch.feed, now) + batch.after_commit
    return out


async def finish(rt: Runtime, org_id: int, done: Emitted) -> bool:
    """After the commit: move the boards, publish the feed, run the post-commit work.
    Returns whether the boards were updated now (else the sync loop does it)."""
    boarded = await apply_entries(rt, org_id, done.facts) if done.facts else True
    await sinks.run_after_commit(done.after_commit)
    return boarded
