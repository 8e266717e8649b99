"""Kudos, the org feed with reactions, the reward catalog, redemptions and the wallet."""

from __future__ import annotations

from litestar import Controller, delete, get, patch, post
from litestar.di import Provide
from litestar.params import Parameter, QueryParameter

from server.api import schemas_social as w
from server.api.convert import changes
from server.api.security import provide_principal, require_admin, require_manager, require_user
from server.domain.errors import DomainError
from server.domain.kudos import REACTIONS
from server.services import kudos, rewards
from server.services.auth import Principal

MAX_KINDS = 20


def kudos_out(k, feed_item_id: int | None = None, boards_updated: bool | None = None) -> w.KudosOut:
    return w.KudosOut(k.id, k.from_user_id, k.to_user_id, k.message, k.value_tag, k.points, k.created_at,
                      k.ledger_entry_id, feed_item_id, boards_updated)


def policy_out(p) -> w.KudosSettingsOut:
    return w.KudosSettingsOut(list(p.values), p.monthly_allowance, p.max_points, p.per_hour, p.per_day,
                              p.per_pair_day, list(REACTIONS))


def reactions_out(found) -> list[w.ReactionOut]:
    return [w.ReactionOut(e, n, mine) for e, n, mine in found]


def feed_item_out(e: kudos.FeedEntry) -> w.FeedItemOut:
    r = e.row
    return w.FeedItemOut(r.id, r.kind, r.created_at, r.user_id, e.user[0] if e.user else None,
                         e.user[1] if e.user else None, r.actor_user_id, e.actor[0] if e.actor else None,
                         r.data or {}, reactions_out(e.reactions))


def reward_out(r) -> w.RewardOut:
    return w.RewardOut(r.id, r.name, r.description, r.cost, r.stock, r.active, r.created_at, r.updated_at)


def redemption_out(r) -> w.RedemptionOut:
    return w.RedemptionOut(r.id, r.user_id, r.reward_id, r.reward_name, r.cost, r.state, r.note, r.hold_entry_id,
                           r.refund_entry_id, r.created_at, r.decided_at, r.decided_by_user_id, r.fulfilled_at,
                           r.fulfilled_by_user_id)


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

    @post("/kudos", status_code=201, summary="Give kudos (optionally with points from your monthly allowance)")
    async def give(self, data: w.KudosIn, principal: Principal, rt: object) -> w.KudosOut:
        giver = require_user(principal)
        g = await kudos.give(rt, principal, giver, data.to_user_id, data.message, data.value_tag, data.points)
        return kudos_out(g.kudos, g.feed_item_id, g.boards_updated)

    @get("/kudos", summary="Kudos of the org, newest first (filter by recipient or giver)")
    async def list_kudos(self, principal: Principal, rt: object, to_user_id: int | None = Parameter(default=None, ge=1),
                         from_user_id: int | None = Parameter(default=None, ge=1),
                         before_id: int | None = Parameter(default=None, ge=1),
                         limit: int = Parameter(default=50, ge=1, le=200)) -> w.KudosList:
        rows = await kudos.list_kudos(rt, principal, to_user_id=to_user_id, from_user_id=from_user_id,
                                      before_id=before_id, limit=limit)
        return w.KudosList([kudos_out(k) for k in rows], rows[-1].id if len(rows) == limit else None)

    @get("/kudos/settings", summary="The org's values, allowance and limits for kudos, and the allowed reactions")
    async def settings(self, principal: Principal, rt: object) -> w.KudosSettingsOut:
        return policy_out(await kudos.policy(rt, principal.org_id))

    @patch("/kudos/settings", summary="Change the org's kudos values, allowance or limits (admins)")
    async def update_settings(self, data: w.KudosSettingsUpdate, principal: Principal,
                              rt: object) -> w.KudosSettingsOut:
        require_admin(principal)
        return policy_out(await kudos.update_policy(rt, principal, changes(data)))

    @get("/me/kudos-allowance", tags=["me"], summary="Points I can still give in kudos this month")
    async def my_allowance(self, principal: Principal, rt: object) -> w.AllowanceOut:
        a = await kudos.allowance(rt, principal, require_user(principal))
        return w.AllowanceOut(a.month, a.allowance, a.used, a.remaining, a.max_points)

    # -- the feed --
    @get("/feed", summary="The org's recognition feed, newest first")
    async def feed(self, principal: Principal, rt: object, kinds: list[str] | None = Parameter(default=None),
                   before_id: int | None = Parameter(default=None, ge=1),
                   limit: int = Parameter(default=30, ge=1, le=100)) -> w.FeedPage:
        entries = await kudos.feed_page(rt, principal, before_id, limit, _kinds(kinds))
        return w.FeedPage([feed_item_out(e) for e in entries], entries[-1].row.id if len(entries) == limit else None)

    @post("/feed/{item_id:int}/reactions", status_code=200, summary="React to a feed item (once per emoji)")
    async def react(self, item_id: int, data: w.ReactionIn, principal: Principal, rt: object) -> w.ReactionsOut:
        found = await kudos.react(rt, principal, require_user(principal), item_id, data.emoji, add=True)
        return w.ReactionsOut(item_id, reactions_out(found))

    @delete("/feed/{item_id:int}/reactions", status_code=200,
            summary="Take back a reaction (emoji in the body or the `emoji` query parameter)")
    async def unreact(self, item_id: int, principal: Principal, rt: object, data: w.ReactionIn | None = None,
                      emoji: str | None = Parameter(default=None, max_length=32)) -> w.ReactionsOut:
        wanted = data.emoji if data is not None else emoji
        if not wanted:
            raise DomainError("emoji_required", "name the reaction to remove ('emoji')")
        found = await kudos.react(rt, principal, require_user(principal), item_id, wanted, add=False)
        return w.ReactionsOut(item_id, reactions_out(found))


class RewardController(Controller):
    path = "/api/v1"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["rewards"]

    @get("/rewards", summary="The reward catalog (managers may include inactive rewards)")
    async def list_rewards(self, principal: Principal, rt: object, include_inactive: bool = False) -> w.RewardList:
        return w.RewardList([reward_out(r) for r in await rewards.catalog(rt, principal, include_inactive)])

    @post("/rewards", status_code=201, summary="Add a reward to the catalog (admins)")
    async def create_reward(self, data: w.RewardCreate, principal: Principal, rt: object) -> w.RewardOut:
        require_admin(principal)
        return reward_out(await rewards.create_reward(rt, principal, {
            "name": data.name, "description": data.description, "cost": data.cost, "stock": data.stock,
            "active": data.active}))

    @get("/rewards/{reward_id:int}")
    async def get_reward(self, reward_id: int, principal: Principal, rt: object) -> w.RewardOut:
        return reward_out(await rewards.get_reward(rt, principal, reward_id))

    @patch("/rewards/{reward_id:int}", summary="Change a reward: name, description, cost, stock, active (admins)")
    async def update_reward(self, reward_id: int, data: w.RewardUpdate, principal: Principal,
                            rt: object) -> w.RewardOut:
        require_admin(principal)
        return reward_out(await rewards.update_reward(rt, principal, reward_id, changes(data)))

    @post("/rewards/{reward_id:int}/redeem", status_code=201,
          summary="Request a reward: its cost is held from your balance until an admin decides")
    async def redeem(self, reward_id: int, principal: Principal, rt: object,
                     data: w.NoteIn | None = None) -> w.RedemptionOut:
        user_id = require_user(principal)
        return redemption_out(await rewards.redeem(rt, principal, user_id, reward_id, data.note if data else None))

    @get("/redemptions", summary="Every redemption request of the org, newest first (managers and admins)")
    async def list_redemptions(self, principal: Principal, rt: object, 
                               in_state: w.State | None = QueryParameter(name="state", default=None),
                               user_id: int | None = Parameter(default=None, ge=1),
                               before_id: int | None = Parameter(default=None, ge=1),
                               limit: int = Parameter(default=50, ge=1, le=200)) -> w.RedemptionList:
        require_manager(principal)
        rows = await rewards.list_redemptions(rt, principal, user_id=user_id, state=in_state, before_id=before_id,
                                              limit=limit)
        return w.RedemptionList([redemption_out(r) for r in rows], rows[-1].id if len(rows) == limit else None)

    @get("/redemptions/{redemption_id:int}")
    async def get_redemption(self, redemption_id: int, principal: Principal, rt: object) -> w.RedemptionOut:
        return redemption_out(await rewards.get_redemption(rt, principal, redemption_id))

    @post("/redemptions/{redemption_id:int}/{action:str}", status_code=200,
          summary="approve, reject (points returned) or fulfil (admins); cancel (the requester, while pending)")
    async def decide(self, redemption_id: int, action: str, principal: Principal, rt: object,
                     data: w.NoteIn | None = None) -> w.RedemptionOut:
        require_user(principal)
        rewards.require_decider(principal, action)
        return redemption_out(await rewards.decide(rt, principal, redemption_id, action, data.note if data else None))

    @get("/me/redemptions", tags=["me"], summary="My redemption requests, newest first")
    async def my_redemptions(self, principal: Principal, rt: object, 
                               in_state: w.State | None = QueryParameter(name="state", default=None),
                             before_id: int | None = Parameter(default=None, ge=1),
                             limit: int = Parameter(default=50, ge=1, le=200)) -> w.RedemptionList:
        user_id = require_user(principal)
        rows = await rewards.list_redemptions(rt, principal, user_id=user_id, state=in_state, before_id=before_id,
                                              limit=limit)
        return w.RedemptionList([redemption_out(r) for r in rows], rows[-1].id if len(rows) == limit else None)

    @get("/me/wallet", tags=["me"], summary="My spendable points: the ledger sum (holds included), held and spent")
    async def my_wallet(self, principal: Principal, rt: object) -> w.WalletOut:
        wal = await rewards.wallet(rt, principal, require_user(principal))
        return w.WalletOut(wal.balance, wal.earned, wal.held, wal.spent)
