"""SQL of fantasy leagues: leagues, teams and picks, the draft's conditional advance, and the
ledger sums that score a week."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.board.rules import WALLET_KINDS
from server.core.db import table_of
from server.fantasy.models import FantasyLeague, FantasyPick, FantasyTeam
from server.ledger.models import LedgerEntry

LG = table_of(FantasyLeague)
TM = table_of(FantasyTeam)
PK = table_of(FantasyPick)
L = table_of(LedgerEntry)
#: Ledger kinds whose units are an activity's (every other kind only moves points).
ACTIVITY_KINDS = ("activity", "reversal")


async def add_league(conn: AsyncConnection, values: dict[str, Any], teams: list[dict[str, Any]]) -> int:
    league_id = int((await conn.execute(LG.insert().values(**values).returning(LG.c.id))).scalar_one())
    await conn.execute(TM.insert(), [{**t, "league_id": league_id, "org_id": values["org_id"]} for t in teams])
    return league_id


async def league(conn: AsyncConnection, org_id: int, league_id: int, *, lock: bool = False) -> Row[Any] | None:
    q = select(LG).where(LG.c.org_id == org_id, LG.c.id == league_id)
    if lock and conn.dialect.name == "postgresql":
        q = q.with_for_update()
    return (await conn.execute(q)).first()


async def leagues(conn: AsyncConnection, org_id: int) -> Sequence[Row[Any]]:
    return (await conn.execute(select(LG).where(LG.c.org_id == org_id).order_by(LG.c.id.desc()))).all()


async def overdue(conn: AsyncConnection, now: datetime, limit: int = 100) -> Sequence[Row[*tuple[Any, ...]]]:
    """(org_id, id) of the drafts whose clock ran out."""
    return (await conn.execute(
        select(LG.c.org_id, LG.c.id).where(LG.c.state == "drafting", LG.c.pick_deadline <= now)
        .order_by(LG.c.pick_deadline).limit(limit))).all()


async def teams(conn: AsyncConnection, league_id: int) -> Sequence[Row[Any]]:
    return (await conn.execute(select(TM).where(TM.c.league_id == league_id).order_by(TM.c.position))).all()


async def picks(conn: AsyncConnection, league_id: int) -> Sequence[Row[Any]]:
    return (await conn.execute(select(PK).where(PK.c.league_id == league_id).order_by(PK.c.pick_no))).all()


async def start(conn: AsyncConnection, league_id: int, deadline: datetime) -> bool:
    res = await conn.execute(update(LG).where(LG.c.id == league_id, LG.c.state == "setup")
                             .values(state="drafting", current_pick=0, pick_deadline=deadline))
    return bool(res.rowcount)


async def add_pick(conn: AsyncConnection, values: dict[str, Any]) -> None:
    await conn.execute(PK.insert().values(**values))


async def advance(conn: AsyncConnection, league_id: int, pick_no: int, deadline: datetime | None,
                  done: bool) -> bool:
    """Move the clock to the next pick, only from `pick_no` (a concurrent pick moved it first: False)."""
    res = await conn.execute(
        update(LG).where(LG.c.id == league_id, LG.c.state == "drafting", LG.c.current_pick == pick_no)
        .values(current_pick=pick_no + 1, pick_deadline=None if done else deadline,
                state="season" if done else "drafting"))
    return bool(res.rowcount)


async def metric_sums(conn: AsyncConnection, org_id: int, user_ids: Sequence[int], type_id: int | None,
                      start: datetime, end: datetime) -> dict[int, int]:
    """Each rep's metric over [start, end): the points their activities and bonuses earned
    (spending excluded), or with `type_id` the units of that activity type."""
    if not user_ids:
        return {}
    where: list[ColumnElement[bool]]
    if type_id is None:
        measure = func.coalesce(func.sum(L.c.points), 0)
        where = [L.c.kind.not_in(WALLET_KINDS)]
    else:
        measure = func.coalesce(func.sum(L.c.units), 0)
        where = [L.c.kind.in_(ACTIVITY_KINDS), L.c.type_id == type_id]
    rows = await conn.execute(
        select(L.c.user_id, measure).where(L.c.org_id == org_id, L.c.user_id.in_(list(user_ids)),
                                           L.c.occurred_at >= start, L.c.occurred_at < end, *where)
        .group_by(L.c.user_id))
    return {int(u): int(v) for u, v in rows.all()}
