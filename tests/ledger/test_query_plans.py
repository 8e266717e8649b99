"""The activity path's statements stay index probes on PostgreSQL whatever the planner's
statistics say. This machine's PostgreSQL (like a new org anywhere) plans from statistics taken
before the org had rows; a plan that reads all of an org's rows per call then grows with every
activity of the day."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text

from server.core.sql import pg
from server.ledger import store as ledger_repo
from tests.conftest import new_org


@pytest.fixture
def on_postgresql(rt):
    if rt.engine.dialect.name != "postgresql":
        pytest.skip("plans are PostgreSQL's")
    return rt


async def _buffers(conn, sql: str, args) -> int:
    """Shared buffers the statement touched (EXPLAIN ANALYZE, BUFFERS)."""
    (row,) = await pg.run(conn, f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", args)
    doc = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    plan = doc[0]["Plan"]
    return plan["Shared Hit Blocks"] + plan["Shared Read Blocks"]


_COUNTERS = ("INSERT INTO daily_usage (org_id, user_id, type_id, day, units) "
             "SELECT :org, 1000000 + g / 4, 900000 + g % 4, :day, 1 FROM generate_series(0, :n - 1) AS g")


async def test_reading_cap_counters_probes_each_key_even_with_statistics_from_before_the_org(on_postgresql, client,
                                                                                               org):
    rt, day = on_postgresql, date(2026, 3, 2)
    other = await new_org(client)
    async with rt.engine.begin() as conn:
        # Statistics that know other orgs' counters but not this org's (a new org, autovacuum not yet run) ...
        await conn.execute(text(_COUNTERS), {"org": other.org_id, "day": day, "n": 3000})
        await conn.execute(text("ANALYZE daily_usage"))
        # ... then a busy day: 4,000 counters of the org.
        await conn.execute(text(_COUNTERS), {"org": org.org_id, "day": day, "n": 4000})
    async with rt.engine.begin() as conn:
        keys = [(1000000 + n, 900000 + n % 4, day) for n in (5, 77, 901)] + [(42, 42, day)]
        assert await ledger_repo.read_usage(conn, org.org_id, keys) == {k: 1 for k in keys[:3]}
        users, type_ids, days = (list(c) for c in zip(*keys, strict=True))
        touched = await _buffers(conn, ledger_repo.READ_USAGE_SQL,
                                 (org.org_id, users, type_ids, days, ledger_repo.USAGE_LOCK))
    # four keys: a few index pages and a heap page each; the join it replaced read all 4,000 rows (~40+ pages)
    assert touched <= 24, touched
