"""Redis going away: activities are still accepted and kept in the ledger, and the boards
catch up exactly once Redis is back (rebuilt when it came back empty, re-applied entry by
entry when it kept its data).

These tests run on a scratch database and a redis-server of their own: the catch-up loop
works on every org's pending entries, and the test database holds other tests' orgs."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import pytest

from server.features import make_runtime
from server.ledger.sync import flush_boarded, rebuild_org, sync_pending, sync_state
from tests.conftest import Api, make_settings
from tests.support.boards import (
    WINDOWS,
    add_rep,
    all_boards,
    app_client,
    board_snapshot,
    expected_boards,
    fresh_org,
    ledger_sums,
    pending_ids,
    private_stack,
    scores,
    scratch_database,
)


@pytest.fixture(scope="module")
async def stack(database_url):
    async with scratch_database(database_url) as db, private_stack(db) as s:
        yield s


async def _post_all(api: Api, items: list[dict]) -> list[dict]:
    out = []
    for item in items:
        r = await api.post("/activities", item)
        assert r.status_code == 201, r.text
        out.append(r.json())
    return out


async def test_an_outage_loses_nothing_and_the_boards_catch_up(stack):
    admin = await fresh_org(stack.client)
    reps = [await add_rep(admin) for _ in range(4)]
    before = await _post_all(admin, [{"type": "call", "quantity": 2, "user_id": u} for u in reps])
    assert all(b["boards_updated"] for b in before)
    await flush_boarded(stack.rt)
    ready = await stack.client.get("/readyz")
    assert (ready.status_code, ready.json()) == (200, {"status": "ok", "database": "ok", "redis": "ok"})

    # Redis dies while a stream of posts is in flight.
    finished = 0
    some_are_in = asyncio.Event()

    async def post(item):
        nonlocal finished
        r = await admin.post("/activities", item)
        finished += 1
        if finished == 8:
            some_are_in.set()
        return r

    async def kill_redis():
        await some_are_in.wait()
        await stack.stop_redis()

    *streamed, _ = await asyncio.gather(*(post({"type": "email", "user_id": reps[i % 4]}) for i in range(40)),
                                        kill_redis())
    assert [r.status_code for r in streamed] == [201] * 40
    streamed = [r.json() for r in streamed]
    assert sum(s["boards_updated"] for s in streamed) >= 8

    ready = await stack.client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "database": "ok", "redis": "error: ConnectionError"}
    assert (await stack.client.get("/healthz")).status_code == 200
    during = []
    for i in range(3):
        # Each round starts after the circuit's retry window, so Redis is tried again and fails again.
        await asyncio.sleep(stack.rt.settings.redis_retry_after_s + 0.05)
        during += await _post_all(admin, [{"type": "meeting_booked", "user_id": reps[i]},
                                          {"type": "call", "quantity": 3, "user_id": reps[3]}])
    newcomer = await add_rep(admin, display_name="Newcomer")  # joins while Redis is down
    racing = await asyncio.gather(*(admin.post("/activities", {"type": "email", "quantity": 2, "user_id": u})
                                    for u in [*reps, newcomer] * 2))
    assert [r.status_code for r in racing] == [201] * 10
    during += [r.json() for r in racing]
    assert [d["boards_updated"] for d in during] == [False] * len(during)
    r = await admin.get("/leaderboards/points")
    assert (r.status_code, r.json()["error"]["code"]) == (503, "boards_unavailable")
    r = await admin.get(f"/leaderboards/points/around/{reps[0]}")
    assert (r.status_code, r.json()["error"]["code"]) == (503, "boards_unavailable")
    me = await admin.ok("get", "/me")
    assert (me["rank_today"], me["rank_this_week"]) == (None, None)

    # The ledger is complete, and every entry made during the outage waits for the boards.
    sums = await ledger_sums(stack.rt, admin.org_id)
    assert sums["points"] == {reps[0]: 4 + 10 + 10 + 4, reps[1]: 4 + 10 + 10 + 4, reps[2]: 4 + 10 + 10 + 4,
                              reps[3]: 4 + 10 + 18 + 4, newcomer: 4}
    assert await pending_ids(stack.rt, admin.org_id) == sorted(d["ledger_entry_id"] for d in streamed + during)

    await stack.start_redis()  # it keeps nothing: the org's view is gone
    await asyncio.sleep(stack.rt.settings.redis_retry_after_s + 0.05)
    ready = await stack.client.get("/readyz")
    assert (ready.status_code, ready.json()) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
    assert await sync_pending(stack.rt) == 0  # nothing can be applied onto a lost view: it rebuilds instead
    await stack.rebuilt(admin.org_id)
    assert await pending_ids(stack.rt, admin.org_id) == []
    assert await all_boards(admin) == expected_boards(sums)
    board = await admin.board("points")
    assert next(e for e in board["entries"] if e["user_id"] == newcomer)["display_name"] == "Newcomer"
    snapshot = await board_snapshot(stack.rt.redis, admin.org_id)
    assert await sync_pending(stack.rt) == 0
    assert await board_snapshot(stack.rt.redis, admin.org_id) == snapshot
    # And the live path works again.
    out = await admin.log("call", user_id=newcomer)
    assert out["boards_updated"] is True
    assert scores(await admin.board("points", window="day"))[newcomer] == 6


async def test_missed_entries_are_applied_exactly_once(stack):
    """Redis keeps its data but some entries never reached it: a process whose Redis was
    unreachable, and one that applied its entries but died before marking them boarded."""
    admin = await fresh_org(stack.client)
    ann, bob = await add_rep(admin), await add_rep(admin)
    await _post_all(admin, [{"type": "call", "user_id": ann}, {"type": "call", "user_id": bob}])
    await flush_boarded(stack.rt)

    dead_socket = Path(tempfile.gettempdir()) / f"rr-no-redis-{os.getpid()}.sock"  # nothing listens there
    assert not dead_socket.exists()
    cut_off = make_runtime(make_settings(stack.database_url, f"unix://{dead_socket}"))
    try:
        async with app_client(cut_off) as c:
            api = Api(c, admin.token, admin.org_id, admin.user_id)
            missed = await _post_all(api, [{"type": "meeting_booked", "user_id": ann},
                                           {"type": "meeting_booked", "user_id": bob},
                                           {"type": "email", "quantity": 3, "user_id": ann}])
    finally:
        await cut_off.close()
    assert [m["boards_updated"] for m in missed] == [False] * 3
    await asyncio.sleep(1.1)  # the catch-up will apply these after later entries: out of order

    crashed = make_runtime(make_settings(stack.database_url, stack.rt.settings.redis_url))
    async with app_client(crashed) as c:
        api = Api(c, admin.token, admin.org_id, admin.user_id)
        applied = await _post_all(api, [{"type": "call", "quantity": 5, "user_id": ann},
                                        {"type": "proposal_sent", "user_id": bob}])
    assert [a["boards_updated"] for a in applied] == [True] * 2
    await crashed.redis.aclose()  # gone without marking its entries boarded (no close())
    await crashed.engine.dispose()

    waiting = sorted(e["ledger_entry_id"] for e in missed + applied)
    assert await pending_ids(stack.rt, admin.org_id) == waiting
    assert await all_boards(admin, metrics=("points",)) == {
        ("points", w): {ann: 2 + 10, bob: 2 + 20} for w in WINDOWS}

    assert await sync_pending(stack.rt) == len(waiting)
    sums = await ledger_sums(stack.rt, admin.org_id)
    assert sums["points"] == {ann: 2 + 10 + 3 + 10, bob: 2 + 10 + 20}
    assert await all_boards(admin) == expected_boards(sums)
    assert await pending_ids(stack.rt, admin.org_id) == []
    snapshot = await board_snapshot(stack.rt.redis, admin.org_id)
    assert await sync_pending(stack.rt) == 0
    assert await board_snapshot(stack.rt.redis, admin.org_id) == snapshot
    # Applied out of order, the boards are still exactly what a rebuild from the ledger makes
    # (scores and "reached at" tie parts alike).
    await rebuild_org(stack.rt, admin.org_id)
    assert await board_snapshot(stack.rt.redis, admin.org_id) == snapshot


async def test_writes_racing_rebuilds_reach_the_boards_exactly_once(stack):
    admin = await fresh_org(stack.client)
    reps = [await add_rep(admin) for _ in range(10)]
    await _post_all(admin, [{"type": "call", "user_id": u} for u in reps])
    await flush_boarded(stack.rt)
    items = [{"type": ("call", "email", "meeting_booked")[i % 3], "quantity": 1 + i % 4, "user_id": reps[i % 10]}
             for i in range(80)]

    async def rebuild_repeatedly():
        for _ in range(6):
            await rebuild_org(stack.rt, admin.org_id)
            await asyncio.sleep(0.01)

    *responses, _ = await asyncio.gather(*(admin.post("/activities", item) for item in items),
                                         rebuild_repeatedly())
    assert [r.status_code for r in responses] == [201] * 80
    task = sync_state(stack.rt).rebuilds.get(admin.org_id)  # one the racing writes may have asked for
    if task is not None:
        await task
    await sync_pending(stack.rt)
    assert await pending_ids(stack.rt, admin.org_id) == []
    assert await all_boards(admin) == expected_boards(await ledger_sums(stack.rt, admin.org_id))
