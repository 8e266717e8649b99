"""The insights' worker jobs: each team's day close, the outcomes whose 7 days are over, and the
Monday digests. Each is a sweep of what is due now, claimed row by row (safe in several workers)."""

from __future__ import annotations

from server.core.runtime import Runtime
from server.insights import detection, digest, outcomes


async def day_close_job(rt: Runtime) -> None:
    await detection.due_closes(rt)


async def outcomes_job(rt: Runtime) -> None:
    await outcomes.measure_all(rt)


async def digest_job(rt: Runtime) -> None:
    await digest.send_due(rt)
