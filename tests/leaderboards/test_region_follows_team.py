"""A rep's region is their team's unless set on the rep: moving a rep to another team (or
changing a team's region) moves them on the region boards, with the period's score they have,
exactly as a rebuild from the ledger would show it."""

from __future__ import annotations

from server.ledger.sync import rebuild_org
from tests.realtime.test_realtime import open_client
from tests.support.boards import add_rep, board_snapshot, fresh_org, ranked


async def _region(api, region: str, window: str = "week") -> list[tuple[int, int, int]]:
    return ranked(await api.board("points", window=window, segment=f"region:{region}"))


async def _org_with_two_regions(client):
    """An org with team Inbound in region East and team Outbound in West: (admin, east id, west id)."""
    admin = await fresh_org(client)
    east = (await admin.ok("post", "/teams", {"name": "Inbound", "region": "East"}, status=201))["id"]
    west = (await admin.ok("post", "/teams", {"name": "Outbound", "region": "West"}, status=201))["id"]
    return admin, east, west


async def _user(admin, user_id: int) -> tuple[str | None, bool]:
    u = await admin.ok("get", f"/users/{user_id}")
    return u["region"], u["region_from_team"]


async def test_a_rep_moved_to_another_team_moves_to_its_region_with_their_score(client, rt):
    admin, east, west = await _org_with_two_regions(client)
    ann = await add_rep(admin, "Ann", team_id=east)
    bob = await add_rep(admin, "Bob", team_id=west)
    await admin.log("meeting_booked", user_id=ann)  # 10
    await admin.log("call", quantity=3, user_id=bob)  # 6
    assert await _user(admin, ann) == ("East", True)
    assert await _region(admin, "East") == [(1, ann, 10)] and await _region(admin, "West") == [(1, bob, 6)]

    moved = await admin.ok("patch", f"/users/{ann}", {"team_id": west})
    assert (moved["region"], moved["region_from_team"]) == ("West", True)
    for window in ("day", "week", "month", "quarter", "all"):
        assert await _region(admin, "West", window) == [(1, ann, 10), (2, bob, 6)]
        assert await _region(admin, "East", window) == []
    # the same boards as a rebuild from the ledger gives
    live = {w: await _region(admin, "West", w) for w in ("day", "week")}
    before = await board_snapshot(rt.redis, admin.org_id)
    assert await rebuild_org(rt, admin.org_id) is not None
    assert await board_snapshot(rt.redis, admin.org_id) == before
    assert {w: await _region(admin, "West", w) for w in ("day", "week")} == live

    # A team's new region carries its members along.
    await admin.ok("patch", f"/teams/{west}", {"region": "North"})
    assert await _region(admin, "North") == [(1, ann, 10), (2, bob, 6)] and await _region(admin, "West") == []
    assert await _user(admin, bob) == ("North", True)


async def test_a_region_set_on_the_rep_stays_until_cleared(client):
    admin, east, west = await _org_with_two_regions(client)
    ann = await add_rep(admin, "Ann", team_id=east, region="Remote")  # set on the rep at creation
    cid = await add_rep(admin, "Cid")  # no team, no region
    await admin.log("call", user_id=ann)
    assert await _user(admin, ann) == ("Remote", False)
    assert await _user(admin, cid) == (None, True)
    await admin.ok("patch", f"/users/{ann}", {"team_id": west})
    assert await _user(admin, ann) == ("Remote", False)
    assert await _region(admin, "Remote") == [(1, ann, 2)] and await _region(admin, "West") == []
    cleared = await admin.ok("patch", f"/users/{ann}", {"region": None})  # back to following the team
    assert (cleared["region"], cleared["region_from_team"]) == ("West", True)
    assert await _region(admin, "West") == [(1, ann, 2)] and await _region(admin, "Remote") == []
    assert await _user(admin, ann) == ("West", True)


async def test_contests_by_region_take_the_reps_of_the_teams_region(client):
    admin, east, west = await _org_with_two_regions(client)
    ann = await add_rep(admin, "Ann", team_id=east)
    await add_rep(admin, "Bob", team_id=east)
    await admin.ok("patch", f"/users/{ann}", {"team_id": west})
    today = (await admin.board("points", window="day"))["period"]["id"]
    made = await admin.ok("post", "/contests", {"name": "West blitz", "start_date": today, "end_date": today,
                                                "segments": ["region:West"]}, status=201)
    standings = await admin.ok("get", f"/contests/{made['id']}/standings")
    assert [s["user_id"] for s in standings["standings"]] == [ann]


async def test_a_live_region_channel_moves_the_rep_when_their_team_changes(client, game_server):
    admin, east, west = await _org_with_two_regions(client)
    ann = await add_rep(admin, "Ann", team_id=east)
    bob = await add_rep(admin, "Bob", team_id=west)
    await admin.log("meeting_booked", user_id=ann)
    await admin.log("call", user_id=bob)
    c = await open_client(game_server, admin.token)
    await c.send(op="subscribe", channel="lb:points:week:region:West")
    snap = await c.next("snapshot")
    assert [(e["rank"], e["user_id"], e["score"]) for e in snap["entries"]] == [(1, bob, 2)]
    view = {e["user_id"]: (e["rank"], e["score"]) for e in snap["entries"]}
    await admin.ok("patch", f"/users/{ann}", {"team_id": west})  # no activity: the move alone
    while view != {ann: (1, 10), bob: (2, 2)}:
        delta = await c.next("delta", channel="lb:points:week:region:West", wait_s=3.0)
        view.update({e["user_id"]: (e["rank"], e["score"]) for e in delta["entries"]})
        for uid in delta["removed"]:
            view.pop(uid)
    await c.ws.close()
