"""The database and Redis as dependencies a process waits for: probes, one clear line when one
cannot be reached (its URL with the password masked, and what failed), retries with backoff,
and at most one such line per dependency every 30 seconds: never a traceback a second.

Only errors that say "cannot reach" are treated so (`unreachable`): refused or reset connections,
unknown hosts, timeouts, and PostgreSQL's connection, authentication and "no such database"
errors. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

import redis.exceptions
import sqlalchemy.exc
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from server.core.ops.config import mask_url

log = logging.getLogger("reprally.dependencies")

#: At most one line per dependency this often while it stays unreachable.
LOG_EVERY_S = 30.0
#: Backoff between attempts: doubled from the first to the last.
FIRST_RETRY_S, LAST_RETRY_S = 0.5, 30.0
#: SQLSTATE classes and codes that mean "this database cannot be used from here": connection
#: exception, invalid authorization, no such database, cannot connect now, too many connections.
_PG_STATES = ("08", "28", "3D000", "57P03", "53300")
#: A probe that takes longer than this is a failure (a black-holed host).
PROBE_TIMEOUT_S = 5.0


def unreachable(exc: BaseException) -> bool:
    """Whether `exc` (or what caused it) says a database or Redis cannot be reached."""
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(
            seen,
            (
                OSError,
                TimeoutError,
                redis.exceptions.ConnectionError,
                redis.exceptions.TimeoutError,
                sqlalchemy.exc.InterfaceError,
                sqlalchemy.exc.OperationalError,
            ),
        ):
            return True
        state = getattr(seen, "sqlstate", None)
        if isinstance(state, str) and state.startswith(_PG_STATES):
            return True
        orig = getattr(seen, "orig", None)
        seen = orig if isinstance(orig, BaseException) else seen.__cause__ or seen.__context__
    return False


def which(exc: BaseException) -> str:
    """ "redis" for the Redis client's errors, else "database"."""
    return "redis" if isinstance(exc, redis.exceptions.RedisError) else "database"


def reason(exc: BaseException) -> str:
    """What failed, on one line: the error's type and the first line of its message."""
    orig = getattr(exc, "orig", None)
    base = orig.__cause__ or orig if isinstance(orig, BaseException) else exc
    message = (str(base).strip().splitlines() or [""])[0][:200]
    return f"{type(base).__name__}: {message}" if message else type(base).__name__


class DependencyLog:
    """One line per dependency per `every_s` while it fails, and one when it answers again."""

    def __init__(self, every_s: float = LOG_EVERY_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.every_s = every_s
        self.clock = clock
        self._last: dict[str, float] = {}
        self._suppressed: dict[str, int] = {}

    def failed(self, name: str, url: str, exc: BaseException, retry_in: float | None = None) -> None:
        now = self.clock()
        last = self._last.get(name)
        if last is not None and now - last < self.every_s:
            self._suppressed[name] = self._suppressed.get(name, 0) + 1
            return
        self._last[name] = now
        again = self._suppressed.pop(name, 0)
        log.warning(
            "%s %s cannot be reached (%s); %s%s",
            name,
            mask_url(url),
            reason(exc),
            f"retrying in {retry_in:.1f} s" if retry_in is not None else "retrying",
            f" ({again} more failures since the last line)" if again else "",
        )

    def reset(self) -> None:
        """Forget every failure (the next one is reported at once)."""
        self._last.clear()
        self._suppressed.clear()

    def recovered(self, name: str, url: str) -> None:
        if self._last.pop(name, None) is not None:
            self._suppressed.pop(name, None)
            log.warning("%s %s answers again", name, mask_url(url))


#: The process's log of its dependencies.
REPORT = DependencyLog()


class Backoff:
    """Delays doubling from `first` to `last`; `reset()` after a success."""

    def __init__(self, first: float = FIRST_RETRY_S, last: float = LAST_RETRY_S) -> None:
        self.first, self.last = first, last
        self.current = first

    def next(self) -> float:
        delay = self.current
        self.current = min(self.current * 2, self.last)
        return delay

    def reset(self) -> None:
        self.current = self.first


async def probe_database(engine: AsyncEngine) -> None:
    async with asyncio.timeout(PROBE_TIMEOUT_S):
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))


async def probe_redis(client: Redis) -> None:
    async with asyncio.timeout(PROBE_TIMEOUT_S):
        await client.ping()


async def probe_stores(engine: AsyncEngine, client: Redis) -> tuple[str, str]:
    """The readiness of the database and of Redis: "ok", or "error: <exception name>" (never the
    message, which may name hosts or users)."""
    db = redis = "ok"
    try:
        await probe_database(engine)
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        db = f"error: {type(exc).__name__}"
    try:
        await probe_redis(client)
    except Exception as exc:  # noqa: BLE001
        redis = f"error: {type(exc).__name__}"
    return db, redis


async def wait_until_reachable(
    engine: AsyncEngine, database_url: str, client: Redis, redis_url: str, report: DependencyLog = REPORT
) -> None:
    """Probe both until both answer, with backoff, reporting each one that does not. The API runs
    it in the background at start (its /readyz answers 503 meanwhile); it ends once both answer."""

    async def database() -> None:
        await probe_database(engine)

    async def redis_() -> None:
        await probe_redis(client)

    pending: dict[str, tuple[Callable[[], Awaitable[None]], str]] = {
        "database": (database, database_url),
        "redis": (redis_, redis_url),
    }
    backoff = Backoff()
    while pending:
        delay = backoff.next()
        for name, (probe, url) in list(pending.items()):
            try:
                await probe()
            except Exception as exc:  # noqa: BLE001 - unreachable or not, it is reported and retried
                report.failed(name, url, exc, delay)
            else:
                report.recovered(name, url)
                del pending[name]
        if pending:
            await asyncio.sleep(delay)


def report_unreachable(
    exc: BaseException,
    database_url: str,
    redis_url: str,
    retry_in: float | None = None,
    report: DependencyLog = REPORT,
) -> bool:
    """Report `exc` if it says the database or Redis cannot be reached (then True: the caller logs
    nothing more); False for any other error, which the caller logs with its traceback."""
    if not unreachable(exc):
        return False
    name = which(exc)
    report.failed(name, database_url if name == "database" else redis_url, exc, retry_in)
    return True


def report_reachable(database_url: str, redis_url: str, report: DependencyLog = REPORT) -> None:
    """After a pass that used both: a dependency reported unreachable answers again."""
    report.recovered("database", database_url)
    report.recovered("redis", redis_url)
