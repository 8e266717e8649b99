"""Helpers for the kudos, feed and rewards tests: they shape requests and read results
through the HTTP API (and, for published frames, the realtime channel's history)."""

from __future__ import annotations

import json
from contextlib import contextmanager

from server.board.channels import channel_bus
from server.features import registry
from tests.conftest import Api
from tests.support.api import type_key


async def kudos(giver: Api, to: Api | int, message: str = "Great call!", status: int = 201, **fields) -> dict:
    to_id = to if isinstance(to, int) else to.user_id
    return await giver.ok("post", "/kudos", {"to_user_id": to_id, "message": message, **fields}, status=status)


async def settings(admin: Api, **changes) -> dict:
    return await admin.ok("patch", "/kudos/settings", changes)


async def feed(api: Api, **params) -> dict:
    return await api.ok("get", "/feed", **params)


async def wallet(api: Api) -> dict:
    return await api.ok("get", "/me/wallet")


async def reward(admin: Api, cost: int = 100, stock: int | None = None, name: str = "Gift card", **fields) -> dict:
    return await admin.ok("post", "/rewards", {"name": name, "cost": cost, "stock": stock, **fields}, status=201)


async def earn(admin: Api, rep: Api, points: int) -> dict:
    """Give a rep exactly `points` through an activity of a fresh type worth that much."""
    key = await type_key(admin, "earn", points=points)
    return await admin.log(key, user_id=rep.user_id)


async def feed_frames(rt, org_id: int, count: int = 50) -> list[dict]:
    """The data of the newest frames on the org's realtime feed channel, oldest first."""
    return [json.loads(f)["data"] for f in await channel_bus(rt).recent(org_id, "feed", count)]


@contextmanager
def captured(kind: str):
    """Record what the seams receive while the block runs: notices given to the sinks
    (kind "notices") or achievements seen by the achievement hooks (kind "achievements")."""
    got: list = []

    async def sink(rt, conn, org_id, notices):
        got.extend(notices)

    async def hook(rt, conn, batch):
        got.extend(batch.events)

    hooks, fn = (registry().notice_sinks, sink) if kind == "notices" else (registry().achievement_hooks, hook)
    hooks.append(fn)
    try:
        yield got
    finally:
        hooks.remove(fn)
