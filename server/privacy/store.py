"""SQL of privacy-respecting boards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from server.core.db import table_of
from server.privacy.models import BoardPrivacy, TvHidden

P = table_of(BoardPrivacy)
H = table_of(TvHidden)
#: Rows of chosen columns (SQLAlchemy 2.1 types a row by its columns).
AnyRows = Sequence[Row[*tuple[Any, ...]]]


def _insert(conn: AsyncConnection, table: Table) -> postgresql.Insert | sqlite.Insert:
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


async def modes(conn: AsyncConnection, org_id: int) -> AnyRows:
    return (await conn.execute(select(P.c.scope, P.c.scope_key, P.c.mode, P.c.n).where(P.c.org_id == org_id))).all()


async def hidden(conn: AsyncConnection, org_id: int) -> set[int]:
    return set((await conn.execute(select(H.c.user_id).where(H.c.org_id == org_id))).scalars())


async def mode_of(conn: AsyncConnection, org_id: int, scope: str, key: str) -> Row[Any, Any] | None:
    return (await conn.execute(select(P.c.mode, P.c.n).where(
        P.c.org_id == org_id, P.c.scope == scope, P.c.scope_key == key))).first()


async def put_mode(conn: AsyncConnection, org_id: int, scope: str, key: str, mode: str, n: int, by: int | None,
                   now: datetime) -> None:
    values = {"mode": mode, "n": n, "updated_by_user_id": by, "updated_at": now}
    stmt = _insert(conn, P).values(org_id=org_id, scope=scope, scope_key=key, **values)
    await conn.execute(stmt.on_conflict_do_update(index_elements=["org_id", "scope", "scope_key"], set_=values))


async def drop_mode(conn: AsyncConnection, org_id: int, scope: str, key: str) -> None:
    await conn.execute(delete(P).where(P.c.org_id == org_id, P.c.scope == scope, P.c.scope_key == key))


async def set_hidden(conn: AsyncConnection, org_id: int, user_id: int, hide: bool, now: datetime) -> None:
    if hide:
        await conn.execute(_insert(conn, H).values(org_id=org_id, user_id=user_id, created_at=now)
                           .on_conflict_do_nothing(index_elements=["org_id", "user_id"]))
    else:
        await conn.execute(delete(H).where(H.c.org_id == org_id, H.c.user_id == user_id))
