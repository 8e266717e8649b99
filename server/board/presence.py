"""Who is connected to the game servers, per org: each process writes its own counts into
one hash (field = process id) every few seconds; readers sum the fresh ones."""

from __future__ import annotations

import json
from collections import Counter

from redis.asyncio import Redis

from server.board import keys
from server.core.clock import wall_time

STALE_S = 20.0


def key(org_id: int) -> str:
    return f"{keys.tag(org_id)}:presence"


async def write(redis: Redis, org_id: int, process_id: str, counts: Counter[str]) -> None:
    async with redis.pipeline(transaction=True) as pipe:
        pipe.hset(key(org_id), process_id, json.dumps({"ts": wall_time(), **counts}))
        pipe.expire(key(org_id), int(STALE_S * 3))
        await pipe.execute()


async def read(redis: Redis, org_id: int) -> dict[str, int]:
    """Connected clients by role, summed over live game-server processes."""
    now = wall_time()
    totals: Counter[str] = Counter()
    for value in (await redis.hgetall(key(org_id))).values():
        data = json.loads(value)
        if now - data.pop("ts", 0) <= STALE_S:
            totals.update(data)
    return dict(totals)
