"""Levels (XP): kept on the activity path, rebuilt from the ledger, tuned by admins.

Three hooks keep each rep's XP (`rep_levels`) in the transaction that writes the ledger rows:
activity hooks (the activities' own entries and the bonuses other hooks queued before this one),
reversal hooks (the reversal's entry and the bonuses taken back with it) and event-entries hooks
(`Registry.event_entries`: prizes, kudos, badge bonuses of non-activity events). Each runs one
upsert for the batch. A rep whose XP crosses into a level above the last one announced gets the
level-up moment: a notice (push + in-app), a feed item (`level_up`, which the TV celebrates) and
a frame on their own channel. Changing the weights or the curve rebuilds every rep's XP from the
ledger (`rebuild`), without announcing anything.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.core import events
from server.core.auth import Principal
from server.core.errors import Forbidden
from server.core.runtime import Runtime
from server.levels import rules
from server.levels import store as repo

FeedItems = list[events.FeedItem]


@dataclass(frozen=True, slots=True)
class Config:
    curve: rules.Curve
    weights: rules.Weights
    version: int
    updated_at: datetime | None


def config_of(row: Row[Any] | None) -> Config:
    if row is None:
        return Config(rules.Curve(), rules.Weights(), 0, None)
    curve = rules.Curve(row.base, float(row.exponent), row.max_level, tuple(row.thresholds or ()))
    weights = rules.Weights(
        row.per_point, dict(row.activity_xp or {}), {**rules.BONUS_KINDS, **(row.bonus_xp or {})}
    )
    return Config(curve, weights, row.version, row.updated_at)


async def _config(conn: AsyncConnection, org_id: int) -> Config:
    return config_of(await repo.settings(conn, org_id))


# -- the activity path ----------------------------------------------------------------------------


def _entries_xp(weights: rules.Weights, entries: list[events.EntryRow], out: dict[int, int]) -> None:
    for e in entries:
        xp = rules.entry_xp(weights, e["kind"], None, int(e["points"]), int(e.get("units") or 0))
        if xp:
            out[e["user_id"]] += xp


async def _apply(
    conn: AsyncConnection,
    org_id: int,
    cfg: Config,
    deltas: dict[int, int],
    now: datetime,
    notices: list[events.Notice],
    feed: FeedItems,
    frames: list[tuple[int, dict[str, Any]]] | None,
) -> None:
    deltas = {u: d for u, d in deltas.items() if d}
    if not deltas:
        return
    for r in await repo.add_xp(conn, org_id, deltas, now):
        level = rules.level_of(cfg.curve, int(r.xp))
        if level <= r.announced_level or deltas.get(r.user_id, 0) <= 0:
            continue
        if not await repo.announce(conn, org_id, r.user_id, level):
            continue
        p = rules.progress(cfg.curve, int(r.xp))
        badge = {"level": level, "tier": rules.tier(level), "name": f"Level {level}"}
        notices.append(
            events.Notice(
                r.user_id,
                "level_up",
                f"Level {level}!",
                f"You reached level {level} ({rules.tier(level)}) with {r.xp} XP.",
                {"level": level, "xp": int(r.xp), "xp_to_next": p.xp_to_next, "badge": badge},
                dedupe_key=f"level:{level}",
                collapse_key="level_up",
            )
        )
        feed.append(
            events.FeedItem(
                "level_up",
                r.user_id,
                {"level": level, "tier": rules.tier(level)},
                ref=f"level:{r.user_id}:{level}",
            )
        )
        if frames is not None:
            frames.append(
                (
                    r.user_id,
                    {
                        "kind": "level_up",
                        "level": level,
                        "xp": int(r.xp),
                        "xp_to_next": p.xp_to_next,
                        "badge": badge,
                    },
                )
            )


async def on_activities(rt: Runtime, conn: AsyncConnection, batch: events.ActivityBatch) -> None:
    cfg = await _config(conn, batch.org_id)
    deltas: dict[int, int] = defaultdict(int)
    for a in batch.activities:
        deltas[a.user_id] += rules.entry_xp(cfg.weights, "activity", a.type_key, a.points, a.units)
    _entries_xp(cfg.weights, batch.entries, deltas)
    await _apply(conn, batch.org_id, cfg, deltas, batch.now, batch.notices, batch.feed, batch.frames)


async def on_reversal(rt: Runtime, conn: AsyncConnection, rb: events.ReversalBatch) -> None:
    cfg = await _config(conn, rb.org_id)
    deltas: dict[int, int] = defaultdict(int)
    deltas[rb.user_id] += rules.entry_xp(cfg.weights, "reversal", rb.type_key, -rb.points, -rb.units)
    _entries_xp(cfg.weights, rb.entries, deltas)
    await _apply(conn, rb.org_id, cfg, deltas, rb.now, rb.notices, rb.feed, None)


async def on_event_entries(rt: Runtime, conn: AsyncConnection, batch: events.EventBatch) -> None:
    cfg = await _config(conn, batch.org_id)
    deltas: dict[int, int] = defaultdict(int)
    _entries_xp(cfg.weights, batch.entries, deltas)
    await _apply(conn, batch.org_id, cfg, deltas, batch.now, batch.notices, batch.feed, None)


# -- reads ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MyLevel:
    level: int
    xp: int
    xp_to_next: int | None
    level_xp: int
    next_level_xp: int | None
    tier: str


async def my_level(rt: Runtime, org_id: int, user_id: int) -> MyLevel:
    async with rt.engine.connect() as conn:
        cfg = await _config(conn, org_id)
        row = await repo.get(conn, org_id, user_id)
    p = rules.progress(cfg.curve, int(row.xp) if row else 0)
    return MyLevel(p.level, p.xp, p.xp_to_next, p.level_xp, p.next_level_xp, rules.tier(p.level))


def xp_from_sums(weights: rules.Weights, sums: list[tuple[int, str, str | None, int, int]]) -> dict[int, int]:
    """Each rep's XP from the ledger summed per (rep, kind, type): what the activity path added up."""
    out: dict[int, int] = defaultdict(int)
    for user_id, kind, type_key, points, units in sums:
        out[user_id] += rules.entry_xp(weights, kind, type_key, int(points or 0), int(units or 0))
    return dict(out)


async def rebuild(rt: Runtime, org_id: int, conn: AsyncConnection | None = None) -> dict[int, int]:
    """Recompute every rep's XP from the ledger (after a change of weights, or to check the view);
    the announced levels stay. Returns user id -> XP."""
    if conn is None:
        async with rt.engine.begin() as own:
            return await rebuild(rt, org_id, own)
    cfg = await _config(conn, org_id)
    sums = [(r.user_id, r.kind, r.type_key, r.points, r.units) for r in await repo.ledger_sums(conn, org_id)]
    xp = xp_from_sums(cfg.weights, sums)
    await repo.replace_all(conn, org_id, xp, rt.now())
    return xp


async def stored_xp(rt: Runtime, org_id: int) -> dict[int, int]:
    async with rt.engine.connect() as conn:
        return {r.user_id: int(r.xp) for r in await repo.all_of(conn, org_id)}


# -- settings -------------------------------------------------------------------------------------


def _require_admin(principal: Principal) -> None:
    if principal.role != "admin" or principal.user_id is None:
        raise Forbidden("forbidden", "only admins tune levels")


async def get_settings(rt: Runtime, principal: Principal) -> Config:
    _require_admin(principal)
    async with rt.engine.connect() as conn:
        return await _config(conn, principal.org_id)


async def put_settings(
    rt: Runtime, principal: Principal, curve: rules.Curve, weights: rules.Weights
) -> Config:
    """Replace the org's curve and weights, and rebuild every rep's XP from the ledger in the same
    transaction."""
    _require_admin(principal)
    rules.validate(curve, weights)
    now = rt.now()
    async with rt.engine.begin() as conn:
        await repo.put_settings(
            conn,
            principal.org_id,
            {
                "base": curve.base,
                "exponent": curve.exponent,
                "max_level": curve.max_level,
                "thresholds": list(curve.thresholds),
                "per_point": weights.per_point,
                "activity_xp": dict(weights.activity_xp),
                "bonus_xp": dict(weights.bonus_xp),
                "updated_by_user_id": principal.user_id,
                "updated_at": now,
            },
        )
        await rebuild(rt, principal.org_id, conn)
        return await _config(conn, principal.org_id)
