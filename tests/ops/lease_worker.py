"""A worker with one exclusive job that writes a probe row per run (its pid and lease token),
for tests/ops/test_job_leases.py: `python -m tests.ops.lease_worker JOB_NAME` with DATABASE_URL,
REDIS_URL and JOB_LEASE_S in the environment."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from sqlalchemy import text

from server import job_leases
from server.core.runtime import Job, Runtime
from server.core.settings import load_settings
from server.features import make_runtime
from server.worker import run_worker


async def probe(rt: Runtime) -> None:
    lease = job_leases.current()
    assert lease is not None
    async with rt.engine.begin() as conn:
        await conn.execute(text("INSERT INTO lease_probe (pid, token) VALUES (:p, :t)"),
                           {"p": os.getpid(), "t": lease.token})


async def main(name: str) -> None:
    rt = make_runtime(load_settings())
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    try:
        await run_worker(rt, stop, jobs=[Job(name, 0.1, probe)], sync=False)
    finally:
        await rt.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
