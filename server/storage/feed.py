"""Feed items: written once per (org, kind, ref), read newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from server.storage.ledger import _insert
from server.storage.models import FeedItem

F = FeedItem.__table__


async def add(conn: AsyncConnection, org_id: int, items: list[dict], now: datetime) -> list[Row]:
    """Insert items (kind, user_id, actor_user_id, ref, data); those whose ref exists are skipped.
    Returns the rows actually written."""
    rows = [{"org_id": org_id, "created_at": now, **it} for it in items]
    if not rows:
        return []
    stmt = (_insert(conn, F).on_conflict_do_nothing(index_elements=["org_id", "kind", "ref"])
            .returning(*F.c))
    return sorted((await conn.execute(stmt, rows)).all(), key=lambda r: r.id)


async def page(conn: AsyncConnection, org_id: int, before_id: int | None, limit: int,
               kinds: Sequence[str] | None = None) -> Sequence[Row]:
    q = select(F).where(F.c.org_id == org_id).order_by(F.c.id.desc()).limit(limit)
    if before_id is not None:
        q = q.where(F.c.id < before_id)
    if kinds:
        q = q.where(F.c.kind.in_(list(kinds)))
    return (await conn.execute(q)).all()
