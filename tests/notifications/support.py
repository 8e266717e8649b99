"""Helpers for the notification tests: notices raised the way features raise them (through
`effects.emit`), outbox inspection, and the game server for realtime checks."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from sqlalchemy import select, update
from websockets.asyncio.client import connect

from server.accounts.directory import org_info
from server.core import events
from server.ledger import effects
from server.notifications.models import Notification, PushOutbox
from tests.conftest import Api, unique

O = PushOutbox.__table__  # noqa: E741
N = Notification.__table__


async def emit(rt, org_id: int, *notices: events.Notice, actor_user_id: int | None = None) -> None:
    """Raise notices in a transaction, as the kudos/badges/contests features do."""
    await org_info(rt, org_id)  # warm the cache: on SQLite a read on another connection inside the write would wait
    async with rt.engine.begin() as conn:
        done = await effects.emit(rt, conn, org_id, [], actor_user_id=actor_user_id, notices=list(notices))
    await effects.finish(rt, org_id, done)


def notice(user_id: int, kind: str = "kudos", **fields) -> events.Notice:
    key = fields.pop("dedupe_key", unique(f"{kind}:"))
    return events.Notice(user_id, kind, fields.pop("title", f"{kind} title"), fields.pop("body", f"{kind} body"),
                        dedupe_key=key, **fields)


async def device(api: Api, platform: str = "android") -> str:
    token = unique("tok-") + "-" + "x" * 20
    await api.ok("post", "/devices", {"token": token, "platform": platform}, status=201)
    return token


async def outbox(rt, user_id: int) -> list:
    async with rt.engine.connect() as conn:
        return (await conn.execute(select(O, N.c.title, N.c.body, N.c.collapse_key, N.c.dedupe_key)
                                   .join(N, N.c.id == O.c.id).where(O.c.user_id == user_id)
                                   .order_by(O.c.id))).all()


async def make_due(rt, user_id: int, at: datetime | None = None) -> None:
    """Fast-forward: the user's pending rows are due now (as if their backoff had passed)."""
    async with rt.engine.begin() as conn:
        await conn.execute(update(O).where(O.c.user_id == user_id, O.c.state == "pending")
                           .values(due_at=at or datetime.now(UTC)))


async def age(rt, user_id: int, created_at: datetime) -> None:
    async with rt.engine.begin() as conn:
        await conn.execute(update(O).where(O.c.user_id == user_id).values(created_at=created_at))




async def subscribe(url: str, token: str, channel: str):
    ws = await connect(url)
    await ws.send(json.dumps({"op": "auth", "token": token}))
    assert json.loads(await ws.recv())["type"] == "auth_ok"
    await ws.send(json.dumps({"op": "subscribe", "channel": channel}))
    while json.loads(await ws.recv())["type"] not in ("snapshot", "subscribed"):
        pass
    return ws


async def next_event(ws, kind: str, wait_s: float = 5.0) -> dict:
    async with asyncio.timeout(wait_s):
        while True:
            frame = json.loads(await ws.recv())
            if frame.get("type") == "event" and frame["data"].get("kind") == kind:
                return frame
