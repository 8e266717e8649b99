"""Notifications: the outbox sink every feature's notices go through, devices, preferences,
the in-app list, and the realtime frame on the rep's private channel.

Features append `events.Notice`s to their transaction; `write_outbox` (the notice sink) stores
each as an in-app notification plus a push outbox row in that same transaction, once per
(user, dedupe_key). The push sender (`services.push`) and the live publisher below work from there.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Any

import msgspec
from redis.exceptions import RedisError
from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit
from server.accounts.directory import active_users
from server.accounts.models import User
from server.board.channels import channel_bus
from server.board.live import iso
from server.core import events
from server.core.auth import Principal
from server.core.errors import NotFound
from server.core.runtime import Runtime
from server.ledger import sinks
from server.notifications import rules
from server.notifications import store as repo
from server.notifications.schemas import NotificationOut

log = logging.getLogger("reprally.notifications")
_encode = msgspec.json.Encoder().encode



# -- the sink ------------------------------------------------------------------------------------
async def write_outbox(rt: Runtime, conn: AsyncConnection, org_id: int, notices: list[events.Notice]) -> None:
    """Store notices for users of this org (others are ignored) in the caller's transaction."""
    now = rt.now()
    users = await active_users(rt, org_id, {n.user_id for n in notices}, conn)
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, str]] = set()
    for n in notices:
        if n.user_id not in users:
            continue
        dedupe = (n.dedupe_key or f"{n.kind}:{uuid.uuid4().hex}")[:200]
        if (n.user_id, dedupe) in seen:
            continue
        seen.add((n.user_id, dedupe))
        rows.append({"org_id": org_id, "user_id": n.user_id, "kind": n.kind[:32], "title": n.title[:200],
                     "body": n.body[:1000], "data": n.data or {}, "actor_user_id": n.actor_user_id,
                     "dedupe_key": dedupe, "collapse_key": rules.collapse_key(n.collapse_key or f"{n.kind}:{dedupe}"),
                     "created_at": now, "read_at": None})
    # In user order (stable: a user's notices keep theirs), so concurrent transactions that write
    # the same (user, dedupe_key), e.g. a period's top-N notice, wait on each other in one order.
    rows.sort(key=lambda r: r["user_id"])
    await repo.add(conn, rows, now)


async def notify(rt: Runtime, org_id: int, notices: list[events.Notice]) -> None:
    """Write notices in a transaction of their own (for rules that run after a commit)."""
    if notices:
        async with rt.engine.begin() as conn:
            await sinks.write_notices(rt, conn, org_id, notices)


# -- devices -------------------------------------------------------------------------------------
async def register_device(rt: Runtime, principal: Principal, user_id: int, token: str,
                          platform: str) -> tuple[Row[Any], bool]:
    rules.check_device(token, platform)
    async with rt.engine.begin() as conn:
        return await repo.upsert_device(conn, principal.org_id, user_id, token, platform, rt.now())


async def remove_device(rt: Runtime, principal: Principal, user_id: int, token: str) -> None:
    async with rt.engine.begin() as conn:
        if not await repo.delete_device(conn, principal.org_id, user_id, token):
            raise NotFound("device_not_found", "no such device token is registered for you")


async def list_devices(rt: Runtime, principal: Principal, user_id: int) -> Sequence[Row[Any]]:
    async with rt.engine.connect() as conn:
        return await repo.list_devices(conn, principal.org_id, user_id)


# -- preferences -----------------------------------------------------------------------------------
#: What `get_preferences` returns.
Preferences = tuple[dict[str, bool], str | None, str | None, str]


async def get_preferences(rt: Runtime, principal: Principal, user_id: int) -> Preferences:
    """(enabled per known kind, quiet start, quiet end, the time zone they are read in): the rep's
    own choices, else the org's defaults, else the product's."""
    async with rt.engine.connect() as conn:
        row = (await repo.get_prefs(conn, [user_id])).get(user_id)
        tz = (await repo.time_zones(conn, [user_id]))[user_id]
        defaults = (await repo.get_defaults(conn, [principal.org_id])).get(principal.org_id)
    overrides = row.kinds if row else {}
    kinds = {k: rules.kind_enabled(k, overrides, defaults) for k in rules.KINDS}
    return (kinds, *rules.quiet_hours(row.quiet_start if row else None, row.quiet_end if row else None, defaults),
            tz)


async def put_preferences(rt: Runtime, principal: Principal, user_id: int, kinds: dict[str, bool] | None,
                          quiet: tuple[str, str] | None, clear_quiet: bool) -> Preferences:
    """Merge kind switches; set (or clear) quiet hours."""
    values: repo.PrefChanges = {}
    async with rt.engine.begin() as conn:
        row = (await repo.get_prefs(conn, [user_id])).get(user_id)
        merged = dict(row.kinds) if row else {}
        if kinds is not None:
            merged.update(rules.check_kind_overrides(kinds))
        values["kinds"] = merged
        if quiet is not None:
            rules.check_quiet_hours(*quiet)
            values["quiet_start"], values["quiet_end"] = quiet
        elif clear_quiet:
            values["quiet_start"] = values["quiet_end"] = None
        await repo.put_prefs(conn, principal.org_id, user_id, values, rt.now())
    return await get_preferences(rt, principal, user_id)


# -- the org's defaults (admins) -------------------------------------------------------------------
async def get_defaults(rt: Runtime, principal: Principal) -> rules.OrgDefaults:
    """The org's defaults, every known kind listed (the product's default where none was set)."""
    async with rt.engine.connect() as conn:
        found = (await repo.get_defaults(conn, [principal.org_id])).get(principal.org_id)
    kinds = {k: rules.kind_enabled(k, None, found) for k in rules.KINDS}
    return rules.OrgDefaults(kinds, found.quiet_start if found else None, found.quiet_end if found else None)


async def put_defaults(rt: Runtime, principal: Principal, kinds: dict[str, bool] | None,
                       quiet: tuple[str, str] | None, clear_quiet: bool) -> rules.OrgDefaults:
    """Switch kinds on or off by default (merged), set or clear the default quiet hours; audited.
    Reps who chose for themselves keep their choice."""
    before = await get_defaults(rt, principal)
    values: repo.PrefChanges = {}
    if kinds is not None:
        values["kinds"] = {**before.kinds, **rules.check_kind_overrides(kinds)}
    if quiet is not None:
        rules.check_quiet_hours(*quiet)
        values["quiet_start"], values["quiet_end"] = rules.parse_hhmm(quiet[0]).strftime("%H:%M"), \
            rules.parse_hhmm(quiet[1]).strftime("%H:%M")
    elif clear_quiet:
        values["quiet_start"] = values["quiet_end"] = None
    async with rt.engine.begin() as conn:
        await repo.put_defaults(conn, principal.org_id, values, rt.now())
        await audit.record(rt, conn, principal, "org", principal.org_id, "notification_defaults",
                           before=_audited(before), after=_audited(rules.OrgDefaults(
                               values.get("kinds", before.kinds), values.get("quiet_start", before.quiet_start),
                               values.get("quiet_end", before.quiet_end))))
    return await get_defaults(rt, principal)


def _audited(d: rules.OrgDefaults) -> dict[str, Any]:
    return {"kinds_off": sorted(k for k, on in d.kinds.items() if not on),
            "quiet_hours": f"{d.quiet_start}-{d.quiet_end}" if d.quiet_start and d.quiet_end else None}


# -- in-app ----------------------------------------------------------------------------------------
def item(row: Row[Any]) -> NotificationOut:
    """A notification as the app lists it and as its realtime frame carries it."""
    return NotificationOut(id=row.id, kind=row.kind, title=row.title, body=row.body, data=row.data or {},
                           actor_user_id=row.actor_user_id, created_at=iso(row.created_at),
                           read=row.read_at is not None, read_at=iso(row.read_at))


async def page(rt: Runtime, principal: Principal, user_id: int, *, before_id: int | None, limit: int,
               unread_only: bool) -> tuple[Sequence[Row[Any]], int]:
    async with rt.engine.connect() as conn:
        rows = await repo.page(conn, principal.org_id, user_id, before_id, limit, unread_only)
        unread = await repo.unread_count(conn, principal.org_id, user_id)
    return rows, unread


async def mark_read(rt: Runtime, principal: Principal, user_id: int, ids: list[int] | None) -> tuple[int, int]:
    async with rt.engine.begin() as conn:
        changed = await repo.mark_read(conn, principal.org_id, user_id, ids, rt.now())
        unread = await repo.unread_count(conn, principal.org_id, user_id)
    return changed, unread


# -- realtime ---------------------------------------------------------------------------------------
async def publish_live(rt: Runtime, limit: int = 500) -> int:
    """Publish committed notifications on their reps' private channels (each once)."""
    if not rt.redis_usable:
        return 0
    async with rt.engine.begin() as conn:
        ids = await repo.claim_live(conn, limit)
    if not ids:
        return 0
    async with rt.engine.connect() as conn:
        notes = await repo.by_ids(conn, ids)
    by_org: dict[int, list[tuple[str, bytes]]] = {}
    for n in notes.values():
        channel = f"user:{n.user_id}"
        frame = _encode({"type": "event", "channel": channel, "data": {"kind": "notification", "notification": item(n)}})
        by_org.setdefault(n.org_id, []).append((channel, frame))
    try:
        for org_id, frames in by_org.items():
            await channel_bus(rt).publish_many(org_id, frames)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        async with rt.engine.begin() as conn:
            await repo.unclaim_live(conn, ids)
        return 0
    return len(ids)


# -- demo -------------------------------------------------------------------------------------------
async def seed_demo(rt: Runtime, org_id: int) -> None:
    """`reprally up`: a welcome note in every rep's notification list (the simulated CRM then
    produces passes, top-3 entries and team wins on its own)."""
    async with rt.engine.begin() as conn:
        reps = (await conn.execute(select(User.id).where(User.org_id == org_id, User.role == "rep"))).scalars().all()
        await sinks.write_notices(rt, conn, org_id, [events.Notice(
            uid, "welcome", "Welcome to RepRally", "You'll hear here when you pass someone, climb into the top 3 "
            "or your team lands a big win.", dedupe_key="welcome") for uid in reps])
