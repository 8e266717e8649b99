"""Targets, attainment and pace over HTTP, on a manual clock: exact periods in the org's time zone,
versions that keep history, suggestions, relative leaderboards and who may see what."""

from __future__ import annotations

from tests.conftest import new_org
from tests.support.api import assert_error
from tests.targets.support import Clocked, log, org_with_type, put_targets, team


def entry(view: dict, user_id: int) -> dict:
    return next(e for e in view["entries"] if e["user_id"] == user_id)


async def test_attainment_and_pace_across_a_month_boundary_in_the_org_time_zone(clocked: Clocked):
    c = clocked
    admin, key = await org_with_type(c, "America/New_York", points=5)
    t = await team(admin)
    rep = await admin.user(team_id=t)
    await put_targets(admin, "points", "month", "2027-01-01", {rep.user_id: 100})
    await put_targets(admin, "points", "month", "2027-02-01", {rep.user_id: 200})
    await log(admin, key, rep.user_id, c.at(2027, 1, 27, 19), quantity=2)  # 10 points, 14:00 in New York
    c.at(2027, 2, 1, 4, 40)  # 23:40 on Sunday 31 January in New York
    await log(admin, key, rep.user_id, c.at(2027, 2, 1, 4, 30), quantity=4)  # 20 points on 31 January there
    c.at(2027, 2, 1, 6)  # 01:00 on Monday 1 February
    await log(admin, key, rep.user_id, c.at(2027, 2, 1, 5, 30), quantity=2)  # 10 points on 1 February
    c.at(2027, 2, 1, 6)

    me = await rep.ok("get", "/me")
    assert [(t["metric"], t["period"]["kind"], t["period"]["id"], t["target"], t["actual"], t["attainment"],
             t["pace"], t["on_pace"], t["version"]) for t in me["targets"]] == [
        ("points", "month", "2027-02", 200, 10, 0.05, {"working_days": 20, "elapsed": 0, "share": 0.0}, True, 2)]
    assert me["targets"][0]["period"]["first_day"] == "2027-02-01"
    assert me["targets"][0]["period"]["last_day"] == "2027-02-28"
    assert me["targets"][0]["period"]["start"] == "2027-02-01T05:00:00Z"  # local midnight in New York

    january = await admin.ok("get", "/targets", metric="points", period="month", start="2027-01-31")
    assert january["period"]["id"] == "2027-01"
    assert january["pace"] == {"working_days": 21, "elapsed": 21, "share": 1.0}
    e = entry(january, rep.user_id)
    assert (e["target"], e["actual"], e["attainment"], e["on_pace"], e["version"], e["effective_from"]) == \
        (100, 30, 0.3, False, 1, "2027-01-01")

    # Wednesday 10 February, noon in New York: 7 of February's 20 working days are over.
    c.at(2027, 2, 10, 17)
    feb = await admin.ok("get", "/targets", metric="points", period="month")
    assert feb["pace"] == {"working_days": 20, "elapsed": 7, "share": 0.35}
    assert (entry(feb, rep.user_id)["attainment"], entry(feb, rep.user_id)["on_pace"]) == (0.05, False)
    await log(admin, key, rep.user_id, c.at(2027, 2, 10, 16), quantity=12)  # 60 more: 70 of 200
    c.at(2027, 2, 10, 17)
    feb = await admin.ok("get", "/targets", metric="points", period="month")
    assert (entry(feb, rep.user_id)["actual"], entry(feb, rep.user_id)["attainment"],
            entry(feb, rep.user_id)["on_pace"]) == (70, 0.35, True)


async def test_the_same_instants_fall_in_other_months_in_utc(clocked: Clocked):
    """Twin of the test above: in a UTC org, 04:30Z on 1 February is February's."""
    c = clocked
    admin, key = await org_with_type(c, "UTC", points=5)
    rep = await admin.user()
    await put_targets(admin, "points", "month", "2027-01-01", {rep.user_id: 100})
    c.at(2027, 2, 1, 4, 40)
    await log(admin, key, rep.user_id, c.at(2027, 2, 1, 4, 30), quantity=4)
    c.at(2027, 2, 1, 6)
    jan = await admin.ok("get", "/targets", metric="points", period="month", start="2027-01-31")
    feb = await admin.ok("get", "/targets", metric="points", period="month", start="2027-02-01")
    assert (entry(jan, rep.user_id)["actual"], entry(feb, rep.user_id)["actual"]) == (0, 20)
    assert entry(feb, rep.user_id)["target"] == 100  # January's version holds on


async def test_targets_are_versioned_and_past_periods_keep_theirs(clocked: Clocked):
    c = clocked
    c.at(2027, 1, 10, 15)
    admin, key = await org_with_type(c, "UTC")
    rep = await admin.user()
    uid = rep.user_id
    v1 = await put_targets(admin, "points", "month", "2027-01-01", {uid: 100})
    assert [(v["user_id"], v["value"], v["version"], v["starts_on"]) for v in v1["versions"]] == \
        [(uid, 100, 1, "2027-01-01")]
    c.at(2027, 1, 20, 15)
    await put_targets(admin, "points", "month", "2027-01-01", {uid: 120})  # a correction of January
    await put_targets(admin, "points", "month", "2027-02-01", {uid: 150})

    async def held(day: str) -> tuple[int | None, int | None, str | None]:
        e = entry(await admin.ok("get", "/targets", metric="points", period="month", start=day), uid)
        return e["target"], e["version"], e["effective_from"]

    assert await held("2027-01-31") == (120, 2, "2027-01-01")
    assert await held("2027-02-01") == (150, 3, "2027-02-01")
    assert await held("2027-03-05") == (150, 3, "2027-02-01")  # holds until changed
    assert await held("2026-12-15") == (None, None, None)  # before any target

    assert_error(await admin.put("/targets", {"metric": "points", "period": "month", "start": "2026-12-01",
                                              "targets": [{"user_id": uid, "value": 80}]}), 409, "period_closed")
    assert_error(await admin.put("/targets", {"metric": "points", "period": "month", "start": "2027-01-15",
                                              "targets": [{"user_id": uid, "value": 80}]}), 400, "invalid_start")
    assert_error(await admin.put("/targets", {"metric": "points", "period": "week", "start": "2027-01-26",
                                              "targets": [{"user_id": uid, "value": 80}]}), 400, "invalid_start")
    await put_targets(admin, "points", "week", "2027-01-25", {uid: 30})  # a Monday: the org's weeks
    assert_error(await admin.put("/targets", {"metric": "telepathy", "period": "month", "start": "2027-02-01",
                                              "targets": [{"user_id": uid, "value": 1}]}), 400, "unknown_metric")
    assert_error(await admin.put("/targets", {"metric": "points", "period": "month", "start": "2027-02-01",
                                              "targets": [{"user_id": uid, "value": 1},
                                                          {"user_id": uid, "value": 2}]}), 400, "duplicate_user")
    r = await admin.put("/targets", {"metric": "points", "period": "year", "start": "2027-01-01",
                                     "targets": [{"user_id": uid, "value": 1}]})
    assert r.status_code == 400
    r = await admin.put("/targets", {"metric": "points", "period": "month", "start": "2027-02-01",
                                     "targets": [{"user_id": uid, "value": 0}]})
    assert r.status_code == 400

    c.at(2027, 2, 10, 15)
    await put_targets(admin, "points", "month", "2027-03-01", {uid: 90})
    await put_targets(admin, "points", "month", "2027-04-01", {uid: None})  # no target from April on
    assert_error(await admin.put("/targets", {"metric": "points", "period": "month", "start": "2027-01-01",
                                              "targets": [{"user_id": uid, "value": 80}]}), 409, "period_closed")
    assert await held("2027-01-31") == (120, 2, "2027-01-01")
    assert await held("2027-02-28") == (150, 3, "2027-02-01")
    assert await held("2027-03-01") == (90, 4, "2027-03-01")
    assert await held("2027-04-01") == (None, None, None)
    hist = await admin.ok("get", "/targets/history", user_id=uid, metric="points", period="month")
    assert [(v["version"], v["value"], v["starts_on"], v["set_by_user_id"]) for v in hist["versions"]] == [
        (5, None, "2027-04-01", admin.user_id), (4, 90, "2027-03-01", admin.user_id),
        (3, 150, "2027-02-01", admin.user_id), (2, 120, "2027-01-01", admin.user_id),
        (1, 100, "2027-01-01", admin.user_id)]


async def test_count_and_value_metrics_measure_units_and_whole_values(clocked: Clocked):
    c = clocked
    admin, key = await org_with_type(c, "UTC", points=5)
    deal = "deal_" + key
    await admin.ok("post", "/activity-types", {"key": deal, "label": "Deal won", "points": 0, "value_points": 0.01},
                   status=201)
    rep = await admin.user()
    for metric, value in ((key, 10), (deal, 2), (f"{deal}_value", 50_000)):
        await put_targets(admin, metric, "month", "2027-01-01", {rep.user_id: value})
    await log(admin, key, rep.user_id, c.at(2027, 1, 27, 19), quantity=3)
    await log(admin, deal, rep.user_id, c.at(2027, 1, 27, 19), value=12_000.4)
    await log(admin, deal, rep.user_id, c.at(2027, 1, 27, 19), value=8_000)
    c.at(2027, 1, 27, 20)
    view = await admin.ok("get", "/targets", metric="points", period="month")
    assert (view["metric_kind"], entry(view, rep.user_id)["actual"], entry(view, rep.user_id)["target"]) == \
        ("points", 15 + 120 + 80, None)
    view = await admin.ok("get", "/targets", metric=deal, period="month")
    assert (entry(view, rep.user_id)["actual"], entry(view, rep.user_id)["attainment"]) == (2, 1.0)
    view = await admin.ok("get", "/targets", metric=f"{deal}_value", period="month")
    assert (entry(view, rep.user_id)["actual"], entry(view, rep.user_id)["attainment"]) == (20_000, 0.4)
    view = await admin.ok("get", "/targets", metric=key, period="month")
    assert (entry(view, rep.user_id)["actual"], entry(view, rep.user_id)["attainment"]) == (3, 0.3)


async def _history(c: Clocked, admin, key: str, months: list[int], units: dict[int, list[int]]) -> None:
    """Log each rep's units on the 15th of each of `months` (2027) at 14:00 UTC."""
    for i, month in enumerate(months):
        c.at(2027, month, 15, 15)
        for uid, per_month in units.items():
            if per_month[i]:
                await log(admin, key, uid, c.at(2027, month, 15, 14), quantity=per_month[i])


async def test_suggestions_use_each_reps_median_and_the_team_median_for_new_reps(clocked: Clocked):
    c = clocked
    c.at(2027, 1, 2, 12)
    admin, key = await org_with_type(c, "UTC", points=5)
    t = await team(admin)
    a, b, new_c, new_d = [await admin.user(team_id=t, display_name=n) for n in ("Ana", "Ben", "Cy", "Dee")]
    await _history(c, admin, key, [1, 2, 3], {a.user_id: [18, 24, 30], b.user_id: [20, 12, 16],
                                              new_c.user_id: [0, 0, 2]})
    c.at(2027, 4, 5, 15)
    got = await admin.ok("get", "/targets/suggest", metric="points", period="month", team_id=t)
    assert got["period"]["id"] == "2027-04"
    assert [(s["user_id"], s["value"], s["basis"], s["explanation"]) for s in got["suggestions"]] == [
        (a.user_id, 120, "own", "median of the last 3 months (90, 120, 150) = 120"),
        (b.user_id, 80, "own", "median of the last 3 months (100, 60, 80) = 80"),
        (new_c.user_id, 100, "team", "active in 1 of the last 3 months: the team median, 100"),
        (new_d.user_id, 100, "team", "active in 0 of the last 3 months: the team median, 100")]
    scaled = await admin.ok("get", "/targets/suggest", metric="points", period="month", team_id=t, team_total=440)
    assert [(s["value"], s["explanation"]) for s in scaled["suggestions"]] == [
        (132, "median of the last 3 months (90, 120, 150) = 120; × 1.10 so the team adds up to 440: 132"),
        (88, "median of the last 3 months (100, 60, 80) = 80; × 1.10 so the team adds up to 440: 88"),
        (110, "active in 1 of the last 3 months: the team median, 100; × 1.10 so the team adds up to 440: 110"),
        (110, "active in 0 of the last 3 months: the team median, 100; × 1.10 so the team adds up to 440: 110")]
    counts = await admin.ok("get", "/targets/suggest", metric=key, period="month", team_id=t)
    assert [s["value"] for s in counts["suggestions"]] == [24, 16, 20, 20]
    # a team of new reps only: nothing to go by
    t2 = await team(admin)
    fresh = await admin.user(team_id=t2)
    alone = await admin.ok("get", "/targets/suggest", metric="points", period="month", team_id=t2)
    assert [(s["user_id"], s["value"], s["basis"]) for s in alone["suggestions"]] == [(fresh.user_id, None, "none")]


async def test_leaderboards_rank_by_attainment_and_by_improvement(clocked: Clocked):
    c = clocked
    c.at(2027, 1, 2, 12)
    admin, key = await org_with_type(c, "UTC", points=5)
    t = await team(admin)
    a, b, new, d = [await admin.user(team_id=t) for _ in range(4)]
    await _history(c, admin, key, [1, 2, 3], {a.user_id: [20, 20, 20], b.user_id: [10, 10, 10]})
    c.at(2027, 4, 1, 9)
    await put_targets(admin, "points", "month", "2027-04-01", {a.user_id: 100, b.user_id: 50, d.user_id: 75})
    # Wednesday 14 April: 9 of April's 22 working days are over.
    for rep, units in ((a, 9), (b, 6), (new, 2), (d, 9)):
        await log(admin, key, rep.user_id, c.at(2027, 4, 14, 10), quantity=units)
    c.at(2027, 4, 14, 12)
    board = await admin.board("points", window="month", segment=f"team:{t}", rank_by="attainment")
    assert board["rank_by"] == "attainment"
    # equal attainment shares a rank (the higher score first); reps without a target come last
    assert [(e["rank"], e["user_id"], e["score"], e["target"], e["attainment"]) for e in board["entries"]] == [
        (1, d.user_id, 45, 75, 0.6), (1, b.user_id, 30, 50, 0.6), (3, a.user_id, 45, 100, 0.45),
        (4, new.user_id, 10, None, None)]
    org_board = await admin.board("points", window="month", rank_by="attainment", limit=2)
    assert org_board["total"] == 4 and len(org_board["entries"]) == 2

    imp = await admin.board("points", window="month", segment=f"team:{t}", rank_by="improvement")
    assert [(e["rank"], e["user_id"], e["score"], e["baseline"], e["improvement"]) for e in imp["entries"]] == [
        (1, b.user_id, 30, 20.4545, 46.6667), (2, a.user_id, 45, 40.9091, 10.0),
        (3, d.user_id, 45, None, None), (3, new.user_id, 10, None, None)]
    plain = await admin.board("points", window="month", segment=f"team:{t}")
    assert "target" not in plain["entries"][0] and "rank_by" not in plain
    assert_error(await admin.get("/leaderboards/points", window="day", rank_by="attainment"), 400, "invalid_rank_by")
    assert_error(await admin.get("/leaderboards/points", window="month", rank_by="luck"), 400, "invalid_rank_by")


async def test_who_may_set_and_see_targets(clocked: Clocked):
    c = clocked
    admin, key = await org_with_type(c, "UTC")
    t1, t2 = await team(admin), await team(admin)
    manager = await admin.user("manager", team_id=t1)
    lone_manager = await admin.user("manager")
    mine, theirs = await admin.user(team_id=t1), await admin.user(team_id=t2)
    body = {"metric": "points", "period": "month", "start": "2027-01-01"}

    await put_targets(manager, "points", "month", "2027-01-01", {mine.user_id: 10})
    assert_error(await manager.put("/targets", {**body, "targets": [{"user_id": theirs.user_id, "value": 10}]}),
                 403, "not_in_scope")
    assert_error(await manager.get("/targets", metric="points", period="month", team_id=t2), 403, "not_your_team")
    assert_error(await manager.get("/targets/suggest", metric="points", period="month", team_id=t2), 403,
                 "not_your_team")
    own = await manager.ok("get", "/targets", metric="points", period="month")
    assert [e["user_id"] for e in own["entries"]] == [mine.user_id]
    assert_error(await lone_manager.get("/targets", metric="points", period="month"), 403, "no_team")

    all_reps = await admin.ok("get", "/targets", metric="points", period="month")
    assert [e["user_id"] for e in all_reps["entries"]] == sorted([mine.user_id, theirs.user_id])

    assert_error(await mine.put("/targets", {**body, "targets": [{"user_id": mine.user_id, "value": 10}]}),
                 403, "forbidden")
    seen = await mine.ok("get", "/targets", metric="points", period="month")
    assert [(e["user_id"], e["target"]) for e in seen["entries"]] == [(mine.user_id, 10)]
    assert_error(await mine.get("/targets", metric="points", period="month", team_id=t2), 403, "forbidden")
    assert_error(await mine.get("/targets/suggest", metric="points", period="month"), 403, "forbidden")
    assert_error(await mine.get("/targets/history", user_id=theirs.user_id, metric="points", period="month"),
                 403, "forbidden")
    assert (await mine.ok("get", "/targets/history", user_id=mine.user_id, metric="points",
                          period="month"))["versions"][0]["value"] == 10

    other = await new_org(c.client)
    assert_error(await other.get("/targets", metric="points", period="month", team_id=t1), 404, "team_not_found")
    assert_error(await other.put("/targets", {**body, "targets": [{"user_id": mine.user_id, "value": 10}]}),
                 403, "not_in_scope")
    assert [e["user_id"] for e in (await other.ok("get", "/targets", metric="points", period="month"))["entries"]] \
        == []

    d = await admin.ok("post", "/displays", {"name": "Lobby"}, status=201)
    token = (await c.client.post("/api/v1/displays/pair", json={"code": d["pairing_code"]})).json()["display_token"]
    r = await c.client.get("/api/v1/targets", params={"metric": "points", "period": "month"},
                           headers={"authorization": f"Bearer {token}"})
    assert_error(r, 403, "display_forbidden")  # not what a TV shows
    r = await c.client.put("/api/v1/targets", json={**body, "targets": []}, headers={"authorization": f"Bearer {token}"})
    assert_error(r, 403, "read_only")

    await admin.ok("patch", f"/users/{theirs.user_id}", {"active": False})
    assert_error(await admin.put("/targets", {**body, "targets": [{"user_id": theirs.user_id, "value": 10}]}),
                 403, "not_in_scope")

