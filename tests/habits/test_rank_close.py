"""Rank badges ("Top of the day") are decided once, at the close of their period (its end plus
the grace hours), on the period's final board; never by whoever leads at some moment of it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from server.core.periods import local_midnight
from server.habits import jobs as habit_jobs
from tests.conftest import Api
from tests.habits.support import habit_org
from tests.support.api import iso, org_zone, score_of


async def badges_of(api: Api) -> list[tuple[str, str, int]]:
    return [(b["key"], b["period_key"], b["points"]) for b in (await api.ok("get", "/me/badges"))["items"]]


async def day_close(admin: Api) -> tuple[str, datetime]:
    """Today's local date in the org and the instant its day closes (local midnight + 2 grace hours)."""
    zone = ZoneInfo(await org_zone(admin))
    today = datetime.now(zone).date()
    return today.isoformat(), local_midnight(today + timedelta(days=1), zone) + timedelta(hours=2)


async def test_top_of_the_day_goes_to_the_leader_of_the_final_board_at_the_day_close(rt, hclient, hrt):
    # (`rt` starts the session on an empty Redis: this test reads a board)
    admin = await habit_org(hclient, keep_rank_badge=True)
    early, late = await admin.user(display_name="Early"), await admin.user(display_name="Late")
    await early.log("meeting_held")  # leads the morning with 15
    await late.log("meeting_held", quantity=2)  # 30: the leader from here on
    assert (await badges_of(early), await badges_of(late)) == ([], [])  # the day is still open
    today, close = await day_close(admin)
    await habit_jobs.close_rank_periods(hrt, now=close - timedelta(minutes=1))  # late syncs may still come
    assert (await badges_of(early), await badges_of(late)) == ([], [])
    await habit_jobs.close_rank_periods(hrt, now=close)
    assert (await badges_of(early), await badges_of(late)) == ([], [("top_of_day", today, 20)])
    badge = next(b for b in (await admin.ok("get", "/badges"))["items"] if b["key"] == "top_of_day")
    bonus = [e for e in (await late.ok("get", "/me/ledger"))["entries"] if e["kind"] == "badge_bonus"]
    assert [(e["points"], e["cause"], e["occurred_at"]) for e in bonus] == [
        (20, {"kind": "badge", "id": badge["id"], "version": 1},
         iso(close - timedelta(hours=2, microseconds=1)))]  # the last instant of the day it was won
    assert await score_of(admin, late.user_id, window="day", period=today) == 30 + 20
    # Decided once: what reaches the closed day afterwards changes its board, not its badge.
    await early.log("meeting_held", quantity=4)
    await habit_jobs.close_rank_periods(hrt, now=close + timedelta(hours=1))
    assert (await badges_of(early), await badges_of(late)) == ([], [("top_of_day", today, 20)])


async def test_reps_level_at_the_top_share_the_rank_and_both_earn_it(hclient, hrt):
    admin = await habit_org(hclient, keep_rank_badge=True)
    top = next(b for b in (await admin.ok("get", "/badges"))["items"] if b["key"] == "top_of_day")
    await admin.ok("patch", f"/badges/{top['id']}", {"params": {"rank": 2, "window": "day"}})  # the top two
    first, second, third, fourth = [await admin.user() for _ in range(4)]
    await first.log("meeting_held", quantity=2)  # 30: rank 1
    await second.log("meeting_held")  # 15: rank 2
    await third.log("meeting_held")  # 15, later: still rank 2 (competition ranks)
    await fourth.log("email")  # 1: rank 4
    today, close = await day_close(admin)
    await habit_jobs.close_rank_periods(hrt, now=close)
    assert [len(await badges_of(r)) for r in (first, second, third, fourth)] == [1, 1, 1, 0]
