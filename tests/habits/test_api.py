"""The habit loop through the HTTP API: streaks, combo, missions, badges, reversal,
concurrency, org isolation, settings, the team view and HABITS_ENABLED."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from server.habits import jobs as habit_jobs
from server.social.models import FeedItem
from tests.conftest import new_org
from tests.habits.support import habit_org, ledger_kinds, only_templates, started_at
from tests.support.api import ago, assert_error, balance, iso

# `meeting_held` (15 points) has no starter mission template nor badge: streak tests use it alone.


# -- streaks ------------------------------------------------------------------------------------------
async def test_first_activity_starts_a_streak_and_reports_it(hclient):
    admin = await habit_org(hclient)
    rep = await admin.user()
    out = await rep.log("meeting_held")
    assert out["unlocked"]["streak"]["current"] == 1 and out["unlocked"]["streak"]["extended"] is True
    again = await rep.log("meeting_held")
    assert "streak" not in again["unlocked"]  # the day already counted
    s = await rep.ok("get", "/me/streak")
    assert (s["current"], s["best"], s["today_done"], s["at_risk"], s["user_id"]) == (1, 1, True, False, rep.user_id)


async def test_past_dated_activities_extend_and_a_reversal_recomputes(hclient):
    admin = await habit_org(hclient)
    rep = await admin.user()
    await rep.log("meeting_held")
    a2 = await rep.log("meeting_held", occurred_at=iso(ago(days=2)))
    assert (await rep.ok("get", "/me/streak"))["current"] == 1  # yesterday is missing
    a1 = await rep.log("meeting_held", occurred_at=iso(ago(days=1)))
    assert a1["unlocked"]["streak"]["current"] == 3
    assert (await rep.ok("get", "/me/streak"))["current"] == 3
    await admin.ok("post", f"/activities/{a1['id']}/reverse", status=201)
    s = await rep.ok("get", "/me/streak")
    assert (s["current"], s["best"]) == (1, 1)
    # Reversing the other past day changes nothing more; a new activity for yesterday restores 3.
    await admin.ok("post", f"/activities/{a2['id']}/reverse", status=201)
    await rep.log("meeting_held", occurred_at=iso(ago(days=1)))
    assert (await rep.ok("get", "/me/streak"))["current"] == 2


async def test_minimum_and_qualifying_types(hclient):
    admin = await habit_org(hclient, min_units=3, qualifying_types=["meeting_held"])
    rep = await admin.user()
    await rep.log("email", quantity=5)
    assert (await rep.ok("get", "/me/streak"))["current"] == 0
    out = await rep.log("meeting_held", quantity=2)
    assert "streak" not in out["unlocked"]
    out = await rep.log("meeting_held", quantity=1)
    assert out["unlocked"]["streak"]["current"] == 1


async def test_combo_bonus_is_its_own_ledger_entry_and_is_reversed_with_the_activity(hclient):
    admin = await habit_org(hclient, combo_from=2, combo_pct=50)
    rep = await admin.user()
    await rep.log("meeting_held", occurred_at=iso(ago(days=1)))
    assert await balance(rep) == 15  # a 1-day streak: no combo
    today = await rep.log("meeting_held")
    assert today["unlocked"]["streak"]["current"] == 2
    assert await balance(rep) == 15 + 15 + 8  # 50 % of 15 = 7.5, half up
    kinds = await ledger_kinds(rep)
    assert kinds[-1] == ("streak_bonus", 8)
    assert (await rep.ok("get", "/me/streak"))["combo_active"] is True
    await admin.ok("post", f"/activities/{today['id']}/reverse", status=201)
    assert await balance(rep) == 15
    assert (await ledger_kinds(rep))[-1] == ("streak_bonus", -8)


# -- missions -------------------------------------------------------------------------------------------
async def test_missions_progress_complete_and_pay_once(hclient):
    admin = await habit_org(hclient, all_done_bonus=30)
    await only_templates(admin, ("calls", "call", 2, 10), ("emails", "email", 1, 5),
                         ("meetings", "meeting_booked", 1, 20))
    rep = await admin.user()
    m = await rep.ok("get", "/me/missions")
    assert [(x["type"], x["target"], x["progress"], x["completed"]) for x in m["missions"]] == [
        ("call", 2, 0, False), ("email", 1, 0, False), ("meeting_booked", 1, 0, False)]
    assert m["missions"][0]["label"] == "2 x call"
    first = await rep.log("call")
    assert "missions_completed" not in first["unlocked"]
    assert [b["key"] for b in first["unlocked"]["badges_earned"]] == ["first_call"]
    second = await rep.log("call")
    assert [x["label"] for x in second["unlocked"]["missions_completed"]] == ["2 x call"]
    await rep.log("email")
    last = await rep.log("meeting_booked")
    done = last["unlocked"]["missions_completed"]
    assert [x.get("all_done", False) for x in done] == [False, True]
    assert done[1]["bonus_points"] == 30
    m = await rep.ok("get", "/me/missions")
    assert (m["completed"], m["all_done"]) == (3, True)
    # 2 calls (4) + first-call badge (5) + 10 + email (1) + 5 + meeting (10) + 20 + all done 30
    assert await balance(rep) == 85
    await rep.log("call")  # over target: no second bonus
    assert await balance(rep) == 87
    bonus = [k for k in await ledger_kinds(rep) if k[0] in ("mission_bonus", "badge_bonus")]
    assert bonus == [("badge_bonus", 5), ("mission_bonus", 10), ("mission_bonus", 5), ("mission_bonus", 20),
                     ("mission_bonus", 30)]


async def test_reversal_below_target_takes_back_the_mission_and_all_done_bonus(hclient):
    admin = await habit_org(hclient, all_done_bonus=30)
    await only_templates(admin, ("calls", "call", 1, 10), ("emails", "email", 1, 5), ("notes", "email", 1, 0))
    rep = await admin.user()
    call = await rep.log("call")
    await rep.log("email")
    assert (await rep.ok("get", "/me/missions"))["all_done"] is True
    before = await balance(rep)
    await admin.ok("post", f"/activities/{call['id']}/reverse", status=201)
    m = await rep.ok("get", "/me/missions")
    assert (m["completed"], m["all_done"], m["missions"][0]["progress"]) == (2, False, 0)
    assert await balance(rep) == before - 2 - 10 - 30  # the call, its mission, the all-done bonus
    again = await rep.log("call")  # re-completing pays again, once
    assert [x.get("all_done", False) for x in again["unlocked"]["missions_completed"]] == [False, True]
    assert await balance(rep) == before


async def test_concurrent_activities_never_double_pay(hclient):
    admin = await habit_org(hclient, all_done_bonus=0)
    await only_templates(admin, ("calls", "call", 2, 10), ("emails", "email", 50, 5), ("more", "email", 60, 5))
    rep = await admin.user()
    await rep.ok("get", "/me/missions")
    outs = await asyncio.gather(*(rep.log("call", quantity=2) for _ in range(6)))
    completed = [o for o in outs if o["unlocked"].get("missions_completed")]
    badges = sorted(b["key"] for o in outs for b in o["unlocked"].get("badges_earned", []))
    assert len(completed) == 1
    assert badges == ["first_call"]  # once, though every post saw the rule hold
    assert await balance(rep) == 6 * 4 + 10 + 5  # the calls, the mission, first_call
    assert (await rep.ok("get", "/me/missions"))["missions"][0]["progress"] == 12


async def test_missions_are_created_once_lazily_and_by_the_worker(hclient, hrt):
    admin = await habit_org(hclient)
    rep = await admin.user()
    results = await asyncio.gather(*(rep.ok("get", "/me/missions") for _ in range(4)),
                                   habit_jobs.create_due_missions(hrt), habit_jobs.create_due_missions(hrt))
    ids = {tuple(x["id"] for x in r["missions"]) for r in results[:4]}
    assert len(ids) == 1 and len(next(iter(ids))) == 3
    assert await habit_jobs.create_due_missions(hrt) == 0  # a restart finds every day claimed


async def test_targets_follow_own_median_and_new_reps_start_from_their_teams(hclient, hrt):
    admin = await habit_org(hclient)
    zone = ZoneInfo((await admin.ok("get", "/org"))["timezone"])
    today = datetime.now(zone).date()
    # Only the last 6 days are working days within the look-back, so baselines have 6 entries.
    await admin.ok("patch", "/streak-settings",
                   {"holidays": [(today - timedelta(days=d)).isoformat() for d in range(7, 61)]})
    await only_templates(admin, ("calls", "call", 1, 10), ("emails", "email", 1, 5), ("meet", "meeting_booked", 1, 5))
    calls_tpl = (await admin.ok("get", "/mission-templates"))["items"][0]
    await admin.ok("patch", f"/mission-templates/{calls_tpl['id']}", {"max_target": 100, "nudge_pct": 20})
    team = await admin.ok("post", "/teams", {"name": "Alpha"}, status=201)
    veteran = await admin.user(team_id=team["id"])
    await started_at(hrt, veteran, ago(days=30))  # two weeks of history and more: their own median
    for d, n in zip(range(1, 7), (8, 10, 10, 12, 12, 20), strict=True):
        await veteran.log("call", quantity=n, occurred_at=iso(ago(days=d)))

    async def calls_target(api) -> int:
        m = await api.ok("get", "/me/missions")
        return next(x["target"] for x in m["missions"] if x["type"] == "call")

    assert await calls_target(veteran) == 14   # median 11, +20 % = 13.2 -> 14
    assert await calls_target(await admin.user(team_id=team["id"])) == 14  # new: the team's median
    assert await calls_target(await admin.user()) == 1  # no team history: the template's minimum


# -- badges ----------------------------------------------------------------------------------------------
async def test_manual_recognition_with_message_goes_to_profile_and_feed(hclient, hrt):
    admin = await habit_org(hclient)
    rep = await admin.user()
    catalog = (await admin.ok("get", "/badges"))["items"]
    recognition = next(b for b in catalog if b["key"] == "recognition")
    award = await admin.ok("post", f"/badges/{recognition['id']}/award",
                           {"user_id": rep.user_id, "message": "Great demo today"}, status=201)
    assert (award["message"], award["awarded_by_user_id"], award["key"]) == ("Great demo today", admin.user_id,
                                                                            "recognition")
    mine = (await rep.ok("get", "/me/badges"))["items"]
    assert [b["id"] for b in mine] == [award["id"]]
    profile = await admin.ok("get", f"/users/{rep.user_id}/profile")
    assert [b["message"] for b in profile["badges"]] == ["Great demo today"]
    async with hrt.engine.connect() as conn:
        feed = (await conn.execute(select(FeedItem).where(FeedItem.org_id == admin.org_id,
                                                          FeedItem.kind == "badge"))).all()
    assert [(f.user_id, f.data["message"]) for f in feed] == [(rep.user_id, "Great demo today")]
    assert_error(await rep.post(f"/badges/{recognition['id']}/award", {"user_id": admin.user_id, "message": "x"}),
                 403, "forbidden")


async def test_a_definition_key_is_taken_once_per_org(hclient):
    admin = await habit_org(hclient)
    badge = {"key": "mvp", "name": "MVP", "rule": "manual", "tier": "gold", "points": 100}
    template = {"key": "calls5", "label": "{target} x call", "type": "call", "metric": "count",
                "min_target": 5, "max_target": 5, "bonus_points": 10}
    await admin.ok("post", "/badges", badge, status=201)
    await admin.ok("post", "/mission-templates", template, status=201)
    assert_error(await admin.post("/badges", badge), 409, "badge_exists")
    assert_error(await admin.post("/mission-templates", template), 409, "mission_template_exists")
    other = await habit_org(hclient)  # another org may use the same keys
    await other.ok("post", "/badges", badge, status=201)
    await other.ok("post", "/mission-templates", template, status=201)


async def test_one_off_badge_by_hand_is_refused_twice(hclient):
    admin = await habit_org(hclient)
    rep = await admin.user()
    b = await admin.ok("post", "/badges", {"key": "mvp", "name": "MVP", "rule": "manual", "tier": "gold",
                                            "points": 100}, status=201)
    await admin.ok("post", f"/badges/{b['id']}/award", {"user_id": rep.user_id, "message": "MVP!"}, status=201)
    assert_error(await admin.post(f"/badges/{b['id']}/award", {"user_id": rep.user_id, "message": "again"}),
                 409, "already_awarded")
    assert await balance(rep) == 100


async def test_count_badge_in_a_window_is_awarded_once_per_period(hclient):
    admin = await habit_org(hclient)
    await only_templates(admin, ("a", "email", 99, 0), ("b", "email", 99, 0), ("c", "email", 99, 0))
    rep = await admin.user()
    await admin.ok("post", "/badges", {"key": "mh3", "name": "3 held today", "rule": "activity_count",
                                        "params": {"type_key": "meeting_held", "threshold": 3, "window": "day"},
                                        "points": 7, "repeatable": True}, status=201)
    outs = [await rep.log("meeting_held") for _ in range(4)]
    assert [bool(o["unlocked"].get("badges_earned")) for o in outs] == [False, False, True, False]
    assert [b["period_key"] for b in (await rep.ok("get", "/me/badges"))["items"]] == [outs[0]["occurred_at"][:10]]


async def test_contest_won_achievement_earns_the_contest_badge_once_per_contest(hclient, hrt):
    from server.core import events
    from server.ledger import effects

    admin = await habit_org(hclient)
    rep = await admin.user()
    for _ in range(2):
        async with hrt.engine.begin() as conn:
            done = await effects.emit(hrt, conn, admin.org_id, [events.Achievement(
                "contest_won", rep.user_id, data={"contest_id": 5}, ref="contest:5")])
        await effects.finish(hrt, admin.org_id, done)
    items = (await rep.ok("get", "/me/badges"))["items"]
    assert [(b["key"], b["period_key"]) for b in items] == [("contest_winner", "contest:5")]
    assert await balance(rep) == 0  # the starter badge pays nothing of its own (a contest pays its prizes)


# -- settings, team view, isolation, switch --------------------------------------------------------------
async def test_settings_are_validated_and_manager_only(hclient):
    admin = await habit_org(hclient)
    rep = await admin.user()
    assert_error(await admin.patch("/streak-settings", {"workdays": [9]}), 400, "invalid_workdays")
    assert_error(await admin.patch("/streak-settings", {"holidays": ["xmas"]}), 400, "invalid_holidays")
    assert_error(await admin.patch("/streak-settings", {"qualifying_types": ["nope"]}), 400,
                 "unknown_activity_type")
    assert_error(await rep.patch("/streak-settings", {"grace_hours": 1}), 403, "forbidden")
    out = await admin.ok("patch", "/streak-settings", {"grace_hours": 4, "holidays": ["2026-12-25"]})
    assert (out["grace_hours"], out["holidays"]) == (4, ["2026-12-25"])
    assert_error(await admin.post("/badges", {"key": "x", "name": "X", "rule": "activity_count",
                                              "params": {"type_key": "zzz", "threshold": 1}}), 400,
                 "unknown_activity_type")


async def test_team_view_lists_streaks_and_completion(hclient):
    admin = await habit_org(hclient)
    await only_templates(admin, ("calls", "call", 1, 1), ("e", "email", 9, 1), ("f", "email", 9, 1))
    team = await admin.ok("post", "/teams", {"name": "T"}, status=201)
    a = await admin.user(team_id=team["id"], display_name="A")
    b = await admin.user(team_id=team["id"], display_name="B")
    await a.log("call")
    await b.ok("get", "/me/missions")
    view = await admin.ok("get", "/habits/team", team_id=team["id"])
    rows = {r["user_id"]: r for r in view["items"]}
    assert (rows[a.user_id]["current"], rows[a.user_id]["missions"], rows[a.user_id]["missions_completed"],
            rows[a.user_id]["completion_rate"]) == (1, 3, 1, 0.333)
    assert (rows[b.user_id]["current"], rows[b.user_id]["completion_rate"]) == (0, 0.0)
    assert_error(await a.get("/habits/team"), 403, "forbidden")


async def test_other_orgs_are_invisible(hclient):
    admin = await habit_org(hclient)
    other = await new_org(hclient)
    stranger = await other.user()
    badge_id = (await other.ok("get", "/badges"))["items"][0]["id"]
    assert_error(await admin.get(f"/users/{stranger.user_id}/profile"), 404, "user_not_found")
    assert_error(await admin.patch(f"/badges/{badge_id}", {"points": 1}), 404, "badge_not_found")
    assert_error(await admin.post(f"/badges/{badge_id}/award", {"user_id": stranger.user_id, "message": "hi"}),
                 404, "badge_not_found")
    assert_error(await admin.delete(f"/mission-templates/{(await other.ok('get', '/mission-templates'))['items'][0]['id']}"),
                 404, "mission_template_not_found")


async def test_org_switch_off_stops_the_loop(hclient):
    admin = await habit_org(hclient, enabled=False)
    rep = await admin.user()
    out = await rep.log("call")
    assert out["unlocked"] == {} and await balance(rep) == 2
    assert (await rep.ok("get", "/me/missions"))["missions"] == []


async def test_habits_enabled_false_runs_nothing(client):
    admin = await new_org(client)  # the shared app runs with HABITS_ENABLED=false
    rep = await admin.user()
    out = await rep.log("call")
    assert out["unlocked"] == {} and await balance(rep) == 2


async def test_concurrent_last_missions_pay_the_all_done_bonus_once(hclient):
    admin = await habit_org(hclient, all_done_bonus=40)
    await only_templates(admin, ("calls", "call", 1, 0), ("emails", "email", 1, 0), ("meet", "meeting_held", 1, 0))
    rep = await admin.user()
    await rep.ok("get", "/me/missions")
    outs = await asyncio.gather(rep.log("call"), rep.log("email"), rep.log("meeting_held"))
    all_done = [x for o in outs for x in o["unlocked"].get("missions_completed", []) if x.get("all_done")]
    assert len(all_done) == 1
    assert [k for k in await ledger_kinds(rep) if k[0] == "mission_bonus"] == [("mission_bonus", 40)]


async def test_a_batch_reports_unlocks_per_item(hclient):
    admin = await habit_org(hclient, all_done_bonus=0)
    await only_templates(admin, ("calls", "call", 3, 10), ("e", "email", 99, 0), ("f", "email", 99, 0))
    rep = await admin.user()
    out = await admin.ok("post", "/activities/batch", {"activities": [
        {"type": "call", "quantity": 2, "user_id": rep.user_id},
        {"type": "call", "quantity": 2, "user_id": rep.user_id},
        {"type": "call", "user_id": rep.user_id}]})
    unlocked = [r["activity"]["unlocked"] for r in out["results"]]
    assert unlocked[0]["streak"]["current"] == 1 and [b["key"] for b in unlocked[0]["badges_earned"]] == ["first_call"]
    assert [m["label"] for m in unlocked[1]["missions_completed"]] == ["3 x call"]
    assert unlocked[2] == {}
    assert await balance(rep) == 5 * 2 + 5 + 10


async def test_a_batch_reaches_what_the_same_activities_reach_one_by_one(hclient):
    """A batch (or a group of single posts) runs the habit step for all its activities at once and
    replays them in order: every activity must unlock what it unlocks when posted alone, in order,
    and the reps end with the same ledger and missions."""
    admin = await habit_org(hclient, all_done_bonus=7, combo_from=1, combo_pct=50, min_units=2)
    await only_templates(admin, ("calls", "call", 3, 10), ("emails", "email", 2, 5), ("meet", "meeting_booked", 1, 3))
    await admin.ok("post", "/badges", {"key": "calls3", "name": "3 calls today", "rule": "activity_count",
                                        "params": {"type_key": "call", "threshold": 3, "window": "day"},
                                        "points": 4}, status=201)
    seq = [("call", 1), ("email", 1), ("call", 2), ("email", 1), ("meeting_booked", 1), ("call", 1)]
    alone, batched = [await admin.user() for _ in range(2)], [await admin.user() for _ in range(2)]
    one_by_one = [await admin.ok("post", "/activities", {"type": t, "quantity": q, "user_id": rep.user_id},
                                 status=201) for t, q in seq for rep in alone]
    out = await admin.ok("post", "/activities/batch", {"activities": [
        {"type": t, "quantity": q, "user_id": rep.user_id} for t, q in seq for rep in batched]})

    def shape(unlocked: dict) -> dict:  # ids differ between reps
        return {k: [{f: v for f, v in item.items() if not f.endswith("id")} for item in items]
                if isinstance(items, list) else {f: v for f, v in items.items() if not f.endswith("id")}
                for k, items in unlocked.items()}

    expected = [shape(o["unlocked"]) for o in one_by_one]
    assert [shape(r["activity"]["unlocked"]) for r in out["results"]] == expected
    assert sum(1 for u in expected if "missions_completed" in u) >= 3 and any("badges_earned" in u for u in expected)
    # the third call (seq[2]) reaches "3 calls today"; the ledger already holds the later ones
    assert [b["key"] for b in expected[4]["badges_earned"]] == ["calls3"]
    for a, b in zip(alone, batched, strict=True):
        assert sorted(await ledger_kinds(a)) == sorted(await ledger_kinds(b))  # a batch writes bonuses last
        missions_of = [[(m["label"], m["progress"], m["completed"]) for m in (await r.ok("get", "/me/missions"))["missions"]]
                       for r in (a, b)]
        assert missions_of[0] == missions_of[1]
        assert (await a.ok("get", "/me/streak"))["current"] == (await b.ok("get", "/me/streak"))["current"] == 1


# -- fixed bugs -----------------------------------------------------------------------------------------
async def test_reversing_an_activity_backdated_into_a_closed_day_takes_back_no_mission_progress(hclient, hrt):
    from server.habits import context as habit_context
    from server.habits import missions
    from server.habits import store as habits_repo

    admin = await habit_org(hclient)
    await only_templates(admin, ("calls", "call", 3, 10), ("e", "email", 9, 1), ("f", "email", 9, 1))
    rep = await admin.user()
    past = ago(days=3)  # long closed (grace is 2 hours)
    await rep.log("call", occurred_at=iso(past))
    async with hrt.engine.begin() as conn:
        cfg = await habit_context.load(hrt, conn, admin.org_id, need_users={rep.user_id})
        day = cfg.day_of(rep.user_id, past)
        assert await missions.ensure(hrt, conn, cfg, rep.user_id, day, datetime.now(ZoneInfo("UTC")))

    async def progress() -> int:
        async with hrt.engine.connect() as conn:
            rows = await habits_repo.missions(conn, admin.org_id, rep.user_id, day)
        return next(r.progress for r in rows if r.type_key == "call")

    assert await progress() == 1  # created from what the rep logged that day
    late = await rep.log("call", occurred_at=iso(past))  # the day is closed: no progress
    assert await progress() == 1
    await admin.ok("post", f"/activities/{late['id']}/reverse", status=201)
    assert await progress() == 1  # it never added anything, it takes nothing back


async def test_one_off_contest_badge_waits_for_its_threshold_of_wins(hclient, hrt):
    from server.contests.models import Contest, ContestResult
    from server.core import events
    from server.ledger import effects

    admin = await habit_org(hclient)
    rep = await admin.user()
    await admin.ok("post", "/badges", {"key": "won2", "name": "Two wins", "rule": "contest_won",
                                        "params": {"threshold": 2}, "tier": "gold", "points": 40}, status=201)
    now = datetime.now(ZoneInfo("UTC"))

    won = 0

    async def win() -> None:  # as the contests feature awards one: the event counts the rep's wins
        nonlocal won
        won += 1
        async with hrt.engine.begin() as conn:
            cid = (await conn.execute(Contest.__table__.insert().returning(Contest.id), {
                "org_id": admin.org_id, "name": "C", "state": "awarded", "format": "race", "measure": "points",
                "metric": "points", "start_date": now.date(), "end_date": now.date(), "starts_at": now,
                "ends_at": now, "segments": [], "rules": {}, "hidden": False, "created_at": now,
                "updated_at": now})).scalar_one()
            await conn.execute(ContestResult.__table__.insert(), {
                "contest_id": cid, "user_id": rep.user_id, "place": 1, "score": 1.0, "total": 1, "won": True,
                "detail": {}})
            done = await effects.emit(hrt, conn, admin.org_id, [events.Achievement(
                "contest_won", rep.user_id, data={"contest_id": cid, "place": 1, "contests_won": won},
                ref=f"contest:{cid}")])
        await effects.finish(hrt, admin.org_id, done)

    async def keys() -> list[str]:
        return sorted(b["key"] for b in (await rep.ok("get", "/me/badges"))["items"])

    await win()
    assert await keys() == ["contest_winner"]  # one win of two
    await win()
    assert await keys() == ["contest_winner", "contest_winner", "won2"]
    await win()
    assert (await keys()).count("won2") == 1
