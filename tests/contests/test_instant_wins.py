"""Instant wins: a budget that is never exceeded under concurrency (the suite runs on SQLite and
on PostgreSQL: both backends), prizes through the ledger, and who may run programs."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from tests.conftest import Api
from tests.support.api import assert_error, balance, type_key
from tests.support.boards import fresh_org
from tests.support.realtime import pair_display


async def test_fifty_concurrent_wins_against_a_budget_of_seven(client, rt):
    admin = await fresh_org(client)
    call = await type_key(admin, "call", points=1)
    program = await admin.ok(
        "post",
        "/instant-wins",
        {
            "name": "Dice",
            "probability": 1.0,
            "budget": 7,
            "activity_type": call,
            "prize_points": 25,
            "prize_name": "Coffee",
        },
        status=201,
    )
    assert (program["budget"], program["granted"], program["remaining"]) == (7, 0, 7)
    reps = [await admin.user("rep") for _ in range(10)]
    before = {r.user_id: await balance(r) for r in reps}
    # 50 activities at once, every one a winning roll (probability 1): only the budget decides
    posted = await asyncio.gather(*(reps[i % 10].post("/activities", {"type": call}) for i in range(50)))
    assert [r.status_code for r in posted] == [201] * 50
    listed = (await admin.ok("get", "/instant-wins"))["programs"]
    assert [(p["granted"], p["remaining"]) for p in listed] == [(7, 0)]
    async with rt.engine.connect() as conn:
        wins = await conn.scalar(
            text("SELECT count(*) FROM instant_wins WHERE program_id = :p"), {"p": program["id"]}
        )
        paid = (
            await conn.execute(
                text(
                    "SELECT count(*), sum(points) FROM ledger_entries WHERE org_id = :o "
                    "AND kind = 'instant_win' AND cause_kind = 'instant_win' AND cause_id = :p"
                ),
                {"o": admin.org_id, "p": program["id"]},
            )
        ).one()
    assert wins == 7 and tuple(paid) == (7, 175)
    gained = sum([await balance(r) - before[r.user_id] for r in reps])
    assert gained == 50 + 175  # one point per call, 25 per instant win
    await reps[0].log(call)  # the budget is spent: no eighth prize
    assert (await admin.ok("get", "/instant-wins"))["programs"][0]["granted"] == 7


async def test_other_types_do_not_roll_and_paused_programs_do_not_pay(client, rt):
    admin = await fresh_org(client)
    call = await type_key(admin, "call", points=1)
    other = await type_key(admin, "mail", points=1)
    program = await admin.ok(
        "post",
        "/instant-wins",
        {"name": "Dice", "probability": 1.0, "budget": 5, "activity_type": call, "prize_points": 10},
        status=201,
    )
    rep = await admin.user("rep")
    await rep.log(other)
    assert (await admin.ok("get", "/instant-wins"))["programs"][0]["granted"] == 0
    await admin.ok("patch", f"/instant-wins/{program['id']}", {"active": False})
    await rep.log(call)
    assert (await admin.ok("get", "/instant-wins"))["programs"][0]["granted"] == 0
    await admin.ok("patch", f"/instant-wins/{program['id']}", {"active": True})
    await rep.log(call)
    assert (await admin.ok("get", "/instant-wins"))["programs"][0]["granted"] == 1
    async with rt.engine.connect() as conn:
        notes = await conn.scalar(
            text("SELECT count(*) FROM notifications WHERE user_id = :u AND kind = 'instant_win'"),
            {"u": rep.user_id},
        )
    assert notes == 1


async def test_who_may_run_instant_wins(client):
    admin = await fresh_org(client)
    manager = await admin.user("manager")
    rep = await admin.user("rep")
    body = {"name": "Dice", "probability": 0.5, "budget": 3, "prize_points": 5}
    made = await admin.ok("post", "/instant-wins", body, status=201)
    assert_error(await manager.post("/instant-wins", body), 403, "forbidden")
    assert_error(await rep.post("/instant-wins", body), 403, "forbidden")
    assert_error(await manager.patch(f"/instant-wins/{made['id']}", {"active": False}), 403, "forbidden")
    assert len((await manager.ok("get", "/instant-wins"))["programs"]) == 1  # managers may look
    assert_error(await rep.get("/instant-wins"), 403, "forbidden")
    _, token = await pair_display(admin)
    display = Api(client, token, admin.org_id, 0)
    assert (await display.get("/instant-wins")).status_code in (401, 403)
    assert (await display.post("/instant-wins", body)).status_code in (401, 403)
    other = await fresh_org(client)
    assert (await other.ok("get", "/instant-wins"))["programs"] == []
    assert_error(
        await other.patch(f"/instant-wins/{made['id']}", {"active": False}), 404, "instant_win_not_found"
    )
    deactivated = await admin.user("admin")
    await admin.ok("patch", f"/users/{deactivated.user_id}", {"active": False})
    assert (await deactivated.post("/instant-wins", body)).status_code == 401
    assert_error(await admin.post("/instant-wins", {**body, "prize_points": 0}), 400, "invalid_prize")
    assert (await admin.post("/instant-wins", {**body, "probability": 1.5})).status_code == 400
    assert_error(
        await admin.post("/instant-wins", {**body, "activity_type": "nope"}), 404, "unknown_activity_type"
    )


async def test_claims_in_overlapping_transactions_never_pass_the_budget(client, rt):
    """50 transactions claim at once, each holding its transaction open a moment after the claim
    (as an activity's transaction does while its other hooks run): exactly 7 succeed."""
    from server.contests import instant_store

    admin = await fresh_org(client)
    program = await admin.ok(
        "post",
        "/instant-wins",
        {"name": "Dice", "probability": 1.0, "budget": 7, "prize_points": 1},
        status=201,
    )

    async def attempt() -> bool:
        async with rt.engine.begin() as conn:
            won = await instant_store.claim(conn, program["id"])
            await asyncio.sleep(0.01)
            return won

    results = await asyncio.gather(*(attempt() for _ in range(50)))
    assert results.count(True) == 7
    assert (await admin.ok("get", "/instant-wins"))["programs"][0]["granted"] == 7
