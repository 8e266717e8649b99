"""Share one read among concurrent callers without ever handing a caller an older state.

A subscribe burst asks for the same channel's position and snapshot thousands of times at once.
`Shared.get()` runs at most one read at a time: a caller joins the read that starts *next*
(never one already in flight, which may predate the caller's own earlier reads), so every
result reflects state at least as new as the moment the caller asked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Shared(Generic[T]):
    def __init__(self, read: Callable[[], Awaitable[T]]) -> None:
        self._read = read
        self._running = False
        self._next: asyncio.Future[T] | None = None  # the batch waiting for the next read

    async def get(self) -> T:
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
        fut = self._next
        if not self._running:
            self._start(fut)
        return await asyncio.shield(fut)

    def _start(self, fut: asyncio.Future[T]) -> None:
        self._next = None
        self._running = True
        asyncio.get_running_loop().create_task(self._run(fut))

    async def _run(self, fut: asyncio.Future[T]) -> None:
        try:
            result = await self._read()
        except asyncio.CancelledError:
            fut.cancel()
            raise
        except Exception as exc:  # handed to every waiter of this batch
            if not fut.done():
                fut.set_exception(exc)
                fut.exception()  # mark retrieved: a batch whose callers all left must not warn
        else:
            if not fut.done():
                fut.set_result(result)
        finally:
            self._running = False
            if self._next is not None:
                self._start(self._next)
