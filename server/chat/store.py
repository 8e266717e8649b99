"""SQL of chat posting: channels and the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.chat.models import ChatChannel, ChatOutbox
from server.core.db import table_of
from server.core.sql import outbox
from server.ledger.store import _insert

C = table_of(ChatChannel)
O = table_of(ChatOutbox)  # noqa: E741 - the outbox, as in the notifications' store


# -- channels -------------------------------------------------------------------------------------
async def create_channel(conn: AsyncConnection, values: dict[str, Any]) -> Row[Any]:
    return (await conn.execute(C.insert().values(**values).returning(*C.c))).one()


async def get_channel(conn: AsyncConnection, org_id: int, channel_id: int, *,
                      for_update: bool = False) -> Row[Any] | None:
    stmt = select(C).where(C.c.org_id == org_id, C.c.id == channel_id)
    if for_update and conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return (await conn.execute(stmt)).first()


async def list_channels(conn: AsyncConnection, org_id: int) -> Sequence[Row[Any]]:
    return (await conn.execute(select(C).where(C.c.org_id == org_id).order_by(C.c.id))).all()


async def channels_by_id(conn: AsyncConnection, ids: list[int]) -> dict[int, Row[Any]]:
    return {r.id: r for r in (await conn.execute(select(C).where(C.c.id.in_(ids)))).all()}


async def change_channel(conn: AsyncConnection, org_id: int, channel_id: int,
                         values: dict[str, Any]) -> Row[Any] | None:
    stmt = update(C).where(C.c.org_id == org_id, C.c.id == channel_id).values(**values).returning(*C.c)
    return (await conn.execute(stmt)).first()


async def remove_channel(conn: AsyncConnection, org_id: int, channel_id: int) -> None:
    await conn.execute(delete(O).where(O.c.channel_id == channel_id, O.c.org_id == org_id))
    await conn.execute(delete(C).where(C.c.org_id == org_id, C.c.id == channel_id))


async def routes(conn: AsyncConnection, org_id: int) -> Sequence[Row[Any, Any, Any]]:
    """The org's channels that take new messages: active and not broken."""
    stmt = (select(C.c.id, C.c.topics, C.c.badge_tiers)
            .where(C.c.org_id == org_id, C.c.active.is_(True), C.c.status == "ok").order_by(C.c.id))
    return (await conn.execute(stmt)).all()


async def set_status(conn: AsyncConnection, channel_id: int, values: dict[str, Any]) -> None:
    await conn.execute(update(C).where(C.c.id == channel_id).values(**values))


async def counts(conn: AsyncConnection, org_id: int, channel_ids: list[int]) -> dict[int, dict[str, int]]:
    """channel id -> outbox state -> rows."""
    stmt = (select(O.c.channel_id, O.c.state, func.count()).where(O.c.org_id == org_id, O.c.channel_id.in_(channel_ids))
            .group_by(O.c.channel_id, O.c.state))
    out: dict[int, dict[str, int]] = {c: {} for c in channel_ids}
    for channel_id, state, n in (await conn.execute(stmt)).all():
        out[channel_id][state] = n
    return out


# -- the outbox -----------------------------------------------------------------------------------
async def enqueue(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    """Insert messages; one per (channel, event key): a repeat is skipped."""
    if rows:
        await conn.execute(_insert(conn, O).on_conflict_do_nothing(index_elements=["channel_id", "event_key"]), rows)


async def claim(conn: AsyncConnection, owner: str, now: datetime, lease_until: datetime,
                limit: int) -> list[Row[Any]]:
    """Take up to `limit` due rows for `owner` until `lease_until` (`core.sql.outbox`)."""
    return await outbox.claim(conn, O, owner, now, lease_until, limit)


async def sent_times(conn: AsyncConnection, channel_id: int, since: datetime) -> list[datetime]:
    stmt = select(O.c.sent_at).where(O.c.channel_id == channel_id, O.c.sent_at > since, O.c.state == "sent")
    return [r.sent_at for r in (await conn.execute(stmt)).all()]


async def finish(conn: AsyncConnection, owner: str, row_id: int, values: dict[str, Any]) -> None:
    """Record a claimed row's outcome (only while `owner` still holds it) and release it."""
    await conn.execute(update(O).where(O.c.id == row_id, O.c.lease_owner == owner)
                       .values(lease_owner=None, lease_until=None, **values))


async def drop_pending(conn: AsyncConnection, channel_id: int, reason: str) -> int:
    stmt = (update(O).where(O.c.channel_id == channel_id, O.c.state == "pending")
            .values(state="dropped", last_error=reason, lease_owner=None, lease_until=None))
    return (await conn.execute(stmt)).rowcount or 0


async def outbox_of(conn: AsyncConnection, org_id: int, channel_id: int, limit: int) -> Sequence[Row[Any]]:
    stmt = (select(O).where(O.c.org_id == org_id, O.c.channel_id == channel_id)
            .order_by(O.c.id.desc()).limit(limit))
    return (await conn.execute(stmt)).all()
