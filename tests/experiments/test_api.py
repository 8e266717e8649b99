"""Hold-out experiments over HTTP: sticky, balanced, reproducible assignment; lift and guards on a
constructed ledger; the arms' mechanics honoured on the activity path; who may call."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from server.experiments import rules, stats
from tests.conftest import Api
from tests.experiments.support import body, org_with_teams, today
from tests.support.api import assert_error, iso, type_key
from tests.support.realtime import pair_display


async def _arms_by_user(admin: Api, eid: int) -> dict[int, str]:
    got = await admin.ok("get", f"/experiments/{eid}/assignments")
    return {a["user_id"]: a["arm"] for a in got["items"]}


async def test_assignment_is_balanced_sticky_visible_and_reproducible(client):
    admin, team_ids, reps = await org_with_teams(client, 2, 4)
    day = await today(admin)
    exp = await admin.ok("post", "/experiments", body(day), status=201)
    assert (exp["status"], exp["seed"], exp["unit"], exp["min_days"]) == ("running", 42, "rep", 14)
    assert exp["arms"] == [
        {"name": "holdout", "share": 0.5, "program": {"missions": True, "instant_wins": True}},
        {"name": "no_dice", "share": 0.5, "program": {"missions": True, "instant_wins": False}},
    ]
    assert (exp["pre_first"], exp["pre_end"]) == ((day - timedelta(days=14)).isoformat(), day.isoformat())
    got = await admin.ok("get", f"/experiments/{exp['id']}/assignments")
    assert got["counts"] == {"holdout": 4, "no_dice": 4} and got["seed"] == 42
    assert sorted(a["user_id"] for a in got["items"]) == sorted(r.user_id for r in reps)
    assert {a["team_id"] for a in got["items"]} == set(team_ids)
    # reproducible: the stored seed and pre-period values give the same arms again
    arms = rules.arms_of([("no_dice", {"instant_wins": False})], 0.5, {})
    again = rules.assign({a["unit_id"]: a["pre_value"] for a in got["items"]}, arms, got["seed"])
    assert {a["unit_id"]: a["arm"] for a in got["items"]} == {u: arm for u, (arm, _) in again.items()}
    # sticky: a rep who joins later is in no arm; nobody moves
    await admin.user(team_id=team_ids[0])
    assert await admin.ok("get", f"/experiments/{exp['id']}/assignments") == got
    listed = await admin.ok("get", "/experiments")
    assert [e["id"] for e in listed["items"]] == [exp["id"]]
    log = await admin.ok("get", "/audit", kind="experiment", entity_id=str(exp["id"]))
    assert [e["action"] for e in log["entries"]] == ["create"]


async def test_team_units_keep_teammates_together(client):
    admin, team_ids, reps = await org_with_teams(client, 4, 3)
    exp = await admin.ok("post", "/experiments", body(await today(admin), unit="team"), status=201)
    got = await admin.ok("get", f"/experiments/{exp['id']}/assignments")
    assert got["counts"] == {"holdout": 6, "no_dice": 6}
    per_team: dict[int, set[str]] = {}
    for a in got["items"]:
        assert a["unit_id"] == a["team_id"]
        per_team.setdefault(a["team_id"], set()).add(a["arm"])
    assert sorted(len(v) for v in per_team.values()) == [1, 1, 1, 1]
    assert sorted(next(iter(v)) for v in per_team.values()) == ["holdout", "holdout", "no_dice", "no_dice"]
    res = await admin.ok("get", f"/experiments/{exp['id']}/results")
    assert res["mixed_teams"] == [] and (res["holdout"]["n"], res["variants"][0]["n"]) == (2, 2)


async def test_lift_interval_and_guards_on_a_constructed_ledger(client):
    admin, _, reps = await org_with_teams(client, 2, 5)
    call = await type_key(admin, "call", points=1)
    day = await today(admin)
    exp = await admin.ok("post", "/experiments", body(day - timedelta(days=2), days=8, min_days=3), status=201)
    eid = exp["id"]
    arm_of = await _arms_by_user(admin, eid)
    by_id = {r.user_id: r for r in reps}
    variant = sorted(u for u, a in arm_of.items() if a == "no_dice")
    holdout = sorted(u for u, a in arm_of.items() if a == "holdout")
    for uid, q in zip(variant, (11, 13, 15, 17, 19), strict=True):
        await by_id[uid].log(call, quantity=q)
    for uid, q in zip(holdout, (6, 8, 10, 12, 14), strict=True):
        await by_id[uid].log(call, quantity=q)
    res = await admin.ok("get", f"/experiments/{eid}/results")
    assert (res["elapsed_days"], res["preliminary"], res["status"]) == (3, False, "running")
    assert res["holdout"] == {"n": 5, "mean": 10.0, "pre_mean": 0.0}
    v = res["variants"][0]
    assert (v["name"], v["n"], v["mean"], v["lift"], v["relative_lift"]) == ("no_dice", 5, 15.0, 5.0, 0.5)
    assert v["df"] == pytest.approx(8.0)
    assert (v["ci_low"], v["ci_high"]) == pytest.approx((0.387992, 9.612008), abs=1e-5)
    assert v["significant"] is True and v["balanced"] is True and v["balance_smd"] == 0.0
    # contamination: unit rep, so each team has reps of both arms
    items = (await admin.ok("get", f"/experiments/{eid}/assignments"))["items"]
    mixed = stats.mixed_teams(arm_of, {a["user_id"]: a["team_id"] for a in items})
    assert mixed and [m["team_id"] for m in res["mixed_teams"]] == sorted(mixed)
    assert any(w.startswith("contaminated: ") for w in res["warnings"])
    # late CRM data for the pre-period of the variant's reps only: the balance check flags it
    five_days_ago = iso(datetime.now(UTC) - timedelta(days=5))
    for uid, q in zip(variant, (1, 2, 3, 4, 5), strict=True):
        await by_id[uid].log(call, quantity=q, occurred_at=five_days_ago)
    res = await admin.ok("get", f"/experiments/{eid}/results")
    v = res["variants"][0]
    assert v["pre_mean"] == 3.0 and v["balance_smd"] == pytest.approx(3 / (2.5 / 2) ** 0.5)
    assert v["balanced"] is False and any(w.startswith("unbalanced: no_dice") for w in res["warnings"])


async def test_results_are_preliminary_before_the_minimum_run(client):
    admin, _, _ = await org_with_teams(client, 1, 4)
    exp = await admin.ok("post", "/experiments", body(await today(admin)), status=201)
    res = await admin.ok("get", f"/experiments/{exp['id']}/results")
    assert (res["elapsed_days"], res["min_days"], res["preliminary"]) == (1, 14, True)
    assert res["warnings"][0] == "preliminary: 1 of at least 14 days run"
    assert res["variants"][0]["lift"] == 0.0 and res["variants"][0]["significant"] is False


async def test_an_arm_without_instant_wins_never_rolls_until_stopped(client):
    admin, _, reps = await org_with_teams(client, 1, 4)
    call = await type_key(admin, "call", points=1)
    await admin.ok("post", "/instant-wins", {"name": "Dice", "probability": 1.0, "budget": 100,
                                             "prize_points": 5}, status=201)
    exp = await admin.ok("post", "/experiments", body(await today(admin)), status=201)
    arm_of = await _arms_by_user(admin, exp["id"])

    async def kinds(rep: Api) -> list[str]:
        return sorted(e["kind"] for e in (await rep.ok("get", "/me/ledger", limit=50))["entries"])

    for rep in reps:
        await rep.log(call)
    for rep in reps:
        want = ["activity"] if arm_of[rep.user_id] == "no_dice" else ["activity", "instant_win"]
        assert await kinds(rep) == want
    stopped = await admin.ok("post", f"/experiments/{exp['id']}/stop")
    assert stopped["status"] == "stopped"
    assert_error(await admin.post(f"/experiments/{exp['id']}/stop"), 409, "experiment_stopped")
    for rep in reps:
        await rep.log(call)
    for rep in reps:  # everyone has the org's program again
        assert (await kinds(rep)).count("instant_win") == (1 if arm_of[rep.user_id] == "no_dice" else 2)


async def test_an_arm_withholds_nothing_before_its_first_day(client):
    admin, _, reps = await org_with_teams(client, 1, 4)
    call = await type_key(admin, "call", points=1)
    await admin.ok("post", "/instant-wins", {"name": "Dice", "probability": 1.0, "budget": 100,
                                             "prize_points": 5}, status=201)
    exp = await admin.ok("post", "/experiments", body(await today(admin) + timedelta(days=1)), status=201)
    assert exp["status"] == "scheduled"
    for rep in reps:  # today is before the run: every rep still rolls
        out = await rep.log(call)
        assert (await rep.ok("get", "/me"))["points_balance"] == 6, out


async def test_an_arm_without_missions_gets_none(hclient):
    from tests.habits.support import habit_org, only_templates

    admin = await habit_org(hclient)
    await only_templates(admin, ("calls", "call", 2, 10))
    _, _, reps = await org_with_teams(hclient, 1, 4, admin=admin)
    b = body(await today(admin))
    b["variants"] = [{"name": "no_missions", "program": {"missions": False}}]
    exp = await admin.ok("post", "/experiments", b, status=201)
    arm_of = await _arms_by_user(admin, exp["id"])
    for rep in reps:
        got = (await rep.ok("get", "/me/missions"))["missions"]
        assert len(got) == (0 if arm_of[rep.user_id] == "no_missions" else 1)


async def test_one_experiment_at_a_time_and_bad_input(client):
    admin, _, _ = await org_with_teams(client, 1, 4)
    day = await today(admin)
    await admin.ok("post", "/experiments", body(day, days=7), status=201)
    assert_error(await admin.post("/experiments", body(day + timedelta(days=6))), 409, "experiment_overlaps")
    later = day + timedelta(days=7)
    for bad, code in (
        (body(later, holdout_share=0.95), "invalid_request"),
        (body(later, variants=[{"name": "same", "program": {}}]), "invalid_program"),
        (body(later, variants=[{"name": "x", "program": {"multiplier": 2}}]), "invalid_request"),
        (body(later, metric="revenue"), "invalid_request"),
        (body(later, end=(later - timedelta(days=1)).isoformat()), "invalid_experiment"),
        (body(day - timedelta(days=30), days=3), "invalid_experiment"),
        (body(later, name="x" * 121), "invalid_request"),
        (body(later, variants=[{"name": f"v{i}", "program": {"missions": False}} for i in range(5)]),
         "invalid_request"),
    ):
        r = await admin.post("/experiments", bad)
        assert r.status_code == 400, (bad, r.text)
        assert r.json()["error"]["code"] == code, (bad, r.text)
    small, _, _ = await org_with_teams(client, 1, 3)
    assert_error(await small.post("/experiments", body(await today(small))), 409, "too_few_units")


async def test_two_admins_at_once_make_one_experiment(client):
    admin, _, _ = await org_with_teams(client, 1, 4)
    day = await today(admin)
    got = await asyncio.gather(*(admin.post("/experiments", body(day)) for _ in range(4)))
    assert sorted(r.status_code for r in got) == [201, 409, 409, 409]
    assert len((await admin.ok("get", "/experiments"))["items"]) == 1


async def test_who_may_call(client):
    admin, team_ids, reps = await org_with_teams(client, 1, 4)
    exp = await admin.ok("post", "/experiments", body(await today(admin)), status=201)
    eid = exp["id"]
    paths = ["", f"/{eid}", f"/{eid}/assignments", f"/{eid}/results"]
    manager = await admin.user("manager", team_id=team_ids[0])
    for who in (manager, reps[0]):
        for p in paths:
            assert_error(await who.get(f"/experiments{p}"), 403, "forbidden")
        assert_error(await who.post("/experiments", body(await today(admin))), 403, "forbidden")
        assert_error(await who.post(f"/experiments/{eid}/stop"), 403, "forbidden")
    _, token = await pair_display(admin)
    display = Api(client, token, admin.org_id, 0)
    for p in paths:
        assert (await display.get(f"/experiments{p}")).status_code == 403
    other, _, _ = await org_with_teams(client, 1, 4)
    for p in paths[1:]:
        assert_error(await other.get(f"/experiments{p}"), 404, "experiment_not_found")
    assert_error(await other.post(f"/experiments/{eid}/stop"), 404, "experiment_not_found")
    assert (await other.ok("get", "/experiments"))["items"] == []
    assert (await client.get("/api/v1/experiments")).status_code == 401
    gone = await admin.user("admin")
    assert (await gone.ok("get", "/experiments"))["items"][0]["id"] == eid
    await admin.ok("patch", f"/users/{gone.user_id}", {"active": False})
    assert (await gone.get("/experiments")).status_code == 401
    assert (await admin.ok("get", f"/experiments/{eid}"))["status"] == "running"  # the other org's stop did nothing


async def test_attainment_is_points_over_the_prorated_weekly_target(client):
    admin, _, reps = await org_with_teams(client, 1, 4)
    call = await type_key(admin, "call", points=1)
    day = await today(admin)
    monday = day - timedelta(days=day.weekday())
    await admin.ok("put", "/targets", {"metric": "points", "period": "week", "start": monday.isoformat(),
                                       "targets": [{"user_id": r.user_id, "value": 14} for r in reps]})
    exp = await admin.ok("post", "/experiments", body(day, days=7, metric="attainment", min_days=1), status=201)
    arm_of = await _arms_by_user(admin, exp["id"])
    quantities = {"no_dice": iter((4, 6)), "holdout": iter((2, 2))}
    for rep in sorted(reps, key=lambda r: r.user_id):
        await rep.log(call, quantity=next(quantities[arm_of[rep.user_id]]))
    res = await admin.ok("get", f"/experiments/{exp['id']}/results")
    # one day run of a 14-point week: a target of 2 so far; attainment = points / 2
    assert res["holdout"] == {"n": 2, "mean": 1.0, "pre_mean": 0.0}
    v = res["variants"][0]
    assert (v["n"], v["mean"], v["lift"], v["relative_lift"]) == (2, 2.5, 1.5, 1.5)


async def test_won_value_sums_the_value_of_every_type_scored_on_value(client):
    admin, _, reps = await org_with_teams(client, 1, 4)
    deal = await type_key(admin, "deal", points=0, value_points=0.01)
    big = await type_key(admin, "big", points=0, value_points=0.001)
    call = await type_key(admin, "call", points=1)
    exp = await admin.ok("post", "/experiments", body(await today(admin), metric="won_value"), status=201)
    arm_of = await _arms_by_user(admin, exp["id"])
    values = {"no_dice": iter((1000, 3000)), "holdout": iter((500, 500))}
    for rep in sorted(reps, key=lambda r: r.user_id):
        await rep.log(deal, value=next(values[arm_of[rep.user_id]]))
        await rep.log(big, value=100)  # every rep: +100 in both arms
        await rep.log(call, quantity=9)  # counts as activity, not value
    res = await admin.ok("get", f"/experiments/{exp['id']}/results")
    assert res["holdout"]["mean"] == 600.0
    v = res["variants"][0]
    assert (v["mean"], v["lift"], v["df"]) == (2100.0, 1500.0, 1.0)
    # a constant hold-out: the variant's 1100 and 3100 alone set the error (se 1000, df 1, t 12.706205)
    assert (v["ci_low"], v["ci_high"]) == pytest.approx((1500 - 12706.205, 1500 + 12706.205), abs=0.01)
