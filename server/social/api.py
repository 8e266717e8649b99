"""Kudos, the org feed with reactions, the reward catalog, redemptions and the wallet."""

from __future__ import annotations

from typing import Any

from litestar import Controller, delete, get, patch, post
from litestar.di import Provide
from litestar.params import Parameter
from sqlalchemy import Row

from server.core.auth import Principal
from server.core.contract.openapi import errors
from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.core.web import TV, provide_principal, require_admin, require_user
from server.core.wire import changes
from server.social import kudos
from server.social import schemas as w
from server.social.rules import REACTIONS, KudosPolicy

MAX_KINDS = 20


def kudos_out(k: Row[Any], feed_item_id: int | None = None, boards_updated: bool | None = None) -> w.KudosOut:
    return w.KudosOut(k.id, k.from_user_id, k.to_user_id, k.message, k.value_tag, k.points, k.created_at,
                      k.ledger_entry_id, feed_item_id, boards_updated)


def policy_out(p: KudosPolicy) -> w.KudosSettingsOut:
    return w.KudosSettingsOut(list(p.values), p.monthly_allowance, p.max_points, p.per_hour, p.per_day,
                              p.per_pair_day, list(REACTIONS))


def reactions_out(found: list[tuple[str, int, bool]]) -> list[w.ReactionOut]:
    return [w.ReactionOut(e, n, mine) for e, n, mine in found]


def feed_item_out(e: kudos.FeedEntry) -> w.FeedItemOut:
    r = e.row
    return w.FeedItemOut(r.id, r.kind, r.created_at, r.user_id, e.user[0] if e.user else None,
                         e.user[1] if e.user else None, r.actor_user_id, e.actor[0] if e.actor else None,
                         r.data or {}, reactions_out(e.reactions))


def _kinds(raw: list[str] | None) -> list[str] | None:
    if not raw:
        return None
    kinds = sorted({k.strip() for part in raw for k in part.split(",") if k.strip()})
    if len(kinds) > MAX_KINDS or any(len(k) > 32 for k in kinds):
        raise DomainError("invalid_kinds", f"name at most {MAX_KINDS} kinds of up to 32 characters")
    return kinds or None


class KudosController(Controller):
    path = "/api/v1"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["recognition"]

    @post("/kudos", operation_id="giveKudos",
          status_code=201, summary="Give kudos (optionally with points from your monthly allowance)",
          responses=errors(429))
    async def give(self, data: w.KudosIn, principal: Principal, rt: Runtime) -> w.KudosOut:
        giver = require_user(principal)
        g = await kudos.give(rt, principal, giver, data.to_user_id, data.message, data.value_tag, data.points)
        return kudos_out(g.kudos, g.feed_item_id, g.boards_updated)

    @get("/kudos", operation_id="listKudos",
         summary="Kudos of the org, newest first (filter by recipient or giver)")
    async def list_kudos(self, principal: Principal, rt: Runtime, to_user_id: int | None = Parameter(default=None, ge=1),
                         from_user_id: int | None = Parameter(default=None, ge=1),
                         before_id: int | None = Parameter(default=None, ge=1),
                         limit: int = Parameter(default=50, ge=1, le=200)) -> w.KudosList:
        rows = await kudos.list_kudos(rt, principal, to_user_id=to_user_id, from_user_id=from_user_id,
                                      before_id=before_id, limit=limit)
        return w.KudosList([kudos_out(k) for k in rows], rows[-1].id if len(rows) == limit else None)

    @get("/kudos/settings", operation_id="getKudosSettings",
         summary="The org's values, allowance and limits for kudos, and the allowed reactions")
    async def settings(self, principal: Principal, rt: Runtime) -> w.KudosSettingsOut:
        return policy_out(await kudos.policy(rt, principal.org_id))

    @patch("/kudos/settings", operation_id="updateKudosSettings",
           summary="Change the org's kudos values, allowance or limits (admins)")
    async def update_settings(self, data: w.KudosSettingsUpdate, principal: Principal,
                              rt: Runtime) -> w.KudosSettingsOut:
        require_admin(principal)
        return policy_out(await kudos.update_policy(rt, principal, changes(data)))

    @get("/me/kudos-allowance", operation_id="getMyKudosAllowance",
         tags=["me"], summary="Points I can still give in kudos this month")
    async def my_allowance(self, principal: Principal, rt: Runtime) -> w.AllowanceOut:
        a = await kudos.allowance(rt, principal, require_user(principal))
        return w.AllowanceOut(a.month, a.allowance, a.used, a.remaining, a.max_points)

    # -- the feed --
    @get("/feed", operation_id="getFeed", summary="The org's recognition feed, newest first", opt=TV)
    async def feed(self, principal: Principal, rt: Runtime, kinds: list[str] | None = Parameter(default=None),
                   before_id: int | None = Parameter(default=None, ge=1),
                   limit: int = Parameter(default=30, ge=1, le=100)) -> w.FeedPage:
        entries = await kudos.feed_page(rt, principal, before_id, limit, _kinds(kinds))
        return w.FeedPage([feed_item_out(e) for e in entries], entries[-1].row.id if len(entries) == limit else None)

    @post("/feed/{item_id:int}/reactions", operation_id="addReaction",
          status_code=200, summary="React to a feed item (once per emoji)")
    async def react(self, item_id: int, data: w.ReactionIn, principal: Principal, rt: Runtime) -> w.ReactionsOut:
        found = await kudos.react(rt, principal, require_user(principal), item_id, data.emoji, add=True)
        return w.ReactionsOut(item_id, reactions_out(found))

    @delete("/feed/{item_id:int}/reactions", operation_id="removeReaction", status_code=200,
            summary="Take back a reaction (emoji in the body or the `emoji` query parameter)")
    async def unreact(self, item_id: int, principal: Principal, rt: Runtime, data: w.ReactionIn | None = None,
                      emoji: str | None = Parameter(default=None, max_length=32)) -> w.ReactionsOut:
        wanted = data.emoji if data is not None else emoji
        if not wanted:
            raise DomainError("emoji_required", "name the reaction to remove ('emoji')")
        found = await kudos.react(rt, principal, require_user(principal), item_id, wanted, add=False)
        return w.ReactionsOut(item_id, reactions_out(found))
