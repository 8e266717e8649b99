"""The worker process (`reprally worker`): the board sync loop plus every job in the registry.

Features register their timed jobs in their `feature.py` (`Registry.job`). Several workers may
run at once: each exclusive job (the default) runs in one of them at a time, under a lease whose
fencing token every transaction of the run checks (`server/job_leases.py`), so a worker paused
past its lease cannot act on it when it wakes. A failing run is logged and retried on the next
tick; it never stops the worker.
"""

from __future__ import annotations

import asyncio
import logging
import time

from server import job_leases as leases
from server import worker_gauges as gauges
from server.core.observability.metrics import observe_job
from server.core.ops.dependencies import LAST_RETRY_S, Backoff, report_unreachable
from server.core.runtime import Job, Runtime
from server.heartbeat import run_heartbeat, worker_id
from server.ledger.sync import run_sync_loop

log = logging.getLogger("reprally.worker")


class _Held:
    """This worker's lease on one job, kept across runs: renewed once a third of it has passed
    (and by a task while a long run lasts), taken again when it lapsed."""

    def __init__(self, rt: Runtime, name: str) -> None:
        self.rt, self.name, self.lease_s = rt, name, rt.settings.job_lease_s
        self.lease: leases.Lease | None = None
        self.renewed = 0.0

    async def take(self) -> leases.Lease | None:
        if self.lease is not None and time.monotonic() - self.renewed >= self.lease_s / 3:
            if not await leases.renew(self.rt, self.lease, self.lease_s):
                log.info("job %s: the lease passed to another worker", self.name)
                self.lease = None
            else:
                self.renewed = time.monotonic()
        if self.lease is None:
            self.lease = await leases.acquire(self.rt, self.name, worker_id(), self.lease_s)
            self.renewed = time.monotonic()
        return self.lease

    async def keep(self) -> None:
        """Renew while a run lasts (a run longer than the lease keeps it)."""
        while self.lease is not None:
            await asyncio.sleep(self.lease_s / 3)
            await self.take()

    async def release(self) -> None:
        if self.lease is not None:
            await leases.release(self.rt, self.lease)
            self.lease = None


async def _run_leased(held: _Held, j: Job) -> bool:
    """One run under the job's lease; False when another worker holds it."""
    lease = await held.take()
    if lease is None:
        return False
    keeper = asyncio.create_task(held.keep())
    fenced = leases.fence(lease)
    try:
        await j.run(held.rt)
    except leases.LeaseLost as exc:
        log.info("job %s stopped: %s", j.name, exc)
        held.lease = None
    finally:
        leases.unfence(fenced)
        keeper.cancel()
    return True


async def _loop(rt: Runtime, j: Job, stop: asyncio.Event) -> None:
    backoff = Backoff(first=j.every_s, last=max(j.every_s, LAST_RETRY_S))
    held = _Held(rt, j.name) if j.exclusive else None
    try:
        await _ticks(rt, j, stop, backoff, held)
    finally:
        if held is not None and held.lease is not None:
            try:  # let the next worker take the job at once, even when this task is being cancelled
                await asyncio.wait_for(held.release(), 5)
            except Exception:  # noqa: BLE001 - stopping anyway; the lease expires by itself
                log.debug("job %s: could not release its lease", j.name, exc_info=True)


async def _ticks(rt: Runtime, j: Job, stop: asyncio.Event, backoff: Backoff, held: _Held | None) -> None:
    while not stop.is_set():
        wait = j.every_s
        started = time.perf_counter()
        try:
            if held is None:
                await j.run(rt)
            elif not await _run_leased(held, j):
                started = 0.0  # another worker runs it: nothing to observe
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
            if started:
                observe_job(j.name, started, ok=True)
        try:
            await asyncio.wait_for(stop.wait(), wait)
        except TimeoutError:
            pass


async def run_worker(rt: Runtime, stop: asyncio.Event, *, jobs: list[Job] | None = None, sync: bool = True) -> None:
    """Run the board sync loop (unless the API in this process already does) and every
    registered job until `stop` is set."""
    selected = [*rt.registry.jobs, gauges.JOB] if jobs is None else jobs
    leases.install(rt, rt.settings.job_lease_s)
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
