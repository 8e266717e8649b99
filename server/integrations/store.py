"""The integrations' SQL: integrations, the inbox, owner links, object states and change causes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import Row, and_, bindparam, delete, func, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.models import User
from server.core.db import table_of
from server.core.sql import bulk, pg
from server.integrations.models import CrmChange, CrmObject, InboxEvent, Integration, OwnerLink
from server.ledger.store import _insert

I = table_of(Integration)  # noqa: E741 - the table's one-letter alias, like the other stores'
E = table_of(InboxEvent)
O = table_of(OwnerLink)  # noqa: E741
S = table_of(CrmObject)
C = table_of(CrmChange)
U = table_of(User)

#: An object's key in its source: (object type, object id).
ObjectKey = tuple[str, str]


# -- integrations ------------------------------------------------------------------------------
async def create(conn: AsyncConnection, values: dict[str, Any]) -> Row[Any]:
    return (await conn.execute(I.insert().values(**values).returning(*I.c))).one()


async def get(conn: AsyncConnection, org_id: int, integration_id: int, *, for_update: bool = False) -> Row[Any] | None:
    q = select(I).where(I.c.org_id == org_id, I.c.id == integration_id)
    return (await conn.execute(q.with_for_update() if for_update else q)).one_or_none()


async def list_all(conn: AsyncConnection, org_id: int) -> Sequence[Row[Any]]:
    return (await conn.execute(select(I).where(I.c.org_id == org_id).order_by(I.c.id))).all()


async def change(conn: AsyncConnection, org_id: int, integration_id: int, values: dict[str, Any]) -> Row[Any] | None:
    stmt = update(I).where(I.c.org_id == org_id, I.c.id == integration_id).values(**values).returning(*I.c)
    return (await conn.execute(stmt)).one_or_none()


async def remove(conn: AsyncConnection, org_id: int, integration_id: int) -> bool:
    await conn.execute(delete(E).where(E.c.integration_id == integration_id, E.c.org_id == org_id))
    result = await conn.execute(delete(I).where(I.c.org_id == org_id, I.c.id == integration_id))
    return result.rowcount > 0


async def by_hook(conn: AsyncConnection, hook_id: str) -> Row[Any] | None:
    return (await conn.execute(select(I).where(I.c.hook_id == hook_id))).one_or_none()


async def by_ids(conn: AsyncConnection, ids: list[int]) -> Sequence[Row[Any]]:
    return (await conn.execute(select(I).where(I.c.id.in_(ids)))).all()


async def claim_polls(conn: AsyncConnection, now: datetime, lease_until: datetime, limit: int) -> list[Row[Any]]:
    """Take up to `limit` integrations whose reconciliation is due, until `lease_until`."""
    due = and_(I.c.active.is_(True), I.c.kind.in_(("hubspot", "salesforce")), I.c.poll_due_at <= now,
               or_(I.c.poll_lease_until.is_(None), I.c.poll_lease_until < now))
    pick = select(I.c.id).where(due).order_by(I.c.poll_due_at).limit(limit)
    if conn.dialect.name == "postgresql":
        picked = pick.with_for_update(skip_locked=True).cte("picked").prefix_with("MATERIALIZED")
        stmt = update(I).where(I.c.id == picked.c.id)
    else:
        stmt = update(I).where(I.c.id.in_(pick.scalar_subquery()))
    return list((await conn.execute(stmt.values(poll_lease_until=lease_until).returning(*I.c))).all())


async def set_poll(conn: AsyncConnection, integration_id: int, values: dict[str, Any]) -> None:
    await conn.execute(update(I).where(I.c.id == integration_id).values(**values))


# -- the inbox ---------------------------------------------------------------------------------
async def add_events(conn: AsyncConnection, rows: list[dict[str, Any]]) -> set[str]:
    """Insert events; a repeated (integration, dedupe key) inserts nothing. Returns the new keys."""
    if conn.dialect.name == "postgresql":  # one statement over one JSON document (`core.sql.bulk`)
        return {r[0] for r in await bulk.insert(conn, E, rows, returning="dedupe_key",
                                                tail="ON CONFLICT (integration_id, dedupe_key) DO NOTHING")}
    stmt = (_insert(conn, E).on_conflict_do_nothing(index_elements=["integration_id", "dedupe_key"])
            .returning(E.c.dedupe_key))
    return {r[0] for r in (await conn.execute(stmt, rows if len(rows) > 1 else rows[0])).all()}


def _due(now: datetime) -> Any:
    return and_(E.c.status == "pending", or_(E.c.claimed_until.is_(None), E.c.claimed_until < now))


async def any_due(conn: AsyncConnection, now: datetime) -> bool:
    """Whether an event waits (a read, so an idle worker takes no write lock)."""
    return (await conn.execute(select(E.c.id).where(_due(now)).limit(1))).first() is not None


@dataclass(frozen=True, slots=True)
class Claimed:
    """A claimed event: what the worker reads of it."""

    id: int
    integration_id: int
    dedupe_key: str
    event_type: str
    object_type: str | None
    object_id: str | None
    payload: dict[str, Any]
    source_at: datetime | None
    attempts: int


#: The claim on PostgreSQL. A materialised CTE: as `id IN (subquery)` PostgreSQL may run the LIMIT
#: ... SKIP LOCKED subquery again per row and claim more than `limit` (measured: 2 rows for LIMIT
#: 1). The payload comes back as text for msgspec (SQLAlchemy's JSON and datetime processing of
#: every returned column cost ~40 us an event).
_CLAIM_SQL = (
    "WITH picked AS MATERIALIZED (SELECT id FROM integration_events WHERE status = 'pending' "
    "AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) "
    "UPDATE integration_events AS e SET claimed_until = $2, attempts = e.attempts + 1 FROM picked "
    "WHERE e.id = picked.id RETURNING e.id, e.integration_id, e.dedupe_key, e.event_type, e.object_type, "
    "e.object_id, e.payload::TEXT, e.source_at, e.attempts")


async def claim(conn: AsyncConnection, now: datetime, lease_until: datetime, limit: int) -> list[Claimed]:
    """Take up to `limit` pending events (oldest first) until `lease_until`; each take counts an attempt."""
    if conn.dialect.name == "postgresql":
        rows = await pg.run(conn, _CLAIM_SQL, (now, lease_until, limit))
        found = [Claimed(r[0], r[1], r[2], r[3], r[4], r[5], msgspec.json.decode(r[6]), r[7], r[8]) for r in rows]
    else:  # SQLite runs the subquery once, and serialises writers
        pick = select(E.c.id).where(_due(now)).order_by(E.c.id).limit(limit)
        stmt = (update(E).where(E.c.id.in_(pick.scalar_subquery()))
                .values(claimed_until=lease_until, attempts=E.c.attempts + 1)
                .returning(E.c.id, E.c.integration_id, E.c.dedupe_key, E.c.event_type, E.c.object_type,
                           E.c.object_id, E.c.payload, E.c.source_at, E.c.attempts))
        found = [Claimed(*r) for r in (await conn.execute(stmt)).all()]
    return sorted(found, key=lambda r: r.id)


async def finish(conn: AsyncConnection, ids: list[int], values: dict[str, Any]) -> int:
    """Settle pending events alike; returns how many were still pending (a smaller count: another
    worker settled some after this one's lease ran out)."""
    if not ids:
        return 0
    result = await conn.execute(update(E).where(E.c.id.in_(ids), E.c.status == "pending")
                                .values(claimed_until=None, **values))
    return result.rowcount


#: One statement for a chunk's outcomes on PostgreSQL (a statement per outcome cost 0.4 ms each).
_SETTLE_SQL = (
    "UPDATE integration_events AS e SET status = u.status, owner_ref = COALESCE(u.owner_ref, e.owner_ref), "
    "error_code = u.error_code, error_message = u.error_message, processed_at = $6, claimed_until = NULL "
    "FROM unnest($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[]) "
    "AS u(id, status, owner_ref, error_code, error_message) WHERE e.id = u.id AND e.status = 'pending' "
    "RETURNING e.id")
_OUTCOME = ("status", "owner_ref", "error_code", "error_message")


async def settle(conn: AsyncConnection, outcomes: dict[int, dict[str, Any]], now: datetime) -> int:
    """Settle pending events, each with its outcome (`status`, and `owner_ref`, `error_code`,
    `error_message` where it has them); returns how many were still pending."""
    if not outcomes:
        return 0
    ids = sorted(outcomes)
    if conn.dialect.name == "postgresql":
        cols = [[outcomes[i].get(c) for i in ids] for c in _OUTCOME]
        return len(await pg.run(conn, _SETTLE_SQL, (ids, *cols, now)))
    stmt = (update(E).where(E.c.id == bindparam("b_id"), E.c.status == "pending")
            .values(status=bindparam("b_status"), owner_ref=func.coalesce(bindparam("b_owner_ref"), E.c.owner_ref),
                    error_code=bindparam("b_error_code"), error_message=bindparam("b_error_message"),
                    processed_at=now, claimed_until=None))
    result = await conn.execute(stmt, [{"b_id": i, **{f"b_{c}": outcomes[i].get(c) for c in _OUTCOME}} for i in ids])
    return result.rowcount


async def release(conn: AsyncConnection, ids: list[int], retry_at: datetime | None) -> None:
    """Give claimed events back, to be taken again at `retry_at` (the source could not be read:
    the attempt does not count)."""
    if ids:
        await conn.execute(update(E).where(E.c.id.in_(ids), E.c.status == "pending")
                           .values(claimed_until=retry_at, attempts=E.c.attempts - 1))


async def events_page(conn: AsyncConnection, integration_id: int, status: str | None, before_id: int | None,
                      limit: int) -> Sequence[Row[Any]]:
    q = select(E).where(E.c.integration_id == integration_id).order_by(E.c.id.desc()).limit(limit)
    if status is not None:
        q = q.where(E.c.status == status)
    if before_id is not None:
        q = q.where(E.c.id < before_id)
    return (await conn.execute(q)).all()


async def requeue(conn: AsyncConnection, integration_id: int, owner_refs: list[str]) -> int:
    """Unmatched events of these owners go back to the worker."""
    if not owner_refs:
        return 0
    result = await conn.execute(update(E).where(E.c.integration_id == integration_id, E.c.status == "unmatched",
                                                E.c.owner_ref.in_(owner_refs))
                                .values(status="pending", claimed_until=None, processed_at=None))
    return result.rowcount


async def unmatched_refs(conn: AsyncConnection, limit: int) -> Sequence[Row[int, int, str | None]]:
    """(integration id, org id, owner ref) of unmatched events, for the sweep that scores them
    once a rep with that email exists."""
    q = (select(E.c.integration_id, E.c.org_id, E.c.owner_ref).where(E.c.status == "unmatched")
         .group_by(E.c.integration_id, E.c.org_id, E.c.owner_ref).limit(limit))
    return (await conn.execute(q)).all()


async def status_counts(conn: AsyncConnection,
                        integration_id: int) -> Sequence[Row[str, str | None, int, datetime | None]]:
    """(status, error code, count, latest received_at) of an integration's events."""
    q = (select(E.c.status, E.c.error_code, func.count(), func.max(E.c.received_at))
         .where(E.c.integration_id == integration_id).group_by(E.c.status, E.c.error_code))
    return (await conn.execute(q)).all()


async def recent_lags(conn: AsyncConnection, integration_id: int,
                      limit: int) -> Sequence[Row[datetime | None, datetime | None]]:
    """(source_at, processed_at) of the latest events applied."""
    q = (select(E.c.source_at, E.c.processed_at)
         .where(E.c.integration_id == integration_id, E.c.status == "done", E.c.source_at.is_not(None))
         .order_by(E.c.id.desc()).limit(limit))
    return (await conn.execute(q)).all()


# -- owners ------------------------------------------------------------------------------------
async def owner_links(conn: AsyncConnection, integration_id: int, crm_owner_ids: Sequence[str] | None = None
                      ) -> dict[str, Row[Any]]:
    q = select(O).where(O.c.integration_id == integration_id)
    if crm_owner_ids is not None:
        if not crm_owner_ids:
            return {}
        q = q.where(O.c.crm_owner_id.in_(list(crm_owner_ids)))
    return {r.crm_owner_id: r for r in (await conn.execute(q)).all()}


async def put_owner(conn: AsyncConnection, org_id: int, integration_id: int, crm_owner_id: str,
                    values: dict[str, Any], now: datetime) -> Row[Any]:
    """Set an owner's columns (`user_id`, `email`), making its row on first use."""
    ins = _insert(conn, O).values(integration_id=integration_id, crm_owner_id=crm_owner_id, org_id=org_id,
                                  updated_at=now, **values)
    stmt = ins.on_conflict_do_update(index_elements=["integration_id", "crm_owner_id"],
                                     set_={**values, "updated_at": now})
    return (await conn.execute(stmt.returning(*O.c))).one()


async def keep_owner_emails(conn: AsyncConnection, org_id: int, integration_id: int, emails: dict[str, str],
                            now: datetime) -> None:
    """Owners' emails as the CRM lists them (their mappings to reps are left as they are)."""
    ins = _insert(conn, O)
    stmt = ins.on_conflict_do_update(index_elements=["integration_id", "crm_owner_id"],
                                     set_={"email": ins.excluded.email, "updated_at": now})
    await conn.execute(stmt, [{"integration_id": integration_id, "crm_owner_id": k, "org_id": org_id, "email": v,
                               "user_id": None, "updated_at": now} for k, v in sorted(emails.items())])


async def users_by_email(conn: AsyncConnection, org_id: int, emails: Sequence[str]) -> dict[str, int]:
    """Active users of the org with these emails (lower-case), by email."""
    if not emails:
        return {}
    wanted = sorted({e.lower() for e in emails})
    if conn.dialect.name == "postgresql":  # one prepared statement, not an IN list compiled per size
        rows = await pg.run(conn, "SELECT email, id FROM users WHERE org_id = $1 AND active "
                                  "AND email = ANY($2::TEXT[])", (org_id, wanted))
        return {email: uid for email, uid in rows}
    q = select(U.c.email, U.c.id).where(U.c.org_id == org_id, U.c.active.is_(True), U.c.email.in_(wanted))
    return {email: uid for email, uid in (await conn.execute(q)).all()}


async def active_user(conn: AsyncConnection, org_id: int, user_id: int) -> bool:
    q = select(U.c.id).where(U.c.org_id == org_id, U.c.id == user_id, U.c.active.is_(True))
    return (await conn.execute(q)).first() is not None


# -- object states -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StateRow:
    object_type: str
    object_id: str
    modified_at: datetime
    deleted: bool
    roles: dict[str, Any]
    version: int


#: The states of a chunk's objects on PostgreSQL: one prepared statement whatever their number, and
#: one primary-key probe per key (LATERAL ... LIMIT 1): as a join PostgreSQL scanned every object
#: of the namespace once per key (measured: 1 s a call at 5,000 objects). `{lock}`: FOR UPDATE,
#: taken in key order.
_STATES_SQL = (
    "SELECT s.object_type, s.object_id, s.modified_at, s.deleted, s.roles::TEXT, s.version "
    "FROM unnest($3::TEXT[], $4::TEXT[]) WITH ORDINALITY AS k(object_type, object_id, n) "
    "CROSS JOIN LATERAL (SELECT * FROM crm_objects s WHERE s.org_id = $1 AND s.namespace = $2 "
    "AND s.object_type = k.object_type AND s.object_id = k.object_id LIMIT 1{lock}) AS s ORDER BY k.n")


async def states(conn: AsyncConnection, org_id: int, namespace: str, keys: Sequence[ObjectKey], *,
                 lock: bool = False) -> dict[ObjectKey, StateRow]:
    """The applied state of these objects; `lock` takes their rows until the transaction ends
    (PostgreSQL, in key order; SQLite serialises writers)."""
    if not keys:
        return {}
    wanted = sorted(set(keys))
    if conn.dialect.name == "postgresql":
        found = await pg.run(conn, _STATES_SQL.format(lock=" FOR UPDATE" if lock else ""),
                             (org_id, namespace, [k[0] for k in wanted], [k[1] for k in wanted]))
        rows = [StateRow(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5]) for r in found]
    else:
        q = select(S.c.object_type, S.c.object_id, S.c.modified_at, S.c.deleted, S.c.roles, S.c.version).where(
            S.c.org_id == org_id, S.c.namespace == namespace, tuple_(S.c.object_type, S.c.object_id).in_(wanted))
        rows = [StateRow(*r) for r in (await conn.execute(q)).all()]
    return {(r.object_type, r.object_id): r for r in rows}


async def insert_states(conn: AsyncConnection, rows: list[dict[str, Any]]) -> int:
    """New object states; returns how many were new (fewer: another worker made one meanwhile)."""
    if not rows:
        return 0
    if conn.dialect.name == "postgresql":
        return len(await bulk.insert(conn, S, rows, returning="object_id",
                                     tail="ON CONFLICT (org_id, namespace, object_type, object_id) DO NOTHING"))
    stmt = (_insert(conn, S).on_conflict_do_nothing(index_elements=["org_id", "namespace", "object_type", "object_id"])
            .returning(S.c.object_id))
    return len((await conn.execute(stmt, rows)).all())


async def update_state(conn: AsyncConnection, key: dict[str, Any], version: int, values: dict[str, Any]) -> bool:
    stmt = update(S).where(S.c.org_id == key["org_id"], S.c.namespace == key["namespace"],
                           S.c.object_type == key["object_type"], S.c.object_id == key["object_id"],
                           S.c.version == version).values(version=version + 1, **values)
    return (await conn.execute(stmt)).rowcount == 1


async def add_changes(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        await bulk.insert(conn, C, rows)
    else:
        await conn.execute(C.insert(), rows)


async def changes_of_entries(conn: AsyncConnection, org_id: int, entry_ids: Sequence[int],
                             activity_ids: Sequence[int]) -> Sequence[Row[Any]]:
    """The CRM changes behind these reversal entries or new activities."""
    conds = []
    if entry_ids:
        conds.append(C.c.reversal_entry_id.in_(list(entry_ids)))
    if activity_ids:
        conds.append(C.c.activity_id.in_(list(activity_ids)))
    if not conds:
        return []
    return (await conn.execute(select(C).where(C.c.org_id == org_id, or_(*conds)))).all()
