"""Health for every process: the API's /readyz reports the worker's heartbeat, `reprally worker
--check` judges it, and the game server answers /healthz and /readyz on its own port."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import time
from datetime import UTC, datetime, timedelta

import httpx

from realtime.server import run as run_realtime
from server import heartbeat
from server.core.clock import ManualClock
from server.features import make_runtime
from server.worker import run_worker
from tests.conftest import free_port, make_settings
from tests.ops.support import Forwarder, reprally, target_of, through
from tests.support.boards import app_client


async def _ready(client: httpx.AsyncClient) -> tuple[int, dict]:
    r = await client.get("/readyz")
    return r.status_code, r.json()


async def test_readyz_reports_the_workers_heartbeat(database_url, redis_url):
    clock = ManualClock(datetime.now(UTC))
    rt = make_runtime(
        make_settings(database_url, redis_url, worker_heartbeat_s=0.05, worker_stale_s=30), clock=clock
    )
    await rt.redis.delete(heartbeat.key())
    try:
        async with app_client(rt) as c:
            # No worker has ever run and none is required: ready, and nothing said of a worker.
            assert await _ready(c) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
            stop = asyncio.Event()
            task = asyncio.create_task(run_worker(rt, stop, jobs=[], sync=False))
            for _ in range(200):
                if await rt.redis.hexists(heartbeat.key(), heartbeat.worker_id()):
                    break
                await asyncio.sleep(0.02)
            assert await _ready(c) == (
                200,
                {"status": "ok", "database": "ok", "redis": "ok", "worker": "ok: last heartbeat 0 s ago"},
            )
            # The heartbeat is written with the runtime's clock: a moved clock shows in the next one.
            clock.advance(timedelta(hours=1))
            await asyncio.sleep(0.2)
            assert (await _ready(c))[1]["worker"] == "ok: last heartbeat 0 s ago"
            stop.set()
            await asyncio.wait_for(task, 5)
            # A worker that stops removes its heartbeat.
            assert await rt.redis.hlen(heartbeat.key()) == 0
            assert await _ready(c) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
            # One that dies (or hangs) leaves it to go stale: not ready, and why.
            await heartbeat.beat(rt, "gone-host:1")
            clock.advance(timedelta(seconds=31))
            assert await _ready(c) == (
                503,
                {
                    "status": "unavailable",
                    "database": "ok",
                    "redis": "ok",
                    "worker": "stale: last heartbeat 31 s ago",
                },
            )
            # The freshest heartbeat decides: a live worker beside the dead one makes it ready again.
            await heartbeat.beat(rt, "live-host:2")
            assert (await _ready(c))[0] == 200
    finally:
        await rt.redis.delete(heartbeat.key())
        await rt.close()


async def test_readyz_waits_for_a_required_worker(database_url, redis_url):
    rt = make_runtime(make_settings(database_url, redis_url, require_worker=True))
    await rt.redis.delete(heartbeat.key())
    try:
        async with app_client(rt) as c:
            assert await _ready(c) == (
                503,
                {
                    "status": "unavailable",
                    "database": "ok",
                    "redis": "ok",
                    "worker": "none: no worker has written a heartbeat",
                },
            )
            await heartbeat.beat(rt, "w:1")
            assert (await _ready(c))[0] == 200
    finally:
        await rt.redis.delete(heartbeat.key())
        await rt.close()


async def test_worker_check_exits_non_zero_on_a_stale_heartbeat(tmp_path, rt, database_url, redis_url):
    key, me = heartbeat.key(), socket.gethostname()
    env = {"DATABASE_URL": database_url, "REDIS_URL": redis_url, "WORKER_STALE_S": "60"}
    await rt.redis.delete(key)
    try:
        await rt.redis.hset(
            key, f"other-{me}:7", repr(time.time())
        )  # another host's worker is not this one's
        done = await asyncio.to_thread(reprally, tmp_path, "worker", "--check", **env)
        assert (done.returncode, done.stdout) == (
            1,
            f"worker on {me}: none: no worker has written a heartbeat\n",
        )
        await rt.redis.hset(key, f"{me}:4242", repr(time.time() - 1))
        done = await asyncio.to_thread(reprally, tmp_path, "worker", "--check", **env)
        assert (done.returncode, done.stderr) == (0, "")  # (the command itself takes seconds to start)
        assert re.fullmatch(rf"worker on {re.escape(me)}: ok: last heartbeat \d+ s ago\n", done.stdout)
        await rt.redis.hset(key, f"{me}:4242", repr(time.time() - 120))
        done = await asyncio.to_thread(reprally, tmp_path, "worker", "--check", **env)
        assert done.returncode == 1
        assert re.fullmatch(
            rf"worker on {re.escape(me)}: stale: last heartbeat 1[2-9]\d s ago\n", done.stdout
        )
    finally:
        await rt.redis.delete(key)
    port = free_port()
    done = await asyncio.to_thread(
        reprally,
        tmp_path,
        "worker",
        "--check",
        DATABASE_URL=database_url,
        REDIS_URL=f"redis://:pw@127.0.0.1:{port}/0",
    )
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"reprally: worker check: redis redis://:***@127.0.0.1:{port}/0 cannot be reached ("
    )
    assert "Traceback" not in done.stderr


async def test_the_game_server_answers_health_probes(rt, game_server, database_url, redis_url, caplog):
    base = game_server.replace("ws://", "http://").removesuffix("/ws")
    async with httpx.AsyncClient(base_url=base) as http:
        r = await http.get("/healthz")
        assert (r.status_code, r.json(), r.headers["content-type"]) == (
            200,
            {"status": "ok"},
            "application/json",
        )
        r = await http.get("/readyz")
        assert (r.status_code, r.json()) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
        assert (await http.get("/elsewhere")).status_code == 404
    # Redis out of reach at start: alive, not ready, no websocket yet; one line, no traceback.
    redis_port = free_port()
    redis_at = Forwarder(redis_port, target_of(redis_url))
    down = make_runtime(make_settings(database_url, through(redis_url, redis_port)))
    port, stop, ready = free_port(), asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(run_realtime(down, "127.0.0.1", port, stop, ready))
    try:
        with caplog.at_level(logging.WARNING):
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                for _ in range(100):
                    with contextlib.suppress(httpx.ConnectError):
                        if (await http.get("/healthz")).status_code == 200:
                            break
                    await asyncio.sleep(0.05)
                r = await http.get("/readyz")
                assert (r.status_code, r.json()) == (
                    503,
                    {"status": "unavailable", "database": "ok", "redis": "error: ConnectionError"},
                )
                assert (await http.get("/ws")).status_code == 503
                await asyncio.sleep(1.5)  # retries meanwhile
                await redis_at.start()
                await asyncio.wait_for(ready.wait(), 30)
                r = await http.get("/readyz")
                assert (r.status_code, r.json()) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
        lines = [r.getMessage() for r in caplog.records if r.name == "reprally.dependencies"]
        assert len([m for m in lines if "cannot be reached" in m]) == 1, lines
        assert lines[-1] == f"redis {through(redis_url, redis_port)} answers again"
        assert not [r for r in caplog.records if r.exc_info]
    finally:
        await redis_at.stop()
        stop.set()
        await asyncio.wait_for(task, 10)
        await down.close()
