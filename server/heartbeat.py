"""The worker's heartbeat: each running worker writes the time (from the runtime's clock) into
one Redis hash, `<prefix>:workers`, field `<host>:<pid>`, every WORKER_HEARTBEAT_S, and removes
its field when it stops. The API's /readyz reports the freshest heartbeat (stale: not ready);
`reprally worker --check` looks at its own host's.

- ok: the freshest heartbeat is at most WORKER_STALE_S old.
- stale: every worker that wrote one stopped writing (it hangs, or died without removing its
  field): not ready, the age in the body.
- none: no worker runs (or all stopped cleanly): ready, unless REQUIRE_WORKER is set (compose
  sets it, as a worker always runs there; `reprally up` always runs one in its own process).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket

import msgspec

from server.core import redis as redis_client
from server.core.ops.dependencies import report_unreachable
from server.core.runtime import Runtime

log = logging.getLogger("reprally.worker")

#: Fields older than this are removed when a worker starts (workers that died long ago).
FORGET_AFTER_S = 24 * 3600.0


def key() -> str:
    return f"{redis_client.PREFIX}:workers"


def host() -> str:
    return socket.gethostname()


def worker_id() -> str:
    return f"{host()}:{os.getpid()}"


class WorkerStatus(msgspec.Struct, frozen=True):
    state: str  # "ok" | "stale" | "none"
    #: Seconds since the freshest heartbeat (None: there is none).
    age_s: float | None = None

    def describe(self) -> str:
        if self.age_s is None:
            return "none: no worker has written a heartbeat"
        return f"{self.state}: last heartbeat {self.age_s:.0f} s ago"


async def beat(rt: Runtime, wid: str) -> None:
    await rt.redis.hset(key(), wid, repr(rt.now().timestamp()))


async def forget(rt: Runtime, wid: str) -> None:
    await rt.redis.hdel(key(), wid)


async def _ages(rt: Runtime, on_host: str | None = None) -> list[tuple[str, float]]:
    now = rt.now().timestamp()
    out = []
    for field, value in (await rt.redis.hgetall(key())).items():
        wid = field.decode() if isinstance(field, bytes) else str(field)
        if on_host is not None and wid.rsplit(":", 1)[0] != on_host:
            continue
        try:
            out.append((wid, now - float(value)))
        except ValueError:
            continue
    return out


async def status(rt: Runtime, on_host: str | None = None) -> WorkerStatus:
    """The freshest heartbeat's state (of the workers on `on_host`, else of all)."""
    ages = [age for _, age in await _ages(rt, on_host)]
    if not ages:
        return WorkerStatus("none")
    age = max(0.0, min(ages))
    return WorkerStatus("ok" if age <= rt.settings.worker_stale_s else "stale", round(age, 1))


async def run_heartbeat(rt: Runtime, stop: asyncio.Event, wid: str | None = None) -> None:
    """Write this worker's heartbeat until `stop` is set, then remove it."""
    wid = wid or worker_id()
    every = rt.settings.worker_heartbeat_s
    try:
        for old, age in await _ages(rt):
            if age > FORGET_AFTER_S:
                await forget(rt, old)
    except Exception as exc:  # noqa: BLE001 - housekeeping only
        if not report_unreachable(exc, rt.settings.database_url, rt.settings.redis_url):
            log.exception("could not prune old worker heartbeats")
    try:
        while not stop.is_set():
            try:
                await beat(rt, wid)
            except Exception as exc:  # noqa: BLE001 - Redis away: /readyz says so; try again
                if not report_unreachable(exc, rt.settings.database_url, rt.settings.redis_url, every):
                    log.exception("could not write the worker heartbeat")
            try:
                await asyncio.wait_for(stop.wait(), every)
            except TimeoutError:
                pass
    finally:
        try:
            await forget(rt, wid)
        except Exception:  # noqa: BLE001 - it goes stale, then is pruned
            log.warning("could not remove the heartbeat of worker %s", wid)
