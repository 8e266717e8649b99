"""Past one process: three game-server processes and two API processes on one Redis and one
database, as behind a load balancer. Every socket, whichever process it is on, gets the same
deltas, whichever API process wrote the activity; a client that reconnects to another process
resumes from its offset with no gap and no duplicate."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import websockets

from tests.conftest import PASSWORD, free_port, unique
from tests.ops.support import RUN, environment
from tests.support.api import noon_zone
from tests.support.realtime import Client

LB = "lb:points:day:org"


class Processes:
    def __init__(self, tmp: Path, env: dict[str, str]) -> None:
        self.tmp, self.env = tmp, env
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, *args: str) -> int:
        port = free_port()
        self.procs.append(subprocess.Popen([sys.executable, "-c", RUN, *args, "--port", str(port)], cwd=self.tmp,
                                           env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return port

    async def ready(self, ports: list[int]) -> None:
        deadline = time.monotonic() + 60
        async with httpx.AsyncClient(timeout=2) as c:
            for port in ports:
                while True:
                    assert time.monotonic() < deadline, f"port {port} not ready in 60 s"
                    assert all(p.poll() is None for p in self.procs), "a process exited"
                    try:
                        if (await c.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    await asyncio.sleep(0.2)

    def stop(self) -> None:
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture
async def fleet(settings, rt, tmp_path):
    env = environment(tmp_path, DATABASE_URL=settings.database_url, REDIS_URL=settings.redis_url)
    procs = Processes(tmp_path, env)
    try:
        apis = [procs.start("api") for _ in range(2)]
        games = [procs.start("realtime") for _ in range(3)]
        await procs.ready(apis + games)
        yield [f"http://127.0.0.1:{p}" for p in apis], [f"ws://127.0.0.1:{p}/ws" for p in games]
    finally:
        procs.stop()


def apply(view: dict[int, dict], frame: dict) -> None:
    if frame["type"] in ("snapshot", "period"):
        view.clear()
    for e in frame.get("entries", ()):
        view[e["user_id"]] = {**view.get(e["user_id"], {}), **e}
    for uid in frame.get("removed", ()):
        view.pop(uid)


async def connect(url: str, token: str, **subscribe) -> tuple[Client, dict]:
    client = Client(await websockets.connect(url))
    await client.send(op="auth", token=token)
    assert (await client.recv())["type"] == "auth_ok"
    await client.send(op="subscribe", channel=LB, **subscribe)
    return client, await client.recv()


async def test_every_socket_on_every_process_gets_every_delta_and_resumes_elsewhere(fleet):
    api_urls, game_urls = fleet
    async with httpx.AsyncClient(timeout=30) as http:
        r = await http.post(f"{api_urls[0]}/api/v1/orgs", json={
            "name": unique("Org "), "timezone": noon_zone(),
            "admin": {"email": f"{unique('admin')}@example.com", "password": PASSWORD, "display_name": "Admin"}})
        assert r.status_code == 201, r.text
        admin = {"authorization": f"Bearer {r.json()['access_token']}"}
        reps = []
        for i in range(3):
            email = f"{unique('rep')}@example.com"
            made = await http.post(f"{api_urls[i % 2]}/api/v1/users", headers=admin, json={
                "email": email, "display_name": f"Rep {i}", "password": PASSWORD, "role": "rep"})
            assert made.status_code == 201, made.text
            login = await http.post(f"{api_urls[(i + 1) % 2]}/api/v1/auth/login",
                                    json={"email": email, "password": PASSWORD})
            reps.append((made.json()["id"], {"authorization": f"Bearer {login.json()['access_token']}"},
                         login.json()["access_token"]))

        # two sockets on each of the three game servers
        sockets = []
        for n in range(6):
            sockets.append(await connect(game_urls[n % 3], reps[n % 3][2]))
        assert len({snap["epoch"] for _, snap in sockets}) == 1

        async def log(i: int, api: int) -> None:
            uid, headers, _ = reps[i]
            r = await http.post(f"{api_urls[api]}/api/v1/activities", headers=headers, json={"type": "call"})
            assert r.status_code == 201, r.text

        async def board() -> list[dict]:
            r = await http.get(f"{api_urls[1]}/api/v1/leaderboards/points", headers=admin, params={"window": "day"})
            return r.json()["entries"]

        for k in range(9):  # each rep logs three calls, through both API processes in turn
            await log(k % 3, k % 2)
            await asyncio.sleep(0.12)  # most land in deltas of their own
        # the boards move in the request (the habit loop's bonuses too): the HTTP board is the truth
        expected = {e["user_id"]: e["score"] for e in await board()}
        assert set(expected) == {uid for uid, _, _ in reps} and min(expected.values()) >= 6

        async def until_final(client: Client, snap: dict) -> tuple[list[dict], dict[int, dict]]:
            view: dict[int, dict] = {}
            apply(view, snap)
            frames = []
            try:
                async with asyncio.timeout(20):
                    while {u: e["score"] for u, e in view.items()} != expected:
                        frames.append(await client.recv())
                        apply(view, frames[-1])
            except TimeoutError:
                raise AssertionError(f"the view {view} never reached {expected}; frames: {frames}") from None
            return frames, view

        seen = [await until_final(c, snap) for c, snap in sockets]
        latest = max(f["offset"] for frames, _ in seen for f in frames)
        for (_, snap), (frames, _) in zip(sockets, seen, strict=True):
            offsets = [f["offset"] for f in frames]
            assert offsets == list(range(snap["offset"] + 1, latest + 1)), offsets  # no gap, no duplicate
            assert all(f["type"] == "delta" for f in frames)
        # the same frames everywhere, from the first offset every socket saw
        first = max(snap["offset"] for _, snap in sockets) + 1
        reference = [f for f in seen[0][0] if f["offset"] >= first]
        for frames, _ in seen[1:]:
            assert [f for f in frames if f["offset"] >= first] == reference
        assert sorted(seen[0][1].values(), key=lambda e: (e["rank"], e["user_id"])) == sorted(
            ({k: e[k] for k in ("rank", "user_id", "display_name", "team_id", "score")} for e in await board()),
            key=lambda e: (e["rank"], e["user_id"]))

        # a phone on process 0 goes to sleep; more calls come in; it wakes up on process 2
        sleeper, _ = sockets[0]
        keeper, _ = sockets[1]
        await sleeper.ws.close()
        for k in range(3):
            await log(k, (k + 1) % 2)
            await asyncio.sleep(0.12)
        before = expected
        expected = {e["user_id"]: e["score"] for e in await board()}
        missed, _ = await until_final(keeper, {"type": "delta", "entries": [
            {"user_id": u, "score": s} for u, s in before.items()]})
        resumed = Client(await websockets.connect(game_urls[2]))
        await resumed.send(op="auth", token=reps[0][2])
        assert (await resumed.recv())["type"] == "auth_ok"
        await resumed.send(op="subscribe", channel=LB, since={"epoch": sockets[0][1]["epoch"], "offset": latest})
        replayed = [await resumed.recv() for _ in missed]
        assert replayed == missed and [f["offset"] for f in missed] == list(range(latest + 1, latest + 1 + len(missed)))
        done = await resumed.recv()
        assert (done["type"], done["recovered"], done["offset"]) == ("subscribed", True, missed[-1]["offset"])
        assert await resumed.drain(0.3) == []
        for c, _ in sockets[1:]:
            await c.ws.close()
        await resumed.ws.close()
        assert json.dumps(done)  # a plain frame
