"""Migration 0013 on existing data: the regions users were given as copies of their team's
become "follow the team" (NULL), a region that differs stays set on the user; starter mission
labels get their agreeing nouns, labels an admin rewrote stay. The downgrade undoes both."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import make_url

from server.core.db import create_engine
from tests.core.test_migrations import _NOW, _alembic, _config, _execute
from tests.support.boards import scratch_database


async def _pairs(url: str, sql: str) -> dict:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return dict((await conn.execute(text(sql))).all())
    finally:
        await engine.dispose()


async def _regions(url: str) -> dict[int, str | None]:
    return await _pairs(url, "SELECT id, region FROM users ORDER BY id")


async def _labels(url: str) -> dict[str, str]:
    return await _pairs(url, "SELECT key, label FROM mission_templates ORDER BY id")


async def test_copied_team_regions_follow_the_team_and_starter_labels_agree(database_url):
    base = database_url if make_url(database_url).get_backend_name() == "postgresql" else "sqlite:///unused.db"
    async with scratch_database(base, migrated=False) as url:
        cfg = _config(url)
        await _alembic(command.upgrade, cfg, "0009")
        await _execute(url, f"INSERT INTO orgs (id, name, slug, timezone, week_start, created_at) "
                            f"VALUES (1, 'O', 'o', 'UTC', 0, {_NOW})")
        await _execute(url, f"INSERT INTO teams (id, org_id, name, region, created_at) VALUES "
                            f"(1, 1, 'East team', 'East', {_NOW}), (2, 1, 'No region', NULL, {_NOW})")
        users = [(1, 1, "'East'"), (2, 1, "'West'"), (3, 2, "'South'"), (4, "NULL", "'North'"), (5, 1, "NULL")]
        for uid, team, region in users:
            await _execute(url, "INSERT INTO users (id, org_id, email, password_hash, display_name, role, team_id, "
                                f"region, active, created_at) VALUES ({uid}, 1, 'u{uid}@x.io', 'h', 'U', 'rep', {team}, "
                                f"{region}, true, {_NOW})")
        for tid, key, label in ((1, "opportunities", "Create {target} opportunities"),
                                (2, "calls", "Phone {target} customers"), (3, "mine", "Log {target} calls")):
            await _execute(url, "INSERT INTO mission_templates (id, org_id, key, label, type_key, metric, min_target, "
                                "max_target, bonus_points, nudge_pct, pinned, active, created_at) VALUES "
                                f"({tid}, 1, '{key}', '{label}', 'call', 'count', 1, 5, 1, 0, false, true, {_NOW})")
        await _alembic(command.upgrade, cfg, "0013")
        assert await _regions(url) == {1: None, 2: "West", 3: "South", 4: "North", 5: None}
        assert await _labels(url) == {"opportunities": "Create {target} {opportunity|opportunities}",
                                      "calls": "Phone {target} customers", "mine": "Log {target} calls"}
        await _alembic(command.downgrade, cfg, "0009")
        assert await _regions(url) == {1: "East", 2: "West", 3: "South", 4: "North", 5: "East"}
        assert (await _labels(url))["opportunities"] == "Create {target} opportunities"
