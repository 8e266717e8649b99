"""The habit loop's worker jobs, notices, realtime frames and Redis independence."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from server.accounts.directory import org_info
from server.board.channels import channel_bus
from server.core import events
from server.features import registry
from server.habits import jobs as habit_jobs
from server.habits import loop as habits
from server.habits import store as repo
from server.habits.models import Mission, StreakState
from server.ledger import sync as board_sync
from tests.habits.support import habit_org
from tests.support.api import ago, balance, iso, score_of


@pytest.fixture
def notices():
    """Installs a notice sink for the test (the notifications feature owns the real one)."""
    seen: list[events.Notice] = []

    async def sink(rt, conn, org_id, batch):
        seen.extend(batch)

    registry().notice_sinks.append(sink)
    yield seen
    registry().notice_sinks.remove(sink)


async def frames(rt, org_id: int, user_id: int) -> list[dict]:
    return [json.loads(f)["data"] for f in await channel_bus(rt).recent(org_id, f"user:{user_id}", 100)]


async def test_notices_and_realtime_frames_for_missions_badges_and_streaks(hclient, hrt, notices):
    admin = await habit_org(hclient, all_done_bonus=10)
    for t in (await admin.ok("get", "/mission-templates"))["items"]:
        await admin.delete(f"/mission-templates/{t['id']}")
    for key, type_ in (("a", "call"), ("b", "email"), ("c", "meeting_held")):
        await admin.ok("post", "/mission-templates", {"key": key, "label": key, "type": type_, "min_target": 1,
                                                       "max_target": 1, "pinned": True}, status=201)
    rep = await admin.user()
    for type_ in ("call", "email", "meeting_held"):
        await rep.log(type_)
    mine = [n for n in notices if n.user_id == rep.user_id]
    assert sorted(n.kind for n in mine) == ["badge_earned", "mission_done", "mission_done", "mission_done",
                                            "missions_all_done"]
    assert all(n.dedupe_key for n in mine)
    kinds = [(f["kind"], f.get("event")) for f in await frames(hrt, admin.org_id, rep.user_id)]
    assert ("streak", "extended") in kinds and ("badge", None) in kinds
    assert kinds.count(("mission", "completed")) == 3 and ("mission", "all_done") in kinds


async def test_at_risk_is_sent_once_per_day_late_in_the_reps_day(hclient, hrt, notices):
    admin = await habit_org(hclient, at_risk_hour=0)
    rep = await admin.user()
    done_today = await admin.user()
    await rep.log("meeting_held", occurred_at=iso(ago(days=1)))
    await done_today.log("meeting_held", occurred_at=iso(ago(days=1)))
    await done_today.log("meeting_held")
    assert (await rep.ok("get", "/me/streak"))["at_risk"] is True
    await habit_jobs.warn_at_risk(hrt)
    await habit_jobs.warn_at_risk(hrt)  # a second worker, or a restart: nothing new
    risk = [n for n in notices if n.kind == "streak_at_risk" and n.user_id in (rep.user_id, done_today.user_id)]
    assert [(n.user_id, n.data["current"]) for n in risk] == [(rep.user_id, 1)]
    assert ("streak", "at_risk") in [(f["kind"], f.get("event")) for f in await frames(hrt, admin.org_id, rep.user_id)]


async def test_day_close_stores_broken_streaks_and_recomputes_idempotently(hclient, hrt):
    admin = await habit_org(hclient, grace_hours=0)
    rep = await admin.user()
    await rep.log("meeting_held", occurred_at=iso(ago(days=1)))
    await rep.log("meeting_held")

    async def stored() -> tuple[int, int]:
        async with hrt.engine.connect() as conn:
            row = (await conn.execute(select(StreakState).where(StreakState.user_id == rep.user_id))).one()
        return row.current, row.best

    assert await stored() == (2, 2)
    await habit_jobs.close_days(hrt, now=ago(days=-2))  # two days on, tomorrow closed without activity
    assert await stored() == (0, 2)
    await habit_jobs.close_days(hrt)  # back to the real now: the same history gives the same streak
    assert await stored() == (2, 2)


async def test_worker_restart_mid_run_creates_the_missions_once(hclient, hrt):
    admin = await habit_org(hclient)
    rep = await admin.user()
    org = await org_info(hrt, admin.org_id)
    day = ago(seconds=0).astimezone(org.tz).date()
    # A run that dies after claiming the day rolls back with it ...
    with pytest.raises(RuntimeError):
        async with hrt.engine.begin() as conn:
            assert await repo.claim_mission_day(conn, admin.org_id, rep.user_id, day, ago(seconds=0), 0)
            raise RuntimeError("worker killed")
    habits.ensured(hrt).clear()  # a new process remembers nothing
    await habit_jobs.create_due_missions(hrt)
    habits.ensured(hrt).clear()
    await habit_jobs.create_due_missions(hrt)
    async with hrt.engine.connect() as conn:
        rows = (await conn.execute(select(Mission).where(Mission.user_id == rep.user_id))).all()
    assert len(rows) == 3 and {r.day for r in rows} == {day}
    assert len((await rep.ok("get", "/me/missions"))["missions"]) == 3


async def test_redis_flush_and_rebuild_leave_habits_and_bonus_points_intact(hclient, hrt):
    admin = await habit_org(hclient, combo_from=2, combo_pct=50)
    rep = await admin.user()
    await rep.log("meeting_held", occurred_at=iso(ago(days=1)))
    await rep.log("call", quantity=3)
    await rep.log("meeting_held")
    before = (await rep.ok("get", "/me/streak"), await rep.ok("get", "/me/missions"),
              await rep.ok("get", "/me/badges"))
    total = await balance(rep)
    assert total > 15 + 6 + 15  # bonuses were paid
    await hrt.redis.flushdb()
    await board_sync.rebuild_org(hrt, admin.org_id)
    after = (await rep.ok("get", "/me/streak"), await rep.ok("get", "/me/missions"),
             await rep.ok("get", "/me/badges"))
    assert after == before
    assert await score_of(rep, rep.user_id, window="all") == total


async def test_demo_seed_adds_habit_data(hrt, demo_org):
    from server.habits.models import BadgeAward, MissionTemplate

    org_id, _ = demo_org
    async with hrt.engine.connect() as conn:
        awards = (await conn.execute(select(BadgeAward).where(BadgeAward.org_id == org_id))).all()
        pinned = (await conn.execute(select(MissionTemplate).where(MissionTemplate.org_id == org_id,
                                                                   MissionTemplate.pinned.is_(True)))).all()
    assert len(awards) == 1 and awards[0].message.startswith("Welcome")
    assert [t.key for t in pinned] == ["demo_meetings"] and pinned[0].team_id is not None
