"""Side effects of events that are not activities (a contest awarded, kudos given, a badge
granted by hand): ledger rows, notices and feed items in the caller's transaction, then the
boards, the live feed and the post-commit work once it has committed.

    async with rt.engine.begin() as conn:
        ...                                   # the feature's own rows
        done = await effects.emit(rt, conn, org_id, [Achievement("contest_won", uid, ref="contest:7")],
                                  actor_user_id=manager_id, entries=[...], notices=[...], feed=[...])
    await effects.finish(rt, org_id, done)    # after the commit
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from server.domain.boards import WALLET_KINDS, EntryFacts
from server.services import feed, hooks
from server.services.board_sync import apply_entries
from server.storage import ledger as ledger_repo

#: Achievement hooks may raise further achievements; stop after this many rounds.
MAX_ROUNDS = 4


@dataclass(slots=True)
class Emitted:
    facts: list[EntryFacts] = field(default_factory=list)
    entry_ids: list[int] = field(default_factory=list)
    feed_rows: list = field(default_factory=list)
    after_commit: list = field(default_factory=list)


async def emit(rt, conn, org_id: int, events: list[hooks.Achievement], *, actor_user_id: int | None = None,
               entries: list[dict] | None = None, notices: list[hooks.Notice] | None = None,
               feed_items: list[hooks.FeedItem] | None = None, now: datetime | None = None) -> Emitted:
    """Run the achievement hooks over `events` and write everything they and the caller produced.
    `entries` are ledger rows built with `EventBatch.add_entry` semantics (dicts of LedgerEntry columns)."""
    now = now or datetime.now(UTC)
    org = await rt.org(org_id, conn)
    batch = hooks.EventBatch(org_id=org_id, org=org, actor_user_id=actor_user_id, now=now, events=list(events),
                             entries=list(entries or []), notices=list(notices or []), feed=list(feed_items or []))
    pending = list(events)
    for _ in range(MAX_ROUNDS):
        if not pending:
            break
        batch.events, batch.more = pending, []
        for hook in hooks.ACHIEVEMENT_HOOKS:
            await hook(rt, conn, batch)
        pending = batch.more
    out = Emitted(after_commit=batch.after_commit)
    if batch.entries:
        out.entry_ids = await ledger_repo.insert_entries(conn, batch.entries)
        by_id = {t.id: t for t in (await rt.types(org_id, conn)).values()}
        for row, entry_id in zip(batch.entries, out.entry_ids, strict=True):
            if row["kind"] in WALLET_KINDS:
                continue
            t = by_id.get(row["type_id"]) if row["type_id"] is not None else None
            out.facts.append(EntryFacts(entry_id, row["user_id"], t.key if t else None, bool(t and t.valued),
                                        row["points"], row["units"], row["value_units"], row["occurred_at"],
                                        row["created_at"]))
    await hooks.write_notices(rt, conn, org_id, batch.notices)
    out.feed_rows = await feed.write(conn, org_id, batch.feed, now)
    return out


async def finish(rt, org_id: int, done: Emitted) -> bool:
    """After the commit: move the boards, publish the feed, run the post-commit work.
    Returns whether the boards were updated now (else the sync loop does it)."""
    boarded = await apply_entries(rt, org_id, done.facts) if done.facts else True
    await feed.publish(rt, org_id, done.feed_rows)
    await hooks.run_after_commit(done.after_commit)
    return boarded


def entry(org_id: int, *, user_id: int, kind: str, points: int, now: datetime, occurred_at: datetime | None = None,
          actor_user_id: int | None = None, activity_id: int | None = None, type_id: int | None = None) -> dict:
    """A ledger row for `emit(entries=...)`: bonus, prize, kudos points, redemption, ..."""
    return {"org_id": org_id, "user_id": user_id, "kind": kind, "activity_id": activity_id, "type_id": type_id,
            "rule_version_id": None, "reverses_id": None, "points": points, "units": 0, "value_units": 0,
            "occurred_at": occurred_at or now, "created_at": now, "created_by_user_id": actor_user_id}
