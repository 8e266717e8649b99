"""Where a simulation runs: the configured database and Redis (DATABASE_URL / REDIS_URL), or,
by default, a fresh SQLite file and the bundled redis-server in a temporary directory, so a run
never touches the product's own data."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import msgspec

from server.core.embedded import EmbeddedRedis
from server.core.settings import Settings, load_settings


@contextmanager
def backends(migrate: Callable[[str], None]) -> Iterator[Settings]:
    """Settings for a simulation run, migrated with `migrate` (the CLI's), with the embedded
    backends started if needed."""
    base = load_settings()
    tmp = Path(tempfile.mkdtemp(prefix="reprally-sim-"))
    embedded: EmbeddedRedis | None = None
    db = os.environ.get("DATABASE_URL") or f"sqlite+aiosqlite:///{tmp / 'sim.db'}"
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        embedded = EmbeddedRedis(tmp / "redis")
        redis_url = embedded.start()
    try:
        settings = msgspec.structs.replace(
            base,
            database_url=db,
            redis_url=redis_url,
            habits_enabled=True,
            password_time_cost=1,
            board_sync_after_s=0.0,
        )
        migrate(db)
        yield settings
    finally:
        if embedded:
            embedded.stop()
