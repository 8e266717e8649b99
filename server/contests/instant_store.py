"""SQL of instant wins: the programs with their budgets, and the wins granted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.contests.models import InstantWin, InstantWinProgram
from server.core.db import table_of

G = table_of(InstantWinProgram)
I = table_of(InstantWin)  # noqa: E741 - the table's letter, as elsewhere


async def create(conn: AsyncConnection, row: dict[str, Any]) -> Row[Any]:
    new_id = (await conn.execute(insert(G).returning(G.c.id), row)).scalar_one()
    found = await get(conn, row["org_id"], new_id)
    assert found is not None
    return found


async def get(conn: AsyncConnection, org_id: int, program_id: int) -> Row[Any] | None:
    return (await conn.execute(select(G).where(G.c.org_id == org_id, G.c.id == program_id))).first()


async def list_for(conn: AsyncConnection, org_id: int) -> Sequence[Row[Any]]:
    return (await conn.execute(select(G).where(G.c.org_id == org_id).order_by(G.c.id))).all()


async def set_active(conn: AsyncConnection, org_id: int, program_id: int, active: bool) -> None:
    await conn.execute(update(G).where(G.c.org_id == org_id, G.c.id == program_id).values(active=active))


async def open_programs(conn: AsyncConnection, org_id: int) -> Sequence[Row[Any]]:
    """The org's active programs with budget left (read without a lock: `claim` decides)."""
    q = select(G).where(G.c.org_id == org_id, G.c.active.is_(True), G.c.granted < G.c.budget).order_by(G.c.id)
    return (await conn.execute(q)).all()


async def claim(conn: AsyncConnection, program_id: int) -> bool:
    """Take one prize from the budget: one conditional UPDATE, so concurrent winners queue on the
    row and the condition is checked again against the committed count; never past the budget."""
    res = await conn.execute(
        update(G)
        .where(G.c.id == program_id, G.c.active.is_(True), G.c.granted < G.c.budget)
        .values(granted=G.c.granted + 1)
    )
    return bool(res.rowcount)


async def add_win(conn: AsyncConnection, row: dict[str, Any]) -> None:
    await conn.execute(insert(I), row)


async def wins_of(conn: AsyncConnection, org_id: int, program_id: int) -> Sequence[Row[Any]]:
    return (
        await conn.execute(
            select(I).where(I.c.org_id == org_id, I.c.program_id == program_id).order_by(I.c.id)
        )
    ).all()
