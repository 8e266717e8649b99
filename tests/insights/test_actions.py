"""The one-click responses and what they did: a note for the 1:1, a kudos draft (and kudos), a
micro-contest between reps at the same level, easier missions; each outcome measured over the
7 days after; and the weekly digest."""

from __future__ import annotations

from datetime import date

from server.insights import jobs
from tests.insights.test_alerts import alerts_of, at, drifting_team, working
from tests.targets.support import Clocked, history, org_with_type, team


async def _closed(c: Clocked):
    admin, key, t, manager, reps = await drifting_team(c)
    c.at(2027, 2, 26, 19)
    await jobs.day_close_job(c.rt)
    by_rep = {x["user_id"]: x for x in await alerts_of(manager)}
    return admin, key, t, manager, reps, by_rep


async def test_check_in_leaves_a_note_and_its_outcome_is_measured_over_the_next_7_days(clocked: Clocked):
    c = clocked
    admin, key, t, manager, (a, *_), alerts = await _closed(c)
    alert = alerts[a.user_id]
    out = await manager.ok("post", f"/alerts/{alert['id']}/actions", {"action": "check_in",
                                                                      "message": "Ask about the pipeline"}, status=201)
    assert out["alert"]["status"] == "acted"
    assert (out["action"]["action"], out["action"]["params"], out["action"]["result"]["body"]) == \
        ("check_in", {"message": "Ask about the pipeline"}, "Ask about the pipeline")
    assert out["alert"]["outcome"] == {"from": "2027-02-27", "to": "2027-03-05", "days_measured": 0,
                                       "working_days": 0, "activity": 0, "per_working_day": None,
                                       "baseline_per_day": 2.0, "ratio": None, "complete": False}
    notes = (await manager.ok("get", "/insights/notes", user_id=a.user_id))["items"]
    assert [(n["body"], n["alert_id"], n["evidence"]["reason"], n["evidence"]["activity"]) for n in notes] == [
        ("Ask about the pipeline", alert["id"], "low_activity", 4)]

    await history(c, admin, [(a.user_id, key, at(d), {"quantity": q}) for d, q in
                             zip(working(date(2027, 3, 1), date(2027, 3, 6)), (1, 2, 2, 3, 1), strict=True)])
    c.at(2027, 3, 3, 12)  # halfway: Monday and Tuesday are over
    mid = (await manager.ok("get", f"/alerts/{alert['id']}"))["outcome"]
    assert (mid["days_measured"], mid["working_days"], mid["activity"], mid["ratio"], mid["complete"]) == \
        (4, 2, 3, 0.75, False)
    c.at(2027, 3, 6, 12)
    await jobs.outcomes_job(c.rt)
    final = (await manager.ok("get", f"/alerts/{alert['id']}"))["outcome"]
    assert final == {"from": "2027-02-27", "to": "2027-03-05", "days_measured": 7, "working_days": 5,
                     "activity": 9, "per_working_day": 1.8, "baseline_per_day": 2.0, "ratio": 0.9, "complete": True}
    await history(c, admin, [(a.user_id, key, at(date(2027, 3, 5), 11), {"quantity": 50})])  # late: not counted
    c.at(2027, 3, 6, 12)
    await jobs.outcomes_job(c.rt)
    assert (await manager.ok("get", f"/alerts/{alert['id']}"))["outcome"] == final  # frozen once measured
    s = await manager.ok("get", "/insights/summary", period="month", start="2027-02-01")
    assert [o for o in s["outcomes"] if o["taken"]] == [
        {"action": "check_in", "taken": 1, "measured": 1, "mean_ratio": 0.9, "improved": 0}]


async def test_recognize_drafts_kudos_from_the_reps_best_work_and_can_send_them(clocked: Clocked):
    c = clocked
    admin, key, t, manager, (a, b, *_), alerts = await _closed(c)
    out = await manager.ok("post", f"/alerts/{alerts[b.user_id]['id']}/actions", {"action": "recognize"},
                           status=201)
    assert out["action"]["result"] == {"draft": {
        "to_user_id": b.user_id, "points": 0,
        "message": "Great work, B silent: 2 activities on Tuesday 23 February and 36 calls over the last four weeks. "
                   "Thank you!"}, "sent": False}
    assert (await manager.ok("get", "/kudos", to_user_id=b.user_id))["kudos"] == []  # a draft only
    sent = await manager.ok("post", f"/alerts/{alerts[b.user_id]['id']}/actions",
                            {"action": "recognize", "send": True, "message": "Thanks for Monday's calls"}, status=201)
    assert sent["action"]["result"]["sent"] is True
    given = (await manager.ok("get", "/kudos", to_user_id=b.user_id))["kudos"]
    assert [(k["id"], k["message"], k["from_user_id"]) for k in given] == [
        (sent["action"]["result"]["kudos_id"], "Thanks for Monday's calls", manager.user_id)]
    assert len((await manager.ok("get", f"/alerts/{alerts[b.user_id]['id']}"))["actions"]) == 2


async def test_a_micro_contest_brackets_the_rep_with_the_nearest_reps_and_goes_live(clocked: Clocked):
    c = clocked
    admin, key, t, manager, (a, b, c_half, e_twin, d_new), alerts = await _closed(c)
    out = await manager.ok("post", f"/alerts/{alerts[a.user_id]['id']}/actions",
                           {"action": "micro_contest", "size": 4, "prize_points": 25}, status=201)
    res = out["action"]["result"]
    # points of the last 28 days: A 180, B 180, C 185, E 185, D 0 -> A's three nearest are B, C and E
    assert res["participants"] == [a.user_id, b.user_id, c_half.user_id, e_twin.user_id]
    assert res["levels"] == {str(a.user_id): 180, str(b.user_id): 180, str(c_half.user_id): 185,
                             str(e_twin.user_id): 185}
    assert (res["state"], res["start_date"], res["end_date"]) == ("live", "2027-02-26", "2027-02-28")
    standings = await manager.ok("get", f"/contests/{res['contest_id']}/standings")
    assert sorted(r["user_id"] for r in standings["standings"]) == sorted(res["participants"])
    contest = await manager.ok("get", f"/contests/{res['contest_id']}")
    assert (contest["format"], contest["prizes"]) == ("individual", [{"place": 1, "points": 25}])
    short = await manager.post(f"/alerts/{alerts[a.user_id]['id']}/actions", {"action": "micro_contest", "days": 5})
    assert short.status_code == 400


async def test_easier_missions_aim_the_reps_next_missions_at_70_percent_of_their_baseline(clocked_habits: Clocked):
    c = clocked_habits
    c.at(2027, 1, 20, 12)
    admin, _ = await org_with_type(c, "UTC")
    await admin.ok("patch", "/streak-settings", {"missions_per_day": 5, "workdays": [0, 1, 2, 3, 4]})
    t = await team(admin)
    manager = await admin.user("manager", team_id=t)
    eased, control = await admin.user(team_id=t), await admin.user(team_id=t)
    days = working(date(2027, 1, 25), date(2027, 2, 27))  # 20 working days at 10 calls, then 5 at 2
    items = [(u.user_id, "call", at(d), {"quantity": 10 if d < date(2027, 2, 22) else 2})
             for u in (eased, control) for d in days]
    await history(c, admin, items)
    c.at(2027, 2, 26, 19)
    await jobs.day_close_job(c.rt)
    alert = next(x for x in await alerts_of(manager) if x["user_id"] == eased.user_id and
                 x["reason"] == "low_activity")
    out = await manager.ok("post", f"/alerts/{alert['id']}/actions", {"action": "easier_missions"}, status=201)
    assert out["action"]["result"] == {"pct": 70, "first_day": "2027-02-27", "last_day": "2027-03-03"}
    c.at(2027, 3, 1, 9)  # Monday: the next missions (the median of the last 20 working days is 10 calls)

    async def calls_target(api) -> int:
        missions = (await api.ok("get", "/me/missions"))["missions"]
        return next(m["target"] for m in missions if m["type"] == "call")

    assert await calls_target(eased) == 7  # ceil(10 x 0.70)
    assert await calls_target(control) == 11  # ceil(10 x 1.10): the usual nudge
    # after its 5 days (27 February - 3 March) the usual nudge again: the last 20 working days hold
    # 12 days of 10 calls, 5 of 2 and 3 of none, a median of 10
    c.at(2027, 3, 4, 9)
    assert await calls_target(eased) == 11


async def test_the_weekly_digest_and_its_monday_notice(clocked: Clocked):
    c = clocked
    admin, key, t, manager, (a, *_), alerts = await _closed(c)
    await manager.ok("post", f"/alerts/{alerts[a.user_id]['id']}/actions", {"action": "check_in"}, status=201)
    c.at(2027, 3, 1, 7)  # Monday, before the digest hour (08:00)
    await jobs.digest_job(c.rt)
    assert [n for n in (await manager.ok("get", "/notifications"))["notifications"]
            if n["kind"] == "insight_digest"] == []
    d = await manager.ok("get", "/insights/digest")
    assert (d["week"], d["first_day"], d["team_id"]) == ("w2027-02-22", "2027-02-22", t)
    assert d["headline"] == {"reps": 5, "active_reps": 4, "dau": 2.8, "median_ratio": 0.45, "reps_with_wins": 0,
                             "open_alerts": 1, "attainment": []}
    assert [x["reason"] for x in d["open_alerts"]] == ["inactive"]
    assert [(x["action"], x["outcome"]) for x in d["last_week_actions"]] == [("check_in", None)]
    assert [o["taken"] for o in d["outcomes"] if o["action"] == "check_in"] == [1]
    c.at(2027, 3, 1, 9)
    await jobs.digest_job(c.rt)
    await jobs.digest_job(c.rt)  # once per week
    sent = [n for n in (await manager.ok("get", "/notifications"))["notifications"] if n["kind"] == "insight_digest"]
    assert [(n["title"], n["body"], n["data"]["url"]) for n in sent] == [
        ("Your team last week", "4 of 5 reps active, 0 with a win, 1 open alert",
         "/api/v1/insights/digest?week=w2027-02-22")]
    r = await manager.get("/insights/digest", week="w2027-02-23")
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_week"
