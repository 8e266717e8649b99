"""One game-server process: local subscriptions, Redis pub/sub fan-out, the coalescing
leaderboard writer, and presence.

Fan-out: a process SUBSCRIBEs once per channel that has local listeners (and once per org
to the org's `changes` topic) and copies each frame to its sockets' bounded queues.

Leaderboard channels are written by one process at a time, the holder of the channel's
lease in Redis. When `apply.lua` announces that boards moved, the holder recomputes the
channel's view at most `MIN_INTERVAL_S` apart (bursts coalesce), diffs it against the last
published view and publishes the changed entries as one `delta` (publish.lua: offset,
history, pub/sub, atomically). Any process can take the lease over when the holder stops
renewing it, and starts from the last published view kept in Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from redis.exceptions import RedisError

from realtime import protocol
from realtime.views import board_view, contest_view, diff
from server.board import keys, presence
from server.board.channels import ChannelBus, org_changes, pubsub_name
from server.domain.channels import Channel
from server.domain.errors import DomainError
from server.storage import ledger as ledger_repo

log = logging.getLogger("reprally.realtime")

MIN_INTERVAL_S = 0.1  # at most ~10 frames a second per leaderboard channel
WRITER_TICK_S = 0.02
PERIOD_CHECK_S = 1.0
LEASE_MS = 3000
PRESENCE_EVERY_S = 5.0
FEED_SNAPSHOT = 20
#: Channels whose frames one lease holder computes from Redis views (the others are published to).
WRITTEN = ("lb", "contest")

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


@dataclass(eq=False)
class Subscription:
    ready: bool = False
    buffer: list[bytes] = field(default_factory=list)


@dataclass(eq=False)
class LocalChannel:
    org_id: int
    channel: Channel
    conns: set = field(default_factory=set)
    dirty: bool = False
    holding: bool = False
    last_publish: float = 0.0
    last_period_check: float = 0.0
    last_lease_try: float = 0.0
    view: list | None = None
    period: dict | None = None
    period_end: float | None = None  # epoch seconds


class Hub:
    def __init__(self, rt) -> None:
        self.rt = rt
        self.bus = ChannelBus(rt.redis)
        self.process_id = secrets.token_hex(6)
        self.channels: dict[str, LocalChannel] = {}  # by pub/sub name
        self.org_refs: Counter[int] = Counter()
        self.conns_by_org: dict[int, set] = defaultdict(set)
        self.pubsub = rt.redis.pubsub()
        self._lease = rt.redis.register_script(_LEASE)
        self._release = rt.redis.register_script(_RELEASE)
        self._tasks: list[asyncio.Task] = []

    async def start(self) -> None:
        await self.pubsub.subscribe(f"{keys.PREFIX}:rt:{self.process_id}")  # keeps the pub/sub connection open
        for coro in (self._read_pubsub(), self._write_loop(), self._presence_loop()):
            self._tasks.append(asyncio.create_task(coro))

    async def stop(self) -> None:
        for t in self._tasks:
            t.cancel()
        for t in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t
        with contextlib.suppress(RedisError, OSError):
            for org_id in list(self.conns_by_org):
                await self.rt.redis.hdel(presence.key(org_id), self.process_id)
            await self.pubsub.aclose()

    # -- subscriptions ---------------------------------------------------------------------
    async def subscribe(self, conn, ch: Channel, since: protocol.Since | None) -> None:
        name = pubsub_name(conn.org_id, ch.name)
        lc = self.channels.get(name)
        if lc is None:
            lc = self.channels[name] = LocalChannel(conn.org_id, ch)
            await self.pubsub.subscribe(name)
            if ch.kind in WRITTEN:
                if self.org_refs[conn.org_id] == 0:
                    await self.pubsub.subscribe(org_changes(conn.org_id))
                self.org_refs[conn.org_id] += 1
        sub = Subscription()
        conn.subscriptions[ch.name] = sub
        lc.conns.add(conn)
        try:
            position = await self.bus.ensure(conn.org_id, ch.name)  # read before the state (no gap)
            frames = None
            if since is not None:
                frames = await self.bus.since(conn.org_id, ch.name, since.epoch, since.offset)
                if frames is not None and len(frames) >= conn.queue.maxsize - conn.queue.qsize():
                    frames = None  # the replay would overflow the send queue (4008): a snapshot instead
            if frames is not None:
                for f in frames:
                    conn.send(f)
                last = since.offset + len(frames)
                conn.send(protocol.encode({"type": "subscribed", "channel": ch.name, "recovered": True,
                                           "epoch": position.epoch, "offset": last}))
            else:
                last = position.offset
                conn.send(await self._snapshot(conn, ch, position, recovered=False if since else None))
        except BaseException:
            await self.unsubscribe(conn, ch.name)
            raise
        for f in sub.buffer:
            if protocol.decode_stamp(f).offset > last:
                conn.send(f)
        sub.buffer.clear()
        sub.ready = True
        if ch.kind in WRITTEN:
            lc.dirty = True  # make sure somebody is writing this channel

    async def _snapshot(self, conn, ch: Channel, position, recovered: bool | None) -> bytes:
        frame: dict = {"type": "snapshot", "channel": ch.name, "epoch": position.epoch,
                       "offset": position.offset}
        if recovered is not None:
            frame["recovered"] = recovered
        if ch.kind == "lb":
            frame["period"], frame["entries"] = await board_view(self.rt, conn.org_id, ch)
        elif ch.kind == "contest":
            frame["contest"], frame["entries"] = await contest_view(self.rt, conn.org_id, ch.contest_id)
        elif ch.kind == "user":
            frame["data"] = await self._user_summary(conn.org_id, ch.owner_id)
        elif ch.kind == "feed":
            recent = await self.bus.recent(conn.org_id, ch.name, FEED_SNAPSHOT)
            frame["items"] = [json.loads(f).get("data") for f in recent]
        return protocol.encode(frame)

    async def _user_summary(self, org_id: int, user_id: int) -> dict:
        from server.services.leaderboards import my_ranks

        async with self.rt.engine.connect() as c:
            balance = await ledger_repo.balance(c, org_id, user_id)
        ranks = await my_ranks(self.rt, org_id, user_id)

        def rank(page):
            if page is None:
                return None
            mine = next((e for e in page.entries if e.user_id == user_id), None)
            return {"rank": mine.rank, "score": mine.score} if mine else {"rank": page.total + 1, "score": 0}

        return {"points_balance": balance, "rank_today": rank(ranks["day"]), "rank_this_week": rank(ranks["week"])}

    async def unsubscribe(self, conn, channel_name: str) -> bool:
        if conn.subscriptions.pop(channel_name, None) is None:
            return False
        name = pubsub_name(conn.org_id, channel_name)
        lc = self.channels.get(name)
        if lc is None:
            return True
        lc.conns.discard(conn)
        if not lc.conns:
            del self.channels[name]
            with contextlib.suppress(RedisError, OSError):
                await self.pubsub.unsubscribe(name)
                if lc.channel.kind in WRITTEN:
                    self.org_refs[lc.org_id] -= 1
                    if self.org_refs[lc.org_id] <= 0:
                        del self.org_refs[lc.org_id]
                        await self.pubsub.unsubscribe(org_changes(lc.org_id))
                if lc.holding:  # only if still ours: the lease may have moved on while we were idle
                    await self._release(keys=[self._lease_key(lc)], args=[self.process_id])
        return True

    def attach(self, conn) -> None:
        self.conns_by_org[conn.org_id].add(conn)

    async def detach(self, conn) -> None:
        for channel_name in list(conn.subscriptions):
            await self.unsubscribe(conn, channel_name)
        conns = self.conns_by_org.get(conn.org_id)
        if conns is not None:
            conns.discard(conn)

    # -- fan-out -----------------------------------------------------------------------------
    async def _read_pubsub(self) -> None:
        while True:
            try:
                msg = await self.pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            except (RedisError, OSError) as exc:
                log.warning("pub/sub connection lost (%s); reconnecting", exc)
                await asyncio.sleep(0.5)
                continue
            if msg is None or msg["type"] != "message":
                continue
            topic = msg["channel"].decode()
            if topic.endswith(":changes"):
                self._boards_moved(msg["data"].decode())
                continue
            lc = self.channels.get(topic)
            if lc is None:
                continue
            frame = msg["data"]
            for conn in list(lc.conns):
                sub = conn.subscriptions.get(lc.channel.name)
                if sub is None:
                    continue
                if sub.ready:
                    conn.send(frame)
                else:
                    sub.buffer.append(frame)

    def _boards_moved(self, payload: str) -> None:
        moved, contests = set(), set()
        for key in payload.split():  # rr:{o<org>}:lb:<metric>:<window>:<period> or rr:{o<org>}:ct:<id>
            prefix, _, rest = key.partition(":lb:")
            parts = rest.split(":")
            if len(parts) == 3:
                moved.add((prefix, parts[0], parts[1]))
            prefix, sep, rest = key.partition(":ct:")
            if sep and rest.isdigit():
                contests.add((prefix, int(rest)))
        for lc in self.channels.values():
            ch = lc.channel
            if ch.kind == "lb" and (keys.tag(lc.org_id), ch.metric, ch.window) in moved:
                lc.dirty = True
            elif ch.kind == "contest" and (keys.tag(lc.org_id), ch.contest_id) in contests:
                lc.dirty = True

    # -- the coalescing writer ------------------------------------------------------------------
    def _lease_key(self, lc: LocalChannel) -> str:
        return f"{pubsub_name(lc.org_id, lc.channel.name)}:lease"

    async def _write_loop(self) -> None:
        while True:
            await asyncio.sleep(WRITER_TICK_S)
            now = time.monotonic()
            due = []
            for lc in list(self.channels.values()):
                if lc.channel.kind not in WRITTEN:
                    continue
                if now - lc.last_period_check >= PERIOD_CHECK_S:
                    lc.last_period_check = now
                    if lc.holding and lc.period_end is not None and time.time() >= lc.period_end:
                        lc.dirty = True  # the period is over: the refresh announces the new one
                    elif not lc.holding and now - lc.last_lease_try >= LEASE_MS / 1000:
                        lc.dirty = True  # make sure some process writes this channel
                if lc.dirty and now - lc.last_publish >= MIN_INTERVAL_S:
                    lc.dirty = False
                    due.append(lc)
            if due:
                await asyncio.gather(*(self._refresh(lc) for lc in due))

    async def _refresh(self, lc: LocalChannel) -> None:
        try:
            lc.last_lease_try = time.monotonic()
            held = bool(await self._lease(keys=[self._lease_key(lc)], args=[self.process_id, LEASE_MS]))
            if not held:
                lc.holding = False
                return
            if not lc.holding:  # start from what the previous holder published
                lc.holding = True
                stored = await self.bus.last_view(lc.org_id, lc.channel.name)
                if stored:
                    saved = json.loads(stored)
                    lc.period, lc.view = saved.get("period") or saved.get("contest"), saved["entries"]
            if lc.channel.kind == "contest":
                await self._refresh_contest(lc)
                return
            period, entries = await board_view(self.rt, lc.org_id, lc.channel)
            old = lc.view or []
            name = lc.channel.name
            if lc.period is not None and lc.period["id"] != period["id"]:
                # Stored with the frame: a writer taking over later must not announce it again.
                await self.bus.publish(lc.org_id, name, protocol.encode(
                    {"type": "period", "channel": name, "previous": lc.period, "period": period}),
                    protocol.encode({"period": period, "entries": []}))
                old = []
            changed, removed = diff(old, entries)
            lc.period, lc.view = period, entries
            lc.period_end = datetime.fromisoformat(period["end"]).timestamp() if period["end"] else None
            if changed or removed:
                frame = {"type": "delta", "channel": name, "period": period, "entries": changed,
                         "removed": removed}
                await self.bus.publish(lc.org_id, name, protocol.encode(frame),
                                       protocol.encode({"period": period, "entries": entries}))
                lc.last_publish = time.monotonic()
        except (RedisError, OSError) as exc:
            self.rt.redis_failed(exc)
            lc.dirty = True
        except DomainError as exc:  # e.g. the metric was deleted: nothing to show
            log.info("channel %s: %s", lc.channel.name, exc.message)
        except Exception:
            log.exception("refreshing %s failed", lc.channel.name)

    async def _refresh_contest(self, lc: LocalChannel) -> None:
        """A contest channel: publish the standings that changed, and the contest's state when it moves."""
        info, entries = await contest_view(self.rt, lc.org_id, lc.channel.contest_id)
        changed, removed = diff(lc.view or [], entries)
        if changed or removed or info != lc.period:
            name = lc.channel.name
            await self.bus.publish(lc.org_id, name, protocol.encode(
                {"type": "delta", "channel": name, "contest": info, "entries": changed, "removed": removed}),
                protocol.encode({"contest": info, "entries": entries}))
            lc.last_publish = time.monotonic()
        lc.period, lc.view = info, entries

    # -- presence ---------------------------------------------------------------------------------
    async def _presence_loop(self) -> None:
        while True:
            try:
                for org_id, conns in list(self.conns_by_org.items()):
                    if conns:
                        await presence.write(self.rt.redis, org_id, self.process_id, Counter(c.role for c in conns))
                    else:
                        await self.rt.redis.hdel(presence.key(org_id), self.process_id)
                        del self.conns_by_org[org_id]
            except (RedisError, OSError) as exc:
                self.rt.redis_failed(exc)
            await asyncio.sleep(PRESENCE_EVERY_S)

