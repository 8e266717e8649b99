"""Game servers and websocket clients for the realtime tests (no stand-ins: each game server is
a real `run()` with its own Runtime, as a separate process would have)."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

import realtime.server
from realtime.hub import Hub
from server.board.channels import pubsub_name
from server.core.runtime import Runtime
from server.features import make_runtime
from tests.conftest import free_port


@dataclass
class GameServer:
    url: str
    rt: Runtime
    hub: Hub
    stop: asyncio.Event
    task: asyncio.Task

    @classmethod
    async def start(cls, settings) -> GameServer:
        """`run()` with a Runtime of its own; the Hub it builds is kept so tests can look inside."""
        rt = make_runtime(settings)
        port = free_port()
        stop, ready = asyncio.Event(), asyncio.Event()
        made: list[Hub] = []

        class RecordingHub(Hub):
            def __init__(self, runtime) -> None:
                super().__init__(runtime)
                made.append(self)

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(realtime.server, "Hub", RecordingHub)
            task = asyncio.create_task(realtime.server.run(rt, "127.0.0.1", port, stop, ready))
            await asyncio.wait_for(ready.wait(), 10)
        return cls(f"ws://127.0.0.1:{port}/ws", rt, made[0], stop, task)

    def channel(self, org_id: int, name: str):
        return self.hub.channels.get(pubsub_name(org_id, name))

    async def close(self) -> None:
        self.stop.set()
        await self.task
        await self.rt.close()


class Client:
    def __init__(self, ws) -> None:
        self.ws = ws

    async def send(self, **frame) -> None:
        await self.ws.send(json.dumps(frame))

    async def recv(self, wait_s: float = 5.0) -> dict:
        async with asyncio.timeout(wait_s):
            return json.loads(await self.ws.recv())

    async def until(self, done, wait_s: float = 5.0) -> list[dict]:
        """Frames up to and including the first one for which `done(frame)` holds."""
        frames = []
        async with asyncio.timeout(wait_s):
            while True:
                frames.append(json.loads(await self.ws.recv()))
                if done(frames[-1]):
                    return frames

    async def drain(self, seconds: float) -> list[dict]:
        """Whatever arrives in the next `seconds`."""
        frames = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                async with asyncio.timeout(left):
                    frames.append(json.loads(await self.ws.recv()))
            except TimeoutError:
                break
        return frames

    async def closed(self, wait_s: float = 5.0) -> tuple[int, str, list[dict]]:
        """Read until the server closes: (close code, reason, frames received before)."""
        frames = []
        async with asyncio.timeout(wait_s):
            try:
                while True:
                    frames.append(json.loads(await self.ws.recv()))
            except ConnectionClosed as exc:
                return exc.rcvd.code, exc.rcvd.reason, frames


async def eventually(check, wait_s: float = 5.0, step: float = 0.02):
    """Poll `check()` (sync or async) until it returns something truthy."""
    deadline = time.monotonic() + wait_s
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(step)




async def pair_display(admin, boards: list[str] | None = None) -> tuple[int, str]:
    body = {"name": "Sales floor"} | ({"boards": boards} if boards else {})
    created = await admin.ok("post", "/displays", body, status=201)
    r = await admin.client.post("/api/v1/displays/pair", json={"code": created["pairing_code"]})
    assert r.status_code == 200, r.text
    return created["id"], r.json()["display_token"]


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
