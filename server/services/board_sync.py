"""Keeping the Redis boards equal to the SQL ledger.

* After a commit the activity path applies its entries at once (`apply_entries`).
* If Redis was down, or the process died between commit and apply, the entries stay
  `boarded = false`; `sync_pending` re-applies them (the Lua script's per-entry marker
  makes a repeat harmless) once Redis answers again.
* If an org's view is gone (its meta key is missing after a flush or on a new Redis),
  `rebuild_org` recomputes every board from the ledger and swaps it in atomically.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from redis.exceptions import RedisError

from server.board import keys
from server.board.store import MetaMissing, PendingEntry, Profile
from server.domain.boards import EntryFacts, board_deltas
from server.domain.ranking import pack
from server.storage import activity_types as types_repo
from server.storage import ledger as ledger_repo
from server.storage import orgs as orgs_repo

log = logging.getLogger("reprally.boards")

#: Entries newer than this get an "applied" marker on rebuild, in case their live apply is still in flight.
IN_FLIGHT = timedelta(minutes=5)
#: Largest number of entries sent to Redis in one script call.
APPLY_CHUNK = 100


async def apply_entries(rt, org_id: int, facts: list[EntryFacts]) -> bool:
    """Apply freshly committed entries to the boards; False if they were left for the sync loop."""
    if not facts or not rt.redis_usable:
        return False
    org = await rt.org(org_id)
    try:
        for i in range(0, len(facts), APPLY_CHUNK):
            chunk = facts[i:i + APPLY_CHUNK]
            pending = [PendingEntry(org_id, f.entry_id, f.user_id, board_deltas(f, org.tz, org.week_start))
                       for f in chunk]
            await rt.boards.apply(org_id, pending)
            rt.boarded_buffer.extend(f.entry_id for f in chunk)
    except MetaMissing:
        schedule_rebuild(rt, org_id)
        return False
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        return False
    return True


async def flush_boarded(rt) -> int:
    ids, rt.boarded_buffer = rt.boarded_buffer, []
    if ids:
        async with rt.engine.begin() as conn:
            await ledger_repo.mark_boarded(conn, ids)
    return len(ids)


def facts_from_row(row, type_key: str | None, valued: bool) -> EntryFacts:
    return EntryFacts(entry_id=row.id, user_id=row.user_id, type_key=type_key, valued=valued,
                      points=row.points, units=row.units, value_units=row.value_units,
                      occurred_at=row.occurred_at, created_at=row.created_at)


async def sync_pending(rt, limit: int = 2000) -> int:
    """Re-apply entries that did not reach Redis. Returns how many were applied."""
    if not rt.redis_usable:
        return 0
    older_than = datetime.now(UTC) - timedelta(seconds=rt.settings.board_sync_after_s)
    async with rt.engine.connect() as conn:
        rows = await ledger_repo.pending_entries(conn, older_than, limit)
    by_org: dict[int, list[EntryFacts]] = defaultdict(list)
    for row in rows:
        by_org[row.org_id].append(facts_from_row(row, row.type_key, row.value_points is not None))
    done = 0
    for org_id, facts in by_org.items():
        inactive = await rt.inactive_users(org_id)
        skipped = [f.entry_id for f in facts if f.user_id in inactive]  # deactivated: off the boards
        rt.boarded_buffer.extend(skipped)
        facts = [f for f in facts if f.user_id not in inactive]
        if await apply_entries(rt, org_id, facts):
            done += len(facts)
    await flush_boarded(rt)
    return done


def schedule_rebuild(rt, org_id: int) -> None:
    """Rebuild the org's view in the background; asked again while one runs, it runs once more after."""
    task = rt.rebuilds.get(org_id)
    if task is None or task.done():
        rt.rebuilds[org_id] = asyncio.create_task(_rebuild_logged(rt, org_id))
    else:
        rt.rebuild_pending.add(org_id)


async def _rebuild_logged(rt, org_id: int) -> None:
    try:
        report = await rebuild_org(rt, org_id)
        if report is None:  # another process holds the lock: try again after it
            rt.rebuild_pending.add(org_id)
        else:
            log.info("rebuilt boards of org %s from %s ledger entries", org_id, report.entries)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        rt.rebuild_pending.add(org_id)
    except Exception:
        log.exception("rebuild of org %s failed", org_id)


def _run_pending_rebuilds(rt) -> None:
    if not rt.redis_usable:
        return
    for org_id in list(rt.rebuild_pending):
        task = rt.rebuilds.get(org_id)
        if task is None or task.done():
            rt.rebuild_pending.discard(org_id)
            schedule_rebuild(rt, org_id)


@dataclass(frozen=True, slots=True)
class RebuildReport:
    org_id: int
    entries: int
    boards: int
    epoch: str


async def rebuild_org(rt, org_id: int) -> RebuildReport | None:
    """Recompute every board of one org from the ledger; None if another rebuild holds the lock."""
    redis = rt.redis
    if not await redis.set(keys.rebuild_lock(org_id), "1", nx=True, ex=600):
        return None
    try:
        await rt.boards.drop_meta(org_id)  # live applies now stay pending until we are done
        org = await rt.org(org_id)
        async with rt.sessions() as session:
            type_keys = {t.id: t.key for t in await types_repo.list_types(session, org_id)}
            valued = await types_repo.versions_valued(session, org_id)
            users = await orgs_repo.active_users(session, org_id)
        active = {u.id for u in users}
        profiles = {u.id: Profile(u.display_name, u.team_id) for u in users}
        acc: dict[tuple, dict[int, list[int]]] = defaultdict(dict)
        recent = datetime.now(UTC) - IN_FLIGHT
        streamed_pending: list[int] = []
        markers: list[int] = []
        count = 0
        async with rt.engine.connect() as conn:
            async for row in ledger_repo.stream_org_entries(conn, org_id, None):
                count += 1
                if not row.boarded:
                    streamed_pending.append(row.id)
                if not row.boarded or row.created_at > recent:
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
        epoch = await rt.boards.replace_all(org_id, boards, profiles, markers)
        if streamed_pending:
            async with rt.engine.begin() as conn:
                await ledger_repo.mark_boarded(conn, streamed_pending)
        return RebuildReport(org_id, count, sum(1 for b in boards.values() if b), epoch)
    finally:
        await redis.delete(keys.rebuild_lock(org_id))


async def rebuild_all(rt, org_ids: Iterable[int] | None = None) -> list[RebuildReport]:
    if org_ids is None:
        async with rt.sessions() as s:
            org_ids = await orgs_repo.all_org_ids(s)
    reports = []
    for org_id in org_ids:
        report = await rebuild_org(rt, org_id)
        if report:
            reports.append(report)
    return reports


async def run_sync_loop(rt) -> None:
    """Background loop: mark what reached Redis, re-apply what did not."""
    interval = rt.settings.board_sync_interval_s
    tick = 0
    while True:
        await asyncio.sleep(min(interval, 0.25))
        tick += 1
        try:
            await flush_boarded(rt)
            if tick * 0.25 >= interval:
                tick = 0
                await sync_pending(rt)
                _run_pending_rebuilds(rt)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("board sync pass failed; retrying")
