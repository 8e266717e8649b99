"""Live contest standings: the Redis view, kept current from the activity path and rebuilt
from the SQL ledger whenever it is missing (flush, new Redis, a recalculation, contest start).

Only participants' `activity` and `reversal` ledger rows whose `occurred_at` falls in the
contest window count, so late (backdated) activities land in the right contest and a reversal
takes its activity back out. Redis trouble never fails the activity: the final results are
always computed from SQL, and the standings are rebuilt on the next read.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta

from redis.exceptions import RedisError

from server.board.contest_store import ContestMetaMissing, ContestRow, ContestStore
from server.domain import contests as rules_
from server.services import hooks
from server.storage import contests as repo

log = logging.getLogger("reprally.contests")

#: Rows created this recently get a marker on rebuild, in case their live apply is in flight.
IN_FLIGHT = timedelta(minutes=5)
#: How long a post-commit apply waits for a rebuild running elsewhere before leaving it to reconcile.
APPLY_WAIT_S = 10.0
#: How long standings stay in Redis after the contest ended (results are in SQL by then).
KEEP_S = 7 * 24 * 3600


def store(rt) -> ContestStore:
    s = getattr(rt, "_contest_store", None)
    if s is None:
        s = rt._contest_store = ContestStore(rt.redis)
    return s


def slots_for(contest, occurred_at: datetime, org_tz) -> tuple[str, ...]:
    """Which sorted sets a row at `occurred_at` moves: the window, plus its bracket round."""
    rules = contest.rules or {}
    if contest.format != "head_to_head" or not rules.get("bracket"):
        return ("t",)
    windows = round_windows(contest, org_tz, rules.get("rounds") or 1)
    for i, (since, until) in enumerate(windows, start=1):
        if since <= occurred_at < until:
            return ("t", f"r{i}")
    return ("t",)


def round_windows(contest, org_tz, rounds: int):
    return rules_.round_windows(contest.start_date, contest.end_date, rounds, org_tz)


def slot_names(contest) -> list[str]:
    rules = contest.rules or {}
    if contest.format == "head_to_head" and rules.get("bracket"):
        return ["t"] + [f"r{i}" for i in range(1, (rules.get("rounds") or 1) + 1)]
    return ["t"]


# -- the activity path --------------------------------------------------------------------------------

@hooks.on_activities
async def _on_activities(rt, conn, batch: hooks.ActivityBatch) -> None:
    users = {a.user_id for a in batch.activities}
    running = await repo.running_for_users(conn, batch.org_id, users)
    if not running:
        return
    by_contest: dict[int, list[ContestRow]] = {}
    for c in running:
        for a in batch.activities:
            if a.user_id != c.user_id or not c.starts_at <= a.occurred_at < c.ends_at:
                continue
            if c.type_id is not None and a.type_id != c.type_id:
                continue
            amount = {"points": a.points, "count": a.quantity, "value": a.value_units}[c.measure]
            if amount:
                by_contest.setdefault(c.id, []).append(
                    ContestRow(f"e{a.entry_id}", a.user_id, amount, slots_for(c, a.occurred_at, batch.org.tz)))
    if by_contest:
        batch.after_commit.append(lambda: apply_rows(rt, batch.org_id, by_contest))


@hooks.on_reversal
async def _on_reversal(rt, conn, rb: hooks.ReversalBatch) -> None:
    running = await repo.running_for_users(conn, rb.org_id, [rb.user_id])
    by_contest: dict[int, list[ContestRow]] = {}
    for c in running:
        if not c.starts_at <= rb.occurred_at < c.ends_at or (c.type_id is not None and rb.type_id != c.type_id):
            continue
        amount = {"points": rb.points, "count": rb.quantity, "value": rb.value_units}[c.measure]
        if amount:
            by_contest[c.id] = [ContestRow(f"r{rb.activity_id}", rb.user_id, -amount,
                                           slots_for(c, rb.occurred_at, rb.org.tz))]
    if by_contest:
        rb.after_commit.append(lambda: apply_rows(rt, rb.org_id, by_contest))


async def apply_rows(rt, org_id: int, by_contest: dict[int, list[ContestRow]]) -> None:
    """After the commit: move the standings; if they are gone, rebuild them (which counts these rows)."""
    if not rt.redis_usable:
        return
    for contest_id, rows in by_contest.items():
        try:
            deadline = time.monotonic() + APPLY_WAIT_S
            while True:
                try:
                    await store(rt).apply(org_id, contest_id, rows)
                    break
                except ContestMetaMissing:
                    if await rebuild(rt, org_id, contest_id) is not None:
                        break  # our rows committed before the rebuild read SQL: it has them
                    if time.monotonic() > deadline:  # the reconcile job will count them
                        log.warning("contest %s: standings busy rebuilding; %s rows left to reconcile",
                                    contest_id, len(rows))
                        break
                    await asyncio.sleep(0.05)  # another process is rebuilding: apply after it
        except (RedisError, OSError) as exc:
            rt.redis_failed(exc)


# -- rebuild and read ------------------------------------------------------------------------------------

async def rebuild(rt, org_id: int, contest_id: int) -> int | None:
    """Recompute a contest's standings from SQL and swap them in; None if another rebuild holds the lock.
    Returns the number of ledger rows read."""
    s = store(rt)
    if not await s.lock(org_id, contest_id):
        return None
    try:
        org = await rt.org(org_id)
        async with rt.engine.connect() as conn:
            contest = await repo.get(conn, org_id, contest_id)
            # awarded standings are frozen in SQL: never bring their Redis view back
            if contest is None or contest.state not in ("live", "ended"):
                return 0
            await s.drop_meta(org_id, contest_id)  # applies during the rebuild wait for it (no lost row)
            rows = await repo.counted_rows(conn, org_id, contest_id, contest.measure, contest.type_id,
                                           contest.starts_at, contest.ends_at)
        totals: dict[str, dict[int, int]] = {name: {} for name in slot_names(contest)}
        recent = datetime.now(UTC) - IN_FLIGHT
        markers = []
        for r in rows:
            for slot in slots_for(contest, r.occurred_at, org.tz):
                totals[slot][r.user_id] = totals[slot].get(r.user_id, 0) + r.amount
            if r.created_at > recent:
                markers.append(f"e{r.id}" if r.kind == "activity" else f"r{r.activity_id}")
        ttl = None if contest.state == "live" else KEEP_S
        await s.replace(org_id, contest_id, totals, markers, ttl)
        return len(rows)
    finally:
        await s.unlock(org_id, contest_id)


async def live_totals(rt, org_id: int, contest) -> dict[str, dict[int, int]] | None:
    """Per slot, each participant's total from Redis (rebuilt first when missing); None if Redis is down."""
    if not rt.redis_usable:
        return None
    names = slot_names(contest)
    try:
        for _ in range(100):
            found = await store(rt).totals(org_id, contest.id, names)
            if found is not None:
                return found
            if await rebuild(rt, org_id, contest.id) is None:
                await asyncio.sleep(0.05)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
    return None


async def reconcile(rt, max_age_s: float) -> int:
    """Rebuild the standings of running contests older than `max_age_s` (a lost post-commit apply
    heals within that time). Returns how many were rebuilt."""
    if not rt.redis_usable:
        return 0
    async with rt.engine.connect() as conn:
        running = await repo.live_ids(conn)
    done = 0
    for c in running:
        try:
            built = await store(rt).built_at(c.org_id, c.id)
            if built is None or time.time() - built >= max_age_s:
                if await rebuild(rt, c.org_id, c.id) is not None:
                    done += 1
        except (RedisError, OSError) as exc:
            rt.redis_failed(exc)
            break
    return done
