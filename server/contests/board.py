"""Live contest standings in Redis sorted sets: a view of the SQL ledger, rebuildable any time.

Per contest one sorted set per slot (`t` = the whole window, `r<k>` = round k of a bracket),
member = user id, score = the rep's metric total in that slot. Rows are applied by a Lua
script with a per-row marker (exactly once); a rebuild swaps in totals recomputed from SQL
in one MULTI and marks the recent rows it already counted, so a live apply racing with it
cannot count a row twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from redis.asyncio import Redis

from server.board import keys
from server.board.channels import org_changes
from server.core.clock import wall_time

MARKER_TTL_S = 24 * 3600


class ContestMetaMissing(Exception):
    """The contest's standings are gone from Redis (flush, new Redis): rebuild them from SQL."""


@dataclass(frozen=True, slots=True)
class ContestRow:
    """One ledger row on its way to a contest's standings."""

    marker: str  # e<entry id> for an activity, r<activity id> for its reversal
    user_id: int
    delta: int
    slots: tuple[str, ...]


_MARK = """
for _, k in ipairs(KEYS) do redis.call('SET', k, '1', 'EX', ARGV[1]) end
return #KEYS
"""
MARK_CHUNK = 1000


class ContestStore:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self._apply = redis.register_script(
            resources.files("server.board").joinpath("lua/contest_apply.lua").read_text())
        self._mark = redis.register_script(_MARK)

    async def apply(self, org_id: int, contest_id: int, rows: list[ContestRow]) -> list[bool]:
        slot_index: dict[str, int] = {}
        args: list[int] = []
        for r in rows:
            idx = []
            for s in r.slots:
                key = keys.contest_slot(org_id, contest_id, s)
                if key not in slot_index:
                    slot_index[key] = len(slot_index) + 1
                idx.append(slot_index[key])
            args += [r.user_id, r.delta, len(idx), *idx]
        ks = ([keys.contest_meta(org_id, contest_id)]
              + [keys.contest_applied(org_id, contest_id, r.marker) for r in rows] + list(slot_index))
        result = await self._apply(keys=ks, args=[len(rows), MARKER_TTL_S, org_changes(org_id),
                                                  keys.contest(org_id, contest_id), *args])
        if result == -1:
            raise ContestMetaMissing(contest_id)
        return [bool(x) for x in result]

    async def totals(self, org_id: int, contest_id: int, slots: list[str]) -> dict[str, dict[int, int]] | None:
        """Every member's total per slot, or None when the standings must be rebuilt."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.exists(keys.contest_meta(org_id, contest_id))
            for s in slots:
                pipe.zrange(keys.contest_slot(org_id, contest_id, s), 0, -1, withscores=True)
            exists, *sets = await pipe.execute()
        if not exists:
            return None
        return {s: {int(m): int(v) for m, v in members} for s, members in zip(slots, sets, strict=True)}

    async def built_at(self, org_id: int, contest_id: int) -> float | None:
        raw = await self.redis.hget(keys.contest_meta(org_id, contest_id), "built_at")
        return float(raw) if raw else None

    async def lock(self, org_id: int, contest_id: int) -> bool:
        return bool(await self.redis.set(keys.contest_lock(org_id, contest_id), "1", nx=True, ex=120))

    async def unlock(self, org_id: int, contest_id: int) -> None:
        await self.redis.delete(keys.contest_lock(org_id, contest_id))

    async def drop_meta(self, org_id: int, contest_id: int) -> None:
        """Start of a rebuild: applies now wait for it (they fail until `replace` sets the meta again)."""
        await self.redis.delete(keys.contest_meta(org_id, contest_id))

    async def replace(self, org_id: int, contest_id: int, totals: dict[str, dict[int, int]],
                      markers: list[str], ttl_s: int | None = None) -> None:
        """Mark the rows the rebuilt standings hold (a late apply of one of them is then a no-op), then
        swap the standings in with one MULTI."""
        for i in range(0, len(markers), MARK_CHUNK):
            await self._mark(keys=[keys.contest_applied(org_id, contest_id, m) for m in markers[i:i + MARK_CHUNK]],
                             args=[MARKER_TTL_S])
        old = [k async for k in self.redis.scan_iter(match=keys.contest_pattern(org_id, contest_id), count=500)]
        async with self.redis.pipeline(transaction=True) as pipe:
            if old:
                pipe.unlink(*old)
            for slot, members in totals.items():
                scores = {str(u): v for u, v in members.items() if v}
                if scores:
                    key = keys.contest_slot(org_id, contest_id, slot)
                    pipe.zadd(key, scores)
                    if ttl_s:
                        pipe.expire(key, ttl_s)
            meta = keys.contest_meta(org_id, contest_id)
            pipe.hset(meta, mapping={"built_at": wall_time()})
            if ttl_s:
                pipe.expire(meta, ttl_s)
            pipe.publish(org_changes(org_id), keys.contest(org_id, contest_id))
            await pipe.execute()

    async def drop(self, org_id: int, contest_id: int) -> None:
        old = [k async for k in self.redis.scan_iter(match=keys.contest_pattern(org_id, contest_id), count=500)]
        await self.redis.delete(keys.contest_meta(org_id, contest_id), *old)
