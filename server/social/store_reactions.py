"""Reactions on feed items, and the names a feed page shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import case, delete, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.models import User
from server.core.db import table_of
from server.ledger.store import _insert
from server.social.models import FeedItem, FeedReaction

F = table_of(FeedItem)
R = table_of(FeedReaction)
U = table_of(User)


async def item_exists(conn: AsyncConnection, org_id: int, item_id: int) -> bool:
    return await conn.scalar(select(F.c.id).where(F.c.org_id == org_id, F.c.id == item_id)) is not None


async def add(conn: AsyncConnection, org_id: int, item_id: int, user_id: int, emoji: str, now: datetime) -> bool:
    """Add a reaction; False when this user already reacted with this emoji."""
    stmt = (_insert(conn, R).values(feed_item_id=item_id, user_id=user_id, emoji=emoji, org_id=org_id,
                                    created_at=now)
            .on_conflict_do_nothing(index_elements=["feed_item_id", "user_id", "emoji"]))
    return (await conn.execute(stmt)).rowcount == 1


async def remove(conn: AsyncConnection, org_id: int, item_id: int, user_id: int, emoji: str) -> bool:
    stmt = delete(R).where(R.c.org_id == org_id, R.c.feed_item_id == item_id, R.c.user_id == user_id,
                           R.c.emoji == emoji)
    return (await conn.execute(stmt)).rowcount == 1


async def counts(conn: AsyncConnection, item_ids: Iterable[int],
                 me: int | None) -> dict[int, dict[str, tuple[int, bool]]]:
    """item id -> emoji -> (count, whether `me` reacted)."""
    ids = list(item_ids)
    if not ids:
        return {}
    mine = func.sum(case((R.c.user_id == me, 1), else_=0)) if me is not None else func.sum(0)
    q = (select(R.c.feed_item_id, R.c.emoji, func.count(), mine)
         .where(R.c.feed_item_id.in_(ids)).group_by(R.c.feed_item_id, R.c.emoji))
    out: dict[int, dict[str, tuple[int, bool]]] = {}
    for item_id, emoji, n, m in (await conn.execute(q)).all():
        out.setdefault(item_id, {})[emoji] = (int(n), bool(m))
    return out


async def names(conn: AsyncConnection, org_id: int, user_ids: Iterable[int]) -> dict[int, tuple[str, int | None]]:
    """user id -> (display name, team id), for the people a page of the feed mentions."""
    ids = list(set(user_ids))
    if not ids:
        return {}
    q = select(U.c.id, U.c.display_name, U.c.team_id).where(U.c.org_id == org_id, U.c.id.in_(ids))
    return {r.id: (r.display_name, r.team_id) for r in (await conn.execute(q)).all()}
