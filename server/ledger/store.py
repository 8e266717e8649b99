"""Activities, daily cap counters and the points ledger: the hot path, as bulk Core statements.

Dialect-specific upserts (`ON CONFLICT`) exist in both PostgreSQL and SQLite >= 3.35;
the same statements serve both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, Table, delete, func, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from server.board.rules import WALLET_KINDS
from server.core.db import table_of
from server.core.sql import bulk, pg
from server.ledger.models import (
    Activity,
    ActivityType,
    ActivityTypeVersion,
    BoardPending,
    DailyUsage,
    LedgerEntry,
    SelfReport,
)

A = table_of(Activity)
U = table_of(DailyUsage)
L = table_of(LedgerEntry)
P = table_of(BoardPending)

#: A daily-cap counter's key: (user id, type id, day).
UsageKey = tuple[int, int, date]


def _params(rows: list[dict[str, Any]]) -> list[dict[str, Any]] | dict[str, Any]:
    """One row runs as a plain execute, several as one multi-VALUES statement."""
    return rows[0] if len(rows) == 1 else rows


def _insert(conn: AsyncConnection | AsyncSession, table: Table) -> postgresql.Insert | sqlite.Insert:
    """`insert(table)` of the connection's dialect (both have `ON CONFLICT`)."""
    if isinstance(conn, AsyncSession):
        assert conn.bind is not None
        name = conn.bind.dialect.name
    else:
        name = conn.dialect.name
    return (postgresql.insert if name == "postgresql" else sqlite.insert)(table)


def _on_postgresql(conn: AsyncConnection) -> bool:
    return conn.dialect.name == "postgresql"


async def insert_activities(conn: AsyncConnection, rows: list[dict[str, Any]]) -> list[int | None]:
    """Insert activities in order; returns each new id, or None where the external id existed."""
    ids: list[int | None] = [None] * len(rows)
    plain = [i for i, r in enumerate(rows) if r["external_id"] is None]
    keyed = [i for i, r in enumerate(rows) if r["external_id"] is not None]
    if _on_postgresql(conn):
        if plain:  # ids grow in row order (see `bulk`)
            new_ids = sorted(r[0] for r in await bulk.insert(conn, A, [rows[i] for i in plain], returning="id"))
            for i, new_id in zip(plain, new_ids, strict=True):
                ids[i] = new_id
        if keyed:
            by_ext = {ext: new_id for new_id, ext in await bulk.insert(
                conn, A, [rows[i] for i in keyed], tail="ON CONFLICT (org_id, external_id) DO NOTHING",
                returning="id, external_id")}
            for i in keyed:
                ids[i] = by_ext.get(rows[i]["external_id"])
        return ids
    if plain:
        returning = _insert(conn, A).returning(A.c.id, sort_by_parameter_order=True)
        result = await conn.execute(returning, _params([rows[i] for i in plain]))
        for i, (new_id,) in zip(plain, result.all(), strict=True):
            ids[i] = new_id
    if keyed:
        stmt = _insert(conn, A).on_conflict_do_nothing(index_elements=["org_id", "external_id"])
        keyed_result = await conn.execute(stmt.returning(A.c.id, A.c.external_id),
                                          _params([rows[i] for i in keyed]))
        by_ext = {ext: new_id for new_id, ext in keyed_result.all()}
        for i in keyed:
            ids[i] = by_ext.get(rows[i]["external_id"])
    return ids


async def existing_by_external_id(conn: AsyncConnection, org_id: int, external_ids: list[str]) -> dict[str, Row[Any]]:
    """Original activity and its ledger entry for each known external id."""
    q = (
        select(A, L.c.id.label("entry_id"), L.c.points.label("entry_points"))
        .join(L, (L.c.activity_id == A.c.id) & (L.c.kind == "activity"))
        .where(A.c.org_id == org_id, A.c.external_id.in_(external_ids))
    )
    return {row.external_id: row for row in (await conn.execute(q)).all()}


async def add_usage(conn: AsyncConnection, rows: list[dict[str, Any]]) -> dict[UsageKey, int]:
    """Add units to (org, user, type, day) counters; returns each counter's new value.

    Rows go in key order so concurrent batches lock counters in the same order (no deadlock);
    the counter's row lock then makes cap checks exact under concurrency.
    """
    rows = sorted(rows, key=lambda r: (r["user_id"], r["type_id"], r["day"]))
    if _on_postgresql(conn):
        returned = await bulk.insert(
            conn, U, rows, tail="ON CONFLICT (org_id, user_id, type_id, day) DO UPDATE SET units = "
                                "daily_usage.units + excluded.units",
            returning="user_id, type_id, day, units")
        return {(user_id, type_id, day): units for user_id, type_id, day, units in returned}
    ins = _insert(conn, U)
    stmt = ins.on_conflict_do_update(
        index_elements=["org_id", "user_id", "type_id", "day"],
        set_={"units": U.c.units + ins.excluded.units},
    ).returning(U.c.user_id, U.c.type_id, U.c.day, U.c.units)
    result = await conn.execute(stmt, _params(rows))  # distinct counters; RETURNING carries the key
    return {(user_id, type_id, day): units for user_id, type_id, day, units in result.all()}


#: Advisory lock class of an org's daily-cap counters (with the org id as the second key).
USAGE_LOCK = 0x5255


#: `read_usage` on PostgreSQL. LATERAL ... LIMIT 1 cannot be pulled up into a join, so each counter
#: is one primary-key probe whatever the statistics say: a plain join, planned from a new org's
#: empty statistics, read every counter of the org on every call (2-4 ms a call after a few
#: thousand activities). A key without a counter yields no row.
READ_USAGE_SQL = (
    "SELECT k.user_id, k.type_id, k.day, u.units "
    "FROM (SELECT pg_advisory_xact_lock_shared($5, $1::INTEGER)) AS l "
    "CROSS JOIN unnest($2::BIGINT[], $3::BIGINT[], $4::DATE[]) AS k(user_id, type_id, day) "
    "CROSS JOIN LATERAL (SELECT u.units FROM daily_usage u WHERE u.org_id = $1 AND u.user_id = k.user_id "
    "AND u.type_id = k.type_id AND u.day = k.day LIMIT 1) AS u")


async def read_usage(conn: AsyncConnection, org_id: int, keys: list[UsageKey]) -> dict[UsageKey, int]:
    """Units of (user, type, day) counters as committed (no row lock); missing counters are absent.

    On PostgreSQL the same statement takes the org's usage advisory lock in shared mode, until
    the transaction ends: a transaction that must lock counters before its hooks (`lock_usage`)
    then waits for the readers and runs alone, instead of deadlocking with them."""
    if _on_postgresql(conn):
        users, type_ids, days = (list(col) for col in zip(*keys, strict=True))
        rows: Sequence[Sequence[Any]] = await pg.run(conn, READ_USAGE_SQL,
                                                     (org_id, users, type_ids, days, USAGE_LOCK))
    else:
        rows = (await conn.execute(select(U.c.user_id, U.c.type_id, U.c.day, U.c.units).where(
            U.c.org_id == org_id, tuple_(U.c.user_id, U.c.type_id, U.c.day).in_(keys)))).all()
    return {(user_id, type_id, day): units for user_id, type_id, day, units in rows if units is not None}


async def lock_usage(conn: AsyncConnection, org_id: int) -> None:
    """The org's usage advisory lock, exclusive, until the transaction ends (PostgreSQL; SQLite
    serialises write transactions anyway): no `read_usage` transaction of the org is in flight."""
    if _on_postgresql(conn):
        await pg.run(conn, "SELECT pg_advisory_xact_lock($1, $2::INTEGER)", (USAGE_LOCK, org_id))


async def release_usage(conn: AsyncConnection, org_id: int, user_id: int, type_id: int, day: date, units: int) -> None:
    await conn.execute(
        update(U).where(U.c.org_id == org_id, U.c.user_id == user_id, U.c.type_id == type_id, U.c.day == day)
        .values(units=U.c.units - units)
    )


_WALLET = ", ".join(f"'{k}'" for k in sorted(WALLET_KINDS))
#: The ledger insert and its `board_pending` row in one statement (one round trip).
_WITH_PENDING = (
    "WITH e AS ({insert}), "
    "p AS (INSERT INTO board_pending (first_entry_id, org_id, entry_ids, created_at) "
    "SELECT min(id), org_id, array_agg(id ORDER BY id), max(created_at) FROM e "
    f"WHERE kind NOT IN ({_WALLET}) GROUP BY org_id) "
    "SELECT id, org_id, kind, created_at FROM e")


async def insert_entries(conn: AsyncConnection, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ledger rows (dicts with every column but id); returns their ids in row order.

    In the same transaction the entries that move boards (all but wallet kinds) are recorded as
    pending (`BoardPending`, keyed by their smallest id) until `delete_pending` says they are on
    the boards. Whoever applies them must apply all of them before deleting that row
    (`board_sync.apply_entries`)."""
    if _on_postgresql(conn):
        return sorted(r[0] for r in await bulk.insert(conn, L, rows, returning="id, org_id, kind, created_at",
                                                      around=_WITH_PENDING))
    result = await conn.execute(_insert(conn, L).returning(L.c.id, sort_by_parameter_order=True), _params(rows))
    ids = [r[0] for r in result.all()]
    by_org: dict[int, list[int]] = {}
    for row, entry_id in zip(rows, ids, strict=True):
        if row["kind"] not in WALLET_KINDS:
            by_org.setdefault(row["org_id"], []).append(entry_id)
    if by_org:
        created = max(r["created_at"] for r in rows)
        await conn.execute(P.insert(), [{"first_entry_id": min(e), "org_id": org_id, "entry_ids": sorted(e),
                                         "created_at": created} for org_id, e in by_org.items()])
    return ids


async def get_activity(conn: AsyncConnection, org_id: int, activity_id: int) -> Row[Any] | None:
    q = (
        select(A, L.c.id.label("entry_id"), L.c.points.label("entry_points"), L.c.units.label("entry_units"),
               L.c.value_units.label("entry_value_units"), L.c.rule_version_id,
               ActivityType.key.label("type_key"), ActivityTypeVersion.value_points.label("rule_value_points"),
               ActivityTypeVersion.daily_cap.label("rule_daily_cap"))
        .join(L, (L.c.activity_id == A.c.id) & (L.c.kind == "activity"))
        .join(ActivityType, ActivityType.id == A.c.type_id)
        .outerjoin(ActivityTypeVersion, ActivityTypeVersion.id == L.c.rule_version_id)
        .where(A.c.org_id == org_id, A.c.id == activity_id)
    )
    return (await conn.execute(q)).one_or_none()


async def reversal_of(conn: AsyncConnection, entry_id: int) -> Row[Any] | None:
    return (await conn.execute(select(L).where(L.c.reverses_id == entry_id))).one_or_none()


async def delete_pending(conn: AsyncConnection, keys: Sequence[int]) -> None:
    """The `BoardPending` rows of these keys (first entry ids) are on the boards."""
    if _on_postgresql(conn):
        await pg.run(conn, "DELETE FROM board_pending WHERE first_entry_id = ANY($1::BIGINT[])", (list(keys),))
        return
    for i in range(0, len(keys), 1000):
        await conn.execute(delete(P).where(P.c.first_entry_id.in_(list(keys[i:i + 1000]))))


async def pending_groups(conn: AsyncConnection, older_than: datetime | None, limit: int | None,
                         org_id: int | None = None) -> Sequence[Row[Any]]:
    """`BoardPending` rows (written before `older_than`; of all orgs, or one), oldest first."""
    q = select(P).order_by(P.c.first_entry_id).limit(limit)
    if older_than is not None:
        q = q.where(P.c.created_at < older_than)
    if org_id is not None:
        q = q.where(P.c.org_id == org_id)
    return (await conn.execute(q)).all()


async def entries_by_id(conn: AsyncConnection, entry_ids: Sequence[int]) -> Sequence[Row[Any]]:
    """These ledger entries with what their board facts need (type key, valued rule), in id order."""
    q = (select(L, ActivityType.key.label("type_key"), ActivityTypeVersion.value_points)
         .outerjoin(ActivityType, ActivityType.id == L.c.type_id)
         .outerjoin(ActivityTypeVersion, ActivityTypeVersion.id == L.c.rule_version_id)
         .where(L.c.id.in_(list(entry_ids)), L.c.kind.notin_(WALLET_KINDS))
         .order_by(L.c.id))
    return (await conn.execute(q)).all()


async def stream_org_entries(conn: AsyncConnection, org_id: int, since: datetime | None,
                             chunk: int = 5000) -> AsyncIterator[Row[*tuple[Any, ...]]]:
    """Every entry of an org in id order (optionally occurred since a time), in chunks."""
    last = 0
    while True:
        q = (select(L.c.id, L.c.user_id, L.c.type_id, L.c.rule_version_id, L.c.points, L.c.units,
                    L.c.value_units, L.c.occurred_at, L.c.created_at)
             .where(L.c.org_id == org_id, L.c.id > last, L.c.kind.notin_(WALLET_KINDS))
             .order_by(L.c.id).limit(chunk))
        if since is not None:
            q = q.where(L.c.occurred_at >= since)
        rows = (await conn.execute(q)).all()
        for row in rows:
            yield row
        if len(rows) < chunk:
            return
        last = rows[-1].id


async def balance(conn: AsyncConnection, org_id: int, user_id: int) -> int:
    q = select(func.coalesce(func.sum(L.c.points), 0)).where(L.c.org_id == org_id, L.c.user_id == user_id)
    return int(await conn.scalar(q) or 0)


async def user_entries(conn: AsyncConnection, org_id: int, user_id: int, before_id: int | None,
                       limit: int) -> Sequence[Row[Any]]:
    V = table_of(ActivityTypeVersion)
    R = table_of(SelfReport)
    q = (select(L, A.c.quantity, A.c.value, A.c.source, A.c.external_id, ActivityType.key.label("type_key"),
                V.c.version.label("rule_version"), V.c.points.label("rule_points"),
                V.c.value_points.label("rule_value_points"), V.c.daily_cap.label("rule_daily_cap"),
                R.c.mode.label("sr_mode"), R.c.weight.label("sr_weight"), R.c.status.label("sr_status"),
                R.c.day.label("sr_day"), R.c.confirmed_by_activity_id.label("sr_confirmed_by"))
         .outerjoin(A, A.c.id == L.c.activity_id)
         .outerjoin(ActivityType, ActivityType.id == L.c.type_id)
         .outerjoin(V, V.c.id == L.c.rule_version_id)
         .outerjoin(R, (R.c.activity_id == L.c.activity_id) & (L.c.kind == "activity"))
         .where(L.c.org_id == org_id, L.c.user_id == user_id)
         .order_by(L.c.id.desc()).limit(limit))
    if before_id is not None:
        q = q.where(L.c.id < before_id)
    return (await conn.execute(q)).all()


async def points_between(conn: AsyncConnection, org_id: int, since: datetime, until: datetime) -> dict[int, int]:
    """Each user's points on the boards from entries that occurred in [since, until)."""
    q = (select(L.c.user_id, func.coalesce(func.sum(L.c.points), 0))
         .where(L.c.org_id == org_id, L.c.kind.notin_(WALLET_KINDS), L.c.occurred_at >= since,
                L.c.occurred_at < until)
         .group_by(L.c.user_id))
    return {uid: int(p) for uid, p in (await conn.execute(q)).all()}


async def type_activities_between(conn: AsyncConnection, org_id: int, type_id: int, since: datetime,
                                  until: datetime) -> Sequence[Row[*tuple[Any, ...]]]:
    """The type's activities that occurred in [since, until) and were not reversed, with their
    ledger entry's points and self-report mode, in recording order."""
    R = table_of(SelfReport)
    reversed_ids = select(L.c.reverses_id).where(L.c.org_id == org_id, L.c.reverses_id.is_not(None))
    q = (select(L.c.id, L.c.user_id, L.c.points, L.c.occurred_at, A.c.quantity, A.c.value,
                R.c.mode.label("sr_mode"), R.c.weight.label("sr_weight"))
         .join(A, A.c.id == L.c.activity_id)
         .outerjoin(R, R.c.activity_id == L.c.activity_id)
         .where(L.c.org_id == org_id, L.c.kind == "activity", L.c.type_id == type_id,
                L.c.occurred_at >= since, L.c.occurred_at < until, L.c.id.notin_(reversed_ids))
         .order_by(L.c.id))
    return (await conn.execute(q)).all()
