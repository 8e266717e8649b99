"""Open websockets per user (or display) and per client address, across game servers
(realtime/admission.py): over a limit a socket gets `too_many_connections` and close code 4029;
a closed socket gives its place back; the leases of a game server that died end on their own.

Two real game servers with small limits on the shared Redis; client addresses come through
X-Forwarded-For from 127.0.0.1 (a trusted proxy here), random per run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from realtime.admission import LEASE_S, address_key, principal_key
from server.core.auth import Principal
from server.core.redis import make_redis
from tests.conftest import make_settings, new_org
from tests.realtime.test_realtime_more import GameServer


@pytest.fixture(scope="module")
async def servers(database_url, redis_url):
    settings = make_settings(database_url, redis_url, ws_per_user=2, ws_per_address=3, trusted_proxies="127.0.0.1")
    started = [await GameServer.start(settings) for _ in range(2)]
    yield started
    for s in started:
        await s.close()


def address() -> str:
    return f"198.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"


@contextlib.asynccontextmanager
async def sockets():
    """Opens sockets (`open(url, token=None, ip=None)`) and closes them all at the end."""
    opened: list[ClientConnection] = []

    async def open_(url: str, token: str | None = None, ip: str | None = None) -> ClientConnection:
        ws = await connect(url, additional_headers={"x-forwarded-for": ip or address()})
        opened.append(ws)
        if token is not None:
            await ws.send(json.dumps({"op": "auth", "token": token}))
        return ws

    yield open_
    for ws in opened:
        await ws.close()


async def first_frame(ws: ClientConnection) -> dict:
    async with asyncio.timeout(5):
        return json.loads(await ws.recv())


async def refused(ws: ClientConnection) -> tuple[dict, int]:
    """(the error frame, the close code) of a socket the server turned away."""
    frame = await first_frame(ws)
    async with asyncio.timeout(5):
        with pytest.raises(ConnectionClosed) as closed:
            await ws.recv()
    return frame, closed.value.rcvd.code


async def test_sockets_per_user_across_game_servers(client, servers):
    admin = await new_org(client)
    rep = await admin.user()
    async with sockets() as open_:
        first = await open_(servers[0].url, rep.token)
        assert (await first_frame(first))["type"] == "auth_ok"
        assert (await first_frame(await open_(servers[1].url, rep.token)))["type"] == "auth_ok"
        for server in servers:  # a third, on either server, from another address
            frame, code = await refused(await open_(server.url, rep.token))
            assert (frame["type"], frame["code"], code) == ("error", "too_many_connections", 4029)
        # someone else of the org is not affected
        assert (await first_frame(await open_(servers[0].url, admin.token)))["type"] == "auth_ok"
        # a closed socket gives its place back
        await first.close()
        await asyncio.sleep(0.2)
        assert (await first_frame(await open_(servers[1].url, rep.token)))["type"] == "auth_ok"


async def test_sockets_per_display(client, servers):
    admin = await new_org(client)
    display = await admin.ok("post", "/displays", {"name": "Lobby"}, status=201)
    paired = await client.post("/api/v1/displays/pair/", json={"code": display["pairing_code"]})
    token = paired.json()["display_token"]
    async with sockets() as open_:
        for _ in range(2):
            assert (await first_frame(await open_(servers[0].url, token)))["role"] == "display"
        frame, code = await refused(await open_(servers[1].url, token))
        assert (frame["code"], code) == ("too_many_connections", 4029)


async def test_sockets_per_address_are_counted_before_authentication(client, servers):
    admin = await new_org(client)
    ip = address()
    async with sockets() as open_:
        idle = [await open_(servers[i % 2].url, ip=ip) for i in range(3)]  # never authenticate
        frame, code = await refused(await open_(servers[0].url, admin.token, ip=ip))
        assert (frame["code"], code) == ("too_many_connections", 4029)
        assert (await first_frame(await open_(servers[0].url, admin.token)))["type"] == "auth_ok"  # another address
        await idle[0].close()
        await asyncio.sleep(0.2)
        assert (await first_frame(await open_(servers[1].url, admin.token, ip=ip)))["type"] == "auth_ok"


async def test_leases_of_a_dead_game_server_end_and_live_ones_are_renewed(client, servers, redis_url):
    admin = await new_org(client)
    rep = await admin.user()
    key = principal_key(Principal(org_id=admin.org_id, role="rep", user_id=rep.user_id))
    now_ms = time.time() * 1000
    redis = make_redis(redis_url)
    try:
        # two leases of a game server that died a minute ago: ended, so they hold no place
        await redis.zadd(key, {"dead:1": now_ms - 1000, "dead:2": now_ms - 1})
        async with sockets() as open_:
            ws = await open_(servers[0].url, rep.token)
            assert (await first_frame(ws))["type"] == "auth_ok"
            [(member, ends)] = await redis.zrange(key, 0, -1, withscores=True)
            assert member.decode().startswith(servers[0].hub.process_id + ":")
            assert now_ms + (LEASE_S - 5) * 1000 < ends <= time.time() * 1000 + LEASE_S * 1000
            await asyncio.sleep(0.05)
            await servers[0].hub.admission.renew()
            assert await redis.zscore(key, member) > ends
            # a live lease of another server still takes a place
            await redis.zadd(key, {"other:1": time.time() * 1000 + 30_000})
            frame, code = await refused(await open_(servers[1].url, rep.token))
            assert (frame["code"], code) == ("too_many_connections", 4029)
        await asyncio.sleep(0.2)
        assert await redis.zrange(key, 0, -1) == [b"other:1"]  # the closed socket's lease went with it
    finally:
        await redis.aclose()


def test_address_keys_carry_no_org_tag_and_user_keys_their_orgs():
    assert "{" not in address_key("203.0.113.9")
    assert "{o7}" in principal_key(Principal(org_id=7, role="rep", user_id=3))
    assert principal_key(Principal(org_id=7, role="integration", api_key_id=1)) is None
