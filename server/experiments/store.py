"""SQL of hold-out experiments: the experiments of an org and their sticky assignments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.core.db import table_of
from server.experiments.models import Experiment, ExperimentAssignment

E = table_of(Experiment)
A = table_of(ExperimentAssignment)
#: The advisory lock class of "one experiment at a time" (PostgreSQL; SQLite has one writer).
LOCK = 0x45585054


async def lock_org(conn: AsyncConnection, org_id: int) -> None:
    """Until the transaction ends, no other transaction checks or adds the org's experiments."""
    if conn.dialect.name == "postgresql":
        await conn.execute(text("SELECT pg_advisory_xact_lock(:k, CAST(:o AS INTEGER))"), {"k": LOCK, "o": org_id})


async def add(conn: AsyncConnection, values: dict[str, Any]) -> int:
    return int((await conn.execute(insert(E).values(**values).returning(E.c.id))).scalar_one())


async def add_assignments(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    if rows:
        await conn.execute(insert(A), rows)


async def get(conn: AsyncConnection, org_id: int, experiment_id: int) -> Row[Any] | None:
    return (await conn.execute(select(E).where(E.c.org_id == org_id, E.c.id == experiment_id))).first()


async def all_of(conn: AsyncConnection, org_id: int, limit: int) -> Sequence[Row[Any]]:
    q = select(E).where(E.c.org_id == org_id).order_by(E.c.id.desc()).limit(limit)
    return (await conn.execute(q)).all()


async def overlapping(conn: AsyncConnection, org_id: int, start: date, end: date) -> Row[Any, Any] | None:
    """An experiment of the org not stopped whose run shares a day with `start`..`end`."""
    q = select(E.c.id, E.c.name).where(
        E.c.org_id == org_id, E.c.stopped_at.is_(None), E.c.start <= end, E.c.end >= start
    )
    return (await conn.execute(q.limit(1))).first()


async def stop(conn: AsyncConnection, org_id: int, experiment_id: int, now: datetime) -> bool:
    res = await conn.execute(
        update(E)
        .where(E.c.org_id == org_id, E.c.id == experiment_id, E.c.stopped_at.is_(None))
        .values(stopped_at=now)
    )
    return bool(res.rowcount)


async def assignments(conn: AsyncConnection, experiment_id: int) -> Sequence[Row[Any]]:
    q = select(A).where(A.c.experiment_id == experiment_id).order_by(A.c.arm, A.c.unit_id, A.c.user_id)
    return (await conn.execute(q)).all()


async def not_over(conn: AsyncConnection, org_id: int, since: date) -> Sequence[Row[Any, Any, Any, Any, Any]]:
    """(user_id, arm, arms, start, end) of every rep in an experiment of the org that is not
    stopped and runs on `since` or later."""
    q = (
        select(A.c.user_id, A.c.arm, E.c.arms, E.c.start, E.c.end)
        .join(E, E.c.id == A.c.experiment_id)
        .where(E.c.org_id == org_id, E.c.stopped_at.is_(None), E.c.end >= since)
    )
    return (await conn.execute(q)).all()
