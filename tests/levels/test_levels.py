"""Levels (XP): exact thresholds, XP from the ledger (reversals lower it, a rebuild reproduces it),
level-up moments, the admin API and who may call it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from server.levels import rules
from server.levels import service as levels
from tests.conftest import Api
from tests.support.api import assert_error, type_key
from tests.support.boards import fresh_org
from tests.support.realtime import pair_display


def test_curve_thresholds_exact():
    c = rules.Curve(base=100, exponent=1.5, max_level=6)
    assert [rules.threshold(c, lv) for lv in range(1, 7)] == [0, 100, 282, 519, 800, 1118]
    assert rules.level_of(c, 99) == 1 and rules.level_of(c, 100) == 2 and rules.level_of(c, 281) == 2
    assert rules.level_of(c, 282) == 3 and rules.level_of(c, 10**9) == 6
    p = rules.progress(c, 300)
    assert (p.level, p.level_xp, p.next_level_xp, p.xp_to_next) == (3, 282, 519, 219)
    assert rules.progress(c, 5000).xp_to_next is None
    sq = rules.Curve(base=50, exponent=2.0, max_level=4)
    assert [rules.threshold(sq, lv) for lv in range(1, 5)] == [0, 50, 200, 450]
    explicit = rules.Curve(max_level=4, thresholds=(10, 25, 70))
    assert [rules.level_of(explicit, x) for x in (9, 10, 24, 25, 69, 70)] == [1, 2, 2, 3, 3, 4]
    assert rules.tier(1) == "rookie" and rules.tier(5) == "bronze" and rules.tier(20) == "gold"


def test_entry_xp_weights():
    w = rules.Weights(per_point=2, activity_xp={"meeting": 30}, bonus_xp={**rules.BONUS_KINDS, "prize": 3})
    assert rules.entry_xp(w, "activity", "meeting", 10, 2) == 60  # 30 per unit
    assert rules.entry_xp(w, "reversal", "meeting", -10, -2) == -60
    assert rules.entry_xp(w, "activity", "call", 5, 1) == 10  # 2 per point
    assert rules.entry_xp(w, "prize", None, 100, 0) == 300
    assert rules.entry_xp(w, "kudos", None, 10, 0) == 0
    assert rules.entry_xp(w, "redemption", None, -500, 0) == 0  # spending never costs XP


async def _settings(admin, **weights):
    body = {"curve": {"base": 100, "exponent": 2.0, "max_level": 10}, "weights": {"per_point": 1, **weights}}
    return await admin.ok("put", "/levels/settings", body)


async def test_xp_from_ledger_reversal_and_rebuild(client, rt):
    admin = await fresh_org(client)
    meeting = await type_key(admin, "meet", points=10)
    call = await type_key(admin, "call", points=3)
    out = await _settings(admin, activity_xp={meeting: 40})
    assert out["curve"]["levels"][:4] == [0, 100, 400, 900]
    rep = await admin.user("rep")
    me = await rep.ok("get", "/me")
    assert (me["level"], me["xp"], me["xp_to_next"]) == (1, 0, 100)
    m1 = await rep.log(meeting)  # 40 XP
    await rep.log(meeting, quantity=2)  # 80 XP
    await rep.log(call, quantity=5)  # 15 points -> 15 XP
    me = await rep.ok("get", "/me")
    assert (me["level"], me["xp"], me["xp_to_next"]) == (2, 135, 265)
    await admin.ok("post", f"/activities/{m1['id']}/reverse", status=201)
    me = await rep.ok("get", "/me")
    assert (me["level"], me["xp"], me["xp_to_next"]) == (1, 95, 5)  # the reversal took its 40 XP back
    assert (await rep.ok("get", "/levels/me"))["tier"] == "rookie"
    # the rebuild from the ledger reproduces the kept XP exactly
    kept = await levels.stored_xp(rt, admin.org_id)
    async with rt.engine.begin() as conn:
        await conn.execute(text("UPDATE rep_levels SET xp = 0 WHERE org_id = :o"), {"o": admin.org_id})
    assert await levels.rebuild(rt, admin.org_id) == kept == {rep.user_id: 95}
    # new weights: every rep's XP is rebuilt from the ledger under them (calls 3 points x 2, meetings 10 x 1)
    await admin.ok(
        "put",
        "/levels/settings",
        {
            "curve": {"base": 100, "exponent": 2.0, "max_level": 10},
            "weights": {"per_point": 2, "activity_xp": {meeting: 10}},
        },
    )
    me = await rep.ok("get", "/me")
    assert (me["level"], me["xp"]) == (1, 2 * 10 + 2 * 15)


async def test_level_up_moment_once(client, rt):
    admin = await fresh_org(client)
    big = await type_key(admin, "big", points=150)
    await _settings(admin)
    rep = await admin.user("rep")
    r = await rep.log(big)  # 150 XP: level 2
    assert (await rep.ok("get", "/me"))["level"] == 2
    async with rt.engine.connect() as conn:
        notes = (
            await conn.execute(
                text("SELECT kind, title FROM notifications WHERE user_id = :u AND kind = 'level_up'"),
                {"u": rep.user_id},
            )
        ).all()
        feed = (
            await conn.execute(
                text("SELECT kind, data FROM feed_items WHERE org_id = :o AND kind = 'level_up'"),
                {"o": admin.org_id},
            )
        ).all()
    assert [tuple(n) for n in notes] == [("level_up", "Level 2!")]
    assert len(feed) == 1
    await admin.ok("post", f"/activities/{r['id']}/reverse", status=201)  # back to level 1
    assert (await rep.ok("get", "/me"))["level"] == 1
    await rep.log(big)  # level 2 again: not announced twice
    async with rt.engine.connect() as conn:
        count = await conn.scalar(
            text("SELECT count(*) FROM feed_items WHERE org_id = :o AND kind = 'level_up'"),
            {"o": admin.org_id},
        )
    assert count == 1


async def test_settings_access(client):
    admin = await fresh_org(client)
    manager = await admin.user("manager")
    rep = await admin.user("rep")
    for who in (manager, rep):
        assert_error(await who.get("/levels/settings"), 403, "forbidden")
        assert_error(await who.put("/levels/settings", {}), 403, "forbidden")
    other = await fresh_org(client)
    await _settings(other)
    got = await admin.ok("get", "/levels/settings")
    assert got["version"] == 0  # the other org's settings are not this org's
    r = await client.get("/api/v1/levels/settings")
    assert r.status_code == 401
    _, token = await pair_display(admin)
    display = Api(client, token, admin.org_id, 0)
    for r in (
        await display.get("/levels/settings"),
        await display.put("/levels/settings", {}),
        await display.get("/levels/me"),
    ):
        assert r.status_code in (401, 403), r.text
    gone = await admin.user("admin")
    await admin.ok("patch", f"/users/{gone.user_id}", {"active": False})
    assert (await gone.put("/levels/settings", {})).status_code == 401
    assert (await other.ok("get", "/levels/settings"))["version"] == 1  # untouched by this org
    bad = await admin.put("/levels/settings", {"curve": {"max_level": 4, "thresholds": [10, 5, 70]}})
    assert_error(bad, 400, "invalid_curve")


@pytest.mark.parametrize("weights", [{"per_point": -1}, {"bonus_xp": {"redemption": 1}}])
async def test_settings_bounded(client, weights):
    admin = await fresh_org(client)
    r = await admin.put("/levels/settings", {"weights": weights})
    assert r.status_code == 400


async def test_bonus_xp_counts_and_rebuilds(client, rt):
    """Bonus entries written by other features in the activity's transaction (an instant win) earn
    XP by their kind's weight; the rebuild from the ledger gives the same number."""
    admin = await fresh_org(client)
    call = await type_key(admin, "call", points=2)
    await _settings(admin, bonus_xp={"instant_win": 3})
    await admin.ok(
        "post",
        "/instant-wins",
        {"name": "Dice", "probability": 1.0, "budget": 1, "prize_points": 25},
        status=201,
    )
    rep = await admin.user("rep")
    await rep.log(call)  # 2 XP + an instant win of 25 points x 3 = 77
    await rep.log(call)  # 2 XP (the budget is spent)
    me = await rep.ok("get", "/me")
    assert (me["xp"], me["level"], me["xp_to_next"]) == (79, 1, 21)
    assert await levels.rebuild(rt, admin.org_id) == {rep.user_id: 79}


async def test_level_up_frame_on_the_reps_channel(client, game_server):
    """The rep's own websocket channel carries the level-up (the app's moment), after the points."""
    import asyncio
    import json

    from websockets.asyncio.client import connect

    admin = await fresh_org(client)
    big = await type_key(admin, "big", points=120)
    await _settings(admin)
    rep = await admin.user("rep")
    ws = await connect(game_server)
    await ws.send(json.dumps({"op": "auth", "token": rep.token}))
    await ws.send(json.dumps({"op": "subscribe", "channel": f"user:{rep.user_id}"}))
    async with asyncio.timeout(5):
        while json.loads(await ws.recv())["type"] != "snapshot":
            pass
    await rep.log(big)
    got = []
    async with asyncio.timeout(5):
        while not any(f.get("data", {}).get("kind") == "level_up" for f in got):
            got.append(json.loads(await ws.recv()))
    frame = next(f for f in got if f.get("data", {}).get("kind") == "level_up")
    assert frame["channel"] == f"user:{rep.user_id}"
    assert frame["data"] == {
        "kind": "level_up",
        "level": 2,
        "xp": 120,
        "xp_to_next": 280,
        "badge": {"level": 2, "tier": "rookie", "name": "Level 2"},
    }
    await ws.close()
