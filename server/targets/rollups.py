"""The daily per-rep rollups, kept by the activity path through the registry.

* The activity hook (registered last, so that every bonus the other hooks queued is in the
  batch) adds the batch's activity entries, read from the ledger by id, and the queued bonus
  rows to `rep_days`: one statement per transaction on PostgreSQL.
* The reversal hook adds the reversal entry (the rep's newest entry of that activity) and the
  bonuses taken back, in one statement too.
* The achievement hook records wins (missions, badges, contest placings, kudos) once per event,
  and adds the points of the event's own ledger rows (kudos points, prizes) in the last round of
  `effects.emit`, when every hook has added its rows.

Everything commits with its cause or not at all; `rebuild` recomputes an org's days from the
ledger (wins are events, not ledger rows: they are kept).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.directory import org_info
from server.board.rules import WALLET_KINDS
from server.core import events
from server.core.periods import local_date
from server.core.runtime import Runtime
from server.targets import store
from server.targets.models import NO_TYPE
from server.targets.store import DayItem, ReversalRef

#: Achievements that count as a win for the fairness figure.
WIN_KINDS = ("mission_completed", "badge_earned", "contest_won", "contest_placed", "kudos_received")


def _bonuses(rows: Iterable[events.EntryRow], org: events.OrgInfo) -> list[DayItem]:
    """Ledger rows a hook queued (bonuses, prizes, kudos points): points only, on their local day."""
    return [DayItem(r["user_id"], local_date(r["occurred_at"], org.tz), NO_TYPE, points=r["points"])
            for r in rows if r["kind"] not in WALLET_KINDS and r["points"]]


async def on_activities(rt: Runtime, conn: AsyncConnection, batch: events.ActivityBatch) -> None:
    items = [DayItem(a.user_id, a.day, a.type_id, entry_id=a.entry_id) for a in batch.activities]
    await store.add_days(conn, batch.org_id, items + _bonuses(batch.entries, batch.org))


async def on_reversal(rt: Runtime, conn: AsyncConnection, rb: events.ReversalBatch) -> None:
    await store.add_days(conn, rb.org_id, _bonuses(rb.entries, rb.org),
                         ReversalRef(rb.user_id, rb.activity_id, rb.day))


async def on_achievements(rt: Runtime, conn: AsyncConnection, eb: events.EventBatch) -> None:
    day = local_date(eb.now, eb.org.tz)
    await store.add_wins(conn, [
        {"org_id": eb.org_id, "user_id": e.user_id, "kind": e.kind, "day": day,
         "ref": (e.ref or f"{eb.now.isoformat()}:{i}")[:120]}
        for i, e in enumerate(eb.events) if e.kind in WIN_KINDS])
    if not eb.more:  # the last round: the hooks before this one raised nothing further
        await store.add_days(conn, eb.org_id, _bonuses(eb.entries, eb.org))


async def rebuild(rt: Runtime, org_id: int) -> int:
    """Recompute the org's rollups from its ledger; returns the number of rows. Takes the org's
    rows in one transaction (activities of the org wait for it on their rows)."""
    org = await org_info(rt, org_id)
    async with rt.engine.begin() as conn:
        return await store.rebuild_days(conn, org_id, org.tz)
