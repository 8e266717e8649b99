"""Instant wins ("dice"): an activity may win an instant prize with a configured probability,
from an org budget that is never exceeded.

Each qualifying activity rolls once per open program (`random.SystemRandom`), unless an
experiment's arm withholds instant wins from its rep (`Registry.withheld`); a winning roll takes one prize from the budget with a conditional UPDATE in the activity's transaction
(`instant_store.claim`): on PostgreSQL concurrent winners queue on the program's row and each
re-checks `granted < budget` against the committed count; SQLite runs one writer at a time.
So 50 winning rolls against a budget of 7 grant exactly 7, and a rolled-back activity gives its
prize back with it. A win pays its points through the ledger (kind `instant_win`, cause the
program), tells the rep (notice, frame) and goes on the feed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.contests import instant_store as repo
from server.core import events, text
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import DomainError, Forbidden, NotFound
from server.core.runtime import Part, Runtime
from server.ledger.types import types_of

_rng = random.SystemRandom()
#: How long a process trusts its list of an org's open programs. Safe to be stale: a claim checks
#: `active` and the budget again in SQL; a new program starts rolling in other processes this late.
PROGRAMS_TTL_S = 5.0


@dataclass(frozen=True, slots=True)
class Program:
    id: int
    name: str
    type_id: int | None
    probability: float
    prize_points: int
    prize_name: str | None


_PROGRAMS: Part[TTLCache[int, tuple[Program, ...]]] = Part(
    "contests.instant_programs", lambda rt: TTLCache(PROGRAMS_TTL_S, 10_000)
)


async def open_programs(rt: Runtime, conn: AsyncConnection, org_id: int) -> tuple[Program, ...]:
    """The org's active programs with budget left, as this process last read them."""
    cache = rt.part(_PROGRAMS)
    found = cache.get(org_id)
    if found is None:
        found = tuple(
            Program(p.id, p.name, p.type_id, p.probability, p.prize_points, p.prize_name)
            for p in await repo.open_programs(conn, org_id)
        )
        cache.put(org_id, found)
    return found


def roll(probability: float) -> bool:
    return probability >= 1.0 or _rng.random() < probability


async def on_activities(rt: Runtime, conn: AsyncConnection, batch: events.ActivityBatch) -> None:
    programs = await open_programs(rt, conn, batch.org_id)
    if not programs:
        return
    withheld: dict[date, frozenset[int]] = {}  # experiments' arms, by the activity's org-local day
    for a in batch.activities:
        if a.day not in withheld:
            withheld[a.day] = await rt.registry.withheld(rt, conn, batch.org_id, "instant_wins", a.day)
        if a.user_id in withheld[a.day]:
            continue
        for p in programs:
            if p.type_id is not None and p.type_id != a.type_id:
                continue
            if not roll(p.probability) or not await repo.claim(conn, p.id):
                continue
            await repo.add_win(
                conn,
                {
                    "program_id": p.id,
                    "org_id": batch.org_id,
                    "user_id": a.user_id,
                    "activity_id": a.activity_id,
                    "points": p.prize_points,
                    "prize_name": p.prize_name,
                    "created_at": batch.now,
                },
            )
            if p.prize_points:
                batch.add_entry(
                    user_id=a.user_id,
                    kind="instant_win",
                    points=p.prize_points,
                    occurred_at=a.occurred_at,
                    cause=events.Cause("instant_win", p.id),
                    activity_id=a.activity_id,
                )
            prize = " + ".join(
                x for x in (text.points(p.prize_points) if p.prize_points else "", p.prize_name or "") if x
            )
            data = {
                "program_id": p.id,
                "name": p.name,
                "activity_id": a.activity_id,
                "points": p.prize_points,
                "prize_name": p.prize_name,
            }
            batch.notices.append(
                events.Notice(
                    a.user_id,
                    "instant_win",
                    f"Instant win: {p.name}",
                    f"Your {a.type_key} won {prize}!",
                    data,
                    dedupe_key=f"instant_win:{p.id}:{a.activity_id}",
                )
            )
            batch.feed.append(
                events.FeedItem("instant_win", a.user_id, data, ref=f"instant_win:{p.id}:{a.activity_id}")
            )
            batch.frames.append((a.user_id, {"kind": "instant_win", **data}))


# -- the admin API ----------------------------------------------------------------------------


def _require_admin(principal: Principal) -> int:
    if principal.role != "admin" or principal.user_id is None:
        raise Forbidden("forbidden", "only admins run instant wins")
    return principal.user_id


async def create(rt: Runtime, principal: Principal, spec: dict[str, Any]) -> Row[Any]:
    admin_id = _require_admin(principal)
    type_id = None
    if spec.get("activity_type"):
        t = (await types_of(rt, principal.org_id)).get(spec["activity_type"])
        if t is None:
            raise NotFound("unknown_activity_type", f"no activity type '{spec['activity_type']}'")
        type_id = t.id
    if not spec.get("prize_points") and not spec.get("prize_name"):
        raise DomainError("invalid_prize", "an instant win pays points, names a prize, or both")
    rt.part(_PROGRAMS).drop(principal.org_id)
    async with rt.engine.begin() as conn:
        return await repo.create(
            conn,
            {
                "org_id": principal.org_id,
                "name": spec["name"],
                "type_id": type_id,
                "probability": spec["probability"],
                "prize_points": spec.get("prize_points") or 0,
                "prize_name": spec.get("prize_name"),
                "budget": spec["budget"],
                "granted": 0,
                "active": True,
                "created_by_user_id": admin_id,
                "created_at": rt.now(),
            },
        )


async def list_programs(rt: Runtime, principal: Principal) -> Sequence[Row[Any]]:
    if principal.role not in ("manager", "admin"):
        raise Forbidden("forbidden", "managers and admins only")
    async with rt.engine.connect() as conn:
        return await repo.list_for(conn, principal.org_id)


async def set_active(rt: Runtime, principal: Principal, program_id: int, active: bool) -> Row[Any]:
    _require_admin(principal)
    async with rt.engine.begin() as conn:
        if await repo.get(conn, principal.org_id, program_id) is None:
            raise NotFound("instant_win_not_found", f"instant win program {program_id} not found")
        await repo.set_active(conn, principal.org_id, program_id, active)
        rt.part(_PROGRAMS).drop(principal.org_id)
        found = await repo.get(conn, principal.org_id, program_id)
        assert found is not None
        return found


async def type_keys(rt: Runtime, org_id: int) -> dict[int, str]:
    return {t.id: key for key, t in (await types_of(rt, org_id)).items()}
