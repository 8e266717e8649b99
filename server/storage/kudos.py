"""Kudos rows, the org's kudos settings, and the giver lock that makes limits exact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.storage.ledger import _insert
from server.storage.models import User
from server.storage.models_social import Kudos, KudosSettings

K = Kudos.__table__
S = KudosSettings.__table__
U = User.__table__


async def lock_user(conn: AsyncConnection, org_id: int, user_id: int) -> Row | None:
    """Lock a user's row for the rest of the transaction (PostgreSQL `FOR NO KEY UPDATE`, which
    still lets ledger inserts reference the row); SQLite transactions are already serialised
    by `BEGIN IMMEDIATE`. Per-user limits (kudos allowance, spendable points) are then checked
    and written by one transaction at a time. Returns (id, active, display_name) or None."""
    q = (select(U.c.id, U.c.active, U.c.display_name).where(U.c.org_id == org_id, U.c.id == user_id)
         .with_for_update(key_share=True))
    return (await conn.execute(q)).one_or_none()


async def get_settings(conn: AsyncConnection, org_id: int) -> Row | None:
    return (await conn.execute(select(S).where(S.c.org_id == org_id))).one_or_none()


async def save_settings(conn: AsyncConnection, org_id: int, values: dict, now: datetime) -> None:
    stmt = _insert(conn, S).values(org_id=org_id, updated_at=now, **values)
    await conn.execute(stmt.on_conflict_do_update(index_elements=["org_id"], set_={**values, "updated_at": now}))


async def given_since(conn: AsyncConnection, org_id: int, giver_id: int, since: datetime) -> list[tuple[int, datetime]]:
    """(recipient, given at) of a giver's kudos since `since` (index on org, giver, time)."""
    q = (select(K.c.to_user_id, K.c.created_at)
         .where(K.c.org_id == org_id, K.c.from_user_id == giver_id, K.c.created_at > since))
    return [(r.to_user_id, r.created_at) for r in (await conn.execute(q)).all()]


async def points_given(conn: AsyncConnection, org_id: int, giver_id: int, start: datetime, end: datetime) -> int:
    q = (select(func.coalesce(func.sum(K.c.points), 0))
         .where(K.c.org_id == org_id, K.c.from_user_id == giver_id, K.c.created_at >= start, K.c.created_at < end))
    return int(await conn.scalar(q) or 0)


async def insert(conn: AsyncConnection, row: dict) -> Row:
    return (await conn.execute(_insert(conn, K).values(**row).returning(*K.c))).one()


async def set_ledger_entry(conn: AsyncConnection, kudos_id: int, entry_id: int) -> Row:
    stmt = update(K).where(K.c.id == kudos_id).values(ledger_entry_id=entry_id).returning(*K.c)
    return (await conn.execute(stmt)).one()


async def list_for(conn: AsyncConnection, org_id: int, *, to_user_id: int | None, from_user_id: int | None,
                   before_id: int | None, limit: int) -> Sequence[Row]:
    q = select(K).where(K.c.org_id == org_id).order_by(K.c.id.desc()).limit(limit)
    if to_user_id is not None:
        q = q.where(K.c.to_user_id == to_user_id)
    if from_user_id is not None:
        q = q.where(K.c.from_user_id == from_user_id)
    if before_id is not None:
        q = q.where(K.c.id < before_id)
    return (await conn.execute(q)).all()
