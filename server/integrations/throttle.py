"""The one place an unauthenticated webhook request is rate-limited, before anything is read.

Two moving windows in Redis (the `limits` package, on the runtime's own connection pool):
requests per endpoint and client address, and per client address over every endpoint (so
guessing endpoint ids is limited too). Redis down: requests pass (the inbox still de-duplicates
and the size cap still holds); a limiter must not take webhooks down with it.
"""

from __future__ import annotations

from typing import Any, cast

from limits import RateLimitItemPerMinute
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter

from server.core import redis as redis_client
from server.core.clock import wall_time
from server.core.errors import RateLimited
from server.core.runtime import Part, Runtime

#: One client address may call this many times the per-endpoint rate over all endpoints.
ADDRESS_FACTOR = 5


def _make(rt: Runtime) -> MovingWindowRateLimiter:
    storage = RedisStorage("async+redis://", implementation="redispy", key_prefix=f"{redis_client.PREFIX}:limits",
                           connection_pool=cast(Any, rt.redis.connection_pool))
    return MovingWindowRateLimiter(storage)


_LIMITER: Part[MovingWindowRateLimiter] = Part("integrations.throttle", _make)


async def admit(rt: Runtime, hook_id: str, client: str) -> None:
    """Raise 429 (with Retry-After) once `client` called too often."""
    per_min = rt.settings.webhook_rate_per_min
    if per_min <= 0 or not rt.redis_usable:
        return
    limiter = rt.part(_LIMITER)
    checks = ((RateLimitItemPerMinute(per_min), ("hook", hook_id, client)),
              (RateLimitItemPerMinute(per_min * ADDRESS_FACTOR), ("hook-client", client)))
    try:
        for item, ids in checks:
            if not await limiter.hit(item, *ids):
                reset, _ = await limiter.get_window_stats(item, *ids)
                raise RateLimited("rate_limited", "too many webhook requests; slow down",
                                  retry_after_s=max(1, int(reset - wall_time()) + 1))
    except RateLimited:
        raise
    except Exception as exc:  # noqa: BLE001 - Redis trouble: let the request through
        rt.redis_failed(exc)
