"""Privacy modes over HTTP: the exact rows each viewer gets, and who may set the modes."""

from __future__ import annotations

import pytest

from tests.privacy.support import rows, sales_floor
from tests.realtime.test_realtime_more import pair_display
from tests.support.api import assert_error

FULL = [("r1", 1, 70, None), ("r2", 2, 60, None), ("r3", 3, 50, None), ("r4", 4, 40, None),
        ("r5", 5, 30, None), ("r6", 6, 20, None), ("r7", 7, 10, None)]


@pytest.fixture
async def floor(client):
    return await sales_floor(client)


async def _org_mode(floor, mode: str, n: int | None = None) -> dict:
    return await floor.admin.ok("put", "/privacy/org", {"mode": mode} | ({"n": n} if n else {}))


async def test_each_mode_shows_a_rep_exactly_its_rows(floor):
    me = floor.me
    assert rows(floor, await me.board(window="week")) == FULL
    await _org_mode(floor, "top_n", 2)
    board = await me.board(window="week")
    assert board["privacy"] == "top_n"
    assert rows(floor, board) == [("r1", 1, 70, None), ("r2", 2, 60, None), ("r4", 4, 40, None)]
    assert board["user"]["rank"] == 4 and board["user"]["score"] == 40
    await _org_mode(floor, "near_peers", 1)
    assert rows(floor, await me.board(window="week")) == [("r3", 3, 50, None), ("r4", 4, 40, None),
                                                          ("r5", 5, 30, None)]
    # paging cannot reach further: a restricted rep gets the same rows whatever the offset
    assert rows(floor, await me.board(window="week", offset=5, limit=2)) == [
        ("r3", 3, 50, None), ("r4", 4, 40, None), ("r5", 5, 30, None)]
    await _org_mode(floor, "tiers")
    assert rows(floor, await me.board(window="week")) == [
        ("r1", None, None, "gold"), ("r2", None, None, "gold"), ("r3", None, None, "silver"),
        ("r4", None, 40, "silver"), ("r5", None, None, "bronze"), ("r6", None, None, "bronze"),
        ("r7", None, None, "bronze")]
    await _org_mode(floor, "value_only")
    board = await me.board(window="week")
    assert rows(floor, board) == [("r4", None, 40, None)]
    assert board["user"] == {"rank": None, "user_id": me.user_id, "display_name": "r4",
                             "team_id": floor.team_a, "score": 40}


async def test_managers_and_admins_keep_the_full_board(floor):
    await _org_mode(floor, "near_peers", 1)
    manager = await floor.admin.user(role="manager", display_name="boss", team_id=floor.team_a)
    assert rows(floor, await manager.board(window="week")) == FULL
    assert rows(floor, await floor.admin.board(window="week")) == FULL


async def test_a_near_peers_rep_cannot_look_around_anyone_else(floor):
    await _org_mode(floor, "near_peers", 1)
    me = floor.me
    assert_error(await me.get(f"/leaderboards/points/around/{floor.ids['r1']}", window="week"), 403,
                 "board_private")
    mine = await me.ok("get", f"/leaderboards/points/around/{me.user_id}", window="week", radius=6)
    assert rows(floor, mine) == [("r3", 3, 50, None), ("r4", 4, 40, None), ("r5", 5, 30, None)]
    for segment in ("org", f"team:{floor.team_a}", f"team:{floor.team_b}"):
        board = await me.board(window="week", segment=segment, limit=200)
        assert len(board["entries"]) <= 3, board


async def test_team_board_and_display_overrides(floor, client):
    await _org_mode(floor, "value_only")
    await floor.admin.ok("put", f"/privacy/teams/{floor.team_a}", {"mode": "top_n", "n": 1})
    assert rows(floor, await floor.me.board(window="week")) == [("r1", 1, 70, None), ("r4", 4, 40, None)]
    await floor.admin.ok("put", "/privacy/boards/points", {"mode": "near_peers", "n": 2})
    assert [r[0] for r in rows(floor, await floor.me.board(window="week"))] == ["r2", "r3", "r4", "r5", "r6"]
    settings = await floor.admin.ok("delete", f"/privacy/teams/{floor.team_a}")
    assert settings["teams"] == [] and settings["boards"] == [{"key": "points", "mode": "near_peers", "n": 2}]
    assert settings["org"] == {"mode": "value_only", "n": 0}

    display_id, token = await pair_display(floor.admin)
    tv = {"authorization": f"Bearer {token}"}

    async def tv_rows() -> list[tuple]:
        r = await client.get("/api/v1/leaderboards/points", params={"window": "week"}, headers=tv)
        assert r.status_code == 200, r.text
        return rows(floor, r.json())

    assert await tv_rows() == [("r1", 1, 70, None), ("r2", 2, 60, None)]  # near_peers 2 on a TV: the top 2
    await floor.admin.ok("put", f"/displays/{display_id}/privacy", {"mode": "full"})
    assert await tv_rows() == FULL
    await floor.admin.ok("put", f"/displays/{display_id}/privacy", {"mode": "tiers"})
    assert [r[3] for r in await tv_rows()] == ["gold", "gold", "silver", "silver", "bronze", "bronze", "bronze"]


async def test_a_rep_who_hides_from_tv_never_shows_on_a_display(floor, client):
    _, token = await pair_display(floor.admin)
    assert await floor.me.ok("get", "/me/tv-visibility") == {"hide_from_tv": False}
    assert await floor.me.ok("put", "/me/tv-visibility", {"hide_from_tv": True}) == {"hide_from_tv": True}
    r = await client.get("/api/v1/leaderboards/points", params={"window": "week"},
                         headers={"authorization": f"Bearer {token}"})
    assert rows(floor, r.json()) == [row for row in FULL if row[0] != "r4"]
    assert rows(floor, await floor.admin.board(window="week")) == FULL  # people still see them
    assert (await floor.admin.ok("get", "/privacy"))["hidden_from_tv"] == 1
    audit = await floor.admin.ok("get", "/audit", kind="privacy")
    assert [(e["entity_id"], e["after"]) for e in audit["entries"]] == [
        (f"user:{floor.me.user_id}", {"hide_from_tv": True})]


async def test_only_admins_set_modes_and_bad_input_is_a_clear_400(floor, client):
    manager = await floor.admin.user(role="manager", team_id=floor.team_a)
    for who in (floor.me, manager):
        assert_error(await who.put("/privacy/org", {"mode": "tiers"}), 403, "forbidden")
        assert_error(await who.get("/privacy"), 403, "forbidden")
    _, token = await pair_display(floor.admin)
    r = await client.put("/api/v1/privacy/org", json={"mode": "tiers"}, headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 403, r.text
    other = await sales_floor(client)
    assert_error(await floor.admin.put(f"/privacy/teams/{other.team_a}", {"mode": "tiers"}), 404, "team_not_found")
    assert_error(await floor.admin.put("/privacy/boards/nosuchboard", {"mode": "tiers"}), 404, "unknown_metric")
    r = await floor.admin.put("/privacy/org", {"mode": "secret"})
    assert r.status_code == 400 and r.json()["error"]["code"], r.text
    r = await floor.admin.put("/privacy/org", {"mode": "top_n", "n": 51})
    assert r.status_code == 400, r.text
    # another org's settings are untouched by this one's
    await _org_mode(floor, "tiers")
    assert rows(other, await other.me.board(window="week")) == FULL


async def test_a_deactivated_rep_and_another_org_get_nothing(floor, client):
    await _org_mode(floor, "near_peers", 1)
    other = await sales_floor(client)
    r = await other.me.get(f"/leaderboards/points/around/{floor.me.user_id}", window="week")
    assert r.status_code == 404, r.text  # not a member of their org
    assert_error(await other.admin.put(f"/displays/{(await pair_display(floor.admin))[0]}/privacy",
                                       {"mode": "full"}), 404, "display_not_found")
    await floor.admin.ok("patch", f"/users/{floor.me.user_id}", {"active": False})
    assert_error(await floor.me.get("/leaderboards/points", window="week"), 401, "account_disabled")
    assert_error(await floor.me.put("/me/tv-visibility", {"hide_from_tv": True}), 401, "account_disabled")


async def test_push_texts_and_me_never_tell_a_hidden_rank(floor):
    """Under `tiers` no rank and no pass is told; under `near_peers` the passes still are."""
    me, ids = floor.me, floor.ids
    await _org_mode(floor, "tiers")
    log = floor.admin.log  # logged by the manager: a rep is never told of what they did themselves
    await log("meeting_booked", user_id=me.user_id)
    await log("call", user_id=me.user_id)  # 52: r4 passes r3 (50)
    assert (await me.ok("get", "/me"))["rank_this_week"] == {"rank": None, "score": 52}
    kinds = [n["kind"] for n in (await me.ok("get", "/notifications", limit=100))["notifications"]]
    assert "passed" not in kinds and "top_n" not in kinds
    await _org_mode(floor, "near_peers", 1)
    assert (await me.ok("get", "/me"))["rank_this_week"] == {"rank": 3, "score": 52}
    await log("meeting_booked", user_id=me.user_id)  # 62: passes r2 (60)
    mine = [n for n in (await me.ok("get", "/notifications", limit=100))["notifications"] if n["kind"] == "passed"]
    assert [n["data"]["passed"] for n in mine] == [[ids["r2"]]]
