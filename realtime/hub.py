"""One game-server process: local subscriptions, Redis pub/sub fan-out, and presence.

A process SUBSCRIBEs once per channel that has local listeners (and once per org to the
org's `changes` topic) and hands each frame to realtime/fanout.py, which writes it to the
channel's sockets. Leaderboard and contest channels are computed and published by one
process at a time (realtime/writer.py); `changes` messages tell the writer which boards moved.

Access: every `ACCESS_CHECK_S` the hub reads the auth epochs of the orgs it has sockets of
(`accounts/auth_state.py`, one pipelined round trip) and re-checks, bypassing every cache, each
socket of an org whose epoch moved and each socket that joined since the last round; a socket
whose user, session or display no longer stands is closed with 4003 (`Conn.revoke`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections import Counter, defaultdict
from typing import Any

from redis.exceptions import RedisError

from realtime import filtered, private, protocol
from realtime.admission import RENEW_EVERY_S, Admission
from realtime.channel import LocalChannel
from realtime.connection import Conn, Subscription
from realtime.fanout import deliver
from realtime.share import Shared
from realtime.views import board_view, contest_view
from realtime.writer import HOUSEKEEPING_S, Writer
from server.accounts import auth_state
from server.board import keys, presence
from server.board.channel_names import Channel
from server.board.channels import ChannelBus, Position, org_changes, pubsub_name
from server.board.rules import POINTS
from server.core.errors import DomainError
from server.core.observability import metrics
from server.core.runtime import Runtime
from server.core.web import authenticate
from server.ledger.summary import Standing, me_summary
from server.levels import service as levels
from server.privacy import rules as privacy_rules
from server.privacy import service as privacy

log = logging.getLogger("reprally.realtime")

PRESENCE_EVERY_S = 5.0
ACCESS_CHECK_S = 0.25
#: Sockets re-checked at once after an access change.
CHECK_BATCH = 100
FEED_SNAPSHOT = 20
#: Channels whose frames one lease holder computes from Redis views (the others are published to).
WRITTEN = ("lb", "contest")


class Hub:
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.bus = ChannelBus(rt.redis)
        self.process_id = secrets.token_hex(6)
        self.channels: dict[str, LocalChannel] = {}  # by pub/sub name
        self.org_refs: Counter[int] = Counter()
        self.conns_by_org: defaultdict[int, set[Conn]] = defaultdict(set)
        #: the orgs' auth epochs as of the last access round (a new dict each round)
        self.epochs: dict[int, bytes | None] = {}
        self.unchecked: set[Conn] = set()  # joined since the last access round
        self.pubsub = rt.redis.pubsub()
        self.writer = Writer(rt, self.bus, self.process_id)
        self.admission = Admission(rt, self.process_id)
        self._tasks: list[asyncio.Task[None]] = []
        self._resends: set[asyncio.Task[None]] = set()  # snapshots re-sent after a privacy change

    async def start(self) -> None:
        await self.pubsub.subscribe(f"{keys.prefix()}:rt:{self.process_id}")  # keeps the pub/sub connection open
        for coro in (self._read_pubsub(), self._housekeeping(), self._presence_loop(), self._renew_leases(),
                     self._access_loop()):
            self._tasks.append(asyncio.create_task(coro))

    async def stop(self) -> None:
        for t in self._tasks:
            t.cancel()
        for t in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t
        for t in list(self._resends):
            t.cancel()
        await asyncio.gather(*self._resends, return_exceptions=True)
        await self.writer.stop()
        with contextlib.suppress(RedisError, OSError):
            for org_id in list(self.conns_by_org):
                await self.rt.redis.hdel(presence.key(org_id), self.process_id)
            await self.pubsub.aclose()

    # -- subscriptions ---------------------------------------------------------------------
    async def subscribe(self, conn: Conn, ch: Channel, since: protocol.Since | None) -> None:
        name = pubsub_name(conn.org_id, ch.name)
        lc = self.channels.get(name)
        if lc is None:
            lc = self.channels[name] = self._local_channel(conn.org_id, ch)
            await self.pubsub.subscribe(name)
            if ch.kind in WRITTEN:
                if self.org_refs[conn.org_id] == 0:
                    await self.pubsub.subscribe(org_changes(conn.org_id))
                self.org_refs[conn.org_id] += 1
        sub = Subscription()
        conn.subscriptions[ch.name] = sub
        metrics.WS_SUBSCRIPTIONS.inc()
        lc.conns.add(conn)
        try:
            if ch.kind == "lb":
                sub.private = await filtered.private_for(self.rt, conn, ch)
            if sub.private is not None:  # never a replay: the history holds rows this viewer may not see
                await filtered.snapshot(self.rt, lc, conn, sub, recovered=False if since else None)
            else:
                await self._open(lc, conn, sub, since)
        except BaseException:
            await self.unsubscribe(conn, ch.name)
            raise
        if ch.kind in WRITTEN:
            self.writer.changed(lc)  # make sure somebody is writing this channel

    async def _open(self, lc: LocalChannel, conn: Conn, sub: Subscription, since: protocol.Since | None) -> None:
        """A snapshot or the replay of what the client missed, then the frames buffered meanwhile."""
        ch = lc.channel
        position = await lc.positions.get()  # read before the state (no gap)
        frames = None
        # a display's feed is never replayed: the history may name reps who hide from TV screens
        if since is not None and not (ch.kind == "feed" and conn.role == "display"):
            frames = await self.bus.since(conn.org_id, ch.name, since.epoch, since.offset)
            if frames is not None and len(frames) >= conn.queue.maxsize - conn.queue.qsize():
                frames = None  # the replay would overflow the send queue (4008): a snapshot instead
        if frames is not None and since is not None:  # (frames come only with `since`)
            for f in frames:
                conn.send(f)
            last = since.offset + len(frames)
            conn.send(protocol.encode({"type": "subscribed", "channel": ch.name, "recovered": True,
                                       "epoch": position.epoch, "offset": last}))
        else:
            last = position.offset
            conn.send(await self._snapshot(lc, conn, position, recovered=False if since else None))
        for f in sub.buffer:
            if protocol.decode_stamp(f).offset > last and not (
                    conn.role == "display" and lc.tv_hidden and private.feed_hides(f, lc.tv_hidden)):
                conn.send(f)
        sub.buffer.clear()
        sub.ready = True

    # -- leaderboards seen through a privacy mode (realtime/filtered.py) ---------------------------
    async def _privacy_changed(self, org_id: int) -> None:
        """The org's privacy settings moved: every leaderboard subscriber whose view changes gets a
        fresh snapshot in their new mode."""
        privacy.forget(self.rt, org_id)
        hidden = (await privacy.settings(self.rt, org_id)).hidden_from_tv
        for lc in self.channels.values():
            if lc.org_id == org_id and lc.channel.kind == "feed" and any(c.role == "display" for c in lc.conns):
                lc.tv_hidden = hidden
        for lc in [lc for lc in self.channels.values() if lc.org_id == org_id and lc.channel.kind == "lb"]:
            for conn in list(lc.conns):
                sub = conn.subscriptions.get(lc.channel.name)
                if sub is None or not sub.ready:
                    continue
                try:
                    new = await filtered.private_for(self.rt, conn, lc.channel)
                    old = sub.private
                    if new is None and old is None or (new is not None and old is not None and
                                                       (new.mode, new.hidden) == (old.mode, old.hidden)):
                        continue
                    sub.private, sub.ready = new, False
                    if new is not None:
                        await filtered.snapshot(self.rt, lc, conn, sub, recovered=None)
                    else:
                        await self._open(lc, conn, sub, None)
                except Exception:
                    log.exception("re-sending %s after a privacy change failed", lc.channel.name)

    def _local_channel(self, org_id: int, ch: Channel) -> LocalChannel:
        lc = LocalChannel(org_id, ch, positions=Shared(lambda: self.bus.ensure(org_id, ch.name)))
        if ch.kind == "lb":
            lc.views = Shared(lambda: board_view(self.rt, org_id, ch))
        elif (contest_id := ch.contest_id) is not None:  # contest:<id>
            lc.views = Shared(lambda: contest_view(self.rt, org_id, contest_id))
        return lc

    async def _snapshot(self, lc: LocalChannel, conn: Conn, position: Position, recovered: bool | None) -> bytes:
        ch = lc.channel
        frame: dict[str, Any] = {"type": "snapshot", "channel": ch.name, "epoch": position.epoch,
                                 "offset": position.offset}
        if recovered is not None:
            frame["recovered"] = recovered
        if lc.views is not None:  # lb: its period; contest: the contest's info; then the entries
            info, entries = await lc.views.get()
            frame["period" if ch.kind == "lb" else "contest"] = info
            frame["entries"] = entries
        elif ch.kind == "user" and ch.owner_id is not None:
            frame["data"] = await self._user_summary(conn, ch.owner_id)
        elif ch.kind == "feed":
            recent = await self.bus.recent(conn.org_id, ch.name, FEED_SNAPSHOT)
            items = [json.loads(f).get("data") for f in recent]
            if conn.role == "display":  # reps who hide from TV screens: not on this one
                lc.tv_hidden = (await privacy.settings(self.rt, conn.org_id)).hidden_from_tv
                items = [i for i in items if not private.names_hidden(i, lc.tv_hidden)]
            frame["items"] = items
        return protocol.encode(frame)

    async def _user_summary(self, conn: Conn, user_id: int) -> dict[str, Any]:
        """The owner's balance, ranks (without the rank where their board's privacy mode hides it)
        and level."""
        org_id = conn.org_id
        mine = await me_summary(self.rt, org_id, user_id)
        level = await levels.my_level(self.rt, org_id, user_id)
        cfg = await privacy.settings(self.rt, org_id)
        viewer = privacy_rules.Viewer(conn.role, conn.user_id, conn.team_id, conn.display_id)
        tell = privacy_rules.may_tell_rank(privacy_rules.mode_for(cfg, viewer, POINTS))

        def rank(s: Standing | None) -> dict[str, int | None] | None:
            return None if s is None else {"rank": s.rank if tell else None, "score": s.score}

        return {"points_balance": mine.points_balance, "rank_today": rank(mine.rank_today),
                "rank_this_week": rank(mine.rank_this_week), "level": level.level, "xp": level.xp,
                "xp_to_next": level.xp_to_next}

    async def unsubscribe(self, conn: Conn, channel_name: str) -> bool:
        if conn.subscriptions.pop(channel_name, None) is None:
            return False
        metrics.WS_SUBSCRIPTIONS.dec()
        name = pubsub_name(conn.org_id, channel_name)
        lc = self.channels.get(name)
        if lc is None:
            return True
        lc.conns.discard(conn)
        if lc.seen is not None and not any(
                (other := c.subscriptions.get(channel_name)) is not None and other.private is not None
                for c in lc.conns):
            lc.seen = None  # no filtered subscriber left: stop keeping the view
        if not lc.conns:
            del self.channels[name]
            self.writer.forget(lc)
            with contextlib.suppress(RedisError, OSError):
                await self.pubsub.unsubscribe(name)
                if lc.channel.kind in WRITTEN:
                    self.org_refs[lc.org_id] -= 1
                    if self.org_refs[lc.org_id] <= 0:
                        del self.org_refs[lc.org_id]
                        await self.pubsub.unsubscribe(org_changes(lc.org_id))
                await self.writer.release(lc)
        return True

    def attach(self, conn: Conn) -> None:
        self.conns_by_org[conn.org_id].add(conn)
        self.unchecked.add(conn)
        metrics.WS_CONNECTIONS.inc()
        metrics.WS_OPENED.inc()

    async def detach(self, conn: Conn) -> None:
        metrics.WS_CONNECTIONS.dec()
        self.unchecked.discard(conn)
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
            arrived = time.perf_counter()
            if lc.seen is not None:
                filtered.fanout(lc, lc.seen, msg["data"])
            if lc.tv_hidden and private.feed_hides(msg["data"], lc.tv_hidden):
                deliver(lc.channel.name, [c for c in lc.conns if c.role != "display"], msg["data"])
            else:
                deliver(lc.channel.name, lc.conns, msg["data"])
            metrics.WS_DELIVERY.observe(time.perf_counter() - arrived)

    def _boards_moved(self, payload: str) -> None:
        moved: set[tuple[str, str, str]] = set()
        contests: set[tuple[str, int]] = set()
        regrouped: set[str] = set()  # orgs whose segments changed members: every segment board may move
        for key in payload.split():  # rr:{o<org>}:lb:<metric>:<window>:<period>, rr:{o<org>}:ct:<id>, rr:{o<org>}:members
            if key.endswith(":members"):
                regrouped.add(key.removesuffix(":members"))
                continue
            if key.endswith(":privacy"):
                self._privacy_moved(key.removesuffix(":privacy"))
                continue
            prefix, _, rest = key.partition(":lb:")
            parts = rest.split(":")
            if len(parts) == 3:
                moved.add((prefix, parts[0], parts[1]))
            prefix, sep, rest = key.partition(":ct:")
            if sep and rest.isdigit():
                contests.add((prefix, int(rest)))
        for lc in self.channels.values():
            ch = lc.channel
            if ((ch.kind == "lb" and (keys.tag(lc.org_id), ch.metric, ch.window) in moved)
                    or (ch.kind == "lb" and ch.segment != "org" and keys.tag(lc.org_id) in regrouped)
                    or (ch.kind == "contest" and (keys.tag(lc.org_id), ch.contest_id) in contests)):
                self.writer.changed(lc)

    def _privacy_moved(self, tag: str) -> None:
        for org_id in {lc.org_id for lc in self.channels.values() if keys.tag(lc.org_id) == tag}:
            task = asyncio.get_running_loop().create_task(self._privacy_changed(org_id))
            self._resends.add(task)
            task.add_done_callback(self._resends.discard)

    async def _housekeeping(self) -> None:
        while True:
            await asyncio.sleep(HOUSEKEEPING_S)
            self.writer.housekeeping([lc for lc in self.channels.values() if lc.channel.kind in WRITTEN])

    async def _renew_leases(self) -> None:
        while True:
            await asyncio.sleep(RENEW_EVERY_S)
            await self.admission.renew()

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

    # -- access ------------------------------------------------------------------------------------
    async def _access_loop(self) -> None:
        """Close sockets whose access ended, within `ACCESS_CHECK_S` of the change reaching Redis.
        A socket that joined since the last round is checked once more unless its org's epoch is
        the one read before it authenticated: a change made while it authenticated cannot slip
        between its check and the epoch this loop last read."""
        while True:
            await asyncio.sleep(ACCESS_CHECK_S)
            orgs = [org_id for org_id, conns in self.conns_by_org.items() if conns]
            try:
                current = dict(zip(orgs, await auth_state.epochs(self.rt, orgs), strict=True)) if orgs else {}
            except (RedisError, OSError) as exc:
                self.rt.redis_failed(exc)
                continue
            due = {c for c in self.unchecked if c.org_id not in c.epochs_before or
                   c.epochs_before[c.org_id] != current.get(c.org_id)}
            self.unchecked.clear()
            for org_id, epoch in current.items():
                if org_id in self.epochs and self.epochs[org_id] != epoch:
                    due |= self.conns_by_org.get(org_id, set())
            self.epochs = current
            batch = [c for c in due if not c.dropped]
            for i in range(0, len(batch), CHECK_BATCH):
                await asyncio.gather(*(self._recheck(c) for c in batch[i:i + CHECK_BATCH]))

    async def _recheck(self, conn: Conn) -> None:
        try:
            principal = await authenticate(self.rt, conn.token, api_keys=False, verify_exp=False, fresh=True)
        except DomainError as exc:
            conn.revoke(exc.code, exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - the truth is unreachable: keep the socket, try next round
            log.warning("could not re-check client %s (%s); trying again", conn.id, exc)
            if conn in self.conns_by_org.get(conn.org_id, ()):
                self.unchecked.add(conn)
            return
        if principal.role != conn.role:
            conn.revoke("role_changed", f"your role is now {principal.role}: connect again")
