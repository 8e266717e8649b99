"""The contests' worker jobs: the lifecycle tick (start, warn, end, award every due contest)
and the reconciliation of live standings with the ledger."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from server.contests import store as repo
from server.contests.lifecycle import award, end, start, warn_ending
from server.contests.standings import reconcile
from server.core.runtime import Runtime

log = logging.getLogger("reprally.contests")


async def tick(rt: Runtime, now: datetime | None = None) -> dict[str, int]:
    """Move every due contest one step; safe with several workers at once and across restarts."""
    now = now or rt.now()
    s = rt.settings
    async with rt.engine.connect() as conn:
        due = await repo.due(conn, now, now + timedelta(seconds=s.contest_ending_soon_s),
                             now - timedelta(seconds=s.contest_settle_s))
    counts = {"started": 0, "warned": 0, "ended": 0, "awarded": 0}
    for c in due:
        try:
            if c.state == "scheduled":
                counts["started"] += await start(rt, c.id, now)
            elif c.state == "live" and c.ends_at <= now:
                counts["ended"] += await end(rt, c.id, now)
            elif c.state == "live":
                counts["warned"] += await warn_ending(rt, c.id)
            elif c.state == "ended":
                counts["awarded"] += await award(rt, c.id, now)
        except Exception:  # noqa: BLE001 - one contest's failure must not hold the others back
            log.exception("contest %s: lifecycle step failed; retrying next tick", c.id)
    return counts


async def reconcile_standings(rt: Runtime) -> int:
    return await reconcile(rt, rt.settings.contest_reconcile_s)
