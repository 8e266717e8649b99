"""The runtime every process shares: settings, clock, database, Redis, tokens and the registry.

One `Runtime` per process (the API, the game server, the worker and the CLI each make one;
tests make several). It holds only what the core needs. Packages above the core keep their
per-process state in typed *parts* (`rt.part(KEY)`, made on first use and closed with the
runtime), so the runtime knows none of them: the board store, the ledger's sync state and
group commit, the accounts' caches.

The `Registry` is how features plug into the core: the activity path calls the hooks and
sinks registered there, the worker runs the jobs, and the HTTP layer asks the token
resolvers who is calling. `server/features.py` fills it from each feature's `feature.py`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar, cast

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from server.core import redis as redis_client
from server.core.auth import Passwords, Principal, Tokens
from server.core.clock import Clock, SystemClock
from server.core.db import create_engine, session_factory
from server.core.events import (
    ActivityBatch,
    AfterCommit,
    EntryFacts,
    EventBatch,
    FeedItem,
    Notice,
    ReversalBatch,
)
from server.core.ops.config import mask_url
from server.core.ops.dependencies import LOG_EVERY_S, reason
from server.core.periods import WorkCalendar
from server.core.settings import Settings

log = logging.getLogger("reprally")

T = TypeVar("T")

# -- what features register ---------------------------------------------------------------------

#: Inside the transaction that wrote fresh activities.
ActivityHook = Callable[["Runtime", AsyncConnection, ActivityBatch], Awaitable[None]]
#: Inside the transaction that reverses an activity.
ReversalHook = Callable[["Runtime", AsyncConnection, ReversalBatch], Awaitable[None]]
#: Inside the transaction of a non-activity event (`ledger.effects.emit`).
AchievementHook = Callable[["Runtime", AsyncConnection, EventBatch], Awaitable[None]]
#: After the commit and the board move: (rt, org id, the activity batch, the entries' board facts).
AfterBoardsHook = Callable[["Runtime", int, ActivityBatch, list[EntryFacts]], Awaitable[None]]
#: Writes notices durably in the caller's transaction (the notification outbox).
NoticeSink = Callable[["Runtime", AsyncConnection, int, list[Notice]], Awaitable[None]]
#: Writes feed items in the caller's transaction; returns what to publish once it committed.
FeedSink = Callable[["Runtime", AsyncConnection, int, list[FeedItem], datetime], Awaitable[AfterCommit | None]]
#: True while a feature's activity hooks must not run concurrently for the same reps (see
#: `ledger.ingest`): the activity path then locks the daily-cap counters before the hooks.
CountersFirst = Callable[["Runtime", int], bool]
#: Inside the transaction that creates an org: each feature writes its defaults for it.
OrgCreatedHook = Callable[["Runtime", AsyncSession, int, datetime], Awaitable[None]]
#: An org's Redis view no longer matches the ledger (its periods moved, a rep came back).
ViewStaleHook = Callable[["Runtime", int], None]
#: Why some ledger entries of an org were written, as a feature knows it (the CRM change behind a
#: reversal): (rt, org id, [(entry id, kind, activity id, the activity's source)]) -> entry id -> a
#: note for the rep's ledger.
EntryCauses = Callable[["Runtime", int, list[tuple[int, str, int | None, str | None]]],
                       Awaitable[dict[int, dict[str, Any]]]]
#: An org's working-day calendar (None: this source does not know the org).
CalendarSource = Callable[["Runtime", int], Awaitable[WorkCalendar | None]]


class TokenResolver(Protocol):
    """Turns a bearer token of one kind into the caller (`core.web.authenticate`), or raises
    `Unauthorized`. `claims` are the token's verified claims when it is a JWT. `fresh` skips the
    process's own caches (the game server re-checking open sockets after a revocation)."""

    def __call__(self, rt: Runtime, token: str, claims: dict[str, Any] | None, *,
                 fresh: bool = False) -> Awaitable[Principal]: ...

#: The reps of an org from whom a mechanic ("missions", "instant_wins") is withheld on one of the
#: org's local days (an experiment's arm switches it off): (rt, conn, org id, mechanic, day) -> user ids.
MechanicGate = Callable[["Runtime", AsyncConnection, int, str, date], Awaitable[frozenset[int]]]

#: Raises a 404 unless the subject of a board channel (e.g. the contest of `contest:<id>`) is the org's.
BoardSubjectCheck = Callable[["Runtime", int, int], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Job:
    """A timed job the worker runs every `every_s` seconds. Several workers may run at once: an
    `exclusive` job runs in one of them at a time, under a fenced lease (`server/job_leases.py`);
    a job that is not must be safe to run twice at the same moment."""

    name: str
    every_s: float
    run: Callable[[Runtime], Awaitable[object]]
    exclusive: bool = True


@dataclass(slots=True)
class Registry:
    activity_hooks: list[ActivityHook] = field(default_factory=list)
    reversal_hooks: list[ReversalHook] = field(default_factory=list)
    achievement_hooks: list[AchievementHook] = field(default_factory=list)
    #: inside the same transaction, once every achievement hook ran: every ledger row the event
    #: writes is in `batch.entries` (what the caller passed and what the hooks added), each once
    event_entries: list[AchievementHook] = field(default_factory=list)
    after_boards: list[AfterBoardsHook] = field(default_factory=list)
    notice_sinks: list[NoticeSink] = field(default_factory=list)
    feed_sinks: list[FeedSink] = field(default_factory=list)
    counters_first: list[CountersFirst] = field(default_factory=list)
    org_created: list[OrgCreatedHook] = field(default_factory=list)
    views_stale: list[ViewStaleHook] = field(default_factory=list)
    entry_causes: list[EntryCauses] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    #: where an org's working days come from (the habits feature's streak calendar); first answer wins
    calendars: list[CalendarSource] = field(default_factory=list)
    #: who may not have a mechanic on a day (experiments' arms); the features that run it ask `withheld`
    mechanic_gates: list[MechanicGate] = field(default_factory=list)
    #: token kind ("access", "api_key", "display") -> resolver
    token_resolvers: dict[str, TokenResolver] = field(default_factory=dict)
    #: board channel kind ("contest") -> the check that its subject is the org's (displays' boards)
    board_subjects: dict[str, BoardSubjectCheck] = field(default_factory=dict)

    def view_stale(self, rt: Runtime, org_id: int) -> None:
        """Tell the ledger that the org's boards must be rebuilt from it."""
        for hook in self.views_stale:
            hook(rt, org_id)

    async def calendar(self, rt: Runtime, org_id: int) -> WorkCalendar:
        """The org's working days from the first source that knows them; Monday to Friday otherwise."""
        for source in self.calendars:
            found = await source(rt, org_id)
            if found is not None:
                return found
        return WorkCalendar()

    async def withheld(self, rt: Runtime, conn: AsyncConnection, org_id: int, mechanic: str,
                       day: date) -> frozenset[int]:
        """The org's reps from whom `mechanic` is withheld on the org's local `day` (no gate: nobody)."""
        out: frozenset[int] = frozenset()
        for gate in self.mechanic_gates:
            out |= await gate(rt, conn, org_id, mechanic, day)
        return out

    def job(self, name: str, every_s: float, run: Callable[[Runtime], Awaitable[object]]) -> None:
        if any(j.name == name for j in self.jobs):
            raise ValueError(f"job {name!r} is registered twice")
        self.jobs.append(Job(name, every_s, run))


# -- per-process state of the packages above the core -------------------------------------------

class _Closing(Protocol):
    async def aclose(self) -> None: ...


@dataclass(frozen=True, eq=False, slots=True)
class Part(Generic[T]):
    """The key of one per-runtime component: `rt.part(KEY)` makes it with `make(rt)` on first use.
    A component with an `async aclose()` is closed with the runtime (last made, first closed),
    before Redis and the database."""

    name: str
    make: Callable[[Runtime], T]


class Runtime:
    def __init__(self, settings: Settings, *, registry: Registry | None = None, clock: Clock | None = None,
                 engine: AsyncEngine | None = None, redis: Redis | None = None) -> None:
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        self.registry = registry or Registry()
        self.engine = engine or create_engine(settings.database_url, pool_size=settings.db_pool_size)
        self.sessions: async_sessionmaker[AsyncSession] = session_factory(self.engine)
        redis_client.configure_prefix(settings.redis_url, settings.redis_prefix)
        self.redis: Redis = redis or redis_client.make_redis(settings.redis_url)
        self.passwords = Passwords(settings.password_time_cost)
        self.tokens = Tokens(settings.jwt_secret, settings.access_token_ttl_s, settings.refresh_token_ttl_s,
                             settings.jwt_previous_secret)
        #: Monotonic time before which the activity path does not try Redis (it just failed).
        self.redis_down_until = 0.0
        self._redis_warned_at = -LOG_EVERY_S
        self._parts: dict[Part[Any], Any] = {}
        self._tasks: list[asyncio.Task[None]] = []

    def now(self) -> datetime:
        return self.clock.now()

    def part(self, key: Part[T]) -> T:
        found = self._parts.get(key)
        if found is None:
            found = self._parts[key] = key.make(self)
        return cast(T, found)

    # -- Redis availability -----------------------------------------------------------------
    @property
    def redis_usable(self) -> bool:
        return time.monotonic() >= self.redis_down_until

    def redis_failed(self, exc: Exception) -> None:
        now = time.monotonic()
        if self.redis_usable and now - self._redis_warned_at >= LOG_EVERY_S:  # one line per 30 s at most
            self._redis_warned_at = now
            log.warning("redis %s unavailable (%s); activities stay in the ledger and boards catch up later",
                        mask_url(self.settings.redis_url), reason(exc))
        self.redis_down_until = now + self.settings.redis_retry_after_s

    # -- lifecycle ----------------------------------------------------------------------------
    def start_background(self, *coros: Coroutine[Any, Any, None]) -> None:
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
        for part in reversed(list(self._parts.values())):
            closer = getattr(part, "aclose", None)
            if closer is None:
                continue
            try:
                await cast(_Closing, part).aclose()
            except Exception:  # noqa: BLE001 - closing: what a part could not finish is redone later
                log.exception("could not close %s", type(part).__name__)
        await self.redis.aclose()
        await self.engine.dispose()
