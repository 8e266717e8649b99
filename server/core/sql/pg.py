"""The driver's own call for the few statements each activity runs on PostgreSQL.

SQLAlchemy's `conn.execute(text(...))` costs about 85 µs of CPU per statement on top of
asyncpg's ~30 µs (compiled-cache lookup, bind processing, execution context, result
wrapping; `exec_driver_sql` still ~70 µs; measured in docs/performance-habits.md). For a
statement that every activity runs, that overhead is most of its cost, so the hot statements
(the habit step, the bulk inserts of `storage.bulk`, the cap counters) are sent through the
driver on the same connection and transaction as the rest of the unit of work. Everything else
stays on SQLAlchemy.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

import asyncpg
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncConnection

from server.core.db import without_values

# ":name", but not the second colon of a "::type" cast nor a colon inside a word or number.
_PARAM = re.compile(r"(?<![:\w]):(\w+)")


class _AsyncpgAdapter(Protocol):
    """What `run` uses of SQLAlchemy's asyncpg adapter (the pool's DBAPI connection on PostgreSQL;
    `AsyncAdapt_asyncpg_connection`, private and untyped)."""

    _transaction: object | None  # asyncpg's transaction, None until BEGIN is sent
    _execute_mutex: asyncio.Lock

    async def _start_transaction(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Statement:
    sql: str  # with $1, $2, ... placeholders
    names: tuple[str, ...]  # the parameter behind each placeholder


def statement(named_sql: str) -> Statement:
    """`named_sql` (":name" parameters, as SQLAlchemy's text() takes them) in asyncpg's form."""
    names: list[str] = []

    def number(m: re.Match[str]) -> str:
        if m.group(1) not in names:
            names.append(m.group(1))
        return f"${names.index(m.group(1)) + 1}"

    return Statement(_PARAM.sub(number, named_sql), tuple(names))


async def run(conn: AsyncConnection, sql: str, args: Sequence[Any]) -> list[asyncpg.Record]:
    """Run positional `sql` inside `conn`'s transaction and return its rows (asyncpg records: by name,
    position or unpacking). The engine's `before_cursor_execute` listeners still see the statement
    (statement counters, tracing), and errors surface as SQLAlchemy's, as `conn.execute` raises
    them: IntegrityError for a constraint violation, DBAPIError (with the driver's `sqlstate` on
    `.orig`, e.g. a deadlock) for the rest, so callers' retries work the same."""
    sync = conn.sync_connection
    assert sync is not None  # an AsyncConnection in use is started
    sync.dispatch.before_cursor_execute(sync, None, sql, args, None, False)
    fairy = await conn.get_raw_connection()
    adapter = cast(_AsyncpgAdapter, fairy.dbapi_connection)
    if getattr(adapter, "_transaction", True) is None:
        # The asyncpg adapter sends BEGIN lazily, with the transaction's first statement: send it
        # as the adapter does (a "SELECT 1" through SQLAlchemy cost a round trip more).
        async with adapter._execute_mutex:
            if adapter._transaction is None:
                await adapter._start_transaction()
    driver: asyncpg.Connection = fairy.driver_connection
    try:
        records: list[asyncpg.Record] = await driver.fetch(sql, *args)
        return records
    except asyncpg.IntegrityConstraintViolationError as exc:
        without_values(exc)
        raise sa_exc.IntegrityError(sql, args, exc, hide_parameters=True) from exc
    except asyncpg.PostgresError as exc:
        without_values(exc)
        raise sa_exc.DBAPIError(sql, args, exc, hide_parameters=True) from exc


async def fetch(conn: AsyncConnection, st: Statement, params: Mapping[str, Any]) -> list[asyncpg.Record]:
    """`run` a named-parameter statement with `params`."""
    return await run(conn, st.sql, [params[n] for n in st.names])
