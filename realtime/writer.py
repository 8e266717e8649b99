"""The coalescing writer of leaderboard and contest channels.

One process at a time writes a channel: the holder of its lease in Redis (`LEASE_MS`,
renewed by every refresh). A refresh recomputes the channel's view, diffs it against the
last published view and publishes the change as one `delta` (publish.lua: offset, history,
pub/sub and the stored view, atomically).

Scheduling (per channel, on the event loop's clock):

* When boards move and the channel has been quiet for `MIN_INTERVAL_S`, the refresh starts
  at once (leading edge).
* Changes during or shortly after a refresh set `dirty`; one trailing refresh is scheduled
  with `loop.call_at` exactly `MIN_INTERVAL_S` after the previous refresh *started*. So a
  busy channel refreshes every `MIN_INTERVAL_S`, never more often, and a change waits at
  most that long.
* The holder renews the lease on a refresh only when it last did so `LEASE_RENEW_S` (1 s) ago,
  so a busy channel's refresh is two round trips (page.lua, publish.lua), not three, and the
  lease always has 2 s left. If the lease vanished anyway (Redis flushed), a second writer can
  publish for at most that second; offsets stay contiguous (publish.lua is atomic) and both
  writers' deltas bring clients to the same board.
* A process that does not hold the lease ignores board changes: it tries the lease only
  from the housekeeping loop, every `LEASE_RETRY_S`, and takes over from the view the
  previous holder stored in Redis. The holder's housekeeping renews its lease on quiet
  boards and notices when a period ends.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from datetime import datetime

from redis.exceptions import RedisError

from realtime import protocol
from realtime.channel import LocalChannel
from realtime.views import board_view, contest_view, delta_entries, diff
from server.board.channels import ChannelBus, pubsub_name
from server.core.errors import DomainError
from server.core.runtime import Runtime

log = logging.getLogger("reprally.realtime")

MIN_INTERVAL_S = 0.05  # between two refreshes of a channel: at most 20 deltas a second
HOUSEKEEPING_S = 1.0
LEASE_MS = 3000
LEASE_RETRY_S = LEASE_MS / 2000  # non-holders try the lease this often; holders renew at least this often
LEASE_RENEW_S = LEASE_MS / 3000  # a holder renews on a refresh only when its last renewal is this old
REDIS_RETRY_S = 1.0  # after a Redis error, wait this long before refreshing the channel again

_LEASE = """
local v = redis.call('GET', KEYS[1])
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def lease_key(lc: LocalChannel) -> str:
    return f"{pubsub_name(lc.org_id, lc.channel.name)}:lease"


class Writer:
    def __init__(self, rt: Runtime, bus: ChannelBus, process_id: str) -> None:
        self.rt = rt
        self.bus = bus
        self.process_id = process_id
        self._lease = rt.redis.register_script(_LEASE)
        self._release = rt.redis.register_script(_RELEASE)
        self._tasks: set[asyncio.Task[None]] = set()
        self.refreshes = 0  # counters for tests and benchmarks
        self.lease_tries = 0

    # -- scheduling ---------------------------------------------------------------------------
    def changed(self, lc: LocalChannel) -> None:
        """Boards behind `lc` moved (or it needs a writer): refresh soon, coalescing bursts."""
        lc.dirty = True
        self._schedule(lc)

    def _schedule(self, lc: LocalChannel) -> None:
        if not lc.dirty or lc.timer is not None or lc.refreshing or lc.closed:
            return
        loop = asyncio.get_running_loop()
        now = loop.time()
        if lc.holding:
            due = lc.last_refresh + MIN_INTERVAL_S
        elif now - lc.last_lease_try >= LEASE_RETRY_S:
            due = now  # not ours (yet): try the lease, at most every LEASE_RETRY_S
        else:
            return  # the holder writes it; housekeeping tries again later
        if due <= now:
            self._start(lc)
        else:
            lc.timer = loop.call_at(due, self._start, lc)

    def _start(self, lc: LocalChannel) -> None:
        lc.timer = None
        if lc.closed or lc.refreshing:
            return
        task = asyncio.get_running_loop().create_task(self._run(lc))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, lc: LocalChannel) -> None:
        lc.refreshing = True
        lc.dirty = False
        lc.last_refresh = asyncio.get_running_loop().time()
        try:
            await self._refresh(lc)
        finally:
            lc.refreshing = False
            self._schedule(lc)

    def housekeeping(self, channels: Iterable[LocalChannel]) -> None:
        """Every HOUSEKEEPING_S: renew or try leases, and notice periods that ended."""
        now = asyncio.get_running_loop().time()
        wall = self.rt.now().timestamp()  # periods end on the runtime's clock
        for lc in channels:
            if lc.holding and lc.period_end is not None and wall >= lc.period_end:
                self.changed(lc)  # the period is over: the refresh announces the new one
            elif now - lc.last_lease_try >= LEASE_RETRY_S:
                self.changed(lc)

    def forget(self, lc: LocalChannel) -> None:
        """`lc` lost its last local listener."""
        lc.closed = True
        if lc.timer is not None:
            lc.timer.cancel()
            lc.timer = None

    async def release(self, lc: LocalChannel) -> None:
        if lc.holding:  # only if still ours: the lease may have moved on while we were idle
            await self._release(keys=[lease_key(lc)], args=[self.process_id])

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # -- one refresh ----------------------------------------------------------------------------
    async def _refresh(self, lc: LocalChannel) -> None:
        loop = asyncio.get_running_loop()
        try:
            now = loop.time()
            if not lc.holding or now - lc.last_lease_try >= LEASE_RENEW_S:
                lc.last_lease_try = now
                self.lease_tries += 1
                if not await self._lease(keys=[lease_key(lc)], args=[self.process_id, LEASE_MS]):
                    lc.holding = False
                    return
            self.refreshes += 1
            if not lc.holding:  # start from what the previous holder published
                lc.holding = True
                stored = await self.bus.last_view(lc.org_id, lc.channel.name)
                if stored:
                    saved = json.loads(stored)
                    lc.period, lc.view = saved.get("period") or saved.get("contest"), saved["entries"]
            if lc.channel.contest_id is not None:  # contest:<id>
                await self._refresh_contest(lc, lc.channel.contest_id)
            else:
                await self._refresh_board(lc)
        except (RedisError, OSError) as exc:
            self.rt.redis_failed(exc)
            lc.dirty = True
            lc.last_refresh = loop.time() + REDIS_RETRY_S - MIN_INTERVAL_S  # back off, then try again
        except DomainError as exc:  # e.g. the metric was deleted: nothing to show
            log.info("channel %s: %s", lc.channel.name, exc.message)
        except Exception:
            log.exception("refreshing %s failed", lc.channel.name)

    async def _refresh_board(self, lc: LocalChannel) -> None:
        period, entries = await board_view(self.rt, lc.org_id, lc.channel)
        old = lc.view or []
        name = lc.channel.name
        if lc.period is not None and lc.period["id"] != period["id"]:
            # Stored with the frame: a writer taking over later must not announce it again.
            await self.bus.publish(lc.org_id, name, protocol.encode(
                {"type": "period", "channel": name, "previous": lc.period, "period": period}),
                protocol.encode({"period": period, "entries": []}))
            old = []
        changed, removed = delta_entries(old, entries)
        lc.period, lc.view = period, entries
        lc.period_end = datetime.fromisoformat(period["end"]).timestamp() if period["end"] else None
        if changed or removed:
            frame = {"type": "delta", "channel": name, "entries": changed, "removed": removed}
            await self.bus.publish(lc.org_id, name, protocol.encode(frame),
                                   protocol.encode({"period": period, "entries": entries}))

    async def _refresh_contest(self, lc: LocalChannel, contest_id: int) -> None:
        """A contest channel: publish the standings that changed, and the contest's state when it moves."""
        info, entries = await contest_view(self.rt, lc.org_id, contest_id)
        changed, removed = diff(lc.view or [], entries)
        if changed or removed or info != lc.period:
            name = lc.channel.name
            await self.bus.publish(lc.org_id, name, protocol.encode(
                {"type": "delta", "channel": name, "contest": info, "entries": changed, "removed": removed}),
                protocol.encode({"contest": info, "entries": entries}))
        lc.period, lc.view = info, entries
