"""One rule breaks ties on the boards and in contests: whoever reached the score first, the score
being reached when the server recorded the last entry that raised it (never the `occurred_at` a
rep or a CRM states; a reversal does not move it). The clock is driven by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server.core.clock import ManualClock
from server.features import make_runtime
from tests.conftest import _app_of, _client_of, make_settings
from tests.contests.support import contest, finish, result_of
from tests.support.api import iso, local_day, noon_org, org_zone


@pytest.fixture
async def manual(rt, database_url, redis_url):
    """(runtime, clock, client) of an app whose game clock only moves when told to (after the
    session's `rt`, which starts the session on an empty Redis)."""
    clock = ManualClock(datetime.now(UTC))
    runtime = make_runtime(make_settings(database_url, redis_url), clock=clock)
    try:
        async with _client_of(_app_of(runtime)) as client:
            yield runtime, clock, client
    finally:
        await runtime.close()


async def day_order(admin, metric: str, clock: ManualClock) -> list[tuple[int, int, int]]:
    day = local_day(clock.now(), await org_zone(admin))
    board = await admin.board(metric, window="day", period=day)
    return [(e["user_id"], e["rank"], e["score"]) for e in board["entries"]]


async def test_a_backdated_activity_reaches_its_score_when_recorded_on_boards_and_in_contests(manual):
    rt, clock, client = manual
    admin = await noon_org(client)
    prompt, late = await admin.user(display_name="Prompt"), await admin.user(display_name="Late")
    # Counted from the start of the day (not from the launch), so the backdated call counts too.
    made = await contest(admin, prizes=[{"place": 1, "points": 100}], count_from_start=True)
    await prompt.log("call", quantity=3)
    clock.advance(timedelta(seconds=10))
    # Logged 10 s later, but stated to have happened half an hour earlier.
    await late.log("call", quantity=3, occurred_at=iso(clock.now() - timedelta(minutes=30)))
    assert await day_order(admin, "call", clock) == [(prompt.user_id, 1, 3), (late.user_id, 1, 3)]
    assert await day_order(admin, "points", clock) == [(prompt.user_id, 1, 6), (late.user_id, 1, 6)]
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    first, second = result_of(res, prompt.user_id), result_of(res, late.user_id)
    assert (first["place"], first["tie_break"], [p["points"] for p in first["prizes"]]) == (1, "first_to_reach", [100])
    assert (second["place"], second["prizes"]) == (2, [])


async def test_a_reversal_moves_the_score_but_not_when_it_was_reached(manual):
    rt, clock, client = manual
    admin = await noon_org(client)
    early, other = await admin.user(display_name="Early"), await admin.user(display_name="Other")
    made = await contest(admin, prizes=[{"place": 1, "points": 100}])
    await early.log("call", quantity=3)
    clock.advance(timedelta(seconds=5))
    extra = await early.log("call")  # early reaches 4 at +5 s
    clock.advance(timedelta(seconds=5))
    await other.log("call", quantity=3)  # other reaches 3 at +10 s
    clock.advance(timedelta(seconds=10))
    await admin.ok("post", f"/activities/{extra['id']}/reverse", status=201)  # early back to 3 at +20 s
    # Early's 3 stands from its last gain (+5 s), before other's (+10 s): listed first, and first.
    assert await day_order(admin, "call", clock) == [(early.user_id, 1, 3), (other.user_id, 1, 3)]
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    assert (result_of(res, early.user_id)["place"], result_of(res, other.user_id)["place"]) == (1, 2)
    assert result_of(res, early.user_id)["tie_break"] == "first_to_reach"
