"""Devices, notifications, the push outbox and preferences, as Core statements.

The outbox is claimed with one conditional UPDATE (PostgreSQL adds `FOR UPDATE SKIP LOCKED`
so concurrent senders take disjoint rows without waiting); every later write of a claimed row
checks `lease_owner`, so a sender whose lease ran out cannot overwrite its successor's work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Required, TypedDict

from sqlalchemy import Row, and_, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.models import Org, User
from server.core.db import table_of
from server.core.sql import bulk, outbox
from server.ledger.store import _insert
from server.notifications.models import (
    Device,
    Notification,
    NotificationDefault,
    NotificationPreference,
    PushOutbox,
)
from server.notifications.rules import OrgDefaults

D = table_of(Device)
N = table_of(Notification)
O = table_of(PushOutbox)  # noqa: E741
P = table_of(NotificationPreference)
DF = table_of(NotificationDefault)
US = table_of(User)
ORG = table_of(Org)

#: A device as the sender reads it (`devices_of`): id, user_id, token, platform.
DeviceRow = Row[int, int, str, str]


# -- devices ---------------------------------------------------------------------------------
async def upsert_device(conn: AsyncConnection, org_id: int, user_id: int, token: str, platform: str,
                        now: datetime) -> tuple[Row[Any], bool]:
    """Register a token for a user of the org (moving it if another login of the org had it);
    (row, created). Another org's registration of the same token is a row of its own, untouched."""
    stmt = _insert(conn, D).values(org_id=org_id, user_id=user_id, token=token, platform=platform,
                                   created_at=now, last_seen_at=now)
    stmt = stmt.on_conflict_do_update(index_elements=["org_id", "token"], set_={
        "user_id": user_id, "platform": platform, "last_seen_at": now})
    row = (await conn.execute(stmt.returning(*D.c))).one()
    return row, row.created_at == now


async def delete_device(conn: AsyncConnection, org_id: int, user_id: int, token: str) -> bool:
    result = await conn.execute(delete(D).where(D.c.token == token, D.c.org_id == org_id, D.c.user_id == user_id))
    return result.rowcount > 0


async def list_devices(conn: AsyncConnection, org_id: int, user_id: int) -> Sequence[Row[Any]]:
    return (await conn.execute(select(D).where(D.c.org_id == org_id, D.c.user_id == user_id)
                               .order_by(D.c.id))).all()


async def devices_of(conn: AsyncConnection, user_ids: list[int]) -> dict[int, list[DeviceRow]]:
    out: dict[int, list[DeviceRow]] = defaultdict(list)
    if user_ids:
        for row in (await conn.execute(select(D.c.id, D.c.user_id, D.c.token, D.c.platform)
                                       .where(D.c.user_id.in_(user_ids)).order_by(D.c.id))).all():
            out[row.user_id].append(row)
    return out


async def remove_devices(conn: AsyncConnection, ids: list[int]) -> None:
    if ids:
        await conn.execute(delete(D).where(D.c.id.in_(ids)))


# -- writing notifications ------------------------------------------------------------------------
async def add(conn: AsyncConnection, rows: list[dict[str, Any]], now: datetime) -> Sequence[tuple[Any, ...]]:
    """Insert notifications (skipping a (user, dedupe_key) that exists) and their outbox rows.
    Returns the notifications written (id, org_id, user_id, kind, as named rows)."""
    if not rows:
        return []
    if conn.dialect.name == "postgresql":  # both inserts in one statement: one round trip
        return await bulk.insert(conn, N, rows, tail="ON CONFLICT (user_id, dedupe_key) DO NOTHING",
                                 returning="id, org_id, user_id, kind, created_at", around=_WITH_OUTBOX)
    stmt = (_insert(conn, N).on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
            .returning(N.c.id, N.c.org_id, N.c.user_id, N.c.kind))
    written = (await conn.execute(stmt, rows[0] if len(rows) == 1 else rows)).all()
    if written:
        await conn.execute(_insert(conn, O), [_outbox_row(w, now) for w in written])
    return written


#: The outbox row of each notification written (as `_outbox_row`, due at once).
_WITH_OUTBOX = (
    "WITH n AS ({insert}), o AS (INSERT INTO push_outbox (id, org_id, user_id, kind, state, attempts, created_at, "
    "due_at, sent_devices, bundle_size, live_done) SELECT id, org_id, user_id, kind, 'pending', 0, created_at, "
    "created_at, '[]'::JSON, 1, false FROM n) SELECT id, org_id, user_id, kind, created_at FROM n")


def _outbox_row(written: Row[Any], now: datetime) -> dict[str, Any]:
    return {"id": written.id, "org_id": written.org_id, "user_id": written.user_id, "kind": written.kind,
            "state": "pending", "attempts": 0, "created_at": now, "due_at": now, "sent_devices": [],
            "bundle_size": 1, "live_done": False}


async def teams_of_winners(conn: AsyncConnection, org_id: int, user_ids: set[int]) -> dict[int, tuple[str, list[int]]]:
    """For each user: their display name and the other active members of their team (one query)."""
    if not user_ids:
        return {}
    W = US.alias("winner")
    mates = and_(US.c.org_id == org_id, US.c.team_id == W.c.team_id, US.c.id != W.c.id, US.c.active.is_(True))
    rows = await conn.execute(select(W.c.id, W.c.display_name, US.c.id.label("mate"))
                              .select_from(W.outerjoin(US, mates))
                              .where(W.c.org_id == org_id, W.c.id.in_(list(user_ids))))
    out: dict[int, tuple[str, list[int]]] = {}
    for r in rows:
        name, found = out.setdefault(r.id, (r.display_name, []))
        if r.mate is not None:
            found.append(r.mate)
    return out


# -- reading notifications ----------------------------------------------------------------------
async def page(conn: AsyncConnection, org_id: int, user_id: int, before_id: int | None, limit: int,
               unread_only: bool) -> Sequence[Row[Any]]:
    q = (select(N).where(N.c.org_id == org_id, N.c.user_id == user_id).order_by(N.c.id.desc()).limit(limit))
    if before_id is not None:
        q = q.where(N.c.id < before_id)
    if unread_only:
        q = q.where(N.c.read_at.is_(None))
    return (await conn.execute(q)).all()


async def unread_count(conn: AsyncConnection, org_id: int, user_id: int) -> int:
    q = select(func.count()).select_from(N).where(N.c.org_id == org_id, N.c.user_id == user_id,
                                                   N.c.read_at.is_(None))
    return (await conn.execute(q)).scalar_one()


async def mark_read(conn: AsyncConnection, org_id: int, user_id: int, ids: list[int] | None,
                    now: datetime) -> int:
    """Mark some (or, with ids None, all) of the user's unread notifications read."""
    stmt = update(N).where(N.c.org_id == org_id, N.c.user_id == user_id, N.c.read_at.is_(None)).values(read_at=now)
    if ids is not None:
        stmt = stmt.where(N.c.id.in_(ids))
    return (await conn.execute(stmt)).rowcount


async def by_ids(conn: AsyncConnection, ids: list[int]) -> dict[int, Row[Any]]:
    if not ids:
        return {}
    return {r.id: r for r in (await conn.execute(select(N).where(N.c.id.in_(ids)))).all()}


# -- preferences --------------------------------------------------------------------------------
class PrefChanges(TypedDict, total=False):
    """The preference columns `put_prefs` sets."""

    kinds: dict[str, bool]
    quiet_start: str | None
    quiet_end: str | None


async def get_prefs(conn: AsyncConnection, user_ids: list[int]) -> dict[int, Row[Any]]:
    if not user_ids:
        return {}
    return {r.user_id: r for r in (await conn.execute(select(P).where(P.c.user_id.in_(user_ids)))).all()}


async def put_prefs(conn: AsyncConnection, org_id: int, user_id: int, values: PrefChanges,
                    now: datetime) -> None:
    stmt = _insert(conn, P).values(user_id=user_id, org_id=org_id, updated_at=now, **values)
    await conn.execute(stmt.on_conflict_do_update(index_elements=["user_id"], set_={**values, "updated_at": now}))


async def get_defaults(conn: AsyncConnection, org_ids: list[int]) -> dict[int, OrgDefaults]:
    """The orgs' notification defaults (an org without a row has the product's: not listed)."""
    if not org_ids:
        return {}
    rows = (await conn.execute(select(DF).where(DF.c.org_id.in_(org_ids)))).all()
    return {r.org_id: OrgDefaults(dict(r.kinds or {}), r.quiet_start, r.quiet_end) for r in rows}


async def put_defaults(conn: AsyncConnection, org_id: int, values: PrefChanges, now: datetime) -> None:
    stmt = _insert(conn, DF).values(org_id=org_id, updated_at=now, **{"kinds": {}, **values})
    await conn.execute(stmt.on_conflict_do_update(index_elements=["org_id"], set_={**values, "updated_at": now}))


async def time_zones(conn: AsyncConnection, user_ids: list[int]) -> dict[int, str]:
    """Each user's own time zone, else their org's."""
    if not user_ids:
        return {}
    rows = await conn.execute(select(US.c.id, US.c.timezone, ORG.c.timezone.label("org_tz"))
                              .join(ORG, ORG.c.id == US.c.org_id).where(US.c.id.in_(user_ids)))
    return {r.id: r.timezone or r.org_tz for r in rows}


# -- the outbox ----------------------------------------------------------------------------------
class OutboxUpdate(TypedDict, total=False):
    """The outcome of one claimed row for `finish`: its id and the columns to set."""

    id: Required[int]
    state: str
    attempts: int
    due_at: datetime
    sent_at: datetime
    sent_devices: list[int]
    bundle_size: int
    last_error: str | None


async def claim(conn: AsyncConnection, owner: str, now: datetime, lease_until: datetime,
                limit: int) -> list[Row[Any]]:
    """Take up to `limit` due rows for `owner` until `lease_until` (`core.sql.outbox`)."""
    return await outbox.claim(conn, O, owner, now, lease_until, limit)


async def sent_times(conn: AsyncConnection, user_ids: list[int], since: datetime) -> dict[int, list[datetime]]:
    out: dict[int, list[datetime]] = defaultdict(list)
    if user_ids:
        rows = await conn.execute(select(O.c.user_id, O.c.sent_at).where(
            O.c.user_id.in_(user_ids), O.c.state == "sent", O.c.sent_at >= since))
        for r in rows:
            out[r.user_id].append(r.sent_at)
    return out


async def finish(conn: AsyncConnection, owner: str, updates: list[OutboxUpdate]) -> int:
    """Apply the outcome of claimed rows (each dict: id plus the columns to set), only where
    `owner` still holds the lease. Returns how many rows were updated."""
    done = 0
    for u in updates:
        values = {k: v for k, v in u.items() if k != "id"}
        result = await conn.execute(update(O).where(O.c.id == u["id"], O.c.lease_owner == owner)
                                    .values(lease_owner=None, lease_until=None, **values))
        done += result.rowcount
    return done


async def claim_live(conn: AsyncConnection, limit: int) -> list[int]:
    """Take notifications whose in-app realtime frame has not gone out yet (at most once)."""
    pick = select(O.c.id).where(O.c.live_done.is_(False)).order_by(O.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    stmt = (update(O).where(O.c.id.in_(pick.scalar_subquery()), O.c.live_done.is_(False))
            .values(live_done=True).returning(O.c.id))
    return sorted(r.id for r in (await conn.execute(stmt)).all())


async def unclaim_live(conn: AsyncConnection, ids: list[int]) -> None:
    if ids:
        await conn.execute(update(O).where(O.c.id.in_(ids)).values(live_done=False))


