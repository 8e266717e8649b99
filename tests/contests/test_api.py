"""Contests through the HTTP API and the worker: lifecycle, every format, prizes through the
ledger, locked rules and recalculation, hidden mode, late and reversed activities, results and
the payroll CSV, org isolation."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from server.contests import jobs as contest_jobs
from tests.contests.support import at_iso, contest, finish, places, result_of, today
from tests.support.api import assert_error, balance, iso, new_org, noon_org, type_key


async def test_individual_contest_end_to_end(client, rt):
    admin = await noon_org(client)
    a, b, c = [await admin.user(display_name=n) for n in ("Ava", "Ben", "Cy")]
    made = await contest(admin, prizes=[{"place": 1, "points": 500}, {"place": 2, "points": 200, "name": "Lunch"}])
    assert made["state"] == "live" and made["tie_breakers"] == ["first_to_reach"]
    await a.log("call")
    await b.log("call")
    await b.log("call")
    await c.log("call")
    live = await admin.ok("get", f"/contests/{made['id']}/standings")
    assert live["final"] is False and live["live"] is True
    scores = {s["user_id"]: s["total"] for s in live["standings"]}
    assert scores[b.user_id] == 2 * scores[a.user_id] > 0
    assert places(live)[b.user_id] == 1 and places(live)[a.user_id] == places(live)[c.user_id] == 2  # live: shared
    before = await balance(a), await balance(b), await balance(c)
    await finish(rt, made)
    final = await a.ok("get", f"/contests/{made['id']}/standings")
    assert final["state"] == "awarded" and final["final"] is True
    assert places(final) == {b.user_id: 1, a.user_id: 2, c.user_id: 3}  # a logged before c; reps only
    assert await balance(b) == before[1] + 500
    assert await balance(a) == before[0] + 200
    assert await balance(c) == before[2]
    res = await a.ok("get", f"/contests/{made['id']}/results")
    mine = result_of(res, a.user_id)
    assert mine["tie_break"] == "first_to_reach" and [p["name"] for p in mine["prizes"]] == ["Lunch"]
    assert len(mine["counted"]) == 1 and mine["counted"][0]["reversed"] is False
    assert "prize: 200 points + Lunch" in mine["computation"]
    # a second and third worker pass changes nothing
    await finish(rt, made)
    assert await balance(b) == before[1] + 500
    ledger = await b.ok("get", "/me/ledger")
    assert [e["points"] for e in ledger["entries"] if e["kind"] == "prize"] == [500]


async def test_results_csv_for_payroll(client, rt):
    admin = await noon_org(client)
    rep = await admin.user(display_name="=HYPERLINK(1)")
    made = await contest(admin, prizes=[{"place": 1, "points": 50, "name": "Gift card"}])
    await rep.log("call")
    await finish(rt, made)
    r = await admin.get(f"/contests/{made['id']}/results.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    mine = next(x for x in rows if x["user_id"] == str(rep.user_id))
    assert (mine["place"], mine["prize_points"], mine["prize_names"]) == ("1", "50", "Gift card")
    assert mine["display_name"] == "'=HYPERLINK(1)"  # no formula injection into payroll spreadsheets
    assert mine["final"] == "True" and "@" in mine["email"]


async def test_rules_locked_once_live_and_recalculation_is_logged_and_announced(client, rt):
    admin = await noon_org(client)
    rep = await admin.user()
    key = await type_key(admin, "demo", points=10)
    made = await contest(admin, metric="points")
    r = await admin.patch(f"/contests/{made['id']}", json={"metric": key})
    assert_error(r, 409, "contest_locked")
    demo = await rep.log(key)
    call = await rep.log("call")
    assert {s["user_id"]: s["total"] for s in (await admin.ok("get", f"/contests/{made['id']}/standings"))[
        "standings"]}[rep.user_id] == demo["points_awarded"] + call["points_awarded"] == 10 + call["points_awarded"]
    r = await admin.post(f"/contests/{made['id']}/recalculate", json={"reason": "", "changes": {}})
    assert r.status_code == 400
    changed = await admin.ok("post", f"/contests/{made['id']}/recalculate",
                             {"reason": "Count demos only, as announced on Monday", "changes": {"metric": key}})
    assert changed["metric"] == key and changed["measure"] == "count" and changed["rules_version"] == 2
    standings = await rep.ok("get", f"/contests/{made['id']}/standings")
    assert {s["user_id"]: s["total"] for s in standings["standings"]}[rep.user_id] == 1
    log = (await rep.ok("get", f"/contests/{made['id']}"))["log"]
    recalc = next(e for e in log if e["kind"] == "recalculated")
    assert recalc["reason"] == "Count demos only, as announced on Monday"
    assert recalc["data"]["before"]["metric"] == "points" and recalc["data"]["changed"] == ["metric"]
    r = await rep.post(f"/contests/{made['id']}/recalculate", json={"reason": "mine"})
    assert_error(r, 403, "forbidden")
    r = await admin.post(f"/contests/{made['id']}/recalculate", json={"reason": "x", "changes": {"hidden": True}})
    assert_error(r, 400, "invalid_change")


async def test_draft_edit_and_scheduled_contest_start_by_worker(client, rt):
    admin = await noon_org(client)
    rep = await admin.user()
    made = await contest(admin, days=2, start_offset=1, launch=False)
    assert made["state"] == "draft"
    assert_error(await rep.get(f"/contests/{made['id']}"), 404, "contest_not_found")  # drafts: managers only
    edited = await admin.ok("patch", f"/contests/{made['id']}", {"name": "Demo week", "prizes": [
        {"place": 1, "points": 10}]})
    assert edited["name"] == "Demo week" and edited["prizes"] == [{"points": 10, "place": 1}]
    launched = await admin.ok("post", f"/contests/{made['id']}/launch")
    assert launched["state"] == "scheduled"
    assert (await rep.ok("get", f"/contests/{made['id']}"))["prizes"] == [{"points": 10, "place": 1}]  # shown before
    assert_error(await admin.post(f"/contests/{made['id']}/launch"), 409, "invalid_state")
    counts = await contest_jobs.tick(rt, now=at_iso(made["starts_at"]) + timedelta(seconds=1))
    assert counts["started"] >= 1
    assert (await rep.ok("get", f"/contests/{made['id']}"))["state"] == "live"
    counts = await contest_jobs.tick(rt, now=at_iso(made["ends_at"]) - timedelta(minutes=5))
    assert counts["warned"] >= 1
    again = await contest_jobs.tick(rt, now=at_iso(made["ends_at"]) - timedelta(minutes=4))
    assert again["warned"] == 0  # warned once


async def test_hidden_contest_is_for_managers_only(client, rt):
    admin = await noon_org(client)
    manager = await admin.user("manager")
    rep = await admin.user()
    made = await contest(admin, hidden=True)
    await rep.log("call")
    assert_error(await rep.get(f"/contests/{made['id']}"), 404, "contest_not_found")
    assert_error(await rep.get(f"/contests/{made['id']}/standings"), 404, "contest_not_found")
    assert all(c["id"] != made["id"] for c in (await rep.ok("get", "/contests"))["contests"])
    seen = await manager.ok("get", f"/contests/{made['id']}/standings")
    assert {s["user_id"]: s["total"] for s in seen["standings"]}[rep.user_id] == 1
    assert any(c["id"] == made["id"] for c in (await manager.ok("get", "/contests"))["contests"])
    r = await admin.post("/contests", json={"name": "x", "start_date": made["start_date"],
                                            "end_date": made["end_date"], "hidden": True,
                                            "prizes": [{"place": 1, "points": 5}]})
    assert_error(r, 400, "hidden_no_prizes")


async def test_late_backdated_and_reversed_activities(client, rt):
    admin = await noon_org(client)
    rep, other = await admin.user(), await admin.user()
    made = await contest(admin, days=3, start_offset=-2, count_from_start=True,  # started 2 days ago
                         prizes=[{"place": 1, "points": 100}])
    start = at_iso(made["starts_at"])
    await rep.log("call", occurred_at=iso(start - timedelta(minutes=1)))  # before the window: no
    late = await rep.log("call", occurred_at=iso(start + timedelta(minutes=1)))  # late but inside: yes
    await other.log("call")
    await other.log("call")
    doomed = await rep.log("call", quantity=5)
    totals = {s["user_id"]: s["total"] for s in (await admin.ok("get", f"/contests/{made['id']}/standings"))[
        "standings"]}
    assert totals[rep.user_id] == 6 and totals[other.user_id] == 2
    await admin.ok("post", f"/activities/{doomed['id']}/reverse")
    totals = {s["user_id"]: s["total"] for s in (await admin.ok("get", f"/contests/{made['id']}/standings"))[
        "standings"]}
    assert totals[rep.user_id] == 1
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    mine = result_of(res, rep.user_id)
    assert mine["total"] == 1 and mine["place"] == 2
    assert [(x["activity_id"], x["reversed"]) for x in mine["counted"]] == [(late["id"], False), (doomed["id"], True)]
    assert result_of(res, other.user_id)["place"] == 1 and result_of(res, other.user_id)["prizes"]


async def test_team_per_head_contest(client, rt):
    admin = await noon_org(client)
    big = await admin.ok("post", "/teams", {"name": "Big"}, status=201)
    small = await admin.ok("post", "/teams", {"name": "Small"}, status=201)
    bigs = [await admin.user(team_id=big["id"]) for _ in range(3)]
    smalls = [await admin.user(team_id=small["id"]) for _ in range(1)]
    made = await contest(admin, format="team", per_head=True, segments=[f"team:{big['id']}", f"team:{small['id']}"],
                         prizes=[{"place": 1, "points": 40}])
    for rep in bigs:
        await rep.log("call")  # 3 calls over 3 heads = 1 per head
    await smalls[0].log("call", quantity=2)  # 2 per head
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    assert {r["user_id"] for r in res["results"]} == {u.user_id for u in bigs + smalls}  # segments only
    assert result_of(res, smalls[0].user_id)["place"] == 1 and result_of(res, smalls[0].user_id)["group_score"] == 2
    assert all(result_of(res, u.user_id)["place"] == 2 and not result_of(res, u.user_id)["prizes"] for u in bigs)


async def test_target_spiff_everyone_over_threshold_wins(client, rt):
    admin = await noon_org(client)
    reps = [await admin.user() for _ in range(3)]
    made = await contest(admin, format="target", target=2, prizes=[{"threshold": 2, "points": 25},
                                                                   {"threshold": 4, "points": 60}])
    await reps[0].log("call", quantity=2)
    await reps[1].log("call", quantity=5)
    await reps[2].log("call")
    before = [await balance(r) for r in reps]
    await finish(rt, made)
    after = [await balance(r) for r in reps]
    assert [a - b for a, b in zip(after, before, strict=True)] == [25, 60, 0]


async def test_improvement_uses_own_pre_contest_baseline(client, rt):
    admin = await noon_org(client)
    steady, riser = await admin.user(), await admin.user()
    made = await contest(admin, days=1, start_offset=1, launch=False, format="improvement",
                         prizes=[{"place": 1, "points": 70}])
    # baseline window: the day before the contest = today
    await steady.log("call", quantity=10)
    await riser.log("call", quantity=2)
    await admin.ok("post", f"/contests/{made['id']}/launch")
    await contest_jobs.tick(rt, now=at_iso(made["starts_at"]) + timedelta(seconds=1))
    st = await admin.ok("get", f"/contests/{made['id']}/standings")
    base = {s["user_id"]: s["baseline"] for s in st["standings"]}
    assert base[steady.user_id] == 10 and base[riser.user_id] == 2


async def test_bracketed_divisions_and_head_to_head_pairs(client, rt):
    admin = await noon_org(client)
    reps = [await admin.user() for _ in range(4)]
    made = await contest(admin, format="head_to_head", pairs=[[reps[0].user_id, reps[1].user_id],
                                                              [reps[2].user_id, reps[3].user_id]],
                         segments=[], prizes=[{"place": 1, "points": 15}])
    await reps[1].log("call")
    await reps[2].log("call", quantity=3)
    await reps[3].log("call", quantity=3)  # level with reps[2] but later: first_to_reach
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    assert result_of(res, reps[1].user_id)["place"] == 1 and result_of(res, reps[0].user_id)["place"] == 2
    assert result_of(res, reps[2].user_id)["place"] == 1 and result_of(res, reps[3].user_id)["place"] == 2
    assert "first_to_reach" in result_of(res, reps[2].user_id)["computation"]
    div = await contest(admin, format="bracketed", divisions=2)
    await reps[0].log("call")
    st = await admin.ok("get", f"/contests/{div['id']}/standings")
    assert {s["group"] for s in st["standings"]} == {"division:1", "division:2"}


async def test_validation_and_permissions(client, rt):
    admin = await noon_org(client)
    rep = await admin.user()
    day = (await today(admin)).isoformat()
    base = {"name": "x", "start_date": day, "end_date": day}
    assert_error(await rep.post("/contests", json=base), 403, "forbidden")
    far = (await today(admin) + timedelta(days=100)).isoformat()
    assert_error(await admin.post("/contests", json={**base, "end_date": far}), 400, "contest_too_long")
    assert_error(await admin.post("/contests", json={**base, "metric": "nope"}), 404, "unknown_metric")
    assert_error(await admin.post("/contests", json={**base, "format": "target"}), 400, "target_required")
    assert_error(await admin.post("/contests", json={**base, "segments": ["planet:mars"]}), 400, "invalid_segment")
    assert_error(await admin.post("/contests", json={**base, "format": "head_to_head", "pairs": [[rep.user_id, 10**12]]}),
                 404, "user_not_found")
    past = (await today(admin) - timedelta(days=2)).isoformat()
    assert_error(await admin.post("/contests", json={**base, "start_date": past, "end_date": past}), 400,
                 "contest_over")
    assert (await admin.post("/contests", json={**base, "format": "bogus"})).status_code == 400
    assert_error(await admin.get("/contests", state="nope"), 400, "invalid_state")


async def test_org_isolation_and_cancel(client, rt):
    admin = await noon_org(client)
    made = await contest(admin)
    stranger = await new_org(client)
    for path in ("", "/standings", "/results", "/results.csv"):
        assert_error(await stranger.get(f"/contests/{made['id']}{path}"), 404, "contest_not_found")
    assert_error(await stranger.post(f"/contests/{made['id']}/cancel"), 404, "contest_not_found")
    cancelled = await admin.ok("post", f"/contests/{made['id']}/cancel", {"reason": "wrong dates"})
    assert cancelled["state"] == "cancelled"
    assert_error(await admin.post(f"/contests/{made['id']}/cancel"), 409, "invalid_state")
    await finish(rt, made)
    assert (await admin.ok("get", f"/contests/{made['id']}"))["state"] == "cancelled"


async def test_new_york_contest_window_spans_the_dst_change(client, rt):
    admin = await new_org(client, timezone="America/New_York")
    now = datetime.now(UTC)
    day = now.astimezone(admin_tz := __import__("zoneinfo").ZoneInfo("America/New_York")).date()
    # the next or last DST change within ~80 days of today
    first = day - timedelta(days=80)
    change = next(first + timedelta(days=i) for i in range(160)
                  if (datetime(*(first + timedelta(days=i)).timetuple()[:3], 12, tzinfo=admin_tz).utcoffset()
                      != datetime(*(first + timedelta(days=i + 1)).timetuple()[:3], 12, tzinfo=admin_tz).utcoffset()))
    start, end = min(change, day), max(change + timedelta(days=1), day)
    made = await admin.ok("post", "/contests", {"name": "dst", "start_date": start.isoformat(),
                                                "end_date": end.isoformat()}, status=201)
    hours = (at_iso(made["ends_at"]) - at_iso(made["starts_at"])).total_seconds() / 3600
    days = (end - start).days + 1
    assert hours in (days * 24 - 1, days * 24 + 1)  # one 23- or 25-hour day inside
    assert at_iso(made["starts_at"]).astimezone(admin_tz).hour == 0
    assert at_iso(made["ends_at"]).astimezone(admin_tz).hour == 0


async def test_demo_org_has_a_live_contest(client, rt, demo_org):
    from server.demo import seed as demo

    r = await client.post("/api/v1/auth/login", json={"email": demo.MANAGER_EMAIL, "password": demo.PASSWORD})
    token = r.json()["access_token"]
    listed = (await client.get("/api/v1/contests", params={"state": "live"},
                               headers={"authorization": f"Bearer {token}"})).json()
    assert [c["name"] for c in listed["contests"]] == ["Call Blitz"]
    assert listed["contests"][0]["prizes"][0] == {"points": 500, "name": "Team lunch on us", "place": 1}


async def test_live_bracket_head_to_head_and_recalculation_into_a_bracket(client, rt):
    admin = await noon_org(client)
    reps = [await admin.user() for _ in range(3)]
    made = await contest(admin, days=3, format="head_to_head", bracket=True,
                         segments=[f"job_role:{'closer'}"], launch=False)
    for r in reps:
        await admin.ok("patch", f"/users/{r.user_id}", {"job_role": "closer"})
    live = await admin.ok("post", f"/contests/{made['id']}/launch")
    assert live["state"] == "live" and live["rounds"] == 2  # 3 reps: two rounds (one bye)
    await reps[0].log("call")
    st = await admin.ok("get", f"/contests/{made['id']}/standings")
    assert {s["group"] for s in st["standings"]} == {"round:1"} and all(s["place"] is None for s in st["standings"])
    one = await contest(admin, days=2, format="head_to_head")
    changed = await admin.ok("post", f"/contests/{one['id']}/recalculate",
                             {"reason": "make it a bracket", "changes": {"bracket": True}})
    assert changed["bracket"] is True and changed["rounds"] >= 1
    assert (await admin.ok("get", f"/contests/{one['id']}/standings"))["final"] is False
