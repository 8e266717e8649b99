"""The org's recognition feed: durable items in SQL, live frames on the `feed` channel.

Features add `events.FeedItem`s to the batch of the transaction that causes them; this
feature's sink (`sink`, registered in `feature.py`) writes them in that transaction and
publishes the rows that were written once it commits. Frames on the realtime channel carry
`{"type": "event", "channel": "feed", "data": {"kind", "id", "user_id", "display_name",
"team_id", "actor_user_id", "at", ...item data}}`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import msgspec
from redis.exceptions import RedisError
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.board.channels import channel_bus
from server.board.live import iso
from server.board.store import Profile, board_store
from server.core.events import ActivityBatch, AfterCommit, FeedItem
from server.core.runtime import Runtime
from server.social import store_feed as feed_repo

log = logging.getLogger("reprally.feed")
_encode = msgspec.json.Encoder().encode

async def write(conn: AsyncConnection, org_id: int, items: list[FeedItem], now: datetime) -> list[Row[Any]]:
    if not items:
        return []
    return await feed_repo.add(conn, org_id, [
        {"kind": i.kind, "user_id": i.user_id, "actor_user_id": i.actor_user_id, "ref": i.ref, "data": i.data}
        for i in items], now)


def item_data(row: Row[Any], profile: Profile | None = None) -> dict[str, Any]:
    return {"kind": row.kind, "id": row.id, "user_id": row.user_id,
            "display_name": profile.display_name if profile else None,
            "team_id": profile.team_id if profile else None,
            "actor_user_id": row.actor_user_id,
            "at": iso(row.created_at),  # server.board.live.iso is not typed yet
            **(row.data or {})}


async def publish(rt: Runtime, org_id: int, rows: list[Row[Any]]) -> None:
    """Push written items to the realtime feed; a Redis failure never fails the caller."""
    if not rows or not rt.redis_usable:
        return
    try:
        profiles = await board_store(rt).profiles(org_id, list({r.user_id for r in rows if r.user_id is not None}))
        frames = [("feed", _encode({"type": "event", "channel": "feed",
                                    "data": item_data(r, profiles.get(r.user_id))})) for r in rows]
        await channel_bus(rt).publish_many(org_id, frames)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)


async def sink(rt: Runtime, conn: AsyncConnection, org_id: int, items: list[FeedItem],
               now: datetime) -> AfterCommit | None:
    """The feed sink of the activity path: write now, publish after the commit."""
    rows = await write(conn, org_id, items, now)
    if not rows:
        return None

    async def publish_rows() -> None:
        await publish(rt, org_id, rows)

    return publish_rows


async def wins_to_feed(rt: Runtime, conn: AsyncConnection, batch: ActivityBatch) -> None:
    """Activity hook: a won deal (any activity whose type scores value) goes on the org's feed."""
    for a in batch.activities:
        if a.valued:
            batch.feed.append(FeedItem(
                "win", a.user_id, {"activity_id": a.activity_id, "activity_type": a.type_key, "value": a.value,
                                   "points": a.points}, actor_user_id=batch.actor_user_id,
                ref=f"activity:{a.activity_id}"))
