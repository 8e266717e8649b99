"""An org's early-warning settings: read by the rules, changed by its admins."""

from __future__ import annotations

import dataclasses
from typing import Any

from server.accounts import audit
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.runtime import Part, Runtime
from server.core.web import require_admin, require_manager
from server.insights import rules
from server.insights import store as repo
from server.insights.rules import Thresholds

_CACHE: Part[TTLCache[int, Thresholds]] = Part("insights.settings", lambda rt: TTLCache(5.0))


async def thresholds_of(rt: Runtime, org_id: int) -> Thresholds:
    cache = rt.part(_CACHE)
    found = cache.get(org_id)
    if found is None:
        async with rt.engine.connect() as conn:
            found = await repo.thresholds(conn, org_id)
        cache.put(org_id, found)
    return found


async def get_settings(rt: Runtime, principal: Principal) -> Thresholds:
    require_manager(principal)
    return await thresholds_of(rt, principal.org_id)


async def update_settings(rt: Runtime, principal: Principal, changes: dict[str, Any]) -> Thresholds:
    require_admin(principal)
    merged = dataclasses.replace(await thresholds_of(rt, principal.org_id), **changes)
    rules.check_thresholds(merged)
    async with rt.engine.begin() as conn:
        before = dataclasses.asdict(await repo.thresholds(conn, principal.org_id))
        await repo.save_thresholds(conn, principal.org_id, merged, rt.now())
        await audit.record(rt, conn, principal, "org", principal.org_id, "alert_thresholds", before=before,
                           after=dataclasses.asdict(merged))
    rt.part(_CACHE).drop(principal.org_id)
    return merged
