"""Chat channels (admins only): connect a Slack or Teams webhook, choose what it posts, see its
status. The webhook URL is checked, sealed (`vault.py`) and never shown again but for its last 4
characters; every change is audited without it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit
from server.chat import rules, store, vault
from server.chat.schemas import ChannelCreate
from server.core.auth import Principal
from server.core.errors import DomainError, NotFound
from server.core.runtime import Part, Runtime

AUDITED = ("provider", "name", "url_tail", "topics", "badge_tiers", "quiet_start", "quiet_end", "hourly_cap",
           "active", "status")
#: The most channels an org may connect.
MAX_CHANNELS = 20
#: How long a process trusts its copy of an org's channels on the activity path (seconds); a
#: change made in this process is seen at once, one made elsewhere within this time.
ROUTES_TTL_S = 5.0


@dataclass(frozen=True, slots=True)
class Route:
    """A channel as the activity path sees it: what it posts."""

    channel_id: int
    topics: frozenset[str]
    badge_tiers: frozenset[str]


class _Routes:
    def __init__(self) -> None:
        self.by_org: dict[int, tuple[float, list[Route]]] = {}

    def drop(self, org_id: int) -> None:
        self.by_org.pop(org_id, None)


_ROUTES: Part[_Routes] = Part("chat.routes", lambda _rt: _Routes())


async def routes(rt: Runtime, conn: AsyncConnection, org_id: int) -> list[Route]:
    """The org's channels taking messages (cached for `ROUTES_TTL_S`), read through `conn`."""
    cache = rt.part(_ROUTES)
    found = cache.by_org.get(org_id)
    if found is not None and found[0] > time.monotonic():
        return found[1]
    out = [Route(r.id, frozenset(r.topics or ()), frozenset(r.badge_tiers or ()))
           for r in await store.routes(conn, org_id)]
    cache.by_org[org_id] = (time.monotonic() + ROUTES_TTL_S, out)
    return out


@dataclass(frozen=True, slots=True)
class Shown:
    row: Row[Any]
    deliveries: dict[str, int]


def _check_quiet(start: str | None, end: str | None) -> None:
    if (start is None) != (end is None):
        raise DomainError("invalid_quiet_hours", "quiet hours need both quiet_start and quiet_end (or neither)",
                          details={"fields": ["quiet_end" if end is None else "quiet_start"]})


def _topics(topics: list[str]) -> list[str]:
    return [t for t in rules.TOPICS if t in set(topics)]  # one each, in a fixed order


async def create(rt: Runtime, principal: Principal, data: ChannelCreate) -> Shown:
    url = rules.check_url(data.provider, data.url, allow_loopback=rt.settings.chat_allow_loopback)
    _check_quiet(data.quiet_start, data.quiet_end)
    now = rt.now()
    async with rt.engine.begin() as conn:
        if len(await store.list_channels(conn, principal.org_id)) >= MAX_CHANNELS:
            raise DomainError("too_many_channels", f"an org connects at most {MAX_CHANNELS} chat channels")
        row = await store.create_channel(conn, {
            "org_id": principal.org_id, "provider": data.provider, "name": data.name,
            "url_enc": vault.seal(rt, url), "url_tail": rules.url_tail(url), "topics": _topics(list(data.topics)),
            "badge_tiers": sorted(set(data.badge_tiers)), "quiet_start": data.quiet_start,
            "quiet_end": data.quiet_end, "hourly_cap": data.hourly_cap, "active": data.active, "status": "ok",
            "created_by_user_id": principal.user_id, "created_at": now, "updated_at": now})
        await audit.record(rt, conn, principal, "chat_channel", row.id, "create", after=audit.fields_of(row, AUDITED))
    rt.part(_ROUTES).drop(principal.org_id)
    return Shown(row, {})


async def _row(conn: AsyncConnection, principal: Principal, channel_id: int, *, lock: bool = False) -> Row[Any]:
    row = await store.get_channel(conn, principal.org_id, channel_id, for_update=lock)
    if row is None:
        raise NotFound("chat_channel_not_found", f"chat channel {channel_id} not found")
    return row


async def get(rt: Runtime, principal: Principal, channel_id: int) -> Shown:
    async with rt.engine.connect() as conn:
        row = await _row(conn, principal, channel_id)
        found = await store.counts(conn, principal.org_id, [row.id])
    return Shown(row, found[row.id])


async def list_all(rt: Runtime, principal: Principal) -> list[Shown]:
    async with rt.engine.connect() as conn:
        rows = await store.list_channels(conn, principal.org_id)
        found = await store.counts(conn, principal.org_id, [r.id for r in rows])
    return [Shown(r, found[r.id]) for r in rows]


async def update(rt: Runtime, principal: Principal, channel_id: int, changes: dict[str, Any]) -> Shown:
    async with rt.engine.begin() as conn:
        row = await _row(conn, principal, channel_id, lock=True)
        values = {k: v for k, v in changes.items() if k != "url"}
        if "topics" in values:
            values["topics"] = _topics(values["topics"])
        if "badge_tiers" in values:
            values["badge_tiers"] = sorted(set(values["badge_tiers"]))
        _check_quiet(values.get("quiet_start", row.quiet_start), values.get("quiet_end", row.quiet_end))
        if "url" in changes:
            url = rules.check_url(row.provider, changes["url"], allow_loopback=rt.settings.chat_allow_loopback)
            # a new URL is a fresh start: the channel posts again
            values.update(url_enc=vault.seal(rt, url), url_tail=rules.url_tail(url), status="ok", last_error=None,
                          broken_at=None)
        values["updated_at"] = rt.now()
        updated = await store.change_channel(conn, principal.org_id, channel_id, values)
        assert updated is not None  # locked above
        await audit.record(rt, conn, principal, "chat_channel", row.id, "update",
                           before={**audit.fields_of(row, AUDITED), "url_changed": False},
                           after={**audit.fields_of(updated, AUDITED), "url_changed": "url" in changes})
        found = await store.counts(conn, principal.org_id, [row.id])
    rt.part(_ROUTES).drop(principal.org_id)
    return Shown(updated, found[row.id])


async def delete(rt: Runtime, principal: Principal, channel_id: int) -> None:
    async with rt.engine.begin() as conn:
        row = await _row(conn, principal, channel_id, lock=True)
        await store.remove_channel(conn, principal.org_id, channel_id)
        await audit.record(rt, conn, principal, "chat_channel", channel_id, "delete",
                           before=audit.fields_of(row, AUDITED))
    rt.part(_ROUTES).drop(principal.org_id)


async def send_test(rt: Runtime, principal: Principal, channel_id: int) -> None:
    """Queue a "connected" message on the channel (it goes out like any other)."""
    now = rt.now()
    async with rt.engine.begin() as conn:
        row = await _row(conn, principal, channel_id)
        await store.enqueue(conn, [{
            "org_id": principal.org_id, "channel_id": row.id, "event_key": f"test:{now.isoformat()}",
            "topic": "test", "data": {}, "state": "pending", "attempts": 0, "created_at": now, "due_at": now}])
