"""Abuse limits on the unauthenticated endpoints: logins, org sign-ups, display pairing.

Counted in Redis by the `limits` library (moving windows, one Lua call per check), so a limit
holds across every API process. Each limit is a setting in the `limits` notation
("10/15 minutes", several joined by ";"; empty switches it off; docs/security.md):

| setting | counts | key |
|---|---|---|
| `limit_login_account` | login attempts on one email since its last successful login | SHA-256 of the lower-cased email |
| `limit_login_address` | failed logins from one client address | the address (an IPv6 /64) |
| `limit_signup_address` | org sign-ups from one client address | the address |
| `limit_pairing_address` | pairing-code attempts from one client address | the address |

None of these keys belongs to an org (an email may be unknown, an address is nobody's), so they
carry no org hash tag; each is one key, so any Redis Cluster slot does. Over a limit, a request
gets 429 `rate_limited` with `Retry-After` (seconds until the window lets one more through).

Redis down: the limits are skipped (and the failure logged), as everything else that Redis only
speeds up or protects; refusing every login would turn a Redis outage into a total one.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from limits import RateLimitItem, parse_many
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from litestar import Request
from redis.exceptions import RedisError

from server.core import redis as redis_client
from server.core.clock import wall_time
from server.core.edge.addresses import bucket, client_address, trusted_networks
from server.core.errors import RateLimited, Unauthorized
from server.core.runtime import Part, Runtime
from server.core.settings import Settings

log = logging.getLogger("reprally.abuse")
T = TypeVar("T")

#: The limits by name: the setting that holds each one.
LIMITS = ("limit_login_account", "limit_login_address", "limit_signup_address", "limit_pairing_address")


def parse_limits(settings: Settings) -> dict[str, list[RateLimitItem]]:
    """Every limit, parsed (a malformed one fails the process at start, naming the setting)."""
    out = {}
    for name in LIMITS:
        spec = getattr(settings, name)
        try:
            out[name] = parse_many(spec) if spec.strip() else []
        except ValueError as exc:
            raise ValueError(f"{name.upper()}={spec!r} is not a rate such as '10/15 minutes': {exc}") from None
    return out


def key_prefix() -> str:
    """Of every key of these limits (`rr:lim:LIMITER/<limit>/<key>/<rate>`): none is an org's."""
    return f"{redis_client.PREFIX}:lim"


class AbuseLimits:
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.rates = parse_limits(rt.settings)
        # The process's own Redis pool (redis-py asyncio): no second pool, and its deadlines apply.
        # (`limits` types the client options as scalars; the pool is passed through as they are.)
        shared: dict[str, Any] = {"connection_pool": rt.redis.connection_pool}
        storage = RedisStorage("async+redis://", implementation="redispy", key_prefix=key_prefix(), **shared)
        self.window = MovingWindowRateLimiter(storage)

    async def take(self, name: str, key: str) -> None:
        """Count one attempt; 429 (nothing counted) when the window is full."""
        await self._guard(name, key, self.window.hit)

    async def check(self, name: str, key: str) -> None:
        """429 when the window is full; counts nothing."""
        await self._guard(name, key, self.window.test)

    async def count(self, name: str, key: str) -> None:
        """Count one attempt after the fact (a failure, once `check` let the request through)."""
        for item in self.rates[name]:
            await self._call(self.window.hit, item, name, key)

    async def reset(self, name: str, key: str) -> None:
        for item in self.rates[name]:
            await self._call(self.window.clear, item, name, key)

    async def _guard(self, name: str, key: str, op: Callable[..., Awaitable[bool]]) -> None:
        for item in self.rates[name]:
            if await self._call(op, item, name, key) is False:
                stats = await self._call(self.window.get_window_stats, item, name, key)
                retry = max(1, math.ceil(stats.reset_time - wall_time())) if stats else item.get_expiry()
                raise RateLimited("rate_limited", f"too many attempts; try again in {retry} s",
                                  retry_after_s=retry, details={"limit": name})

    async def _call(self, fn: Callable[..., Awaitable[T]], *args: Any) -> T | None:
        """`fn(*args)`, or None when Redis is unavailable (the limit is then skipped)."""
        if not self.rt.redis_usable:
            return None
        try:
            return await fn(*args)
        except (RedisError, OSError) as exc:
            self.rt.redis_failed(exc)
            log.warning("abuse limits skipped: Redis is unavailable (%s)", exc)
            return None


ABUSE = Part("abuse_limits", AbuseLimits)


def abuse_limits(rt: Runtime) -> AbuseLimits:
    return rt.part(ABUSE)


def request_address(request: Request[Any, Any, Any], rt: Runtime) -> str:
    """The caller's address bucket (`core/edge/addresses.py`): X-Forwarded-For only from a trusted proxy."""
    peer = request.client.host if request.client else None
    trusted = trusted_networks(rt.settings.trusted_proxies)
    return bucket(client_address(peer, request.headers.get("x-forwarded-for"), trusted))


def account_key(email: str) -> str:
    """The login limit's key of an email: the same for an account that exists and one that does not."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


@asynccontextmanager
async def login_attempt(rt: Runtime, request: Request[Any, Any, Any], email: str) -> AsyncIterator[None]:
    """Guard one login. The account's window counts attempts and is emptied by a success, so it
    holds the failures since the last successful login, and taking a place in it before the
    password is checked means concurrent guesses cannot overrun it; while it is full the right
    password is refused too. The address's window counts failures only (an office of reps behind
    one address logs in every morning), checked before and counted after."""
    limits = abuse_limits(rt)
    address, account = request_address(request, rt), account_key(email)
    await limits.check("limit_login_address", address)
    await limits.take("limit_login_account", account)
    try:
        yield
    except Unauthorized as exc:
        if exc.code == "invalid_credentials":
            await limits.count("limit_login_address", address)
        raise
    await limits.reset("limit_login_account", account)


async def limit_by_address(rt: Runtime, request: Request[Any, Any, Any], name: str) -> None:
    """Count one attempt of an unauthenticated endpoint against the caller's address (429 when full)."""
    await abuse_limits(rt).take(name, request_address(request, rt))
