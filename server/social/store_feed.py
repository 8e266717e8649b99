"""Feed items: written once per (org, kind, ref), read newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypedDict

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from server.core.db import table_of
from server.ledger.store import _insert
from server.social.models import FeedItem

F = table_of(FeedItem)


class NewFeedItem(TypedDict):
    kind: str
    user_id: int | None
    actor_user_id: int | None
    ref: str | None
    data: dict[str, Any]


async def add(conn: AsyncConnection, org_id: int, items: list[NewFeedItem], now: datetime) -> list[Row[Any]]:
    """Insert items (kind, user_id, actor_user_id, ref, data); those whose ref exists are skipped.
    Returns the rows actually written."""
    rows = [{"org_id": org_id, "created_at": now, **it} for it in items]
    if not rows:
        return []
    stmt = (_insert(conn, F).on_conflict_do_nothing(index_elements=["org_id", "kind", "ref"])
            .returning(*F.c))
    return sorted((await conn.execute(stmt, rows)).all(), key=lambda r: r.id)


async def page(conn: AsyncConnection, org_id: int, before_id: int | None, limit: int,
               kinds: Sequence[str] | None = None) -> Sequence[Row[Any]]:
    q = select(F).where(F.c.org_id == org_id).order_by(F.c.id.desc()).limit(limit)
    if before_id is not None:
        q = q.where(F.c.id < before_id)
    if kinds:
        q = q.where(F.c.kind.in_(list(kinds)))
    return (await conn.execute(q)).all()
