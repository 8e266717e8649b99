"""The Redis client every process uses: a blocking pool, and sends without a task per command.

redis-py wraps every socket write in `asyncio.wait_for` when a socket timeout is set, which makes
an asyncio task per command (7.6 % of a leaderboard read's CPU, more on the activity path).
`asyncio.timeout` keeps the same deadline on the write without a task; reads keep redis-py's own
timeout.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.connection import (
    AbstractConnection,
    Connection,
    SSLConnection,
    UnixDomainSocketConnection,
    parse_url,
)
from redis.exceptions import TimeoutError as RedisTimeoutError


class _DeadlineSend(AbstractConnection):
    """Mixed in before a concrete connection class: the MRO sends through that class."""

    async def send_packed_command(self, command: bytes | str | Iterable[bytes], check_health: bool = True) -> None:
        timeout, self.socket_timeout = self.socket_timeout, None  # one user per connection at a time
        try:
            async with asyncio.timeout(timeout):
                await super().send_packed_command(command, check_health)
        except TimeoutError:  # the write (or the health check before it) took too long
            raise RedisTimeoutError("Timeout writing to socket") from None
        finally:
            self.socket_timeout = timeout


class TcpConnection(_DeadlineSend, Connection):
    pass


class TlsConnection(_DeadlineSend, SSLConnection):
    pass


class UnixConnection(_DeadlineSend, UnixDomainSocketConnection):
    pass


#: redis-py's connection class for a URL -> ours
_OURS: dict[type[AbstractConnection], type[AbstractConnection]] = {Connection: TcpConnection, SSLConnection: TlsConnection, UnixDomainSocketConnection: UnixConnection}


def make_redis(url: str) -> Redis:
    """A client whose pool waits (up to 2 s) for a free connection instead of failing: a burst of
    subscribes or requests must queue, not trip the Redis-down circuit breaker."""
    options: dict[str, Any] = dict(socket_timeout=2.0, socket_connect_timeout=1.0, health_check_interval=30, max_connections=200,
                   timeout=2.0)
    options.update(parse_url(url))  # as from_url does: the URL's own options win
    options["connection_class"] = _OURS.get(options.get("connection_class", Connection), TcpConnection)
    return Redis(connection_pool=BlockingConnectionPool(**options))


#: Prefix of every key and pub/sub topic (`server/board/keys.py`). Pub/sub ignores Redis database
#: numbers, so two deployments sharing one Redis must differ here: by default it carries the db.
PREFIX = "rr"


def configure_prefix(redis_url: str, prefix: str = "") -> None:
    """Set `PREFIX` for this process: the configured one, else "rr" or "rr<db>" for a db other than 0."""
    global PREFIX
    if prefix:
        PREFIX = prefix
        return
    u = urlparse(redis_url)
    db = (u.path or "/").strip("/") if u.scheme in ("redis", "rediss") else ""
    PREFIX = "rr" if db in ("", "0") else f"rr{db}"
