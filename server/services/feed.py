"""The org's recognition feed: durable items in SQL, live frames on the `feed` channel.

Features add `hooks.FeedItem`s to the transaction that causes them (`write`), then publish
the rows that were written once it commits (`publish`). Frames on the realtime channel carry
`{"type": "event", "channel": "feed", "data": {"kind", "id", "user_id", "display_name",
"team_id", "actor_user_id", "at", ...item data}}`.
"""

from __future__ import annotations

import logging
from datetime import datetime

import msgspec
from redis.exceptions import RedisError

from server.services.hooks import FeedItem
from server.services.live import iso
from server.storage import feed as feed_repo

log = logging.getLogger("reprally.feed")
_encode = msgspec.json.Encoder().encode



async def write(conn, org_id: int, items: list[FeedItem], now: datetime) -> list:
    if not items:
        return []
    return await feed_repo.add(conn, org_id, [
        {"kind": i.kind, "user_id": i.user_id, "actor_user_id": i.actor_user_id, "ref": i.ref, "data": i.data}
        for i in items], now)


def item_data(row, profile=None) -> dict:
    return {"kind": row.kind, "id": row.id, "user_id": row.user_id,
            "display_name": profile.display_name if profile else None,
            "team_id": profile.team_id if profile else None,
            "actor_user_id": row.actor_user_id, "at": iso(row.created_at), **(row.data or {})}


async def publish(rt, org_id: int, rows: list) -> None:
    """Push written items to the realtime feed; a Redis failure never fails the caller."""
    if not rows or not rt.redis_usable:
        return
    try:
        profiles = await rt.boards.profiles(org_id, list({r.user_id for r in rows if r.user_id is not None}))
        frames = [("feed", _encode({"type": "event", "channel": "feed",
                                    "data": item_data(r, profiles.get(r.user_id))})) for r in rows]
        await rt.bus.publish_many(org_id, frames)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
