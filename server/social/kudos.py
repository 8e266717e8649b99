"""Kudos, the org feed and its reactions.

A kudos is one transaction: lock the giver's row (so their limits are checked by one request
at a time), check the anti-spam limits and the monthly allowance against the giver's past
kudos, write the kudos, then `effects.emit` the recipient's `kudos` ledger entry (it moves
the points boards like any bonus), the notice, the feed item and the `kudos_received`
achievement. After the commit `effects.finish` moves the boards and publishes the item.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import msgspec
from redis.exceptions import RedisError
from sqlalchemy import Row

from server.accounts import audit
from server.accounts import service as accounts
from server.accounts.directory import active_users, org_info
from server.board.channels import channel_bus
from server.core import events
from server.core import text as wording
from server.core.auth import Principal
from server.core.errors import NotFound, Unauthorized
from server.core.runtime import Runtime
from server.ledger import effects
from server.ledger.types import types_of
from server.social import feed, rules
from server.social import store_feed as feed_repo
from server.social import store_kudos as kudos_repo
from server.social import store_reactions as reactions_repo

log = logging.getLogger("reprally.kudos")
_encode = msgspec.json.Encoder().encode


@dataclass(slots=True)
class Given:
    kudos: Row[Any]  # the kudos row
    feed_item_id: int | None
    boards_updated: bool


def policy_of(row: Row[Any] | None) -> rules.KudosPolicy:
    if row is None:
        return rules.KudosPolicy()
    return rules.KudosPolicy(tuple(row.values), row.monthly_allowance, row.max_points, row.per_hour, row.per_day,
                             row.per_pair_day)


async def policy(rt: Runtime, org_id: int) -> rules.KudosPolicy:
    async with rt.engine.connect() as conn:
        return policy_of(await kudos_repo.get_settings(conn, org_id))


async def update_policy(rt: Runtime, principal: Principal, changes: dict[str, Any]) -> rules.KudosPolicy:
    async with rt.engine.begin() as conn:
        old = policy_of(await kudos_repo.get_settings(conn, principal.org_id))
        new = rules.updated_policy(old, changes)
        saved: kudos_repo.SettingsValues = {
            "values": list(new.values), "monthly_allowance": new.monthly_allowance, "max_points": new.max_points,
            "per_hour": new.per_hour, "per_day": new.per_day, "per_pair_day": new.per_pair_day}
        await kudos_repo.save_settings(conn, principal.org_id, saved, rt.now())
        await audit.record(rt, conn, principal, "org", principal.org_id, "kudos_settings",
                           before={**asdict(old), "values": list(old.values)}, after=saved)
    return new


@dataclass(slots=True)
class Allowance:
    month: str
    allowance: int
    used: int
    remaining: int
    max_points: int


async def allowance(rt: Runtime, principal: Principal, user_id: int) -> Allowance:
    org = await org_info(rt, principal.org_id)
    month = rules.month_of(rt.now(), org.tz)
    async with rt.engine.connect() as conn:
        pol = policy_of(await kudos_repo.get_settings(conn, principal.org_id))
        used = await kudos_repo.points_given(conn, principal.org_id, user_id, month.start, month.end)
    return Allowance(month.id, pol.monthly_allowance, used, max(0, pol.monthly_allowance - used), pol.max_points)


async def give(rt: Runtime, principal: Principal, giver_id: int, to_user_id: int, message: str, value_tag: str | None,
               points: int) -> Given:
    rules.check_recipient(giver_id, to_user_id)
    text = rules.clean_message(message)
    org_id = principal.org_id
    if not await active_users(rt, org_id, {to_user_id}):
        raise NotFound("user_not_found", f"user {to_user_id} not found", details={"user_id": to_user_id})
    org = await org_info(rt, org_id)
    await types_of(rt, org_id)  # cached for effects.emit: no second connection inside the transaction
    now = rt.now()
    async with rt.engine.begin() as conn:
        giver = await accounts.lock_user(conn, org_id, giver_id)
        if giver is None or not giver.active:
            raise Unauthorized("account_disabled", "this account is deactivated")
        pol = policy_of(await kudos_repo.get_settings(conn, org_id))
        tag = rules.resolve_value_tag(value_tag, pol.values)
        rules.check_rate(now, await kudos_repo.given_since(conn, org_id, giver_id, now - rules.DAY), to_user_id, pol)
        if points:
            month = rules.month_of(now, org.tz)
            rules.check_points(points, pol, await kudos_repo.points_given(conn, org_id, giver_id, month.start,
                                                                           month.end))
        else:
            rules.check_points(points, pol, 0)
        row = await kudos_repo.insert(conn, {"org_id": org_id, "from_user_id": giver_id, "to_user_id": to_user_id,
                                            "message": text, "value_tag": tag, "points": points,
                                            "created_at": now})
        ref = f"kudos:{row.id}"
        giver_name = giver.display_name
        data = {"kudos_id": row.id, "message": text, "value_tag": tag, "points": points,
                "from_user_id": giver_id, "from_display_name": giver_name}
        entries = [events.entry_row(org_id, user_id=to_user_id, kind="kudos", points=points, now=now,
                                    actor_user_id=giver_id, cause=events.Cause("kudos", row.id))] if points else []
        notice = events.Notice(to_user_id, "kudos", f"Kudos from {giver_name}",
                              text if not points else f"{text} ({wording.points(points, signed=True)})", data=data,
                              actor_user_id=giver_id, dedupe_key=ref)
        items = await feed.write(conn, org_id, [events.FeedItem("kudos", to_user_id, data, actor_user_id=giver_id,
                                                                 ref=ref)], now)
        done = await effects.emit(
            rt, conn, org_id, [events.Achievement("kudos_received", to_user_id, data, ref=ref)],
            actor_user_id=giver_id, entries=entries, notices=[notice], now=now)
        if points:
            row = await kudos_repo.set_ledger_entry(conn, row.id, done.entry_ids[0])
    boarded = await effects.finish(rt, org_id, done)
    await feed.publish(rt, org_id, items)
    return Given(row, items[0].id if items else None, boarded)


async def list_kudos(rt: Runtime, principal: Principal, *, to_user_id: int | None, from_user_id: int | None,
                     before_id: int | None, limit: int) -> Sequence[Row[Any]]:
    for user_id in (to_user_id, from_user_id):
        if user_id is not None:
            await accounts.require_member(rt, principal.org_id, user_id)
    async with rt.engine.connect() as conn:
        return await kudos_repo.list_for(conn, principal.org_id, to_user_id=to_user_id, from_user_id=from_user_id,
                                         before_id=before_id, limit=limit)


# -- the feed ---------------------------------------------------------------------------------
@dataclass(slots=True)
class FeedEntry:
    row: Row[Any]  # the feed item row
    user: tuple[str, int | None] | None  # (display name, team id)
    actor: tuple[str, int | None] | None
    reactions: list[tuple[str, int, bool]]  # (emoji, count, whether the caller reacted)


def _reaction_list(found: dict[str, tuple[int, bool]]) -> list[tuple[str, int, bool]]:
    return [(e, *found[e]) for e in rules.REACTIONS if e in found]


async def feed_page(rt: Runtime, principal: Principal, before_id: int | None, limit: int,
                    kinds: list[str] | None) -> list[FeedEntry]:
    async with rt.engine.connect() as conn:
        rows = await feed_repo.page(conn, principal.org_id, before_id, limit, kinds)
        people = await reactions_repo.names(conn, principal.org_id, [
            u for r in rows for u in (r.user_id, r.actor_user_id) if u is not None])
        counts = await reactions_repo.counts(conn, [r.id for r in rows], principal.user_id)
    return [FeedEntry(r, people.get(r.user_id), people.get(r.actor_user_id), _reaction_list(counts.get(r.id, {})))
            for r in rows]


async def react(rt: Runtime, principal: Principal, user_id: int, item_id: int, emoji: str, *,
                add: bool) -> list[tuple[str, int, bool]]:
    """Add or remove the caller's reaction; returns the item's reactions afterwards. Repeating
    an add or a remove changes nothing (one reaction per user and emoji)."""
    emoji = rules.normalise_emoji(emoji)
    org_id = principal.org_id
    async with rt.engine.begin() as conn:
        if not await reactions_repo.item_exists(conn, org_id, item_id):
            raise NotFound("feed_item_not_found", f"feed item {item_id} not found")
        if add:
            changed = await reactions_repo.add(conn, org_id, item_id, user_id, emoji, rt.now())
        else:
            changed = await reactions_repo.remove(conn, org_id, item_id, user_id, emoji)
        found = (await reactions_repo.counts(conn, [item_id], user_id)).get(item_id, {})
    if changed:
        count = found.get(emoji, (0, False))[0]
        await _publish(rt, org_id, {"kind": "reaction", "id": item_id, "emoji": emoji, "count": count,
                                    "user_id": user_id, "action": "added" if add else "removed"})
    return _reaction_list(found)


async def _publish(rt: Runtime, org_id: int, data: dict[str, Any]) -> None:
    if not rt.redis_usable:
        return
    try:
        await channel_bus(rt).publish_many(org_id, [("feed", _encode({"type": "event", "channel": "feed", "data": data}))])
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
