"""A small read-through cache with a time to live, for rows that rarely change."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

_now: Callable[[], float] = time.monotonic


@contextmanager
def expiring_by(source: Callable[[], float]) -> Iterator[None]:
    """Expire every cache by `source` (seconds) while the block runs. The simulator ties them to its
    manual clock: a simulated day sees the state a real one would, however fast it is simulated
    (by process time, a cache put at one tick could still answer at the next, or not, as the
    machine's load decided)."""
    global _now
    before, _now = _now, source
    try:
        yield
    finally:
        _now = before


class TTLCache(Generic[K, V]):
    """Values expire `ttl` seconds (process time, or `expiring_by`'s) after they were put. With `max_entries`, the
    entry put longest ago is dropped when a new key would exceed it (keys without bound, such
    as sessions, cannot grow the process without end)."""

    def __init__(self, ttl: float, max_entries: int | None = None) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._data: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        hit = self._data.get(key)
        if hit is not None and hit[0] > _now():
            return hit[1]
        return None

    def put(self, key: K, value: V) -> None:
        if self.max_entries is None:
            self._data[key] = (_now() + self.ttl, value)
            return
        self._data.pop(key, None)  # re-inserted last: the order is the order of puts
        self._data[key] = (_now() + self.ttl, value)
        if len(self._data) > self.max_entries:
            del self._data[next(iter(self._data))]

    def __len__(self) -> int:
        return len(self._data)

    def drop(self, key: K) -> None:
        self._data.pop(key, None)

    def clear(self) -> None:
        self._data.clear()
