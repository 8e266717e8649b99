"""Helpers of the targets and insights tests: an app whose runtime runs on a manual clock, so
periods, month boundaries and day closes are exact."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import msgspec
import pytest

from server.app import create_app
from server.core.clock import ManualClock
from server.core.runtime import Runtime
from server.core.settings import Settings
from server.features import make_runtime
from tests.conftest import Api, new_org, unique

#: A Wednesday afternoon in New York, in the wall clock's future (boards of these periods live).
START = datetime(2027, 1, 27, 20, 0, tzinfo=UTC)


@dataclass
class Clocked:
    client: httpx.AsyncClient
    clock: ManualClock
    rt: Runtime

    def at(self, *args: int) -> datetime:
        """Set the clock to a UTC time (year, month, day, hour[, minute]) and return it."""
        moment = datetime(*args, tzinfo=UTC)  # type: ignore[misc]
        self.clock.set(moment)
        return moment


@contextlib.asynccontextmanager
async def clocked_app(settings: Settings, **over: object) -> AsyncIterator[Clocked]:
    clock = ManualClock(START)
    runtime = make_runtime(msgspec.structs.replace(settings, **over), clock=clock)
    application = create_app(rt=runtime, background=False)
    application.state.rt = runtime
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as c:
        yield Clocked(c, clock, runtime)
    await runtime.close()


# Both take `rt` for its one flush of Redis per session: this session's ledger ids start again
# at 1, and a previous session's board markers must not claim them.
@pytest.fixture
async def clocked(settings, rt) -> AsyncIterator[Clocked]:
    async with clocked_app(settings) as c:
        yield c


@pytest.fixture
async def clocked_habits(settings, rt) -> AsyncIterator[Clocked]:
    """The same with the habit loop on (its bonuses and wins reach the rollups)."""
    async with clocked_app(settings, habits_enabled=True) as c:
        yield c


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


async def org_with_type(c: Clocked, timezone: str = "America/New_York", points: int = 5, **type_fields) -> tuple[Api, str]:
    """A fresh org and an activity type of its own worth `points` a unit."""
    admin = await new_org(c.client, timezone=timezone)
    key = unique("t").replace("x", "_")
    await admin.ok("post", "/activity-types", {"key": key, "label": "Calls", "points": points, **type_fields},
                   status=201)
    return admin, key


async def team(admin: Api, name: str | None = None) -> int:
    return (await admin.ok("post", "/teams", {"name": name or unique("Team ")}, status=201))["id"]


async def log(admin: Api, key: str, user_id: int, at: datetime, quantity: int = 1, **fields) -> dict:
    return await admin.ok("post", "/activities", {"type": key, "user_id": user_id, "quantity": quantity,
                                                  "occurred_at": iso(at), **fields})


async def put_targets(api: Api, metric: str, period: str, start: str, targets: dict[int, int | None],
                      status: int = 200) -> dict:
    return await api.ok("put", "/targets", {"metric": metric, "period": period, "start": start,
                                            "targets": [{"user_id": u, "value": v} for u, v in targets.items()]},
                        status=status)


async def history(c: Clocked, admin: Api, items: list[tuple[int, str, datetime, dict]]) -> None:
    """Log (user id, type, when, extra fields) items through the batch API, a local day at a time with
    the clock just after that day's last item (so nothing is too old to log)."""
    by_day: dict[object, list[tuple[int, str, datetime, dict]]] = {}
    for it in sorted(items, key=lambda it: it[2]):
        by_day.setdefault(it[2].date(), []).append(it)
    for day_items in by_day.values():
        c.clock.set(max(it[2] for it in day_items) + timedelta(minutes=1))
        for i in range(0, len(day_items), 500):
            chunk = day_items[i:i + 500]
            out = await admin.ok("post", "/activities/batch", {"activities": [
                {"type": t, "user_id": u, "occurred_at": iso(at), **extra} for u, t, at, extra in chunk]}, status=200)
            assert out["accepted"] == len(chunk), out
