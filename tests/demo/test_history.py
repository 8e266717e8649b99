"""`seed-history`: weeks of realistic history through the real activity path, whose insights show
a believable team with a few flagged reps."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import msgspec
from sqlalchemy import func, select

from server.core.db import table_of
from server.demo import history
from server.insights import store
from server.ledger.models import LedgerEntry
from server.targets import rollups
from server.targets import service as targets

END = datetime(2027, 3, 10, 23, 0, tzinfo=UTC)  # Wednesday evening in New York


async def test_seed_history_logs_believable_weeks_and_flags_the_drifting_reps(rt, settings):
    org_id, admin, ids = await history.create_org(rt, 16, 8, rng=random.Random(3))
    report = await history.seed_history(msgspec.structs.replace(settings, habits_enabled=True), admin, ids,
                                        weeks=6, end=END, seed=3)
    assert (report.org_id, report.reps, report.days) == (org_id, 16, 42)
    L = table_of(LedgerEntry)
    async with rt.engine.connect() as conn:
        entries = await conn.scalar(select(func.count()).select_from(L).where(L.c.org_id == org_id,
                                                                               L.c.kind == "activity"))
    assert report.activities == entries > 16 * 25  # calls, emails and the rest on most working days
    assert await rollups.rebuild(rt, org_id) == 0  # the activity path kept the rollups exact

    today = END.date()
    fates = {p.user_id: p.fate for p in history.profiles(random.Random(3), ids, today - timedelta(weeks=6), today)}
    async with rt.engine.connect() as conn:
        found = await store.alerts(conn, org_id, user_ids=None, status=None, before_id=None, limit=500)
    reasons: dict[int, set[str]] = {}
    for a in found:
        reasons.setdefault(a.user_id, set()).add(a.reason)
    drifting = [u for u, f in fates.items() if f == "drifting"]
    assert drifting and all(reasons.get(u, set()) & {"low_activity", "inactive"} for u in drifting)
    assert "inactive" in reasons[next(u for u, f in fates.items() if f == "silent")]
    assert "streak_broken" in reasons[next(u for u, f in fates.items() if f == "breaking")]
    assert 3 <= len(reasons) <= 8  # a few flagged reps, not the whole team

    s = await targets.span(rt, org_id, "month", today)
    assert s.id == "2027-03"
    held = await targets.in_force(rt, org_id, "points", s, ids)
    assert len(held) == 16  # this month's targets, from the suggestions
