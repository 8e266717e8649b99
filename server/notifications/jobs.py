"""The notifications' worker jobs: live frames of new notifications, and the push sender."""

from __future__ import annotations

from server.core.runtime import Runtime
from server.notifications import push, service

#: Notifications published per run of the live job; a full run is followed by another at once.
LIVE_BATCH = 500


async def live_job(rt: Runtime) -> None:
    while await service.publish_live(rt, LIVE_BATCH) >= LIVE_BATCH:
        pass


async def push_job(rt: Runtime) -> None:
    await push.drain(rt)
