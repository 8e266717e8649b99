"""Claiming an outbox's due rows under a lease, shared by every outbox (push, chat).

An outbox table has `id`, `state`, `due_at`, `lease_owner` and `lease_until`: a row is due when it
is pending, its time has come and nobody's lease on it is live. A sender claims a batch for
itself until its lease ends; on PostgreSQL concurrent senders skip each other's locked rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Table, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection


def due(table: Table, now: datetime) -> ColumnElement[bool]:
    c = table.c
    return and_(c.state == "pending", c.due_at <= now, or_(c.lease_until.is_(None), c.lease_until < now))


async def claim(conn: AsyncConnection, table: Table, owner: str, now: datetime, lease_until: datetime,
                limit: int) -> list[Row[Any]]:
    """Take up to `limit` due rows for `owner` until `lease_until`; returns them in id order."""
    pick = select(table.c.id).where(due(table, now)).order_by(table.c.due_at, table.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    stmt = (update(table).where(table.c.id.in_(pick.scalar_subquery()), due(table, now))
            .values(lease_owner=owner, lease_until=lease_until).returning(*table.c))
    return sorted((await conn.execute(stmt)).all(), key=lambda r: r.id)
