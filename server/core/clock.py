"""Time as an input: every rule and job asks the runtime's clock, never `datetime.now()`.

`SystemClock` is the wall clock. `ManualClock` is set and advanced by hand, so tests and the
simulator can run a month of day closes, contest ends and streak checks in seconds. Process
caches and timeouts measure elapsed time with `time.monotonic()` instead: they are about the
process, not the game. `wall_time` and `utcnow` are the two readings of the machine's own
clock, for the few things that are about the machine too.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


def wall_time() -> float:
    """The machine's clock in Unix seconds, for what other machines judge by it, never a game
    rule: Redis key expiry, heartbeats between processes, view freshness, token expiry (PyJWT
    checks `exp` against this clock)."""
    return time.time()


def utcnow() -> datetime:
    """When a row was written (the `created_at` / `updated_at` column defaults): an audit stamp."""
    return datetime.now(UTC)


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = at.astimezone(UTC)

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now
