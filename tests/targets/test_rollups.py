"""The daily per-rep rollups: kept by the activity path (activities, capped units, reversals,
the habit loop's bonuses, kudos points), equal to a rebuild from the ledger, and to the boards."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select

from server.core.db import table_of
from server.habits import jobs as habit_jobs
from server.ledger.models import LedgerEntry
from server.targets import rollups
from server.targets import store as repo
from server.targets.models import RepDay, RepWin
from tests.targets.support import Clocked, log, org_with_type

L = table_of(LedgerEntry)


async def _rows(c: Clocked, org_id: int) -> list[tuple]:
    async with c.rt.engine.connect() as conn:
        return await repo.day_rows(conn, org_id)


async def _ledger_units(c: Clocked, org_id: int, user_id: int, type_id: int) -> int:
    """What the ledger entries say the rep's units of a type are (capped units, when they are)."""
    async with c.rt.engine.connect() as conn:
        q = select(func.sum(L.c.units)).where(L.c.org_id == org_id, L.c.user_id == user_id, L.c.type_id == type_id)
        return int((await conn.execute(q)).scalar_one() or 0)


async def test_rollups_follow_the_ledger_and_equal_a_rebuild_and_the_boards(clocked_habits: Clocked):
    c = clocked_habits
    admin, capped = await org_with_type(c, "America/New_York", points=5, daily_cap=3)
    await admin.ok("patch", "/streak-settings", {"missions_per_day": 5, "workdays": [0, 1, 2, 3, 4]})
    types = {t["key"]: t["id"] for t in (await admin.ok("get", "/activity-types"))["items"]}
    rep, giver = await admin.user(), await admin.user()
    at = c.at(2027, 1, 27, 19)  # Wednesday, 14:00 in New York
    c.at(2027, 1, 27, 19, 5)
    await log(admin, capped, rep.user_id, at, quantity=5)  # 3 units earn 15 points, 2 are over the cap
    await log(admin, capped, rep.user_id, at, quantity=1)  # over the cap: 0 points
    calls = await log(admin, "call", rep.user_id, at, quantity=5)  # 10 points; completes the calls mission
    assert [m["label"] for m in calls["unlocked"]["missions_completed"]] == ["Log 5 calls"]
    deal = await log(admin, "deal_won", rep.user_id, at, value=1000.6)  # 50 + 10 points, 1001 value units
    await admin.ok("post", f"/activities/{deal['id']}/reverse", status=201)
    late = c.at(2027, 1, 28, 4, 30)  # 23:30 on the 27th in New York
    c.at(2027, 1, 28, 4, 40)
    await log(admin, "call", giver.user_id, late, quantity=2)
    c.at(2027, 1, 28, 15)
    await giver.ok("post", "/kudos", {"to_user_id": rep.user_id, "message": "great week", "points": 7}, status=201)
    await habit_jobs.close_rank_periods(c.rt, now=c.rt.now())  # the 27th's close: its "top of the day"

    rows = await _rows(c, admin.org_id)
    by_key = {(r[0], r[1].isoformat(), r[2]): r[3:] for r in rows}
    day = "2027-01-27"
    # the habit loop's bonuses: the calls mission (10), the "first call" (5) and "first deal won" (25)
    # badges in the activity transactions, "top of the day" (20) at the day's close, dated its last instant
    bonuses = 10 + 5 + 25 + 20
    assert by_key[(rep.user_id, day, types[capped])] == (
        15, await _ledger_units(c, admin.org_id, rep.user_id, types[capped]), 0)
    assert by_key[(rep.user_id, day, types["call"])] == (10, 5, 0)
    assert by_key[(rep.user_id, day, types["deal_won"])] == (0, 0, 0)  # logged and reversed
    assert by_key[(rep.user_id, "2027-01-28", 0)] == (7, 0, 0)  # kudos points, on the New York day they came
    assert by_key[(rep.user_id, day, 0)] == (bonuses, 0, 0)
    assert by_key[(giver.user_id, day, types["call"])] == (4, 2, 0)  # 23:30 local: still the 27th
    assert by_key[(giver.user_id, day, 0)] == (5, 0, 0)  # their first call
    async with c.rt.engine.connect() as conn:
        wins = (await conn.execute(select(table_of(RepWin).c.user_id, table_of(RepWin).c.kind)
                                   .where(table_of(RepWin).c.org_id == admin.org_id)
                                   .order_by(table_of(RepWin).c.kind))).all()
    assert sorted(tuple(w) for w in wins) == sorted(
        [(rep.user_id, "badge_earned")] * 3 + [(giver.user_id, "badge_earned"), (rep.user_id, "kudos_received"),
                                               (rep.user_id, "mission_completed")])

    month = (await admin.board("points", window="month"))["entries"]
    points = {uid: sum(r[3] for r in rows if r[0] == uid) for uid in (rep.user_id, giver.user_id)}
    assert points == {e["user_id"]: e["score"] for e in month}
    assert await rollups.rebuild(c.rt, admin.org_id) == 0  # nothing to correct
    assert await _rows(c, admin.org_id) == [r for r in rows if r[3:] != (0, 0, 0)]  # a rebuild drops empty rows


async def test_a_rebuild_restores_rollups_that_drifted_from_the_ledger(clocked: Clocked):
    c = clocked
    admin, key = await org_with_type(c, "UTC", points=3)
    rep = await admin.user()
    for hour in (10, 11, 12):
        await log(admin, key, rep.user_id, c.at(2027, 1, 26, hour), quantity=hour - 9)
    c.at(2027, 1, 27, 12)
    await log(admin, key, rep.user_id, c.at(2027, 1, 27, 11), quantity=4)
    rows = await _rows(c, admin.org_id)
    type_id = next(t["id"] for t in (await admin.ok("get", "/activity-types"))["items"] if t["key"] == key)
    assert rows == [(rep.user_id, date(2027, 1, 26), type_id, 18, 6, 0), (rep.user_id, date(2027, 1, 27), type_id, 12, 4, 0)]
    D = table_of(RepDay)
    async with c.rt.engine.begin() as conn:
        await conn.execute(delete(D).where(D.c.org_id == admin.org_id, D.c.day == rows[0][1]))
        await conn.execute(D.update().where(D.c.org_id == admin.org_id).values(points=1, units=1))
        await conn.execute(D.insert().values(org_id=admin.org_id, user_id=rep.user_id, day=date(2027, 1, 2),
                                             type_id=0, points=99, units=0, value_units=0))
    assert await _rows(c, admin.org_id) != rows
    assert await rollups.rebuild(c.rt, admin.org_id) == 3
    assert await _rows(c, admin.org_id) == rows
