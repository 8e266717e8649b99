"""Group commit for single activity posts.

A CRM integration or a busy app sends many single posts at once. Each on its own costs a
transaction (several SQL round trips), a scoring-script call and the feature hooks. Here a
caller's posts that arrive while that caller's previous write is still in flight wait for it
and then go together through `ingestion.record`, as one batch: one transaction, one script
call. An idle caller pays nothing extra: the first post starts writing at once; only posts
that would otherwise queue for the database are grouped.

Grouping is per caller (`Principal`), so every item of a group is checked, attributed and
sourced exactly as a lone post would be. Each post still gets its own outcome: a bad item
answers with its own error and does not sink the others. If the group's write fails as a
whole (a database error, a feature hook that raised), every post is retried on its own, so
one poisonous post cannot fail its neighbours.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from server.core.auth import Principal
from server.core.errors import DomainError
from server.core.runtime import Part, Runtime

log = logging.getLogger("reprally.ingestion")

#: At most this many posts share one transaction.
MAX_GROUP = 200
#: Transactions of one caller in flight at once: enough to keep the process busy while one
#: waits on the database, few enough that posts arriving meanwhile queue and are grouped.
MAX_IN_FLIGHT = 4

ItemT = TypeVar("ItemT")
OutcomeT = TypeVar("OutcomeT")

#: Records a caller's items in one transaction; one outcome per item, in order.
Record = Callable[[Runtime, Principal, list[ItemT]], Awaitable[list[OutcomeT]]]


class GroupCommit:
    """One per process (on the `Runtime`); `record` is `ingestion.record`."""

    def __init__(self, max_group: int = MAX_GROUP, max_in_flight: int = MAX_IN_FLIGHT) -> None:
        self._max = max_group
        self._max_in_flight = max_in_flight
        #: posts not yet written, per caller: (item, the future its outcome settles)
        self._waiting: dict[Principal, list[tuple[Any, asyncio.Future[Any]]]] = {}
        self._drains: dict[Principal, set[asyncio.Task[None]]] = {}
        #: groups written and posts in them (for the benchmarks and /metrics-style checks)
        self.groups = 0
        self.posts = 0

    async def submit(self, rt: Runtime, principal: Principal, item: ItemT,
                     record: Record[ItemT, OutcomeT]) -> OutcomeT:
        """Record one post; returns its outcome (or raises what a lone post would raise)."""
        fut: asyncio.Future[OutcomeT] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(principal, []).append((item, fut))
        running = self._drains.setdefault(principal, set())
        if len(running) < self._max_in_flight:
            # A drain is a task of its own: a client that hangs up must not strand the others.
            running.add(asyncio.create_task(self._drain(rt, principal, record)))
        return await asyncio.shield(fut)

    async def _drain(self, rt: Runtime, principal: Principal, record: Record[Any, Any]) -> None:
        group: list[tuple[Any, asyncio.Future[Any]]] = []
        try:
            while queue := self._waiting.pop(principal, None):
                group, rest = queue[:self._max], queue[self._max:]
                if rest:
                    self._waiting[principal] = rest
                await self._write(rt, principal, group, record)
        except BaseException as exc:  # cancelled at shutdown: nobody may wait forever
            for _, fut in group + self._waiting.pop(principal, []):
                _settle(fut, error=exc if isinstance(exc, Exception) else RuntimeError("shutting down"))
            raise
        finally:
            running = self._drains[principal]
            running.discard(asyncio.current_task())
            if not running:
                del self._drains[principal]

    async def _write(self, rt: Runtime, principal: Principal, group: list[tuple[Any, asyncio.Future[Any]]],
                     record: Record[Any, Any]) -> None:
        self.groups += 1
        self.posts += len(group)
        try:
            outcomes = await record(rt, principal, [item for item, _ in group])
        except DomainError as exc:  # about the caller, not an item (e.g. a deactivated account)
            for _, fut in group:
                _settle(fut, error=exc)
            return
        except Exception as exc:  # noqa: BLE001 - retried one by one below
            if len(group) == 1:
                _settle(group[0][1], error=exc)
                return
            log.warning("a group of %d posts failed together; retrying each on its own", len(group))
            for item, fut in group:
                try:
                    (outcome,) = await record(rt, principal, [item])
                except Exception as one:  # noqa: BLE001 - handed to its own request
                    _settle(fut, error=one)
                else:
                    _settle(fut, result=outcome)
            return
        for (_, fut), outcome in zip(group, outcomes, strict=True):
            _settle(fut, result=outcome)


def _settle(fut: asyncio.Future[Any], *, result: object = None, error: BaseException | None = None) -> None:
    if fut.done():
        return
    if error is not None:
        fut.set_exception(error)
    else:
        fut.set_result(result)


SINGLE_POSTS: Part[GroupCommit] = Part("ledger.single_posts", lambda rt: GroupCommit())


def single_posts(rt: Runtime) -> GroupCommit:
    """The process's group commit of single activity posts."""
    return rt.part(SINGLE_POSTS)
