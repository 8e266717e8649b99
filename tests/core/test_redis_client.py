"""The Redis client's deadlines: a Redis that accepts connections but never answers fails a
command within the socket timeout (so the circuit breaker opens), it does not hang a request."""

from __future__ import annotations

import asyncio
import time

import pytest
from redis.exceptions import RedisError

from server.core.redis import TcpConnection, TlsConnection, UnixConnection, make_redis


async def test_a_silent_redis_fails_a_command_within_the_socket_timeout():
    held = []

    async def silent(reader, writer):  # reads what it is sent, answers nothing
        held.append(writer)
        while await reader.read(65536):
            pass

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client = make_redis(f"redis://127.0.0.1:{port}/0")
    try:
        t0 = time.monotonic()
        with pytest.raises(RedisError):
            await client.get("anything")
        assert time.monotonic() - t0 < 4.0  # socket timeout 2 s, well short of hanging
    finally:
        await client.aclose()
        for w in held:
            w.close()
        server.close()
        await server.wait_closed()


def test_every_url_scheme_gets_the_deadline_connection():
    assert make_redis("redis://127.0.0.1:6379/0").connection_pool.connection_class is TcpConnection
    assert make_redis("unix:///tmp/redis.sock").connection_pool.connection_class is UnixConnection
    assert make_redis("rediss://127.0.0.1:6380/0").connection_pool.connection_class is TlsConnection
