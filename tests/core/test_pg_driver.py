"""Hot statements sent through asyncpg directly (`storage.pg`, `storage.bulk`) behave like
SQLAlchemy's: same transaction, statement listeners fire, errors come out as SQLAlchemy's."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from server.core.sql import pg


@pytest.fixture
def on_postgresql(rt):
    if rt.engine.dialect.name != "postgresql":
        pytest.skip("the driver path exists on PostgreSQL only")
    return rt


async def test_runs_in_the_transaction_and_is_seen_by_listeners(on_postgresql):
    rt = on_postgresql
    seen: list[str] = []

    def record(conn, cursor, statement, *_):
        seen.append(statement)

    event.listen(rt.engine.sync_engine, "before_cursor_execute", record)
    try:
        async with rt.engine.connect() as conn:
            async with conn.begin() as tx:
                await conn.execute(text("CREATE TEMP TABLE pg_probe (id int PRIMARY KEY) ON COMMIT DROP"))
                st = pg.statement("INSERT INTO pg_probe (id) VALUES (CAST(:id AS integer)) RETURNING id")
                assert [r["id"] for r in await pg.fetch(conn, st, {"id": 7})] == [7]
                # the same transaction: SQLAlchemy sees the row, and a rollback takes it back
                assert (await conn.execute(text("SELECT count(*) FROM pg_probe"))).scalar() == 1
                await tx.rollback()
    finally:
        event.remove(rt.engine.sync_engine, "before_cursor_execute", record)
    assert st.sql in seen


async def test_errors_surface_as_sqlalchemy_errors_with_the_sqlstate(on_postgresql):
    async with on_postgresql.engine.connect() as conn:
        async with conn.begin():
            await conn.execute(text("CREATE TEMP TABLE pg_probe2 (id int PRIMARY KEY) ON COMMIT DROP"))
            await pg.run(conn, "INSERT INTO pg_probe2 (id) VALUES ($1)", (1,))
            with pytest.raises(IntegrityError):
                await pg.run(conn, "INSERT INTO pg_probe2 (id) VALUES ($1)", (1,))
        async with conn.begin():
            with pytest.raises(DBAPIError) as caught:
                await pg.run(conn, "SELECT 1 / $1::integer", (0,))
            assert caught.value.orig.sqlstate == "22012"  # what retries look at (e.g. 40P01, a deadlock)


async def test_a_transaction_that_starts_with_a_driver_statement_rolls_back_whole(on_postgresql):
    """The driver statement opens the transaction itself (the adapter's lazy BEGIN): a rollback takes
    it back, and a statement through SQLAlchemy afterwards is in the same transaction."""
    rt = on_postgresql
    async with rt.engine.connect() as conn:
        await conn.execute(text("CREATE TEMP TABLE pg_probe3 (id int PRIMARY KEY)"))
        await conn.commit()
        async with conn.begin() as tx:
            await pg.run(conn, "INSERT INTO pg_probe3 (id) VALUES ($1)", (1,))
            await conn.execute(text("INSERT INTO pg_probe3 (id) VALUES (2)"))
            assert (await conn.execute(text("SELECT count(*) FROM pg_probe3"))).scalar() == 2
            await tx.rollback()
        assert (await conn.execute(text("SELECT count(*) FROM pg_probe3"))).scalar() == 0
        await conn.rollback()
