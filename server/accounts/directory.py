"""Cached reads of the tenancy rows the activity path needs on every call: an org's zone and
week, and which of its users are active.

The copies are short-lived (a few seconds) read-through caches, one set per runtime, so the
activity path reads no row it does not write. A change made through this process drops its
own copy at once (`forget_*`); other processes see it within `CACHE_TTL_S`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from server.accounts import store
from server.core.cache import TTLCache
from server.core.errors import NotFound
from server.core.events import OrgInfo
from server.core.periods import zone
from server.core.runtime import Part, Runtime

CACHE_TTL_S = 2.0
ORG_TTL_S = 30.0


@dataclass(slots=True)
class _Caches:
    orgs: TTLCache[int, OrgInfo] = field(default_factory=lambda: TTLCache(ORG_TTL_S))
    inactive: TTLCache[int, set[int]] = field(default_factory=lambda: TTLCache(CACHE_TTL_S))
    active: TTLCache[int, set[int]] = field(default_factory=lambda: TTLCache(CACHE_TTL_S))


CACHES: Part[_Caches] = Part("accounts.directory", lambda rt: _Caches())


def reader(rt: Runtime, conn: AsyncConnection | None) -> AsyncSession:
    """A session for a cache miss: on the caller's connection when it is inside a transaction
    (a second connection would wait on that transaction's write lock under SQLite)."""
    return AsyncSession(bind=conn) if conn is not None else rt.sessions()


async def org_info(rt: Runtime, org_id: int, conn: AsyncConnection | None = None) -> OrgInfo:
    cache = rt.part(CACHES).orgs
    info = cache.get(org_id)
    if info is None:
        async with reader(rt, conn) as s:
            row = await store.get_org(s, org_id)
        if row is None:
            raise NotFound("org_not_found", "org not found")
        info = OrgInfo(row.id, row.timezone, zone(row.timezone), row.week_start)
        cache.put(org_id, info)
    return info


async def zones_of(rt: Runtime, org_id: int, user_ids: Sequence[int],
                   conn: AsyncConnection | None = None) -> dict[int, ZoneInfo]:
    """Each user's own time zone, else the org's: the zone the times in their notices are written in."""
    org = await org_info(rt, org_id, conn)
    async with reader(rt, conn) as s:
        named = await store.user_timezones(s, org_id, user_ids)
    return {uid: zone(name) if (name := named.get(uid)) else org.tz for uid in user_ids}


def forget_org(rt: Runtime, org_id: int) -> None:
    rt.part(CACHES).orgs.drop(org_id)


async def inactive_users(rt: Runtime, org_id: int) -> set[int]:
    """Deactivated users of an org: their still-valid access tokens must not log activities."""
    cache = rt.part(CACHES).inactive
    found = cache.get(org_id)
    if found is None:
        async with rt.sessions() as s:
            found = await store.inactive_user_ids(s, org_id)
        cache.put(org_id, found)
    return found


def forget_users(rt: Runtime, org_id: int) -> None:
    caches = rt.part(CACHES)
    caches.inactive.drop(org_id)
    caches.active.drop(org_id)


async def active_users(rt: Runtime, org_id: int, wanted: set[int], conn: AsyncConnection | None = None) -> set[int]:
    """Which of `wanted` are active users of the org: a cached set, re-read on any miss
    (a user created a moment ago in another process is found, never refused)."""
    cache = rt.part(CACHES).active
    known = cache.get(org_id)
    if known is None or not wanted <= known:
        async with reader(rt, conn) as s:
            known = await store.active_user_id_set(s, org_id)
        cache.put(org_id, known)
    return wanted & known
