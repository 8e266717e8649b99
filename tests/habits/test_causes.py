"""Every point is traceable: each bonus entry of a rep's ledger names its cause and the version
of the rule that set it; a contest pays the prizes it names and its winner badge what the badge
says (nothing, for the starter one)."""

from __future__ import annotations

from tests.contests.support import contest, finish
from tests.habits.support import habit_org, only_templates
from tests.support.api import ago, balance, iso


def causes(entries: list[dict]) -> list[tuple[str, int, dict | None, int | None]]:
    """(kind, points, cause, activity id) of ledger entries, in a stable order."""
    return sorted(((e["kind"], e["points"], e["cause"], e["activity_id"]) for e in entries),
                  key=lambda x: (x[0], x[1], str(x[2])))


async def test_bonus_entries_name_their_badge_mission_day_and_streak_with_the_rule_version(hclient):
    admin = await habit_org(hclient)  # its settings were changed once: version 2
    await only_templates(admin, ("meet", "meeting_booked", 1, 10))
    rep = await admin.user()
    for d in range(4, 0, -1):  # a streak of 4 days so far
        await rep.log("meeting_held", occurred_at=iso(ago(days=d)))
    before = {e["id"] for e in (await rep.ok("get", "/me/ledger"))["entries"]}
    out = await rep.log("meeting_booked")  # 10 points, day 5 of the streak, the day's only mission
    mission = (await rep.ok("get", "/me/missions"))["missions"][0]
    badges = {b["key"]: b for b in (await admin.ok("get", "/badges"))["items"]}
    entries = [e for e in (await rep.ok("get", "/me/ledger"))["entries"] if e["id"] not in before]
    act = out["id"]
    assert causes(entries) == [
        ("activity", 10, None, act),
        ("badge_bonus", 10, {"kind": "badge", "id": badges["streak_5"]["id"], "version": 1}, act),
        ("mission_bonus", 10, {"kind": "mission", "id": mission["id"], "version": None}, act),
        ("mission_bonus", 20, {"kind": "missions_day", "id": mission["id"], "version": None}, act),
        ("streak_bonus", 1, {"kind": "streak", "id": None, "version": 2}, act),  # 10 % of 10
    ]
    # A new version of the combo rule; the reversal takes back under the version that paid.
    await admin.ok("patch", "/streak-settings", {"combo_pct": 50})
    await admin.ok("post", f"/activities/{act}/reverse", status=201)
    later = [e for e in (await rep.ok("get", "/me/ledger"))["entries"] if e["id"] not in before and e["points"] < 0]
    assert causes(later) == [
        ("mission_bonus", -20, {"kind": "missions_day", "id": mission["id"], "version": None}, act),
        ("mission_bonus", -10, {"kind": "mission", "id": mission["id"], "version": None}, act),
        ("reversal", -10, None, act),
        ("streak_bonus", -1, {"kind": "streak", "id": None, "version": 2}, act),
    ]


async def test_a_contest_without_a_prize_pays_nothing_and_its_winner_badge_pays_what_the_badge_says(hclient, hrt):
    admin = await habit_org(hclient)
    rep, other = await admin.user(), await admin.user()
    plain = await contest(admin, metric="meeting_held")  # no prizes
    await rep.log("meeting_held", quantity=2)
    await other.log("meeting_held")
    await finish(hrt, plain)
    won = [b for b in (await rep.ok("get", "/me/badges"))["items"] if b["key"] == "contest_winner"]
    assert [(b["period_key"], b["points"]) for b in won] == [(f"contest:{plain['id']}", 0)]
    assert [(e["kind"], e["points"]) for e in (await rep.ok("get", "/me/ledger"))["entries"]] == [("activity", 30)]
    assert await balance(rep) == 30
    # The badge's bonus is the badge's to say (a new version); the prize is the contest's.
    badge = next(b for b in (await admin.ok("get", "/badges"))["items"] if b["key"] == "contest_winner")
    await admin.ok("patch", f"/badges/{badge['id']}", {"points": 25})
    prized = await contest(admin, metric="meeting_held", prizes=[{"place": 1, "points": 100}])
    await rep.log("meeting_held")
    await finish(hrt, prized)
    ledger = (await rep.ok("get", "/me/ledger"))["entries"]
    assert causes([e for e in ledger if e["kind"] != "activity"]) == [
        ("badge_bonus", 25, {"kind": "badge", "id": badge["id"], "version": 2}, None),
        ("prize", 100, {"kind": "contest", "id": prized["id"], "version": 1}, None),
    ]
    assert await balance(rep) == 30 + 15 + 100 + 25
