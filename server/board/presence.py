"""Who is connected to the game servers, per org: each process writes its own counts into
one hash (field = process id) every few seconds; readers sum the fresh ones."""

from __future__ import annotations

import json
import time
from collections import Counter

from server.board import keys

STALE_S = 20.0


def key(org_id: int) -> str:
    return f"{keys.tag(org_id)}:presence"


async def write(redis, org_id: int, process_id: str, counts: Counter) -> None:
    async with redis.pipeline(transaction=True) as pipe:
        pipe.hset(key(org_id), process_id, json.dumps({"ts": time.time(), **counts}))
        pipe.expire(key(org_id), int(STALE_S * 3))
        await pipe.execute()


async def read(redis, org_id: int) -> dict[str, int]:
    """Connected clients by role, summed over live game-server processes."""
    now = time.time()
    totals: Counter[str] = Counter()
    for value in (await redis.hgetall(key(org_id))).values():
        data = json.loads(value)
        if now - data.pop("ts", 0) <= STALE_S:
            totals.update(data)
    return dict(totals)
