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
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from redis.exceptions import RedisError
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.directory import org_info
from server.contests import rules as rules_
from server.contests import store as repo
from server.contests.board import ContestMetaMissing, ContestRow, ContestStore
from server.core import events
from server.core.clock import wall_time
from server.core.runtime import Part, Runtime
from server.ledger.types import types_of

log = logging.getLogger("reprally.contests")

#: Rows created this recently get a marker on rebuild, in case their live apply is in flight.
IN_FLIGHT = timedelta(minutes=5)
#: How long a post-commit apply waits for a rebuild running elsewhere before leaving it to reconcile.
APPLY_WAIT_S = 10.0
#: How long standings stay in Redis after the contest ended (results are in SQL by then).
KEEP_S = 7 * 24 * 3600


STORE: Part[ContestStore] = Part("contests.store", lambda rt: ContestStore(rt.redis))


def store(rt: Runtime) -> ContestStore:
    return rt.part(STORE)


def slots_for(contest: repo.Running | Row[Any], occurred_at: datetime, org_tz: ZoneInfo) -> tuple[str, ...]:
    """Which sorted sets a row at `occurred_at` moves: the window, plus its bracket round."""
    rules = contest.rules or {}
    if contest.format != "head_to_head" or not rules.get("bracket"):
        return ("t",)
    windows = round_windows(contest, org_tz, rules.get("rounds") or 1)
    for i, (since, until) in enumerate(windows, start=1):
        if since <= occurred_at < until:
            return ("t", f"r{i}")
    return ("t",)


def round_windows(contest: repo.Running | Row[Any], org_tz: ZoneInfo,
                  rounds: int) -> list[tuple[datetime, datetime]]:
    return rules_.round_windows(contest.start_date, contest.end_date, rounds, org_tz)


def counting_since(contest: repo.Running | Row[Any]) -> datetime:
    """The first instant whose activities count (`rules.counts_from`)."""
    return rules_.counts_from(contest.starts_at, contest.launched_at,
                              bool((contest.rules or {}).get("count_from_start")))


def slot_names(contest: Row[Any]) -> list[str]:
    rules = contest.rules or {}
    if contest.format == "head_to_head" and rules.get("bracket"):
        return ["t"] + [f"r{i}" for i in range(1, (rules.get("rounds") or 1) + 1)]
    return ["t"]


# -- the activity path --------------------------------------------------------------------------------

async def on_activities(rt: Runtime, conn: AsyncConnection, batch: events.ActivityBatch) -> None:
    users = {a.user_id for a in batch.activities}
    running = await repo.running_for_users(conn, batch.org_id, users)
    if not running:
        return
    by_contest: dict[int, list[ContestRow]] = {}
    for c in running:
        for a in batch.activities:
            if a.user_id != c.user_id or not counting_since(c) <= a.occurred_at < c.ends_at:
                continue
            if c.type_id is not None and a.type_id != c.type_id:
                continue
            amount = {"points": a.points, "count": a.units, "value": a.value_units}[c.measure]
            if amount:
                by_contest.setdefault(c.id, []).append(
                    ContestRow(f"e{a.entry_id}", a.user_id, amount, slots_for(c, a.occurred_at, batch.org.tz)))
    if by_contest:
        batch.after_commit.append(lambda: apply_rows(rt, batch.org_id, by_contest))


async def on_reversal(rt: Runtime, conn: AsyncConnection, rb: events.ReversalBatch) -> None:
    running = await repo.running_for_users(conn, rb.org_id, [rb.user_id])
    by_contest: dict[int, list[ContestRow]] = {}
    for c in running:
        if (not counting_since(c) <= rb.occurred_at < c.ends_at
                or (c.type_id is not None and rb.type_id != c.type_id)):
            continue
        amount = {"points": rb.points, "count": rb.units, "value": rb.value_units}[c.measure]
        if amount:
            by_contest[c.id] = [ContestRow(f"r{rb.activity_id}", rb.user_id, -amount,
                                           slots_for(c, rb.occurred_at, rb.org.tz))]
    if by_contest:
        rb.after_commit.append(lambda: apply_rows(rt, rb.org_id, by_contest))


async def apply_rows(rt: Runtime, org_id: int, by_contest: dict[int, list[ContestRow]]) -> None:
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

async def rebuild(rt: Runtime, org_id: int, contest_id: int) -> int | None:
    """Recompute a contest's standings from SQL and swap them in; None if another rebuild holds the lock.
    Returns the number of ledger rows read."""
    s = store(rt)
    if not await s.lock(org_id, contest_id):
        return None
    try:
        org = await org_info(rt, org_id)
        async with rt.engine.connect() as conn:
            contest = await repo.get(conn, org_id, contest_id)
            # awarded standings are frozen in SQL: never bring their Redis view back
            if contest is None or contest.state not in ("live", "ended"):
                return 0
            await s.drop_meta(org_id, contest_id)  # applies during the rebuild wait for it (no lost row)
            rows = await repo.counted_rows(conn, org_id, contest_id, contest.measure, contest.type_id,
                                           counting_since(contest), contest.ends_at)
        totals: dict[str, dict[int, int]] = {name: {} for name in slot_names(contest)}
        recent = rt.now() - IN_FLIGHT
        markers: list[str] = []
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


async def live_totals(rt: Runtime, org_id: int, contest: Row[Any]) -> dict[str, dict[int, int]] | None:
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


async def reconcile(rt: Runtime, max_age_s: float) -> int:
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
            if built is None or wall_time() - built >= max_age_s:
                if await rebuild(rt, c.org_id, c.id) is not None:
                    done += 1
        except (RedisError, OSError) as exc:
            rt.redis_failed(exc)
            break
    return done


def to_rules(c: Row[Any]) -> rules_.Rules:
    return rules_from(c.format, c.measure, c.metric, c.rules)


def rules_from(fmt: str, measure: str, metric: str, rules_json: dict[str, Any] | None) -> rules_.Rules:
    """The rules of a contest's columns (a row's, or a spec's being validated)."""
    r = rules_json or {}
    return rules_.Rules(
        format=fmt, measure=measure, metric=metric, per_head=bool(r.get("per_head")),
        pairs=tuple(tuple(p) for p in r.get("pairs") or ()), bracket=bool(r.get("bracket")),
        divisions=int(r.get("divisions") or 3), target=r.get("target"),
        tie_breakers=tuple(r.get("tie_breakers") or ()),
        prizes=tuple(rules_.Prize(points=p.get("points") or 0, name=p.get("name"), place=p.get("place"),
                                  threshold=p.get("threshold")) for p in r.get("prizes") or ()),
        ticket_every=int(r.get("ticket_every") or 1), draws=r.get("draws"))


async def warm(rt: Runtime, org_id: int) -> None:
    """Read the org and its types into the runtime's caches before a transaction uses them
    (on SQLite a second connection inside a write transaction would wait on it)."""
    await org_info(rt, org_id)
    await types_of(rt, org_id)


async def members_of(rt: Runtime, conn: AsyncConnection, c: Row[Any]) -> dict[int, rules_.Member]:
    if c.state in ("draft", "scheduled", "cancelled") and c.started_at is None:
        rows = await repo.candidates(conn, c.org_id, c.segments or [])
        return {r.id: rules_.Member(r.id, r.team_id, 0, r.display_name, r.email) for r in rows}
    return {p.user_id: rules_.Member(p.user_id, p.team_id, p.baseline, p.display_name, p.email)
            for p in await repo.participants(conn, c.id)}


async def round_list(rt: Runtime, c: Row[Any]) -> list[tuple[datetime, datetime]] | None:
    r = c.rules or {}
    if c.format == "head_to_head" and r.get("bracket") and r.get("rounds"):
        return round_windows(c, (await org_info(rt, c.org_id)).tz, r["rounds"])
    return None


def counted_from_rows(rows: repo.AnyRows) -> list[rules_.Counted]:
    return [rules_.Counted(r.user_id, r.activity_id, r.occurred_at, r.amount, r.created_at,
                           r.kind == "reversal", r.type_key)
            for r in rows]


async def compute_from_sql(rt: Runtime, conn: AsyncConnection, c: Row[Any], members: dict[int, rules_.Member],
                           now: datetime | None, seed: str | None = None) -> list[rules_.Row]:
    """Standings from the ledger; `seed` (a chance contest's, at its award only) draws the winners."""
    rows = await repo.counted_rows(conn, c.org_id, c.id, c.measure, c.type_id, counting_since(c), c.ends_at)
    return rules_.standings(to_rules(c), list(members.values()), counted_from_rows(rows),
                            rounds=await round_list(rt, c), now=now, seed=seed)
