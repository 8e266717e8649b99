"""Mission baselines cover only the working days since a rep started; a rep with less than two
weeks of history gets the team's median. A month is played day by day on a hand-driven clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server.core.clock import ManualClock
from server.features import make_runtime
from tests.conftest import Api, _app_of, _client_of, make_settings
from tests.habits.support import habit_org, only_templates, started_at


@pytest.fixture
async def month(rt, database_url, redis_url):
    """(runtime, clock, client) of an app with the habit loop on, its clock at noon 30 days ago."""
    clock = ManualClock(datetime.now(UTC) - timedelta(days=30))
    runtime = make_runtime(make_settings(database_url, redis_url, habits_enabled=True), clock=clock)
    try:
        async with _client_of(_app_of(runtime)) as client:
            yield runtime, clock, client
    finally:
        await runtime.close()


async def calls_target(api: Api) -> int:
    return next(m["target"] for m in (await api.ok("get", "/me/missions"))["missions"] if m["type"] == "call")


async def test_a_new_rep_gets_the_team_median_and_an_established_one_the_median_since_they_started(month):
    rt, clock, client = month
    admin = await habit_org(client)  # noon in its zone (the clock is 30 days back to the second); every day works
    await only_templates(admin, ("calls", "call", 1, 5))
    calls = (await admin.ok("get", "/mission-templates"))["items"][0]
    await admin.ok("patch", f"/mission-templates/{calls['id']}", {"max_target": 100, "nudge_pct": 0})
    team = (await admin.ok("post", "/teams", {"name": "Alpha"}, status=201))["id"]
    veteran = await admin.user(team_id=team)
    await started_at(rt, veteran, clock.now())
    mid = newbie = None
    for day in range(30):
        if day == 16:  # 14 days before today
            mid = await admin.user(team_id=team)
            await started_at(rt, mid, clock.now())
        if day == 20:  # 10 days before today
            newbie = await admin.user(team_id=team)
            await started_at(rt, newbie, clock.now())
        await veteran.log("call", quantity=10)
        if mid is not None:
            await mid.log("call", quantity=day - 15)  # 1, 2, ..., 14 on its days
        if newbie is not None:
            await newbie.log("call", quantity=4)
        clock.advance(timedelta(days=1))
    assert mid is not None and newbie is not None
    assert await calls_target(veteran) == 10
    # Two weeks in: the median of its own 14 days (1..14 -> 7.5 -> 8), not of 20 with 6 days
    # before it existed counted as zeros (4.5 -> 5).
    assert await calls_target(mid) == 8
    # 10 days in: the team's median over each teammate's days since they started (10), not its own
    # 20 days of which 10 before it existed (a median of 2).
    assert await calls_target(newbie) == 10
    # No team and no history: the template's minimum.
    assert await calls_target(await admin.user()) == 1
