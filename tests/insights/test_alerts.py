"""Early warning at the day close, on a manual clock: each rule with exact evidence beside its
non-firing twin, one alert per rep, reason and week, the managers' notices, dismissing, and who
may see or act on an alert."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from server.insights import jobs
from server.insights.detection import close_org
from tests.conftest import Api, new_org
from tests.support.api import assert_error
from tests.targets.support import Clocked, history, org_with_type, team


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def working(first: date, end: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((end - first).days) if (first + timedelta(days=i)).weekday() < 5]


BASE = working(date(2027, 1, 25), date(2027, 2, 22))  # the 20 working days before Monday 22 February
WEEK = working(date(2027, 2, 22), date(2027, 2, 27))  # Monday 22 .. Friday 26 February


async def drifting_team(c: Clocked):
    """A: half their usual, B: silent since Tuesday, and their twins who stay just inside the rules."""
    c.at(2027, 1, 20, 12)
    admin, key = await org_with_type(c, "UTC", points=5)
    t = await team(admin)
    manager = await admin.user("manager", team_id=t, display_name="Morgan")
    names = ("A low", "B silent", "C at half", "E one unit", "D new")
    a, b, c_half, e_twin, d_new = [await admin.user(team_id=t, display_name=n) for n in names]
    items = []
    for rep in (a, b, c_half, e_twin):
        items += [(rep.user_id, key, at(d), {"quantity": 2}) for d in BASE]
    items += [(a.user_id, key, at(d), {}) for d in WEEK[:4]]  # 4 of an expected 10
    items += [(c_half.user_id, key, at(d), {}) for d in WEEK]  # 5 of 10: exactly half
    items += [(b.user_id, key, at(d), {"quantity": 2}) for d in WEEK[:2]]  # nothing Wednesday to Friday
    items += [(e_twin.user_id, key, at(d), {"quantity": 2}) for d in WEEK[:2]]
    items.append((e_twin.user_id, key, at(WEEK[4]), {}))  # one unit on Friday: not silent
    await history(c, admin, items)
    return admin, key, t, manager, (a, b, c_half, e_twin, d_new)


async def alerts_of(api: Api, **params) -> list[dict]:
    r = await api.get("/alerts", **params)  # (`Api.ok` takes `status` for itself)
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def test_day_close_flags_low_activity_and_silence_and_not_their_twins(clocked: Clocked):
    c = clocked
    admin, key, t, manager, (a, b, *_) = await drifting_team(c)
    c.at(2027, 2, 26, 17)  # before the close hour (18:00): nothing runs
    await jobs.day_close_job(c.rt)
    assert await alerts_of(manager) == []
    c.at(2027, 2, 26, 19)
    await jobs.day_close_job(c.rt)
    found = await alerts_of(manager, status="open")
    assert [(x["user_id"], x["reason"], x["status"], x["day"]) for x in found] == [
        (b.user_id, "inactive", "open", "2027-02-26"), (a.user_id, "low_activity", "open", "2027-02-26")]
    low, idle = found[1], found[0]
    assert low["evidence"] == {"from": "2027-02-22", "to": "2027-02-26", "working_days": 5, "activity": 4,
                               "baseline_per_day": 2.0, "expected": 10.0, "ratio": 0.4, "threshold_pct": 50}
    assert low["suggested_actions"] == ["easier_missions", "micro_contest", "check_in"]
    assert idle["evidence"] == {"from": "2027-02-24", "to": "2027-02-26", "working_days": 3,
                                "last_active": "2027-02-23", "baseline_per_day": 2.0}
    assert (low["display_name"], low["team_id"], low["actions"], low["outcome"]) == ("A low", t, [], None)

    notes = (await manager.ok("get", "/notifications"))["notifications"]
    assert sorted((n["kind"], n["title"]) for n in notes) == [
        ("insight_alert", "A low: activity well below their usual level"),
        ("insight_alert", "B silent: nothing logged for several working days")]
    assert {n["data"]["alert_id"] for n in notes} == {low["id"], idle["id"]}

    # the same day again, the next (Saturday: the same working days) and on demand: no second alert this week
    await jobs.day_close_job(c.rt)
    c.at(2027, 2, 27, 19)
    await jobs.day_close_job(c.rt)
    await close_org(c.rt, admin.org_id, force=True)
    assert len(await alerts_of(manager)) == 2
    # a new week: still low on Monday (3 of an expected 10 in the last five working days) -> a new alert
    c.at(2027, 3, 1, 19)
    await jobs.day_close_job(c.rt)
    again = await alerts_of(manager, user_id=a.user_id)
    assert [(x["reason"], x["day"]) for x in again] == [("low_activity", "2027-03-01"), ("low_activity", "2027-02-26")]
    assert [x["evidence"]["activity"] for x in again] == [3, 4]

    r = await manager.post(f"/alerts/{low['id']}/dismiss")
    assert r.status_code == 200 and r.json()["status"] == "dismissed"
    assert_error(await manager.post(f"/alerts/{low['id']}/dismiss"), 409, "alert_closed")
    assert [x["id"] for x in await alerts_of(manager, status="dismissed")] == [low["id"]]
    logged = (await admin.ok("get", "/audit", kind="alert"))["entries"]
    assert [(e["entity_id"], e["action"], e["actor_user_id"], e["before"], e["after"]["status"]) for e in logged] == [
        (str(low["id"]), "dismiss", manager.user_id, {"status": "open"}, "dismissed")]
    assert_error(await manager.post(f"/alerts/{low['id']}/actions", {"action": "check_in"}), 409, "alert_closed")


async def test_a_long_streak_that_breaks_is_flagged_and_short_or_running_ones_are_not(clocked_habits: Clocked):
    c = clocked_habits
    c.at(2027, 1, 29, 12)
    admin, key = await org_with_type(c, "UTC", points=1)
    await admin.ok("patch", "/streak-settings", {"freeze_every": 0, "workdays": [0, 1, 2, 3, 4]})
    t = await team(admin)
    manager = await admin.user("manager", team_id=t)
    broke, short, going = [await admin.user(team_id=t, display_name=n) for n in ("Broke", "Short", "Going")]
    ten = working(date(2027, 2, 1), date(2027, 2, 13))  # 1..12 February: 10 working days
    items = [(broke.user_id, key, at(d), {}) for d in ten] + [(short.user_id, key, at(d), {}) for d in ten[1:]]
    items += [(going.user_id, key, at(d), {}) for d in ten]
    await history(c, admin, items)
    c.at(2027, 2, 12, 19)
    await close_org(c.rt, admin.org_id)  # the close sees 10, 9 and 10-day streaks
    c.at(2027, 2, 15, 12)
    await history(c, admin, [(going.user_id, key, at(date(2027, 2, 15)), {}),
                             (going.user_id, key, at(date(2027, 2, 16)), {})])
    c.at(2027, 2, 16, 19)  # Monday the 15th, a working day, is over: two streaks broke
    await close_org(c.rt, admin.org_id)
    streaks = [x for x in await alerts_of(manager) if x["reason"] == "streak_broken"]
    assert [(x["user_id"], x["evidence"]) for x in streaks] == [
        (broke.user_id, {"length": 10, "run_start": "2027-02-01", "last_day": "2027-02-12", "threshold": 10})]
    assert streaks[0]["suggested_actions"] == ["recognize", "easier_missions"]


async def contest_team(c: Clocked):
    c.at(2027, 2, 22, 8)
    admin, key = await org_with_type(c, "UTC", points=5)
    t = await team(admin)
    manager = await admin.user("manager", team_id=t)
    reps = [await admin.user(team_id=t, display_name=n) for n in ("A", "B", "C", "D", "E")]
    created = await manager.ok("post", "/contests/", {
        "name": "Four-day push", "start_date": "2027-02-22", "end_date": "2027-02-25", "format": "individual",
        "segments": [f"team:{t}"], "prizes": [{"place": 1, "points": 30}, {"place": 2, "points": 20},
                                               {"place": 3, "points": 10}]}, status=201)
    assert (await manager.ok("post", f"/contests/{created['id']}/launch", status=200))["state"] == "live"
    await history(c, admin, [(rep.user_id, key, at(date(2027, 2, 23)), {"quantity": n})
                             for rep, n in zip(reps, (20, 16, 12, 4, 1), strict=True)])
    return admin, manager, t, reps, created["id"]


async def test_reps_out_of_reach_in_a_running_contest_are_counted_and_flagged(clocked: Clocked):
    c = clocked
    admin, manager, t, (a, b, c3, d, e), contest_id = await contest_team(c)
    c.at(2027, 2, 24, 18)  # 66 of the contest's 96 hours are gone
    s = await manager.ok("get", "/insights/summary", period="month")
    # the 3rd place (60 points) projects to 60 / 0.6875 = 87.27; D at 1.5 x their pace ends at 33.6
    assert s["contests"] == [{"contest_id": contest_id, "name": "Four-day push", "format": "individual",
                              "ends_at": "2027-02-26T00:00:00Z", "elapsed": 0.6875, "participants": 5,
                              "within_reach": 3, "out_of_reach": 2, "out_of_reach_user_ids": [d.user_id, e.user_id],
                              "prize_lines": {"": 87.2727}, "note": None}]
    await jobs.day_close_job(c.rt)
    flagged = [x for x in await alerts_of(manager) if x["reason"] == "out_of_reach"]
    assert sorted(x["user_id"] for x in flagged) == [d.user_id, e.user_id]
    ev = next(x["evidence"] for x in flagged if x["user_id"] == d.user_id)
    assert ev == {"contest_id": contest_id, "contest": "Four-day push", "total": 20, "place": 4, "projected": 29.09,
                  "prize_line": 87.27, "elapsed": 0.6875}


async def test_who_may_see_and_act_on_alerts(clocked: Clocked):
    c = clocked
    admin, key, t, manager, (a, *_) = await drifting_team(c)
    c.at(2027, 2, 26, 19)
    await jobs.day_close_job(c.rt)
    alert_id = next(x["id"] for x in await alerts_of(manager) if x["user_id"] == a.user_id)
    other_manager = await admin.user("manager", team_id=await team(admin))
    assert await alerts_of(other_manager) == []
    assert_error(await other_manager.get(f"/alerts/{alert_id}"), 404, "alert_not_found")
    assert_error(await other_manager.post(f"/alerts/{alert_id}/dismiss"), 404, "alert_not_found")
    assert_error(await other_manager.post(f"/alerts/{alert_id}/actions", {"action": "check_in"}), 404,
                 "alert_not_found")
    assert_error(await a.get("/alerts"), 403, "forbidden")
    assert_error(await a.get(f"/alerts/{alert_id}"), 403, "forbidden")
    assert_error(await a.post(f"/alerts/{alert_id}/dismiss"), 403, "forbidden")
    stranger = await new_org(c.client)
    assert_error(await stranger.get(f"/alerts/{alert_id}"), 404, "alert_not_found")
    assert await alerts_of(stranger) == []
    d = await admin.ok("post", "/displays", {"name": "Lobby"}, status=201)
    token = (await c.client.post("/api/v1/displays/pair", json={"code": d["pairing_code"]})).json()["display_token"]
    r = await c.client.get("/api/v1/alerts", headers={"authorization": f"Bearer {token}"})
    assert_error(r, 403, "display_forbidden")  # not what a TV shows
    assert_error(await manager.get("/alerts", status="closed"), 400, "invalid_status")
    assert_error(await manager.post(f"/alerts/{alert_id}/actions", {"action": "fire"}), 400, "invalid_request")
    assert (await admin.ok("get", f"/alerts/{alert_id}"))["user_id"] == a.user_id  # admins see every team
