"""Reward catalog, redemptions and the wallet, all through the ledger.

Spending is exact under concurrency: a redemption locks the rep's user row (PostgreSQL
`FOR NO KEY UPDATE`; SQLite serialises writers with `BEGIN IMMEDIATE`), reads the balance
from the ledger, takes a unit of stock with a conditional UPDATE and writes the negative
`redemption` entry in the same transaction, so a second request of the same rep sees the
first one's hold. State changes are conditional UPDATEs (`WHERE state = ...`), so a refund
is written exactly once however many admins click at the same time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row

from server.accounts import audit
from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.core import events, text
from server.core.auth import Principal
from server.core.errors import Conflict, DomainError, Forbidden, NotFound, Unauthorized
from server.core.runtime import Runtime
from server.ledger import effects
from server.ledger import store as ledger_repo
from server.ledger.types import types_of
from server.rewards import rules
from server.rewards import store as repo


# -- catalog ----------------------------------------------------------------------------------
async def create_reward(rt: Runtime, principal: Principal, fields: repo.NewReward) -> Row[Any]:
    rules.check_reward(fields["cost"], fields.get("stock"))
    async with rt.engine.begin() as conn:
        row = await repo.create(conn, principal.org_id, fields, rt.now())
        await audit.record(rt, conn, principal, "reward", row.id, "create", after=audit.fields_of(row, AUDITED))
        return row


#: What the audit log keeps of a reward.
AUDITED = ("name", "cost", "stock", "active")


async def update_reward(rt: Runtime, principal: Principal, reward_id: int,
                        changes: dict[str, Any]) -> Row[Any]:
    rules.check_reward(changes.get("cost"), changes.get("stock"))
    async with rt.engine.begin() as conn:
        old = await repo.get(conn, principal.org_id, reward_id) if changes else None
        row = (await repo.change(conn, principal.org_id, reward_id, changes, rt.now()) if changes
               else await repo.get(conn, principal.org_id, reward_id))
        if old is not None and row is not None:
            await audit.record(rt, conn, principal, "reward", reward_id, "update",
                               before=audit.fields_of(old, AUDITED), after=audit.fields_of(row, AUDITED))
    if row is None:
        raise NotFound("reward_not_found", f"reward {reward_id} not found")
    return row


async def get_reward(rt: Runtime, principal: Principal, reward_id: int) -> Row[Any]:
    async with rt.engine.connect() as conn:
        row = await repo.get(conn, principal.org_id, reward_id)
    if row is None or (not row.active and not principal.is_manager):
        raise NotFound("reward_not_found", f"reward {reward_id} not found")
    return row


async def catalog(rt: Runtime, principal: Principal, include_inactive: bool) -> Sequence[Row[Any]]:
    async with rt.engine.connect() as conn:
        return await repo.catalog(conn, principal.org_id, include_inactive and principal.is_manager)


# -- wallet -----------------------------------------------------------------------------------
async def wallet(rt: Runtime, principal: Principal, user_id: int) -> rules.Wallet:
    async with rt.engine.connect() as conn:
        return rules.wallet(*await repo.wallet_sums(conn, principal.org_id, user_id))


# -- redemptions ------------------------------------------------------------------------------
async def _warm(rt: Runtime, org_id: int) -> None:
    """Load what `effects.emit` reads from the runtime caches before the transaction opens,
    so it never needs a second connection while this one holds the write lock (SQLite)."""
    await org_info(rt, org_id)
    await types_of(rt, org_id)


async def redeem(rt: Runtime, principal: Principal, user_id: int, reward_id: int,
                 note: str | None = None) -> Row[Any]:
    org_id = principal.org_id
    now = rt.now()
    await _warm(rt, org_id)
    async with rt.engine.begin() as conn:
        me = await accounts.lock_user(conn, org_id, user_id)
        if me is None or not me.active:
            raise Unauthorized("account_disabled", "this account is deactivated")
        reward = await repo.get(conn, org_id, reward_id)
        if reward is None:
            raise NotFound("reward_not_found", f"reward {reward_id} not found")
        balance = await ledger_repo.balance(conn, org_id, user_id)
        rules.check_redeem(active=reward.active, stock=reward.stock, cost=reward.cost, balance=balance)
        if not await repo.take_one(conn, reward.id):
            raise Conflict("out_of_stock", "this reward is out of stock")
        done = await effects.emit(rt, conn, org_id, [], actor_user_id=user_id, now=now, entries=[
            events.entry_row(org_id, user_id=user_id, kind="redemption", points=-reward.cost, now=now,
                             actor_user_id=user_id, cause=events.Cause("reward", reward.id))])
        row = await repo.add_redemption(conn, {
            "org_id": org_id, "user_id": user_id, "reward_id": reward.id, "reward_name": reward.name,
            "cost": reward.cost, "state": rules.PENDING, "hold_entry_id": done.entry_ids[0], "note": note,
            "created_at": now})
    await effects.finish(rt, org_id, done)
    return row


_NOTICE = {"approve": ("redemption_approved", "Reward approved", "Your request for {name} was approved."),
           "reject": ("redemption_rejected", "Reward request declined",
                      "Your request for {name} was declined; the {cost} it held went back to your wallet."),
           "fulfil": ("redemption_fulfilled", "Reward on its way", "{name} has been handed over. Enjoy!"),
           "refund": ("redemption_refunded", "Reward refunded",
                      "Your {name} was refunded; its {cost} went back to your wallet.")}


async def decide(rt: Runtime, principal: Principal, redemption_id: int, action: str,
                 note: str | None = None) -> Row[Any]:
    """approve / reject / fulfil / refund (admins) or cancel (the requester, while pending). A
    reject, cancel or refund gives the points back (a `redemption_refund` entry) and the unit
    back to stock, exactly once: the state moves with a conditional UPDATE."""
    sources, target = rules.transition(action)
    org_id = principal.org_id
    now = rt.now()
    fields: dict[str, Any] = {"fulfilled_at": now, "fulfilled_by_user_id": principal.user_id} if action == "fulfil" else {
        "decided_at": now, "decided_by_user_id": principal.user_id}
    if note is not None:
        fields["note"] = note
    done: effects.Emitted | None = None
    await _warm(rt, org_id)
    async with rt.engine.begin() as conn:
        before = await repo.get_redemption(conn, org_id, redemption_id)
        if before is None or (action == "cancel" and before.user_id != principal.user_id):
            raise NotFound("redemption_not_found", f"redemption {redemption_id} not found")
        row = await repo.move(conn, org_id, redemption_id, sources, target, fields)
        if row is None:
            current = await repo.get_redemption(conn, org_id, redemption_id)
            if current is None:
                raise NotFound("redemption_not_found", f"redemption {redemption_id} not found")
            rules.check_transition(action, current.state)  # raises the 409 naming its state
            raise Conflict("invalid_transition", "the redemption changed meanwhile")  # pragma: no cover
        if action != "cancel":  # a rep withdrawing their own request is theirs, not an admin decision
            await audit.record(rt, conn, principal, "redemption", row.id, action,
                               before={"state": before.state if before.state in sources else next(iter(sources))},
                               after={"state": target, "note": note, "user_id": row.user_id,
                                      "reward": row.reward_name}, only_changes=False)
        entries: list[events.EntryRow] = []
        notices: list[events.Notice] = []
        if action in rules.REFUNDING:
            await repo.put_back(conn, row.reward_id)
            entries.append(events.entry_row(org_id, user_id=row.user_id, kind="redemption_refund", points=row.cost,
                                            now=now, actor_user_id=principal.user_id,
                                            cause=events.Cause("reward", row.reward_id)))
        if action in _NOTICE:
            kind, title, body = _NOTICE[action]
            notices.append(events.Notice(row.user_id, kind, title, body.format(name=row.reward_name, cost=text.points(row.cost)),
                                        data={"redemption_id": row.id, "reward_id": row.reward_id},
                                        actor_user_id=principal.user_id, dedupe_key=f"redemption:{row.id}:{target}"))
        if entries or notices:
            done = await effects.emit(rt, conn, org_id, [], actor_user_id=principal.user_id, entries=entries,
                                      notices=notices, now=now)
            if entries:
                row = await repo.set_refund(conn, row.id, done.entry_ids[0])
    if done is not None:
        await effects.finish(rt, org_id, done)
    return row


async def list_redemptions(rt: Runtime, principal: Principal, *, user_id: int | None, state: str | None,
                           before_id: int | None, limit: int) -> Sequence[Row[Any]]:
    if state is not None and state not in rules.STATES:
        raise DomainError("invalid_state", f"state is one of {', '.join(rules.STATES)}")
    if user_id is not None:
        await accounts.require_member(rt, principal.org_id, user_id)
    async with rt.engine.connect() as conn:
        return await repo.redemptions(conn, principal.org_id, user_id=user_id, state=state, before_id=before_id,
                                      limit=limit)


async def get_redemption(rt: Runtime, principal: Principal, redemption_id: int) -> Row[Any]:
    async with rt.engine.connect() as conn:
        row = await repo.get_redemption(conn, principal.org_id, redemption_id)
    if row is None or (not principal.is_manager and row.user_id != principal.user_id):
        raise NotFound("redemption_not_found", f"redemption {redemption_id} not found")
    return row


def require_decider(principal: Principal, action: str) -> None:
    rules.transition(action)  # an unknown action is a 400 whoever asks
    if action != "cancel" and principal.role != "admin":
        raise Forbidden("forbidden", "admins only")
