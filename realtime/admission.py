"""Open websockets per user and per client address, counted across every game server.

Each open socket holds a lease in two Redis sorted sets, its user's (`rr:{o<org>}:ws:u<id>`,
`...:ws:d<id>` for a display; in the org's slot) and its client address's (`rr:ws:a:<address>`;
an address is no org's): member `<process>:<connection>`, score the time its lease ends. A
socket is admitted when the set, once cleared of ended leases, has room (`ACQUIRE`: one atomic
script per set; the two sets live in different slots, so they are two calls); it
gives its lease back when it closes, and its process renews its leases every `RENEW_EVERY_S`,
so the leases of a game server that died end within `LEASE_S` and nothing stays counted.

The address is checked before the socket authenticates (unauthenticated sockets are what an
attacker opens by the thousand); the user once the token says who it is. Over a limit the
socket gets an error frame and close code 4029 (`docs/realtime-protocol.md`). The `limits`
library counts rates over windows, not things held at once, hence this script of our own.
Redis down: sockets are admitted uncounted (as the other abuse limits, `server/core/abuse.py`).
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from typing import Any, Protocol

from redis.exceptions import RedisError
from websockets.asyncio.server import ServerConnection

from server.board import keys
from server.core.auth import Principal
from server.core.clock import wall_time
from server.core.edge.addresses import bucket, client_address, trusted_networks
from server.core.runtime import Runtime

log = logging.getLogger("reprally.realtime")

LEASE_S = 60.0
RENEW_EVERY_S = 20.0

#: KEYS[1] the lease set; ARGV: now (ms), limit, the lease's end (ms), member, the set's TTL (s).
#: Returns 1 when the member holds a lease (new or renewed), 0 when the set is full.
ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0
"""


class Socket(Protocol):
    """What admission needs of a connection (`realtime.connection.Conn`)."""

    id: int
    ws: ServerConnection


def principal_key(principal: Principal) -> str | None:
    """The lease set of a user or a display (an API key cannot open a socket)."""
    if principal.user_id is not None:
        return f"{keys.tag(principal.org_id)}:ws:u{principal.user_id}"
    if principal.display_id is not None:
        return f"{keys.tag(principal.org_id)}:ws:d{principal.display_id}"
    return None


def address_key(address: str) -> str:
    return f"{keys.prefix()}:ws:a:{address}"


def socket_address(ws: ServerConnection, trusted_proxies: str) -> str:
    """The client's address bucket: the peer, or X-Forwarded-For from a trusted proxy."""
    peer = ws.remote_address[0] if isinstance(ws.remote_address, tuple) and ws.remote_address else None
    forwarded = ws.request.headers.get("x-forwarded-for") if ws.request is not None else None
    return bucket(client_address(peer, forwarded, trusted_networks(trusted_proxies)))


class Admission:
    def __init__(self, rt: Runtime, process_id: str) -> None:
        self.rt = rt
        self.process_id = process_id
        self._acquire = rt.redis.register_script(ACQUIRE)
        self.held: dict[int, list[str]] = defaultdict(list)  # connection id -> the lease sets it is in

    def _member(self, conn: Socket) -> str:
        return f"{self.process_id}:{conn.id}"

    async def admit_address(self, conn: Socket) -> bool:
        address = socket_address(conn.ws, self.rt.settings.trusted_proxies)
        return await self._admit(conn, address_key(address), self.rt.settings.ws_per_address)

    async def admit_principal(self, conn: Socket, principal: Principal) -> bool:
        """The user's (or display's) own limit, once the socket has authenticated."""
        key = principal_key(principal)
        return key is None or await self._admit(conn, key, self.rt.settings.ws_per_user)

    async def _admit(self, conn: Socket, key: str, limit: int) -> bool:
        if limit <= 0 or not self.rt.redis_usable:
            return True
        now_ms = wall_time() * 1000
        try:
            ok = await self._acquire(keys=[key], args=[int(now_ms), limit, int(now_ms + LEASE_S * 1000),
                                                       self._member(conn), math.ceil(LEASE_S)])
        except (RedisError, OSError) as exc:
            self.rt.redis_failed(exc)
            return True
        if ok:
            self.held[conn.id].append(key)
        return bool(ok)

    async def release(self, conn: Socket) -> None:
        held = self.held.pop(conn.id, None)
        if not held:
            return
        try:
            async with self.rt.redis.pipeline(transaction=False) as pipe:
                for key in held:
                    pipe.zrem(key, self._member(conn))
                await pipe.execute()
        except (RedisError, OSError) as exc:  # the leases end on their own within LEASE_S
            self.rt.redis_failed(exc)

    async def renew(self) -> None:
        """Push back the end of every lease this process holds."""
        if not self.held:
            return
        ends = wall_time() * 1000 + LEASE_S * 1000
        by_key: dict[str, dict[Any, float]] = defaultdict(dict)
        for conn_id, held in list(self.held.items()):
            for key in held:
                by_key[key][f"{self.process_id}:{conn_id}"] = ends
        try:
            async with self.rt.redis.pipeline(transaction=False) as pipe:
                for key, members in by_key.items():
                    pipe.zadd(key, members, xx=True)
                    pipe.expire(key, math.ceil(LEASE_S))
                await pipe.execute()
        except (RedisError, OSError) as exc:
            self.rt.redis_failed(exc)
            log.warning("could not renew websocket leases (%s)", exc)
