"""Job leases: one worker at a time runs an exclusive job; a worker whose lease passed on cannot
commit anything for it, even when it was frozen (SIGSTOP) past its lease and wakes up."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from sqlalchemy import text

from server import job_leases as leases
from server.core.clock import ManualClock
from server.features import make_runtime
from tests.conftest import unique
from tests.ops.support import ROOT, environment


async def test_one_holder_at_a_time_and_a_lost_lease_commits_nothing(settings, rt):
    clock = ManualClock(datetime(2027, 3, 1, 12, tzinfo=UTC))
    mine = make_runtime(msgspec.structs.replace(settings), clock=clock)
    try:
        leases.install(mine, 30)
        name = unique("job")
        a = await leases.acquire(mine, name, "worker-a", 30)
        assert a is not None and a.token == 1
        assert await leases.acquire(mine, name, "worker-b", 30) is None  # A's lease is live
        clock.advance(timedelta(seconds=20))
        assert await leases.renew(mine, a, 30)  # A renews: live until 20 + 30 s
        clock.advance(timedelta(seconds=29))
        assert await leases.acquire(mine, name, "worker-b", 30) is None
        clock.advance(timedelta(seconds=2))  # A missed its renewal (frozen): B takes over, token 2
        b = await leases.acquire(mine, name, "worker-b", 30)
        assert b is not None and b.token == 2
        # A wakes up and goes on: its transactions are refused before they do anything
        fenced = leases.fence(a)
        try:
            with pytest.raises(leases.LeaseLost):
                async with mine.engine.begin() as conn:
                    await conn.execute(text("SELECT 1"))
        finally:
            leases.unfence(fenced)
        assert not await leases.renew(mine, a, 30)
        fenced = leases.fence(b)
        try:
            async with mine.engine.begin() as conn:  # B's pass
                assert (await conn.execute(text("SELECT 1"))).scalar() == 1
        finally:
            leases.unfence(fenced)
        # outside a leased run nothing is checked
        async with mine.engine.begin() as conn:
            await conn.execute(text("SELECT 1"))
        await leases.release(mine, b)  # a clean stop hands the job on at once
        again = await leases.acquire(mine, name, "worker-a", 30)
        assert again is not None and again.token == 3
    finally:
        await mine.close()


async def test_a_worker_frozen_past_its_lease_cannot_act_when_it_wakes(settings, rt, tmp_path):
    if rt.engine.dialect.name != "postgresql":
        pytest.skip("the embedded SQLite runs one worker; a frozen process would hold the database file's lock")
    async with rt.engine.begin() as conn:
        await conn.execute(text("DROP TABLE IF EXISTS lease_probe"))
        await conn.execute(text("CREATE TABLE lease_probe (id bigserial PRIMARY KEY, pid int NOT NULL, "
                                "token bigint NOT NULL)"))
    name = unique("probe")
    env = environment(tmp_path, DATABASE_URL=settings.database_url, REDIS_URL=settings.redis_url, JOB_LEASE_S="2")

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "tests.ops.lease_worker", name], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    async def rows() -> list[tuple[int, int, int]]:
        async with rt.engine.connect() as conn:
            return [tuple(r) for r in (await conn.execute(text("SELECT id, pid, token FROM lease_probe ORDER BY id")))]

    async def wait_for(what, within: float = 20):
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if what(await rows()):
                return
            await asyncio.sleep(0.1)
        raise AssertionError(f"waited {within} s: {(await rows())[-5:]}")

    a = start()
    b = None
    try:
        await wait_for(lambda rs: any(pid == a.pid for _, pid, _ in rs))
        b = start()
        await asyncio.sleep(2)
        assert {pid for _, pid, _ in await rows()} == {a.pid}  # B waits: A holds the job
        os.kill(a.pid, signal.SIGSTOP)
        frozen_at = (await rows())[-1][0]
        await wait_for(lambda rs: any(pid == b.pid for _, pid, _ in rs))  # B took over once A's lease ran out
        os.kill(a.pid, signal.SIGCONT)
        await asyncio.sleep(2.5)  # A is awake and goes on trying for 2.5 s
        seen = await rows()
        first_b = next(i for i, pid, _ in seen if pid == b.pid)
        assert [i for i, pid, _ in seen if pid == a.pid and i > frozen_at] == []  # nothing from A after it froze
        assert all(pid == b.pid for i, pid, _ in seen if i >= first_b)
        tokens = [t for _, _, t in seen]
        assert tokens == sorted(tokens) and max(t for _, pid, t in seen if pid == a.pid) < min(
            t for _, pid, t in seen if pid == b.pid)
        assert a.poll() is None  # A is alive, just idle
    finally:
        for p in (a, b):
            if p is not None and p.poll() is None:
                os.kill(p.pid, signal.SIGCONT)
                p.terminate()
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    p.kill()
        async with rt.engine.begin() as conn:
            await conn.execute(text("DROP TABLE IF EXISTS lease_probe"))
