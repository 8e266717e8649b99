"""Multi-row inserts on PostgreSQL as one statement over column arrays (`unnest`).

SQLAlchemy's multi-VALUES insert binds every cell as a parameter of its own: 500 activities are
5,500 parameters, each converted in Python, in a statement whose text changes with the number of
rows, so asyncpg prepares it again for every new size (group commit makes every size common).
Here each column travels as one array: the text depends only on the table, its columns and the
clauses, so it is prepared once per connection, and asyncpg encodes the arrays in C.

Rows are dicts holding every column the first row names, with plain values: aware datetimes,
JSON columns as Python values (serialized here, like SQLAlchemy's JSON type does). The row
order is kept: the rows go in `WITH ORDINALITY` order, so a serial primary key grows with it.
"""

from __future__ import annotations

import json
from collections import namedtuple
from functools import lru_cache

from sqlalchemy import JSON, Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection

from server.storage import pg

_PG = postgresql.dialect()


@lru_cache(maxsize=64)
def _statement(table: Table, columns: tuple[str, ...], tail: str, returning: str) -> tuple[str, tuple[bool, ...]]:
    """The statement text and which columns are JSON (sent as text, cast in SQL)."""
    arrays, select, is_json = [], [], []
    for i, name in enumerate(columns):
        col_type = table.c[name].type
        impl = getattr(col_type, "impl", col_type)  # TypeDecorator -> its column type
        j = isinstance(impl, JSON)
        is_json.append(j)
        sql_type = "TEXT" if j else impl.compile(dialect=_PG)
        arrays.append(f"${i + 1}::{sql_type}[]")
        select.append(f"c{i}::JSON" if j else f"c{i}")
    aliases = ", ".join(f"c{i}" for i in range(len(columns)))
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT {', '.join(select)} "
           f"FROM unnest({', '.join(arrays)}) WITH ORDINALITY AS u({aliases}, ord) ORDER BY ord"
           f"{' ' + tail if tail else ''}{' RETURNING ' + returning if returning else ''}")
    return sql, tuple(is_json)


async def insert(conn: AsyncConnection, table: Table, rows: list[dict], *, tail: str = "",
                 returning: str = "", around: str = "") -> list[tuple]:
    """Insert `rows` into `table` in one statement; `tail` is e.g. an ON CONFLICT clause and
    `returning` a column list. Returns the RETURNING rows (named tuples). `around` puts the insert
    into a larger statement in place of `{insert}` (e.g. a CTE whose final SELECT returns the
    `returning` columns), so rows derived from the inserted ones cost no extra round trip."""
    columns = tuple(rows[0])
    sql, is_json = _statement(table, columns, tail, returning)
    if around:
        sql = around.replace("{insert}", sql)
    params = tuple([json.dumps(r[c]) for r in rows] if j else [r[c] for r in rows]
                   for c, j in zip(columns, is_json, strict=True))
    rows = await pg.run(conn, sql, params)
    if not returning:
        return []
    row = _row_type(returning)
    return [row(*r) for r in rows]


@lru_cache(maxsize=64)
def _row_type(returning: str) -> type:
    """Rows as SQLAlchemy's are read: by position, unpacking or column name."""
    return namedtuple("Returned", [c.strip() for c in returning.split(",")])
