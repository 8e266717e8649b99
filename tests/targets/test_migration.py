"""Migration 0015 fills the rollups of existing orgs from their ledgers, per day in each org's zone."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import make_url

from server.core.db import create_engine
from tests.core.test_migrations import _NOW, _alembic, _config, _execute, _seed_one_of_each
from tests.support.boards import scratch_database


async def test_the_migration_fills_the_rollups_from_the_ledger(database_url):
    base = database_url if make_url(database_url).get_backend_name() == "postgresql" else "sqlite:///unused.db"
    async with scratch_database(base, migrated=False) as url:
        cfg = _config(url)
        await _alembic(command.upgrade, cfg, "0008")
        await _seed_one_of_each(url)  # entry 5: an activity of type 3 at 10:00 UTC on 1 December, 6 points
        await _alembic(command.upgrade, cfg, "0009")
        await _execute(url, "UPDATE orgs SET timezone = 'America/New_York'")
        for entry_id, kind, type_id, points, units, at in (
                (7, "activity", 3, 2, 1, "'2026-12-01 03:00:00+00'"),  # 22:00 on 30 November in New York
                (8, "mission_bonus", None, 10, 0, _NOW), (9, "redemption", None, -5, 0, _NOW),
                (10, "reversal", 3, -2, -1, "'2026-12-01 03:00:00+00'")):
            await _execute(url, "INSERT INTO ledger_entries (id, org_id, user_id, kind, type_id, points, units, "
                                f"value_units, occurred_at, created_at) VALUES ({entry_id}, 1, 2, '{kind}', "
                                f"{'NULL' if type_id is None else type_id}, {points}, {units}, 0, {at}, {_NOW})")
        await _alembic(command.upgrade, cfg, "0015")
        engine = create_engine(url)
        try:
            async with engine.connect() as conn:
                rows = (await conn.execute(text("SELECT org_id, user_id, day, type_id, points, units, value_units "
                                                "FROM rep_days ORDER BY day, type_id"))).all()
        finally:
            await engine.dispose()
        days = [(r[0], r[1], r[2] if isinstance(r[2], date) else date.fromisoformat(r[2]), *r[3:]) for r in rows]
        assert days == [(1, 2, date(2026, 11, 30), 3, 0, 0, 0), (1, 2, date(2026, 12, 1), 0, 10, 0, 0),
                        (1, 2, date(2026, 12, 1), 3, 6, 1, 0)]
