"""SQL of levels: the org's settings, the reps' XP (one upsert per batch on the activity path)
and the ledger sums a rebuild reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from server.core.db import table_of
from server.core.sql import bulk
from server.ledger.models import ActivityType, LedgerEntry
from server.levels.models import LevelSettings, RepLevel

S = table_of(LevelSettings)
R = table_of(RepLevel)
#: Rows of chosen columns (SQLAlchemy 2.1 types a row by its columns).
AnyRows = Sequence[Row[*tuple[Any, ...]]]
L = table_of(LedgerEntry)
T = table_of(ActivityType)


def _insert(conn: AsyncConnection, table: Table) -> postgresql.Insert | sqlite.Insert:
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


async def settings(conn: AsyncConnection, org_id: int) -> Row[Any] | None:
    return (await conn.execute(select(S).where(S.c.org_id == org_id))).first()


async def put_settings(conn: AsyncConnection, org_id: int, values: dict[str, Any]) -> None:
    stmt = _insert(conn, S).values(org_id=org_id, version=1, **values)
    await conn.execute(
        stmt.on_conflict_do_update(index_elements=["org_id"], set_={**values, "version": S.c.version + 1})
    )


_ADD_TAIL = "ON CONFLICT (org_id, user_id) DO UPDATE SET xp = rep_levels.xp + EXCLUDED.xp, updated_at = EXCLUDED.updated_at"


async def add_xp(conn: AsyncConnection, org_id: int, deltas: dict[int, int], now: datetime) -> Sequence[Any]:
    """Add each rep's XP delta (one statement, reps in id order); returns rows of (user_id, xp,
    announced_level)."""
    rows = [
        {"org_id": org_id, "user_id": uid, "xp": d, "announced_level": 1, "updated_at": now}
        for uid, d in sorted(deltas.items())
    ]
    if conn.dialect.name == "postgresql":  # one prepared statement over a JSON document (`core.sql.bulk`)
        return await bulk.insert(conn, R, rows, tail=_ADD_TAIL, returning="user_id, xp, announced_level")
    stmt = _insert(conn, R).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=["org_id", "user_id"],
        set_={"xp": R.c.xp + stmt.excluded.xp, "updated_at": stmt.excluded.updated_at},
    )
    return (await conn.execute(stmt.returning(R.c.user_id, R.c.xp, R.c.announced_level))).all()


async def announce(conn: AsyncConnection, org_id: int, user_id: int, level: int) -> bool:
    """Raise the announced level (never lowers it); False if another transaction announced it first."""
    res = await conn.execute(
        update(R)
        .where(R.c.org_id == org_id, R.c.user_id == user_id, R.c.announced_level < level)
        .values(announced_level=level)
    )
    return bool(res.rowcount)


async def get(conn: AsyncConnection, org_id: int, user_id: int) -> Row[Any] | None:
    return (await conn.execute(select(R).where(R.c.org_id == org_id, R.c.user_id == user_id))).first()


async def all_of(conn: AsyncConnection, org_id: int) -> AnyRows:
    return (
        await conn.execute(
            select(R.c.user_id, R.c.xp, R.c.announced_level).where(R.c.org_id == org_id).order_by(R.c.user_id)
        )
    ).all()


async def ledger_sums(conn: AsyncConnection, org_id: int) -> AnyRows:
    """The org's ledger summed per rep, kind and activity type: (user_id, kind, type_key, points, units)."""
    q = (
        select(
            L.c.user_id,
            L.c.kind,
            T.c.key.label("type_key"),
            func.sum(L.c.points).label("points"),
            func.sum(L.c.units).label("units"),
        )
        .select_from(L.outerjoin(T, T.c.id == L.c.type_id))
        .where(L.c.org_id == org_id)
        .group_by(L.c.user_id, L.c.kind, T.c.key)
    )
    return (await conn.execute(q)).all()


async def replace_all(conn: AsyncConnection, org_id: int, xp: dict[int, int], now: datetime) -> None:
    """Set every rep's XP to what the ledger says (reps without ledger rows: their row goes)."""
    await conn.execute(delete(R).where(R.c.org_id == org_id, R.c.user_id.not_in(list(xp) or [0])))
    if not xp:
        return
    rows = [
        {"org_id": org_id, "user_id": uid, "xp": v, "announced_level": 1, "updated_at": now}
        for uid, v in sorted(xp.items())
    ]
    for i in range(0, len(rows), 1000):
        stmt = _insert(conn, R).values(rows[i : i + 1000])
        await conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["org_id", "user_id"], set_={"xp": stmt.excluded.xp, "updated_at": now}
            )
        )
