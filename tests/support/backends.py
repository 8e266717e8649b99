"""A database and a Redis db of a test's own, beside the suite's, for tests that visit every org
(the worker's jobs) or change the demo org (the admin's browser walk)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import redis.asyncio as redis
from sqlalchemy.engine import make_url

from server.cli import migrate
from server.core.settings import Settings


async def private_backends(settings: Settings, name: str, tmp: Path, redis_offset: int) -> tuple[str, str]:
    """(database URL, Redis URL): a new, migrated database `<suite's>_<name>` on PostgreSQL (a
    file in `tmp` on SQLite), and the Redis db `redis_offset` below the suite's, flushed."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "postgresql":
        database = f"{url.database}_{name}"
        server = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
        conn = await asyncpg.connect(server)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{database}"')
        finally:
            await conn.close()
        database_url = url.set(database=database).render_as_string(hide_password=False)
    else:
        database_url = f"sqlite+aiosqlite:///{tmp / f'{name}.db'}"
    await asyncio.to_thread(migrate, database_url)
    redis_url = _another_db(settings.redis_url, redis_offset)
    client = redis.from_url(redis_url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()
    return database_url, redis_url


def _another_db(url: str, offset: int) -> str:
    if url.startswith("unix://"):
        return f"{url.split('?')[0]}?db={offset}"
    base, _, db = url.rpartition("/")
    current = int(db) if db.isdigit() else 0
    return f"{base}/{(current - offset) % 16}"
