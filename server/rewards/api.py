"""Kudos, the org feed with reactions, the reward catalog, redemptions and the wallet."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get, patch, post
from litestar.di import Provide
from litestar.params import Parameter, QueryParameter
from sqlalchemy import Row

from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.web import provide_principal, require_admin, require_manager, require_user
from server.core.wire import changes
from server.rewards import schemas as w
from server.rewards import service as rewards


def reward_out(r: Row[Any]) -> w.RewardOut:
    return w.RewardOut(r.id, r.name, r.description, r.cost, r.stock, r.active, r.created_at, r.updated_at)


def redemption_out(r: Row[Any]) -> w.RedemptionOut:
    return w.RedemptionOut(r.id, r.user_id, r.reward_id, r.reward_name, r.cost, r.state, r.note, r.hold_entry_id,
                           r.refund_entry_id, r.created_at, r.decided_at, r.decided_by_user_id, r.fulfilled_at,
                           r.fulfilled_by_user_id)


class RewardController(Controller):
    path = "/api/v1"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["rewards"]

    @get("/rewards", operation_id="listRewards",
         summary="The reward catalog (managers may include inactive rewards)")
    async def list_rewards(self, principal: Principal, rt: Runtime, include_inactive: bool = False) -> w.RewardList:
        return w.RewardList([reward_out(r) for r in await rewards.catalog(rt, principal, include_inactive)])

    @post("/rewards", operation_id="createReward",
          status_code=201, summary="Add a reward to the catalog (admins)")
    async def create_reward(self, data: w.RewardCreate, principal: Principal, rt: Runtime) -> w.RewardOut:
        require_admin(principal)
        return reward_out(await rewards.create_reward(rt, principal, {
            "name": data.name, "description": data.description, "cost": data.cost, "stock": data.stock,
            "active": data.active}))

    @get("/rewards/{reward_id:int}", operation_id="getReward")
    async def get_reward(self, reward_id: int, principal: Principal, rt: Runtime) -> w.RewardOut:
        return reward_out(await rewards.get_reward(rt, principal, reward_id))

    @patch("/rewards/{reward_id:int}", operation_id="updateReward",
           summary="Change a reward: name, description, cost, stock, active (admins)")
    async def update_reward(self, reward_id: int, data: w.RewardUpdate, principal: Principal,
                            rt: Runtime) -> w.RewardOut:
        require_admin(principal)
        return reward_out(await rewards.update_reward(rt, principal, reward_id, changes(data)))

    @post("/rewards/{reward_id:int}/redeem", operation_id="redeemReward", status_code=201,
          summary="Request a reward: its cost is held from your balance until an admin decides")
    async def redeem(self, reward_id: int, principal: Principal, rt: Runtime,
                     data: w.NoteIn | None = None) -> w.RedemptionOut:
        user_id = require_user(principal)
        return redemption_out(await rewards.redeem(rt, principal, user_id, reward_id, data.note if data else None))

    @get("/redemptions", operation_id="listRedemptions",
         summary="Every redemption request of the org, newest first (managers and admins)")
    async def list_redemptions(self, principal: Principal, rt: Runtime, 
                               in_state: Annotated[w.State | None, QueryParameter(name="state")] = None,
                               user_id: int | None = Parameter(default=None, ge=1),
                               before_id: int | None = Parameter(default=None, ge=1),
                               limit: int = Parameter(default=50, ge=1, le=200)) -> w.RedemptionList:
        require_manager(principal)
        rows = await rewards.list_redemptions(rt, principal, user_id=user_id, state=in_state, before_id=before_id,
                                              limit=limit)
        return w.RedemptionList([redemption_out(r) for r in rows], rows[-1].id if len(rows) == limit else None)

    @get("/redemptions/{redemption_id:int}", operation_id="getRedemption")
    async def get_redemption(self, redemption_id: int, principal: Principal, rt: Runtime) -> w.RedemptionOut:
        return redemption_out(await rewards.get_redemption(rt, principal, redemption_id))

    @post("/redemptions/{redemption_id:int}/{action:str}", operation_id="decideRedemption", status_code=200,
          summary="approve, reject (points returned), fulfil or refund an approved or fulfilled one (points and "
                  "stock returned; admins); cancel (the requester, while pending)")
    async def decide(self, redemption_id: int, action: str, principal: Principal, rt: Runtime,
                     data: w.NoteIn | None = None) -> w.RedemptionOut:
        require_user(principal)
        rewards.require_decider(principal, action)
        return redemption_out(await rewards.decide(rt, principal, redemption_id, action, data.note if data else None))

    @get("/me/redemptions", operation_id="listMyRedemptions",
         tags=["me"], summary="My redemption requests, newest first")
    async def my_redemptions(self, principal: Principal, rt: Runtime, 
                               in_state: Annotated[w.State | None, QueryParameter(name="state")] = None,
                             before_id: int | None = Parameter(default=None, ge=1),
                             limit: int = Parameter(default=50, ge=1, le=200)) -> w.RedemptionList:
        user_id = require_user(principal)
        rows = await rewards.list_redemptions(rt, principal, user_id=user_id, state=in_state, before_id=before_id,
                                              limit=limit)
        return w.RedemptionList([redemption_out(r) for r in rows], rows[-1].id if len(rows) == limit else None)

    @get("/me/wallet", operation_id="getMyWallet",
         tags=["me"], summary="My spendable points: the ledger sum (holds included), held and spent")
    async def my_wallet(self, principal: Principal, rt: Runtime) -> w.WalletOut:
        wal = await rewards.wallet(rt, principal, require_user(principal))
        return w.WalletOut(wal.balance, wal.earned, wal.held, wal.spent)
