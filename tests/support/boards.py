"""Helpers for the leaderboard and Redis tests: reps, boards as plain data, ledger sums read
straight from SQL, raw Redis snapshots, and private stacks (their own redis-server and, when
asked, their own database) for tests that flush, stop or replace Redis."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections import defaultdict
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url

from server.app import create_app
from server.board import keys
from server.cli import migrate
from server.core.db import create_engine, normalise_url
from server.core.embedded import EmbeddedRedis
from server.core.runtime import Runtime
from server.features import make_runtime
from server.ledger import store as ledger_repo
from server.ledger.sync import sync_state
from tests.conftest import PASSWORD, Api, make_settings, new_org, unique
from tests.support.contract import client_of

WINDOWS = ("day", "week", "month", "quarter", "all")
TYPE_BOARDS = ("call", "email", "meeting_booked")


def iso(dt: datetime) -> str:
    """A UTC instant as the API writes it."""
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


async def away_from_midnight(tz_name: str = "UTC", margin_s: float = 30.0) -> None:
    """Wait out the last seconds of a local day, so a test's activities share one period."""
    now = datetime.now(ZoneInfo(tz_name))
    midnight = datetime.combine(now.date() + timedelta(days=1), dtime(), now.tzinfo)
    left = (midnight - now).total_seconds()
    if left < margin_s:
        await asyncio.sleep(left + 1.0)


async def fresh_org(client: httpx.AsyncClient, timezone: str = "UTC", **extra) -> Api:
    await away_from_midnight(timezone)
    return await new_org(client, timezone=timezone, **extra)


async def add_rep(admin: Api, display_name: str | None = None, **fields) -> int:
    """Create a rep (without logging them in) and return their id."""
    body = {"email": f"{unique('rep')}@example.com", "display_name": display_name or unique("Rep "),
            "password": PASSWORD, "role": "rep", **fields}
    return (await admin.ok("post", "/users", body, status=201))["id"]


async def batch(admin: Api, items: list[dict]) -> list[dict]:
    """Log several activities in one request (one `created_at`, so one tie-break second)."""
    out = await admin.ok("post", "/activities/batch", {"activities": items}, status=200)
    assert out["accepted"] == len(items), out
    return [r["activity"] for r in out["results"]]


def scores(board: dict) -> dict[int, int]:
    return {e["user_id"]: e["score"] for e in board["entries"]}


def ranked(board: dict) -> list[tuple[int, int, int]]:
    """(rank, user_id, score) per entry, in board order."""
    return [(e["rank"], e["user_id"], e["score"]) for e in board["entries"]]


async def all_boards(api: Api, metrics=("points", *TYPE_BOARDS), **params) -> dict[tuple[str, str], dict[int, int]]:
    """{(metric, window): {user_id: score}} of the current periods, read through the API."""
    out = {}
    for metric in metrics:
        for window in WINDOWS:
            board = await api.board(metric, window=window, limit=200, **params)
            assert board["total"] == len(board["entries"]), board
            out[(metric, window)] = scores(board)
    return out


LEDGER_SQL = text("""
    SELECT l.user_id, l.points, l.units, l.value_units, t.key, v.value_points
    FROM ledger_entries l
    LEFT JOIN activity_types t ON t.id = l.type_id
    LEFT JOIN activity_type_versions v ON v.id = l.rule_version_id
    WHERE l.org_id = :org
""")


async def ledger_sums(rt: Runtime, org_id: int) -> dict[str, dict[int, int]]:
    """{metric: {user_id: total}} from the SQL ledger (zero totals left out, as boards do)."""
    sums: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    async with rt.engine.connect() as conn:
        rows = (await conn.execute(LEDGER_SQL, {"org": org_id})).all()
    for user_id, points, units, value_units, key, value_points in rows:
        sums["points"][user_id] += points
        if key is not None:
            sums[key][user_id] += value_units if value_points is not None else units
    return {metric: {u: s for u, s in per.items() if s} for metric, per in sums.items()}


def expected_boards(sums: dict[str, dict[int, int]], metrics=("points", *TYPE_BOARDS)) -> dict:
    """What `all_boards` must read when every entry falls in the current periods."""
    return {(m, w): sums.get(m, {}) for m in metrics for w in WINDOWS}


async def pending_ids(rt: Runtime, org_id: int) -> list[int]:
    """Ids of the org's entries not yet confirmed on the boards (`board_pending`)."""
    async with rt.engine.connect() as conn:
        groups = await ledger_repo.pending_groups(conn, None, None, org_id)
    return sorted(e for g in groups for e in g.entry_ids)


async def board_snapshot(redis, org_id: int) -> dict[str, list[tuple[bytes, float]]]:
    """Every board key of an org with its raw ZRANGE WITHSCORES."""
    out = {}
    async for key in redis.scan_iter(match=keys.board_pattern(org_id), count=1000):
        out[key.decode()] = await redis.zrange(key, 0, -1, withscores=True)
    return out


# -- private stacks ---------------------------------------------------------------------------
@dataclass
class Stack:
    """A Runtime and an app on a redis-server of their own."""

    server: EmbeddedRedis
    rt: Runtime
    client: httpx.AsyncClient
    database_url: str

    async def stop_redis(self) -> None:
        await asyncio.to_thread(self.server.stop)

    async def start_redis(self) -> None:
        await asyncio.to_thread(self.server.start)

    async def rebuilt(self, org_id: int) -> None:
        """Wait for the rebuild the runtime scheduled for an org by itself."""
        task = sync_state(self.rt).rebuilds.get(org_id)
        assert task is not None, f"no rebuild was scheduled for org {org_id}"
        await task


@asynccontextmanager
async def app_client(rt: Runtime):
    app = create_app(rt=rt, background=False)
    app.state.rt = rt
    async with client_of(app) as client:
        yield client


@asynccontextmanager
async def private_stack(database_url: str, **settings):
    server = EmbeddedRedis(Path(tempfile.mkdtemp(prefix="rr-redis-")))
    url = await asyncio.to_thread(server.start)
    rt = make_runtime(make_settings(database_url, url, **settings))
    try:
        async with app_client(rt) as client:
            yield Stack(server, rt, client, database_url)
    finally:
        for task in sync_state(rt).rebuilds.values():
            await asyncio.gather(task, return_exceptions=True)
        await rt.close()
        await asyncio.to_thread(server.stop)
        shutil.rmtree(server.var_dir, ignore_errors=True)


@asynccontextmanager
async def scratch_database(base_url: str, *, migrated: bool = True):
    """A new empty database next to the test one (a SQLite file, or a PostgreSQL database
    made with CREATE DATABASE and dropped afterwards)."""
    url = make_url(normalise_url(base_url))
    name = folder = None
    if url.get_backend_name() == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="rr-db-"))
        scratch = f"sqlite+aiosqlite:///{folder / 'scratch.db'}"
    else:
        name = unique("rr_scratch_")
        await _postgres_admin(base_url, f'CREATE DATABASE "{name}"')
        scratch = url.set(database=name).render_as_string(hide_password=False)
    try:
        if migrated:
            await asyncio.to_thread(migrate, scratch)
        yield scratch
    finally:
        if name is not None:
            await _postgres_admin(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


async def _postgres_admin(url: str, sql: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text(sql))
    finally:
        await engine.dispose()
