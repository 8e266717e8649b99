"""Keeping the Redis boards equal to the SQL ledger.

* Every ledger insert records its board-moving entries as pending (`board_pending`, one row per
  insert, in the entries' own transaction: `ledger.insert_entries`).
* After a commit the activity path applies its entries at once (`apply_entries`); once all of
  them are on the boards their pending rows are deleted (in bulk, every 250 ms).
* If Redis was down, or the process died between commit and apply, the pending rows stay;
  `sync_pending` re-applies their entries (the Lua script's per-entry marker makes a repeat
  harmless) once Redis answers again.
* If an org's view is gone (its meta key is missing after a flush or on a new Redis),
  `rebuild_org` recomputes every board from the ledger and swaps it in atomically.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy import Row

from server.accounts import service as accounts
from server.accounts.directory import inactive_users, org_info
from server.board import keys
from server.board.ranking import pack
from server.board.rules import WALLET_KINDS, board_deltas
from server.board.store import MetaMissing, Page, PendingEntry, Profile, board_store
from server.core.events import EntryFacts, EntryRow
from server.core.observability import metrics
from server.core.ops.dependencies import Backoff, report_reachable, report_unreachable
from server.core.periods import Period
from server.core.runtime import Part, Runtime
from server.ledger import store as ledger_repo
from server.ledger import type_store as types_repo
from server.ledger.types import TypeInfo

log = logging.getLogger("reprally.boards")

#: Entries newer than this get an "applied" marker on rebuild, in case their live apply is still in flight.
IN_FLIGHT = timedelta(minutes=5)
#: Largest number of entries sent to Redis in one script call.
APPLY_CHUNK = 100



class SyncState:
    """This process's view of what reached Redis and which rebuilds run (one per runtime)."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        #: Entry ids that reached Redis: their `board_pending` rows are deleted by the sync loop.
        self.boarded: list[int] = []
        self.rebuilds: dict[int, asyncio.Task[None]] = {}
        #: Orgs whose view must be rebuilt (again) once Redis answers / the running rebuild ends.
        self.pending: set[int] = set()

    async def aclose(self) -> None:
        """On shutdown: mark what reached the boards (what stays unmarked the sync loop redoes)."""
        await flush_boarded(self.rt)


SYNC: Part[SyncState] = Part("ledger.sync", SyncState)


def sync_state(rt: Runtime) -> SyncState:
    return rt.part(SYNC)


async def apply_entries(rt: Runtime, org_id: int, facts: list[EntryFacts], *, path: str = "live") -> bool:
    """Apply freshly committed entries to the boards; False if they were left for the sync loop.

    `facts` must hold every board entry of the inserts that wrote them (a transaction's entries
    and its hooks' extra entries): their pending rows are dropped when all of them applied."""
    if not facts or not rt.redis_usable:
        return False
    org = await org_info(rt, org_id)
    try:
        for i in range(0, len(facts), APPLY_CHUNK):
            chunk = facts[i:i + APPLY_CHUNK]
            pending = [PendingEntry(org_id, f.entry_id, f.user_id, board_deltas(f, org.tz, org.week_start))
                       for f in chunk]
            await board_store(rt).apply(org_id, pending)
    except MetaMissing:
        schedule_rebuild(rt, org_id)
        return False
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        return False
    # Only now: a pending row is keyed by its smallest entry id, and it may go once all are on.
    sync_state(rt).boarded.extend(f.entry_id for f in facts)
    oldest = min(f.created_at for f in facts)
    oldest = oldest if oldest.tzinfo is not None else oldest.replace(tzinfo=UTC)
    metrics.BOARD_APPLY_LAG.labels(path).observe(max(0.0, (rt.now() - oldest).total_seconds()))
    return True


async def flush_boarded(rt: Runtime) -> int:
    """Drop the pending rows of entries that reached the boards (keyed by their first entry id:
    the buffer holds every applied id, the other ids match no row)."""
    state = sync_state(rt)
    ids, state.boarded = state.boarded, []
    if ids:
        async with rt.engine.begin() as conn:
            await ledger_repo.delete_pending(conn, ids)
    return len(ids)


def facts_from_row(row: Row[Any], type_key: str | None, valued: bool) -> EntryFacts:
    return EntryFacts(entry_id=row.id, user_id=row.user_id, type_key=type_key, valued=valued,
                      points=row.points, units=row.units, value_units=row.value_units,
                      occurred_at=row.occurred_at, created_at=row.created_at)


def entry_facts(types: dict[str, TypeInfo], rows: list[EntryRow], ids: list[int]) -> list[EntryFacts]:
    """Board facts of ledger rows written with `insert_entries` (bonuses, prizes, kudos points); wallet
    rows (redemptions) move no board."""
    by_id = {t.id: t for t in types.values()}
    out = []
    for row, entry_id in zip(rows, ids, strict=True):
        if row["kind"] in WALLET_KINDS:
            continue
        t = by_id.get(row["type_id"]) if row["type_id"] is not None else None
        out.append(EntryFacts(entry_id, row["user_id"], t.key if t else None, bool(t and t.valued), row["points"],
                              row["units"], row["value_units"], row["occurred_at"], row["created_at"]))
    return out


async def sync_pending(rt: Runtime, limit: int = 200) -> int:
    """Re-apply the entries of pending rows older than `board_sync_after_s` (up to `limit` rows).
    Returns how many entries were applied."""
    if not rt.redis_usable:
        return 0
    older_than = rt.now() - timedelta(seconds=rt.settings.board_sync_after_s)
    async with rt.engine.connect() as conn:
        groups = await ledger_repo.pending_groups(conn, older_than, limit)
        ids = [e for g in groups for e in g.entry_ids]
        rows = [r for i in range(0, len(ids), 5000) for r in await ledger_repo.entries_by_id(conn, ids[i:i + 5000])]
    keys_by_org: dict[int, list[int]] = defaultdict(list)
    for g in groups:
        keys_by_org[g.org_id].append(g.first_entry_id)
    by_org: dict[int, list[EntryFacts]] = defaultdict(list)
    for row in rows:
        by_org[row.org_id].append(facts_from_row(row, row.type_key, row.value_points is not None))
    done, settled = 0, []
    for org_id, group_keys in keys_by_org.items():
        inactive = await inactive_users(rt, org_id)
        facts = [f for f in by_org.get(org_id, []) if f.user_id not in inactive]  # deactivated: off the boards
        if not facts or await apply_entries(rt, org_id, facts, path="sync"):
            done += len(facts)
            settled.extend(group_keys)
    if settled:
        async with rt.engine.begin() as conn:
            await ledger_repo.delete_pending(conn, settled)
    await flush_boarded(rt)
    return done


async def read_intact(rt: Runtime, org_id: int, read: Callable[[], Awaitable[Page]]) -> Page:
    """`read()` of an org board; if it found the view lost, the view is repaired and read again,
    so a lost view never answers as an empty board."""
    page = await read()
    if not page.view_intact:
        await repair_view(rt, org_id)
        page = await read()
        if not page.view_intact:  # lost again at once (another flush): say so rather than answer empty
            raise ViewRebuilding(org_id)
    return page


class ViewRebuilding(Exception):
    """The org's view was lost and its repair did not finish within `board_repair_wait_s`."""


async def repair_view(rt: Runtime, org_id: int) -> None:
    """A read found the org's view lost (Redis flushed or replaced): bring it back from the ledger
    before answering. Runs the rebuild (reads that arrive meanwhile join it), or waits out one
    another process holds the lock for; `ViewRebuilding` after `board_repair_wait_s`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + rt.settings.board_repair_wait_s
    while True:
        try:
            await asyncio.wait_for(asyncio.shield(_rebuild_task(rt, org_id)), max(deadline - loop.time(), 0.0))
        except TimeoutError:
            raise ViewRebuilding(org_id) from None
        if await board_store(rt).has_meta(org_id):
            return
        if loop.time() >= deadline:  # another process holds the rebuild lock (or Redis lost it again)
            raise ViewRebuilding(org_id)
        await asyncio.sleep(min(0.05, max(deadline - loop.time(), 0.0)))


def schedule_rebuild(rt: Runtime, org_id: int) -> None:
    """Rebuild the org's view in the background; asked again while one runs, it runs once more after
    (the running one may have read the ledger before the change that asked)."""
    task = sync_state(rt).rebuilds.get(org_id)
    if task is None or task.done():
        _rebuild_task(rt, org_id)
    else:
        sync_state(rt).pending.add(org_id)


def _rebuild_task(rt: Runtime, org_id: int) -> asyncio.Task[None]:
    """The org's rebuild running in this process, or a new one."""
    task = sync_state(rt).rebuilds.get(org_id)
    if task is None or task.done():
        task = sync_state(rt).rebuilds[org_id] = asyncio.create_task(_rebuild_logged(rt, org_id))
    return task


async def _rebuild_logged(rt: Runtime, org_id: int) -> None:
    try:
        report = await rebuild_org(rt, org_id)
        if report is None:  # another process holds the lock: try again after it
            sync_state(rt).pending.add(org_id)
        else:
            log.info("rebuilt boards of org %s from %s ledger entries", org_id, report.entries)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        sync_state(rt).pending.add(org_id)
    except Exception:
        log.exception("rebuild of org %s failed", org_id)


def _run_pending_rebuilds(rt: Runtime) -> None:
    if not rt.redis_usable:
        return
    for org_id in list(sync_state(rt).pending):
        task = sync_state(rt).rebuilds.get(org_id)
        if task is None or task.done():
            sync_state(rt).pending.discard(org_id)
            schedule_rebuild(rt, org_id)


@dataclass(frozen=True, slots=True)
class RebuildReport:
    org_id: int
    entries: int
    boards: int
    epoch: str


async def rebuild_org(rt: Runtime, org_id: int) -> RebuildReport | None:
    """Recompute every board of one org from the ledger; None if another rebuild holds the lock."""
    redis = rt.redis
    if not await redis.set(keys.rebuild_lock(org_id), "1", nx=True, ex=600):
        return None
    try:
        await board_store(rt).drop_meta(org_id)  # live applies now stay pending until we are done
        org = await org_info(rt, org_id)
        async with rt.sessions() as session:
            type_keys = {t.id: t.key for t in await types_repo.list_types(session, org_id)}
            valued = await types_repo.versions_valued(session, org_id)
        users = await accounts.active_members(rt, org_id)
        active = {u.id for u in users}
        profiles = {u.id: Profile(u.display_name, u.team_id) for u in users}
        acc: dict[tuple[str, Period], dict[int, list[int]]] = defaultdict(dict)
        recent = rt.now() - IN_FLIGHT
        markers: list[int] = []
        count = 0
        async with rt.engine.connect() as conn:
            # Read before the entries: every entry of these rows has committed, so the stream has it.
            groups = await ledger_repo.pending_groups(conn, None, None, org_id)
        pending = {e for g in groups for e in g.entry_ids}
        async with rt.engine.connect() as conn:
            async for row in ledger_repo.stream_org_entries(conn, org_id, None):
                count += 1
                if row.id in pending or row.created_at > recent:
                    markers.append(row.id)
                if row.user_id not in active:
                    continue
                facts = facts_from_row(row, type_keys.get(row.type_id), valued.get(row.rule_version_id, False))
                for d in board_deltas(facts, org.tz, org.week_start):
                    slot = acc[(d.metric, d.period)].get(row.user_id)
                    if slot is None:
                        acc[(d.metric, d.period)][row.user_id] = [d.delta, d.tie]
                    else:
                        slot[0] += d.delta
                        slot[1] = min(slot[1], d.tie)
        boards = {
            key: {uid: pack(key[1].window, m, tie) for uid, (m, tie) in members.items() if m != 0}
            for key, members in acc.items()
        }
        epoch = await board_store(rt).replace_all(org_id, boards, profiles, markers)
        if groups:
            async with rt.engine.begin() as conn:
                await ledger_repo.delete_pending(conn, [g.first_entry_id for g in groups])
        return RebuildReport(org_id, count, sum(1 for b in boards.values() if b), epoch)
    finally:
        await redis.delete(keys.rebuild_lock(org_id))


async def rebuild_all(rt: Runtime, org_ids: Iterable[int] | None = None) -> list[RebuildReport]:
    if org_ids is None:
        org_ids = await accounts.all_org_ids(rt)
    reports = []
    for org_id in org_ids:
        report = await rebuild_org(rt, org_id)
        if report:
            reports.append(report)
    return reports


async def run_sync_loop(rt: Runtime) -> None:
    """Background loop: mark what reached Redis, re-apply what did not."""
    interval = rt.settings.board_sync_interval_s
    tick = 0
    backoff, failing = Backoff(), False
    while True:
        await asyncio.sleep(min(interval, 0.25))
        tick += 1
        try:
            await flush_boarded(rt)
            if tick * 0.25 >= interval:
                tick = 0
                await sync_pending(rt)
                _run_pending_rebuilds(rt)
                if failing:
                    backoff.reset()
                    failing = False
                    report_reachable(rt.settings.database_url, rt.settings.redis_url)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            delay = backoff.next()
            if not report_unreachable(exc, rt.settings.database_url, rt.settings.redis_url, delay):
                log.exception("board sync pass failed; retrying")
            failing = True
            await asyncio.sleep(delay)
