"""The habit loop's cost on the activity path: statements it sends for one activity."""

from __future__ import annotations

import contextlib

from sqlalchemy import event

from tests.habits.support import habit_org
from tests.habits.test_api import only_templates

HABIT_TABLES = ("habit_days", "streaks", "missions", "mission_days", "badge_awards", "sum(")
#: Other features' statements on the activity path (the targets' daily rollups also sum)
NOT_HABITS = ("rep_days", "rep_wins")


@contextlib.contextmanager
def habit_statements(rt):
    """Statements touching the habit tables (or summing the ledger for a badge) while inside."""
    seen: list[str] = []

    def record(conn, cursor, statement, *_):
        if any(t in statement for t in HABIT_TABLES) and not any(t in statement for t in NOT_HABITS):
            seen.append(statement)

    event.listen(rt.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(rt.engine.sync_engine, "before_cursor_execute", record)


async def test_an_activity_no_habit_rule_cares_about_sends_no_habit_sql(hclient, hrt):
    # meeting_held has no starter mission nor badge; it does not qualify and the combo is off
    admin = await habit_org(hclient, qualifying_types=["call"], combo_from=0)
    rep = await admin.user()
    await rep.log("meeting_held")
    with habit_statements(hrt) as seen:
        out = await rep.log("meeting_held")
    assert seen == [] and out["unlocked"] == {}


async def test_a_warm_activity_costs_one_habit_statement_on_postgresql(hclient, hrt):
    admin = await habit_org(hclient)
    await only_templates(admin, ("e", "email", 9, 1), ("c", "call", 9, 1), ("m", "meeting_booked", 9, 1))
    rep = await admin.user()
    await rep.log("email")  # the day's first: creates the missions, starts the streak
    with habit_statements(hrt) as seen:
        out = await rep.log("email")  # counts for the streak day, the combo check and a mission
    assert "streak" not in out["unlocked"]
    if hrt.engine.dialect.name == "postgresql":
        assert len(seen) == 1, seen
    else:  # the same steps as separate statements: day counter, missions, streak snapshot
        assert len(seen) == 3, seen
    missions = (await rep.ok("get", "/me/missions"))["missions"]
    assert next(m["progress"] for m in missions if m["type"] == "email") == 2


async def test_missions_completed_badge_counts_the_mission_just_done(hclient):
    admin = await habit_org(hclient)
    await only_templates(admin, ("c", "call", 1, 1), ("e", "email", 1, 1), ("m", "meeting_booked", 1, 1))
    await admin.ok("post", "/badges", {"key": "m2_day", "name": "2 missions today", "rule": "missions_completed",
                                        "params": {"threshold": 2, "window": "day"}, "points": 3,
                                        "repeatable": True}, status=201)
    rep = await admin.user()
    first = await rep.log("call")
    assert [b["key"] for b in first["unlocked"].get("badges_earned", [])] == ["first_call"]
    second = await rep.log("email")
    assert [b["key"] for b in second["unlocked"]["badges_earned"]] == ["m2_day"]
    third = await rep.log("meeting_booked")
    assert "badges_earned" not in third["unlocked"]  # once per day
    assert third["unlocked"]["missions_completed"][-1]["all_done"] is True


async def test_concurrent_misses_read_the_habit_settings_once(hclient, hrt):
    import asyncio

    from server.habits import context as habit_context

    admin = await habit_org(hclient)
    reps = [await admin.user() for _ in range(3)]
    habit_context.forget(hrt, admin.org_id)
    seen: list[str] = []

    def record(conn, cursor, statement, *_):
        if "habit_settings" in statement:
            seen.append(statement)

    event.listen(hrt.engine.sync_engine, "before_cursor_execute", record)
    try:
        async def one() -> habit_context.OrgHabits:
            async with hrt.engine.connect() as conn:
                return await habit_context.load(hrt, conn, admin.org_id,
                                                need_users={r.user_id for r in reps})
        got = await asyncio.gather(*(one() for _ in range(5)))
    finally:
        event.remove(hrt.engine.sync_engine, "before_cursor_execute", record)
    assert len(seen) == 1, seen  # one read for five callers
    assert all(g is got[0] for g in got) and {r.user_id for r in reps} <= set(got[0].users)
