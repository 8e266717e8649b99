"""One websocket client: authentication, its ops, and a bounded send queue.

A client that cannot keep up (its queue of `QUEUE_LIMIT` frames is full) is disconnected
with close code 4008; it reconnects and recovers with `since`, so memory never grows. A client
whose access ends (its user deactivated or given another role, its session ended, its display
revoked) is sent the reason as an `error` frame and closed with code 4003 (`realtime/hub.py`
re-checks sockets within a second of the change).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from dataclasses import dataclass, field
from typing import Protocol

import msgspec
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from realtime import protocol
from realtime.admission import Admission
from realtime.private import Private
from server.board.channel_names import Channel, check_access, parse_channel
from server.contests import service as contests
from server.core.errors import DomainError
from server.core.observability import metrics
from server.core.runtime import Runtime
from server.core.web import authenticate

log = logging.getLogger("reprally.realtime")

AUTH_TIMEOUT_S = 10.0
QUEUE_LIMIT = 256
MAX_SUBSCRIPTIONS = 50
CLOSE_AUTH = 4001
CLOSE_REVOKED = 4003
CLOSE_SLOW = 4008
CLOSE_TOO_MANY = 4029

_ids = itertools.count(1)


@dataclass(eq=False)
class Subscription:
    """One channel of a connection; until its snapshot is sent, published frames wait in `buffer`."""

    ready: bool = False
    buffer: list[bytes] = field(default_factory=list)
    #: a leaderboard seen through a privacy mode: the hub sends this subscription its own frames
    private: Private | None = None


class HubOps(Protocol):
    """What a connection asks of its process's hub (`realtime.hub.Hub`, which imports this module)."""

    rt: Runtime
    admission: Admission
    epochs: dict[int, bytes | None]

    def attach(self, conn: Conn) -> None: ...

    async def detach(self, conn: Conn) -> None: ...

    async def subscribe(self, conn: Conn, ch: Channel, since: protocol.Since | None) -> None: ...

    async def unsubscribe(self, conn: Conn, channel_name: str) -> bool: ...


class Conn:
    def __init__(self, ws: ServerConnection, hub: HubOps) -> None:
        self.id = next(_ids)
        self.ws = ws
        self.hub = hub
        self.org_id = 0
        self.role = ""
        self.user_id: int | None = None
        self.team_id: int | None = None
        self.display_id: int | None = None
        #: the token it authenticated with: re-checked (expiry aside) when its org's access changes
        self.token = ""
        #: the hub's auth epochs as read before this socket authenticated
        self.epochs_before: dict[int, bytes | None] = {}
        self.subscriptions: dict[str, Subscription] = {}  # by channel name
        self.queue: asyncio.Queue[bytes] = asyncio.Queue(QUEUE_LIMIT)
        self.dropped = False

    def send(self, frame: bytes) -> None:
        """Queue a frame; a full queue means a slow client: drop it rather than buffer without bound."""
        if self.dropped:
            return
        try:
            self.queue.put_nowait(frame)
        except asyncio.QueueFull:
            self.dropped = True
            metrics.WS_SLOW_DROPS.inc()
            log.info("dropping slow client %s (org %s)", self.id, self.org_id)
            asyncio.get_running_loop().create_task(
                self.ws.close(CLOSE_SLOW, "too slow: reconnect and resubscribe with since"))

    def revoke(self, code: str, message: str) -> None:
        """Access ended: tell the client why, close with 4003, and send nothing more."""
        if self.dropped:
            return
        self.dropped = True
        log.info("closing client %s (org %s): %s", self.id, self.org_id, code)
        asyncio.get_running_loop().create_task(self._refuse(code, message, CLOSE_REVOKED))

    def keeps_up(self) -> bool:
        """Nothing queued and the transport not paused: a frame may be written directly, in order
        (a queued frame stays in the queue until the writer task writes it, synchronously)."""
        return not self.dropped and self.queue.empty() and not self.ws.paused

    async def _writer(self) -> None:
        while True:
            frame = await self.queue.get()
            await self.ws.send(frame, text=True)
            metrics.WS_FRAMES.inc()

    async def run(self) -> None:
        admission = self.hub.admission
        try:
            if not await admission.admit_address(self):
                await self._refuse("too_many_connections", "too many open connections from this address",
                                   CLOSE_TOO_MANY)
            elif await self._authenticate():
                await self._serve()
        finally:
            await admission.release(self)

    async def _serve(self) -> None:
        self.hub.attach(self)
        writer = asyncio.create_task(self._writer())
        try:
            async for raw in self.ws:
                await self._handle(raw)
        except ConnectionClosed:
            pass
        finally:
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await writer
            await self.hub.detach(self)

    async def _authenticate(self) -> bool:
        try:
            raw = await asyncio.wait_for(self.ws.recv(), AUTH_TIMEOUT_S)
        except (TimeoutError, ConnectionClosed):
            with contextlib.suppress(ConnectionClosed):
                await self.ws.close(CLOSE_AUTH, "authenticate first: {\"op\":\"auth\",\"token\":...}")
            return False
        try:
            frame = protocol.decode_client(raw)
            if not isinstance(frame, protocol.Auth):
                raise DomainError("auth_required", "the first message must be {\"op\":\"auth\",\"token\":...}")
            self.epochs_before = self.hub.epochs  # read before the state: see Hub._access_loop
            principal = await authenticate(self.hub.rt, frame.token, api_keys=False, fresh=True)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            await self._refuse("invalid_message", str(exc))
            return False
        except DomainError as exc:
            await self._refuse(exc.code, exc.message)
            return False
        self.org_id, self.role, self.user_id = principal.org_id, principal.role, principal.user_id
        self.team_id, self.display_id = principal.team_id, principal.display_id
        if not await self.hub.admission.admit_principal(self, principal):
            await self._refuse("too_many_connections", "too many open connections for this account", CLOSE_TOO_MANY)
            return False
        self.token = frame.token
        await self.ws.send(protocol.encode({"type": "auth_ok", "client_id": str(self.id), "org_id": self.org_id,
                                            "user_id": self.user_id, "role": self.role}), text=True)
        return True

    async def _refuse(self, code: str, message: str, close_code: int = CLOSE_AUTH) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.ws.send(protocol.error(code, message))
            await self.ws.close(close_code, code)

    async def _handle(self, raw: str | bytes) -> None:
        try:
            frame = protocol.decode_client(raw)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            self.send(protocol.error("invalid_message", str(exc)))
            return
        if isinstance(frame, protocol.Ping):
            self.send(protocol.encode({"type": "pong", "id": frame.id}))
        elif isinstance(frame, protocol.Subscribe):
            await self._subscribe(frame)
        elif isinstance(frame, protocol.Unsubscribe):
            if await self.hub.unsubscribe(self, frame.channel):
                self.send(protocol.encode({"type": "unsubscribed", "channel": frame.channel}))
            else:
                self.send(protocol.error("not_subscribed", "not subscribed to this channel", frame.channel))
        else:
            self.send(protocol.error("already_authenticated", "this connection is authenticated already"))

    async def _subscribe(self, frame: protocol.Subscribe) -> None:
        name = frame.channel
        try:
            if name in self.subscriptions:
                raise DomainError("already_subscribed", "already subscribed to this channel")
            if len(self.subscriptions) >= MAX_SUBSCRIPTIONS:
                raise DomainError("too_many_subscriptions",
                                  f"at most {MAX_SUBSCRIPTIONS} channels per connection")
            channel = parse_channel(name)
            check_access(channel, role=self.role, user_id=self.user_id)
            if channel.contest_id is not None:  # contest:<id>
                await contests.channel_access(self.hub.rt, self.org_id, channel.contest_id, self.role)
            await self.hub.subscribe(self, channel, frame.since)
        except DomainError as exc:
            self.send(protocol.error(exc.code, exc.message, name))
        except Exception:
            log.exception("subscribe to %s failed", name)
            self.send(protocol.error("unavailable", "the channel is unavailable right now; try again", name))
