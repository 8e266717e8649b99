"""Fantasy leagues over HTTP on a manual clock: set-up checks, a timed snake draft with refused
picks and auto-picks (by a request and by the worker's job), the live feed of picks, weekly scores
from the ledger, the table, the playoff final and the champion; who may do what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from server.fantasy import service as fantasy
from tests.conftest import new_org
from tests.support.api import assert_error
from tests.support.realtime import pair_display
from tests.targets.support import Clocked, log, org_with_type

MONDAY = "2027-02-01"  # START is Wednesday 2027-01-27 20:00 UTC


def league_body(key: str, owners: list[int], **over) -> dict:
    return {"name": "Winter league", "metric": key, "season_start": MONDAY, "weeks": 1, "playoff_teams": 2,
            "roster_size": 2, "pick_seconds": 60,
            "teams": [{"name": f"Team {i + 1}", "owner_user_id": o} for i, o in enumerate(owners)], **over}


async def test_draft_season_playoffs_and_champion(clocked: Clocked):
    c = clocked
    admin, key = await org_with_type(c, timezone="UTC", points=5)
    r1, r2, r3, r4 = [await admin.user("rep", display_name=f"Rep {i}") for i in range(1, 5)]
    # r4 was busiest over the last weeks: the auto-pick takes them first
    await log(admin, key, r4.user_id, c.clock.now() - timedelta(days=1), quantity=2)
    await log(admin, key, r1.user_id, c.clock.now() - timedelta(days=1), quantity=1)

    # set-up is checked
    bad = await admin.post("/fantasy/leagues", league_body(key, [admin.user_id, r1.user_id],
                                                          season_start="2027-02-02"))
    assert_error(bad, 400, "invalid_season_start")
    assert_error(await admin.post("/fantasy/leagues", league_body(key, [admin.user_id, r1.user_id], roster_size=3)),
                 400, "pool_too_small")
    assert_error(await admin.post("/fantasy/leagues", league_body("nope", [admin.user_id, r1.user_id])),
                 400, "unknown_metric")
    assert_error(await admin.post("/fantasy/leagues", league_body(key, [admin.user_id, admin.user_id])),
                 400, "duplicate_owner")
    assert_error(await r1.post("/fantasy/leagues", league_body(key, [admin.user_id, r1.user_id])), 403, "forbidden")
    league_id = (await admin.ok("post", "/fantasy/leagues", league_body(key, [admin.user_id, r1.user_id]),
                                status=201))["id"]
    lg = await r2.ok("get", f"/fantasy/leagues/{league_id}")
    t1, t2 = (t["id"] for t in lg["teams"])
    assert lg["draft"]["state"] == "setup" and sorted(lg["draft"]["available"]) == sorted(
        u.user_id for u in (r1, r2, r3, r4))

    # the draft: only the commissioner starts it; only the team on the clock picks
    assert_error(await r1.post(f"/fantasy/leagues/{league_id}/draft"), 403, "forbidden")
    lg = await admin.ok("post", f"/fantasy/leagues/{league_id}/draft")
    started = c.clock.now()
    assert (lg["draft"]["state"], lg["draft"]["on_clock_team_id"]) == ("drafting", t1)
    assert lg["draft"]["deadline"] == (started + timedelta(seconds=60)).isoformat().replace("+00:00", "Z")
    assert_error(await admin.post(f"/fantasy/leagues/{league_id}/draft"), 409, "draft_started")
    assert_error(await r1.post(f"/fantasy/leagues/{league_id}/picks", {"user_id": r2.user_id}), 403, "not_your_turn")
    lg = await admin.ok("post", f"/fantasy/leagues/{league_id}/picks", {"user_id": r2.user_id})
    assert lg["draft"]["on_clock_team_id"] == t2
    assert_error(await r1.post(f"/fantasy/leagues/{league_id}/picks", {"user_id": r2.user_id}), 409, "rep_taken")
    assert_error(await r1.post(f"/fantasy/leagues/{league_id}/picks", {"user_id": admin.user_id}), 400, "not_in_pool")
    c.clock.advance(timedelta(seconds=10))
    lg = await r1.ok("post", f"/fantasy/leagues/{league_id}/picks", {"user_id": r3.user_id})
    assert lg["draft"]["on_clock_team_id"] == t2  # the snake: team 2 picks twice in a row

    # team 2 lets its clock run out: the next read makes the auto-pick (the busiest rep left: r4)
    second_pick_at = c.clock.now()
    c.clock.advance(timedelta(seconds=61))
    lg = await r2.ok("get", f"/fantasy/leagues/{league_id}")
    assert [(p["pick_no"], p["round"], p["team_id"], p["user_id"], p["auto"]) for p in lg["draft"]["picks"]] == [
        (1, 1, t1, r2.user_id, False), (2, 1, t2, r3.user_id, False), (3, 2, t2, r4.user_id, True)]
    deadline = second_pick_at + timedelta(seconds=120)  # counted from the missed deadline, not from the read
    assert lg["draft"]["deadline"] == deadline.isoformat().replace("+00:00", "Z")
    # nobody is watching: the worker's job makes the last pick when that clock runs out
    c.clock.set(deadline - timedelta(seconds=1))
    assert await fantasy.auto_picks(c.rt) == 0
    c.clock.set(deadline)
    assert await fantasy.auto_picks(c.rt) == 1
    lg = await r2.ok("get", f"/fantasy/leagues/{league_id}")
    assert lg["draft"]["state"] == "season" and lg["draft"]["on_clock_team_id"] is None
    assert {t["id"]: t["roster"] for t in lg["teams"]} == {t1: [r2.user_id, r1.user_id], t2: [r3.user_id, r4.user_id]}
    assert_error(await admin.post(f"/fantasy/leagues/{league_id}/picks", {"user_id": r1.user_id}), 409,
                 "draft_not_running")
    # every pick went on the org feed (and so over the websocket)
    feed = await r2.ok("get", "/feed", kinds=["fantasy_pick"])
    picks = sorted((i["data"]["pick_no"], i["user_id"], i["data"]["auto"]) for i in feed["items"])
    assert picks == [(1, r2.user_id, False), (2, r3.user_id, False), (3, r4.user_id, True), (4, r1.user_id, True)]

    # week 1 (regular season): team 1 scores 3, team 2 scores 1
    c.at(2027, 2, 2, 12)
    await log(admin, key, r2.user_id, c.clock.now(), quantity=3)
    await log(admin, key, r3.user_id, c.clock.now(), quantity=1)
    lg = await r2.ok("get", f"/fantasy/leagues/{league_id}")
    assert [(m["week"], m["home_score"], m["away_score"], m["winner_team_id"]) for m in lg["matchups"]] == [
        (1, 3, 1, None)]  # the week is not over
    # week 2 is the final (1 v 2): team 2 wins it 4 to 1 and is the champion
    c.at(2027, 2, 9, 12)
    await log(admin, key, r4.user_id, c.clock.now(), quantity=4)
    await log(admin, key, r1.user_id, c.clock.now(), quantity=1)
    lg = await r2.ok("get", f"/fantasy/leagues/{league_id}")
    assert [(s["team_id"], s["wins"], s["losses"], s["points_for"]) for s in lg["standings"]] == [
        (t1, 1, 0, 3), (t2, 0, 1, 1)]
    assert [(m["week"], m["playoff"], m["home_team_id"], m["home_score"], m["away_score"], m["winner_team_id"])
            for m in lg["matchups"]] == [(1, False, t1, 3, 1, t1), (2, True, t1, 1, 4, None)]
    assert lg["champion_team_id"] is None
    c.at(2027, 2, 15, 0, 1)
    lg = await r2.ok("get", f"/fantasy/leagues/{league_id}")
    assert lg["matchups"][-1]["winner_team_id"] == t2 and lg["champion_team_id"] == t2

    # a display reads the league (the TV shows it); another org sees nothing
    _, display_token = await pair_display(admin)
    r = await c.client.get(f"/api/v1/fantasy/leagues/{league_id}", headers={"authorization": f"Bearer {display_token}"})
    assert r.status_code == 200 and r.json()["champion_team_id"] == t2
    r = await c.client.post(f"/api/v1/fantasy/leagues/{league_id}/draft",
                            headers={"authorization": f"Bearer {display_token}"})
    assert_error(r, 403, "read_only")
    other = await new_org(c.client)
    assert_error(await other.get(f"/fantasy/leagues/{league_id}"), 404, "league_not_found")
    assert (await other.ok("get", "/fantasy/leagues"))["leagues"] == []
    assert [lg["id"] for lg in (await r3.ok("get", "/fantasy/leagues"))["leagues"]] == [league_id]


async def test_a_manager_runs_a_league_of_their_own_team_only(clocked: Clocked):
    c = clocked
    admin, key = await org_with_type(c, timezone="UTC")
    team_id = (await admin.ok("post", "/teams", {"name": "East"}, status=201))["id"]
    other_team = (await admin.ok("post", "/teams", {"name": "West"}, status=201))["id"]
    manager = await admin.user("manager", team_id=team_id)
    mine = [await admin.user("rep", team_id=team_id) for _ in range(2)]
    theirs = await admin.user("rep", team_id=other_team)
    assert_error(await manager.post("/fantasy/leagues", league_body(key, [manager.user_id, theirs.user_id],
                                                                   roster_size=1)), 403, "not_your_team")
    league_id = (await manager.ok("post", "/fantasy/leagues", league_body(key, [manager.user_id, mine[0].user_id],
                                                                          roster_size=1), status=201))["id"]
    lg = await manager.ok("get", f"/fantasy/leagues/{league_id}")
    assert sorted(lg["draft"]["available"]) == sorted(u.user_id for u in mine)  # the West rep is not in the pool
    # the creator is the commissioner; an admin is too; another manager is not
    west = await admin.user("manager", team_id=other_team)
    assert_error(await west.post(f"/fantasy/leagues/{league_id}/draft"), 403, "forbidden")
    await manager.ok("post", f"/fantasy/leagues/{league_id}/draft")
    # the commissioner may pick for the team on the clock
    lg = await admin.ok("post", f"/fantasy/leagues/{league_id}/picks", {"user_id": mine[1].user_id})
    assert lg["draft"]["picks"][0]["user_id"] == mine[1].user_id and lg["draft"]["picks"][0]["auto"] is False
    assert (await admin.ok("get", "/audit", kind="fantasy_league"))["entries"][0]["action"] == "start_draft"


async def test_bad_bodies_are_400_with_their_field(clocked: Clocked):
    admin, key = await org_with_type(clocked, timezone="UTC")
    rep = await admin.user("rep")
    for body in (league_body(key, [admin.user_id]),  # one team
                 league_body(key, [admin.user_id, rep.user_id], pick_seconds=5),
                 league_body(key, [admin.user_id, rep.user_id], weeks=0),
                 {**league_body(key, [admin.user_id, rep.user_id]), "extra": 1}):
        r = await admin.post("/fantasy/leagues", body)
        assert r.status_code == 400, r.text
    assert_error(await admin.post("/fantasy/leagues", league_body(key, [admin.user_id, rep.user_id],
                                                                 playoff_teams=4)), 400, "invalid_playoff_teams")
    assert_error(await admin.post("/fantasy/leagues", league_body(key, [admin.user_id, 10**9])), 404,
                 "user_not_found")
    now = datetime(2027, 1, 27, 20, tzinfo=UTC)
    assert clocked.clock.now() == now
