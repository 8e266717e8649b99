"""The `reprally` command as an operator runs it: a separate process configured by
DATABASE_URL and REDIS_URL."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from server.board import keys
from server.cli import ROOT
from server.core.db import create_engine
from tests.support.boards import add_rep, board_snapshot, fresh_org, private_stack, scratch_database

RUN = "import sys; from server.cli import main; main(sys.argv[1:])"


async def reprally(*args: str, database_url: str, redis_url: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory(prefix="rr-cli-") as var:
        env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url, "REPRALLY_VAR_DIR": var,
               "JWT_SECRET": "cli-test-" + "x" * 32, "LOG_LEVEL": "warning"}
        proc = await asyncio.create_subprocess_exec(sys.executable, "-c", RUN, *args, env=env, cwd=var,
                                                    stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode, out.decode(), err.decode()


@pytest.fixture(scope="module")
async def private(database_url):
    async with private_stack(database_url) as stack:
        yield stack


async def test_rebuild_restores_an_orgs_boards_from_the_ledger(private):
    admin = await fresh_org(private.client)
    ann, bob = await add_rep(admin), await add_rep(admin)
    await admin.log("call", quantity=3, user_id=ann)
    await admin.log("deal_won", value=999.5, user_id=bob)
    undone = await admin.log("meeting_booked", user_id=ann)
    await admin.ok("post", f"/activities/{undone['id']}/reverse", status=201)
    other = await fresh_org(private.client)
    await other.log("call", user_id=await add_rep(other))
    redis = private.rt.redis
    before = await board_snapshot(redis, admin.org_id)
    assert len(before) == 15  # points, call and deal_won in five windows
    await redis.flushdb()

    code, out, err = await reprally("rebuild", "--org", str(admin.org_id), database_url=private.database_url,
                                    redis_url=private.rt.settings.redis_url)
    assert code == 0, err
    epoch = (await redis.hget(keys.meta(admin.org_id), "epoch")).decode()
    line, summary = out.splitlines()
    assert line == f"org {admin.org_id}: 4 ledger entries -> 15 boards (epoch {epoch})"
    assert summary.startswith("rebuild: 1 org, 4 ledger entries, 15 boards in ")
    assert await board_snapshot(redis, admin.org_id) == before
    # Only the org asked for was rebuilt.
    assert await redis.exists(keys.meta(other.org_id)) == 0
    assert await board_snapshot(redis, other.org_id) == {}
    board = await admin.board("points", window="all")
    assert [(e["user_id"], e["score"]) for e in board["entries"]] == [(bob, 60), (ann, 6)]


async def test_migrate_brings_an_empty_database_to_the_latest_schema(database_url):
    async with scratch_database(database_url, migrated=False) as url:
        for _ in range(2):  # a second run is a no-op
            code, out, err = await reprally("migrate", database_url=url, redis_url="unix:///nonexistent")
            assert code == 0, err
            assert out == "database is at the latest schema\n"
        engine = create_engine(url)
        try:
            async with engine.connect() as conn:
                version = await conn.scalar(text("SELECT version_num FROM alembic_version"))
                assert await conn.scalar(text("SELECT count(*) FROM ledger_entries")) == 0
        finally:
            await engine.dispose()
        assert version == ScriptDirectory(str(ROOT / "migrations")).get_current_head()
