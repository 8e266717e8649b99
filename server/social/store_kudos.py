"""Kudos rows, the org's kudos settings, and the giver lock that makes limits exact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypedDict

from sqlalchemy import Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.models import User
from server.core.db import table_of
from server.ledger.store import _insert
from server.social.models import Kudos, KudosSettings

K = table_of(Kudos)
S = table_of(KudosSettings)
U = table_of(User)


class SettingsValues(TypedDict):
    """The columns of an org's kudos settings row besides its key and time."""

    values: list[str]
    monthly_allowance: int
    max_points: int
    per_hour: int
    per_day: int
    per_pair_day: int


class NewKudos(TypedDict):
    org_id: int
    from_user_id: int
    to_user_id: int
    message: str
    value_tag: str | None
    points: int
    created_at: datetime


async def get_settings(conn: AsyncConnection, org_id: int) -> Row[Any] | None:
    return (await conn.execute(select(S).where(S.c.org_id == org_id))).one_or_none()


async def save_settings(conn: AsyncConnection, org_id: int, values: SettingsValues, now: datetime) -> None:
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


async def insert(conn: AsyncConnection, row: NewKudos) -> Row[Any]:
    return (await conn.execute(_insert(conn, K).values(**row).returning(*K.c))).one()


async def set_ledger_entry(conn: AsyncConnection, kudos_id: int, entry_id: int) -> Row[Any]:
    stmt = update(K).where(K.c.id == kudos_id).values(ledger_entry_id=entry_id).returning(*K.c)
    return (await conn.execute(stmt)).one()


async def list_for(conn: AsyncConnection, org_id: int, *, to_user_id: int | None, from_user_id: int | None,
                   before_id: int | None, limit: int) -> Sequence[Row[Any]]:
    q = select(K).where(K.c.org_id == org_id).order_by(K.c.id.desc()).limit(limit)
    if to_user_id is not None:
        q = q.where(K.c.to_user_id == to_user_id)
    if from_user_id is not None:
        q = q.where(K.c.from_user_id == from_user_id)
    if before_id is not None:
        q = q.where(K.c.id < before_id)
    return (await conn.execute(q)).all()
