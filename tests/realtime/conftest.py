"""Fixtures of the realtime tests: two game-server processes and websocket clients."""

from __future__ import annotations

import pytest
from websockets.asyncio.client import connect

from tests.support.realtime import Client, GameServer


@pytest.fixture(scope="module")
async def cluster(settings):
    """Two game-server processes sharing Redis and the database."""
    servers = [await GameServer.start(settings) for _ in range(2)]
    yield servers
    for s in servers:
        await s.close()


@pytest.fixture
async def ws():
    """connect(url, token=None) -> Client; with a token, authenticated (auth_ok checked)."""
    opened: list[Client] = []

    async def connect_(url: str, token: str | None = None) -> Client:
        c = Client(await connect(url))
        opened.append(c)
        if token is not None:
            await c.send(op="auth", token=token)
            ok = await c.recv()
            assert ok["type"] == "auth_ok", ok
        return c

    yield connect_
    for c in opened:
        await c.ws.close()
