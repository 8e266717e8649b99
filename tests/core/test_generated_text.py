"""What reps read, as they read it: missions, notices and contest explanations say "1
opportunity" and "+1 point", and a notice's time is in the rep's own time zone, not raw UTC."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from server.contests import jobs as contest_jobs
from tests.contests.support import at_iso, contest, finish, result_of
from tests.habits.support import habit_org
from tests.support.boards import away_from_midnight, fresh_org


async def _bodies(api, kind: str) -> list[str]:
    page = await api.ok("get", "/notifications", limit=100)
    return [n["body"] for n in page["notifications"] if n["kind"] == kind]


async def test_mission_labels_and_notices_agree_with_their_numbers(hclient):
    admin = await habit_org(hclient, missions_per_day=5)
    await admin.ok("post", "/mission-templates", {
        "key": "dial", "label": "Call {target} {customer|customers}", "type": "call", "min_target": 1,
        "max_target": 1, "bonus_points": 1, "pinned": True}, status=201)
    rep = await admin.user()
    labels = [m["label"] for m in (await rep.ok("get", "/me/missions"))["missions"]]
    # the pinned one first; then the starter templates, a new rep at each one's floor
    assert labels[0] == "Call 1 customer"
    assert {"Create 1 opportunity", "Book 1 meeting", "Send 1 proposal", "Log 5 calls"} <= set(labels)
    await rep.log("call")
    await rep.log("opportunity_created")
    done = await _bodies(rep, "mission_done")
    assert sorted(done) == ["Call 1 customer: done (+1 point)", "Create 1 opportunity: done (+15 points)"]


async def test_contest_notices_tell_the_end_in_each_reps_time_zone(client, rt):
    await away_from_midnight("America/New_York", margin_s=120)
    admin = await fresh_org(client, timezone="America/New_York")
    east = await admin.user(display_name="East")  # the org's zone
    west = await admin.user(display_name="West", timezone="America/Los_Angeles")
    made = await contest(admin, days=2, prizes=[{"place": 1, "points": 1}], metric="points")
    ends = at_iso(made["ends_at"])  # midnight in New York after the last day
    last_day = (ends - timedelta(days=1)).astimezone(ZoneInfo("America/New_York")).date()
    day = f"{last_day:%a, %b} {last_day.day}"
    ny, la = ends.astimezone(ZoneInfo("America/New_York")).tzname(), ends.astimezone(
        ZoneInfo("America/Los_Angeles")).tzname()
    assert await _bodies(east, "contest_starting") == [f"The contest runs until {day} at midnight {ny}. Good luck!"]
    assert await _bodies(west, "contest_starting") == [f"The contest runs until {day} at 9:00 PM {la}. Good luck!"]
    await contest_jobs.tick(rt, now=ends - timedelta(minutes=30))  # "ends soon"
    assert await _bodies(east, "contest_ending") == [f"The contest ends {day} at midnight {ny}: last chance to move up."]
    assert await _bodies(west, "contest_ending") == [f"The contest ends {day} at 9:00 PM {la}: last chance to move up."]

    await west.log("email")  # 1 point, 1 activity
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    assert result_of(res, west.user_id)["computation"] == "1 point from 1 activity; prize: 1 point"
    assert result_of(res, east.user_id)["computation"] == "0 points from 0 activities"
    assert await _bodies(west, "contest_result") == ["You placed #1. Prize: 1 point."]
