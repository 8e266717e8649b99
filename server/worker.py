"""The worker process (`reprally worker`): the board sync loop plus every feature's timed jobs.

A feature registers a job with `@job("name", every_s)` in its service module (imported by
`server.features`). Several workers may run at once, so each job must be safe to run twice
at the same moment: claim rows with a conditional UPDATE, or take a Redis lease.
A failing run is logged and retried on the next tick; it never stops the worker.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("reprally.worker")


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    every_s: float
    run: Callable[[Any], Awaitable[Any]]


JOBS: list[Job] = []


def job(name: str, every_s: float):
    def register(fn: Callable[[Any], Awaitable[Any]]):
        JOBS.append(Job(name, every_s, fn))
        return fn
    return register


async def _loop(rt, j: Job, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await j.run(rt)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - one bad run must not stop the worker
            log.exception("job %s failed; retrying in %.0f s", j.name, j.every_s)
        try:
            await asyncio.wait_for(stop.wait(), j.every_s)
        except TimeoutError:
            pass


async def run_worker(rt, stop: asyncio.Event, *, jobs: list[Job] | None = None, sync: bool = True) -> None:
    """Run the board sync loop (unless the API in this process already does) and every
    registered job until `stop` is set."""
    import server.features  # noqa: F401 - registers the features' jobs and hooks
    from server.services.board_sync import run_sync_loop

    selected = JOBS if jobs is None else jobs
    log.info("worker running: board sync%s", "".join(f", {j.name}" for j in selected))
    tasks = [asyncio.create_task(run_sync_loop(rt))] if sync else []
    tasks += [asyncio.create_task(_loop(rt, j, stop)) for j in selected]
    try:
        await stop.wait()
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
