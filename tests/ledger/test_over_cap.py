"""Units beyond a daily cap count nowhere but on the activity: not on the boards (live or rebuilt
from the ledger), not in contests (live or final), not for missions, badges or streaks."""

from __future__ import annotations

from server.ledger import sync as board_sync
from tests.conftest import Api
from tests.contests.support import contest, finish, result_of
from tests.habits.support import habit_org
from tests.support.api import ago, local_day, noon_org, org_zone, score_of, type_key


async def boards(admin: Api, rep_id: int, key: str) -> tuple[int | None, int | None]:
    """The rep's (points, type) scores on today's boards."""
    day = local_day(ago(), await org_zone(admin))
    return (await score_of(admin, rep_id, window="day", period=day),
            await score_of(admin, rep_id, key, window="day", period=day))


async def test_a_quantity_of_5000_over_a_cap_of_5_counts_5_on_boards_rebuilds_and_in_a_contest(client, rt):
    admin = await noon_org(client)
    rival, rep = await admin.user(display_name="Rival"), await admin.user(display_name="Rep")
    key = await type_key(admin, points=2, daily_cap=5)
    made = await contest(admin, metric=key, measure="count", prizes=[{"place": 1, "points": 100}])
    await rival.log(key, quantity=5)
    out = await rep.log(key, quantity=5000)
    assert (out["points_awarded"], out["units_over_cap"]) == (10, 4995)
    assert await boards(admin, rep.user_id, key) == (10, 5)
    live = await admin.ok("get", f"/contests/{made['id']}/standings")
    assert {s["user_id"]: s["total"] for s in live["standings"]} == {rival.user_id: 5, rep.user_id: 5}
    # The view rebuilt from the ledger says the same (the entry holds the units that counted).
    assert await board_sync.rebuild_org(rt, admin.org_id) is not None
    assert await boards(admin, rep.user_id, key) == (10, 5)
    # The final results come from the SQL ledger: level at 5, the rival reached 5 first.
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    mine, theirs = result_of(res, rep.user_id), result_of(res, rival.user_id)
    assert (theirs["place"], theirs["total"], mine["place"], mine["total"]) == (1, 5, 2, 5)
    assert mine["tie_break"] == "first_to_reach"
    assert [(c["activity_id"], c["amount"]) for c in mine["counted"]] == [(out["id"], 5)]


async def test_a_later_activity_wholly_over_the_cap_counts_for_nothing_anywhere(client, rt):
    admin = await noon_org(client)
    rep = await admin.user()
    key = await type_key(admin, points=3, daily_cap=4)
    made = await contest(admin, metric=key, measure="count", tie_breakers=["most_activities"])
    first = await rep.log(key, quantity=3)
    second = await rep.log(key, quantity=3)  # 1 counts
    third = await rep.log(key, quantity=7)  # none counts
    assert [x["units_over_cap"] for x in (first, second, third)] == [0, 2, 7]
    assert await boards(admin, rep.user_id, key) == (12, 4)
    await finish(rt, made)
    mine = result_of(await admin.ok("get", f"/contests/{made['id']}/results"), rep.user_id)
    assert (mine["total"], [c["amount"] for c in mine["counted"]]) == (4, [3, 1])
    assert mine["computation"].startswith("4 ") and "from 2 activities" in mine["computation"]
    ledger = (await rep.ok("get", "/me/ledger"))["entries"]
    assert [(e["activity_id"], e["points"], e["quantity"]) for e in ledger] == [
        (third["id"], 0, 7), (second["id"], 3, 3), (first["id"], 9, 3)]  # the activity record keeps all


async def test_value_over_the_cap_is_prorated_on_the_value_board(client, rt):
    admin = await noon_org(client)
    rep = await admin.user()
    key = await type_key(admin, points=10, value_points=0.01, daily_cap=1)
    out = await rep.log(key, quantity=4, value=2000)  # 1 of 4 units counts: a quarter of the value
    assert (out["points_awarded"], out["units_over_cap"]) == (10 + 5, 3)
    assert await boards(admin, rep.user_id, key) == (15, 500)
    assert await board_sync.rebuild_org(rt, admin.org_id) is not None
    assert await boards(admin, rep.user_id, key) == (15, 500)


async def test_over_cap_units_move_no_mission_badge_or_streak_day(hclient):
    admin = await habit_org(hclient, min_units=4)
    key = await type_key(admin, points=1, daily_cap=3)
    for t in (await admin.ok("get", "/mission-templates"))["items"]:
        assert (await admin.delete(f"/mission-templates/{t['id']}")).status_code == 204
    await admin.ok("post", "/mission-templates", {"key": "capped", "label": "{target} x capped", "type": key,
                                                   "min_target": 5, "max_target": 5, "bonus_points": 7,
                                                   "pinned": True}, status=201)
    await admin.ok("post", "/badges", {"key": "four", "name": "Four", "rule": "activity_count",
                                       "params": {"type_key": key, "threshold": 4, "window": "day"}}, status=201)
    rep = await admin.user()
    out = await rep.log(key, quantity=50)
    assert (out["points_awarded"], out["units_over_cap"], out["unlocked"]) == (3, 47, {})
    missions = (await rep.ok("get", "/me/missions"))["missions"]
    assert [(m["type"], m["target"], m["progress"], m["completed"]) for m in missions] == [(key, 5, 3, False)]
    assert (await rep.ok("get", "/me/badges"))["items"] == []
    assert (await rep.ok("get", "/me/streak"))["current"] == 0  # 3 qualifying units of the 4 a day needs
    ledger = (await rep.ok("get", "/me/ledger"))["entries"]
    assert [(e["kind"], e["points"]) for e in ledger] == [("activity", 3)]
