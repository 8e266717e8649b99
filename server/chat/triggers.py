"""Where chat messages come from: the activity path's sinks and hooks (registered in `feature.py`).

Each turns what a feature produced into `Event`s and writes one outbox row per event and channel
that posts its topic, in the caller's transaction (so a message exists if and only if its cause
committed). Nothing here talks to Slack or Teams: the worker does (`sender.py`). An org without
channels costs a cached lookup.

| source | kind | topic |
|---|---|---|
| feed item | win | deals_won |
| feed item | badge | badges (of the channel's tiers) |
| feed item | level_up | level_ups |
| feed item | contest_result | contest_results |
| achievement | kudos_received | kudos |
| notice | contest_starting (one per participant; posted once) | contest_launches |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from server.chat import service, store
from server.core.events import AfterCommit, EventBatch, FeedItem, Notice
from server.core.runtime import Runtime

FEED_TOPICS = {"win": "deals_won", "badge": "badges", "level_up": "level_ups", "contest_result": "contest_results"}


@dataclass(frozen=True, slots=True)
class Event:
    topic: str
    key: str  # one message per (channel, key)
    data: dict[str, Any]


def posts(route: service.Route, e: Event) -> bool:
    if e.topic not in route.topics:
        return False
    return e.topic != "badges" or not route.badge_tiers or str(e.data.get("tier")) in route.badge_tiers


async def enqueue(rt: Runtime, conn: AsyncConnection, org_id: int, found: list[Event], now: datetime) -> None:
    if not found:
        return
    routes = await service.routes(rt, conn, org_id)
    await store.enqueue(conn, [
        {"org_id": org_id, "channel_id": r.channel_id, "event_key": e.key[:200], "topic": e.topic, "data": e.data,
         "state": "pending", "attempts": 0, "created_at": now, "due_at": now}
        for e in found for r in routes if posts(r, e)])


def from_feed(item: FeedItem) -> Event | None:
    topic = FEED_TOPICS.get(item.kind)
    if topic is None or item.ref is None:
        return None
    return Event(topic, f"{item.kind}:{item.ref}", {**item.data, "user_id": item.user_id})


async def feed_sink(rt: Runtime, conn: AsyncConnection, org_id: int, items: list[FeedItem],
                    now: datetime) -> AfterCommit | None:
    await enqueue(rt, conn, org_id, [e for e in map(from_feed, items) if e is not None], now)
    return None


async def notice_sink(rt: Runtime, conn: AsyncConnection, org_id: int, notices: list[Notice]) -> None:
    launched = {n.data["contest_id"]: n.title for n in notices
                if n.kind == "contest_starting" and isinstance(n.data.get("contest_id"), int)}
    await enqueue(rt, conn, org_id, [Event("contest_launches", f"contest_start:{cid}",
                                           {"contest_id": cid, "title": title})
                                     for cid, title in launched.items()], rt.now())


async def kudos(rt: Runtime, conn: AsyncConnection, batch: EventBatch) -> None:
    """Achievement hook: kudos received."""
    await enqueue(rt, conn, batch.org_id, [Event("kudos", e.ref, {**e.data, "user_id": e.user_id})
                                           for e in batch.events if e.kind == "kudos_received" and e.ref],
                  batch.now)
