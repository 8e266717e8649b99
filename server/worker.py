"""The worker process (`reprally worker`): the board sync loop plus every job in the registry.

Features register their timed jobs in their `feature.py` (`Registry.job`). Several workers may
run at once, so each job must be safe to run twice at the same moment: claim rows with a
conditional UPDATE, or take a Redis lease. A failing run is logged and retried on the next
tick; it never stops the worker.
"""

from __future__ import annotations

import asyncio
import logging
import time

from server import worker_gauges as gauges
from server.core.observability.metrics import observe_job
from server.core.ops.dependencies import LAST_RETRY_S, Backoff, report_unreachable
from server.core.runtime import Job, Runtime
from server.heartbeat import run_heartbeat
from server.ledger.sync import run_sync_loop

log = logging.getLogger("reprally.worker")


async def _loop(rt: Runtime, j: Job, stop: asyncio.Event) -> None:
    backoff = Backoff(first=j.every_s, last=max(j.every_s, LAST_RETRY_S))
    while not stop.is_set():
        wait = j.every_s
        started = time.perf_counter()
        try:
            await j.run(rt)
            backoff.reset()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad run must not stop the worker
            observe_job(j.name, started, ok=False)
            # a database or Redis out of reach: one line per 30 s, and the job backs off
            wait = backoff.next()
            if not report_unreachable(exc, rt.settings.database_url, rt.settings.redis_url, wait):
                log.exception("job %s failed; retrying in %.0f s", j.name, j.every_s)
                wait = j.every_s
        else:
            observe_job(j.name, started, ok=True)
        try:
            await asyncio.wait_for(stop.wait(), wait)
        except TimeoutError:
            pass


async def run_worker(rt: Runtime, stop: asyncio.Event, *, jobs: list[Job] | None = None, sync: bool = True) -> None:
    """Run the board sync loop (unless the API in this process already does) and every
    registered job until `stop` is set."""
    selected = [*rt.registry.jobs, gauges.JOB] if jobs is None else jobs
    log.info("worker running: board sync%s", "".join(f", {j.name}" for j in selected))
    tasks = [asyncio.create_task(run_sync_loop(rt))] if sync else []
    tasks.append(asyncio.create_task(run_heartbeat(rt, stop)))  # /readyz and `reprally worker --check`
    tasks += [asyncio.create_task(_loop(rt, j, stop)) for j in selected]
    try:
        await stop.wait()
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
