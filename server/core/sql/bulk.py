"""Multi-row inserts on PostgreSQL as one statement over one JSON document of the rows.

SQLAlchemy's multi-VALUES insert binds every cell as a parameter of its own: 500 activities are
5,500 parameters, each converted in Python, in a statement whose text changes with the number of
rows, so asyncpg prepares it again for every new size (group commit makes every size common).
Here the rows travel as one JSON array, encoded by msgspec in C, and PostgreSQL turns it back into
rows of the table's own type (`json_populate_recordset`): the text depends only on the table, its
columns and the clauses, so it is prepared once per connection. (Until session 5 each column went
as a typed array; asyncpg's array encoder made ~4 abstract-base-class checks per cell, 6-9 us of
client CPU per ledger row against 1.8 us now, with the same server time.)

Rows are dicts holding every column the first row names, with plain values: aware datetimes,
dates, JSON columns as Python values. The row order is kept: the rows go in `WITH ORDINALITY`
order, so a serial primary key grows with it.
"""

from __future__ import annotations

from collections import namedtuple
from functools import lru_cache
from typing import Any

import msgspec
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncConnection

from server.core.sql import pg

_encode = msgspec.json.Encoder().encode


@lru_cache(maxsize=64)
def _statement(table: Table, columns: tuple[str, ...], tail: str, returning: str) -> str:
    names = ", ".join(columns)
    return (f"INSERT INTO {table.name} ({names}) SELECT {', '.join('u.' + c for c in columns)} "
            f"FROM json_populate_recordset(NULL::{table.name}, $1::JSON) WITH ORDINALITY AS u ORDER BY u.ordinality"
            f"{' ' + tail if tail else ''}{' RETURNING ' + returning if returning else ''}")


async def insert(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]], *, tail: str = "",
                 returning: str = "", around: str = "") -> list[tuple[Any, ...]]:
    """Insert `rows` into `table` in one statement; `tail` is e.g. an ON CONFLICT clause and
    `returning` a column list. Returns the RETURNING rows (named tuples). `around` puts the insert
    into a larger statement in place of `{insert}` (e.g. a CTE whose final SELECT returns the
    `returning` columns), so rows derived from the inserted ones cost no extra round trip."""
    sql = _statement(table, tuple(rows[0]), tail, returning)
    if around:
        sql = around.replace("{insert}", sql)
    found = await pg.run(conn, sql, (_encode(rows).decode(),))
    if not returning:
        return []
    row = _row_type(returning)
    return [row(*r) for r in found]


@lru_cache(maxsize=64)
def _row_type(returning: str) -> type[tuple[Any, ...]]:
    """Rows as SQLAlchemy's are read: by position, unpacking or column name."""
    return namedtuple("Returned", [c.strip() for c in returning.split(",")])
