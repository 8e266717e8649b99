"""Process-wide state shared by the API, the worker and the CLI: engine, Redis, caches.

Caches are short-lived (a few seconds) read-through copies of rarely changing rows (an
org's time zone, its activity types, API keys) so the activity path reads no row it does
not write. A change made through this process invalidates its own copy at once; other
processes see it within `CACHE_TTL_S`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from server.board import keys
from server.board.channels import ChannelBus
from server.board.client import make_redis
from server.board.store import BoardStore
from server.config import Settings
from server.domain.errors import NotFound
from server.domain.periods import zone
from server.services.auth import Passwords, Tokens
from server.services.group_commit import GroupCommit
from server.storage import activity_types as types_repo
from server.storage import orgs as orgs_repo
from server.storage.engine import create_engine, session_factory

log = logging.getLogger("reprally")

CACHE_TTL_S = 2.0


@dataclass(frozen=True, slots=True)
class OrgInfo:
    id: int
    timezone: str
    tz: ZoneInfo
    week_start: int


@dataclass(frozen=True, slots=True)
class TypeInfo:
    id: int
    key: str
    label: str
    points: int
    value_points: float | None
    daily_cap: int | None
    self_reportable: bool
    active: bool
    version_id: int

    @property
    def valued(self) -> bool:
        return self.value_points is not None


class _TTLCache:
    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._data: dict = {}

    def get(self, key):
        hit = self._data.get(key)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        return None

    def put(self, key, value) -> None:
        self._data[key] = (time.monotonic() + self.ttl, value)

    def drop(self, key) -> None:
        self._data.pop(key, None)


class Runtime:
    def __init__(self, settings: Settings, *, engine: AsyncEngine | None = None, redis: Redis | None = None) -> None:
        self.settings = settings
        self.engine = engine or create_engine(settings.database_url, pool_size=settings.db_pool_size)
        self.sessions: async_sessionmaker = session_factory(self.engine)
        keys.configure(settings.redis_url, settings.redis_prefix)
        self.redis = redis or make_redis(settings.redis_url)
        self.boards = BoardStore(self.redis)
        self.bus = ChannelBus(self.redis)
        self.passwords = Passwords(settings.password_time_cost)
        self.tokens = Tokens(settings.jwt_secret, settings.access_token_ttl_s, settings.refresh_token_ttl_s)
        self._orgs = _TTLCache(30.0)
        self._types = _TTLCache(CACHE_TTL_S)
        self._inactive = _TTLCache(CACHE_TTL_S)
        self._active = _TTLCache(CACHE_TTL_S)
        self.api_keys = _TTLCache(CACHE_TTL_S)
        self.displays = _TTLCache(CACHE_TTL_S)
        #: Monotonic time before which the activity path does not try Redis (it just failed).
        self.redis_down_until = 0.0
        #: Entry ids that reached Redis: their `board_pending` rows are deleted by the sync loop.
        self.boarded_buffer: list[int] = []
        self.rebuilds: dict[int, asyncio.Task] = {}
        #: Orgs whose view must be rebuilt (again) once Redis answers / the running rebuild ends.
        self.rebuild_pending: set[int] = set()
        self._tasks: list[asyncio.Task] = []
        #: Single activity posts of one caller that queue behind its write share the next one.
        self.single_posts = GroupCommit()

    # -- cached reads ---------------------------------------------------------------------
    def _reader(self, conn: AsyncConnection | None):
        """A session for a cache miss: on the caller's connection when it is inside a transaction
        (a second connection would wait on that transaction's write lock under SQLite)."""
        return AsyncSession(bind=conn) if conn is not None else self.sessions()

    async def org(self, org_id: int, conn: AsyncConnection | None = None) -> OrgInfo:
        info = self._orgs.get(org_id)
        if info is None:
            async with self._reader(conn) as s:
                row = await orgs_repo.get_org(s, org_id)
            if row is None:
                raise NotFound("org_not_found", "org not found")
            info = OrgInfo(row.id, row.timezone, zone(row.timezone), row.week_start)
            self._orgs.put(org_id, info)
        return info

    def forget_org(self, org_id: int) -> None:
        self._orgs.drop(org_id)

    async def types(self, org_id: int, conn: AsyncConnection | None = None) -> dict[str, TypeInfo]:
        found = self._types.get(org_id)
        if found is None:
            async with self._reader(conn) as s:
                rows = await types_repo.list_types(s, org_id)
            found = {r.key: TypeInfo(r.id, r.key, r.label, r.points, r.value_points, r.daily_cap,
                                     r.self_reportable, r.active, r.current_version_id) for r in rows}
            self._types.put(org_id, found)
        return found

    def forget_types(self, org_id: int) -> None:
        self._types.drop(org_id)

    async def inactive_users(self, org_id: int) -> set[int]:
        """Deactivated users of an org: their still-valid access tokens must not log activities."""
        found = self._inactive.get(org_id)
        if found is None:
            async with self.sessions() as s:
                found = await orgs_repo.inactive_user_ids(s, org_id)
            self._inactive.put(org_id, found)
        return found

    def forget_inactive(self, org_id: int) -> None:
        self._inactive.drop(org_id)
        self._active.drop(org_id)

    async def active_users(self, org_id: int, wanted: set[int], conn: AsyncConnection | None = None) -> set[int]:
        """Which of `wanted` are active users of the org: a cached set, re-read on any miss
        (a user created a moment ago in another process is found, never refused)."""
        known = self._active.get(org_id)
        if known is None or not wanted <= known:
            async with self._reader(conn) as s:
                known = await orgs_repo.active_user_id_set(s, org_id)
            self._active.put(org_id, known)
        return wanted & known

    # -- Redis availability -----------------------------------------------------------------
    @property
    def redis_usable(self) -> bool:
        return time.monotonic() >= self.redis_down_until

    def redis_failed(self, exc: Exception) -> None:
        if self.redis_usable:
            log.warning("redis unavailable (%s); activities stay in the ledger and boards catch up later", exc)
        self.redis_down_until = time.monotonic() + self.settings.redis_retry_after_s

    # -- lifecycle ----------------------------------------------------------------------------
    def start_background(self, *coros) -> None:
        for coro in coros:
            self._tasks.append(asyncio.create_task(coro))

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            try:
                await task
            except (asyncio.CancelledError, Exception):
                pass
        self._tasks.clear()
        from server.services.board_sync import flush_boarded

        try:
            await flush_boarded(self)
        except Exception:  # noqa: BLE001 - closing: the sync loop will redo what is unmarked
            log.exception("could not mark boarded entries on shutdown")
        await self.redis.aclose()
        await self.engine.dispose()
