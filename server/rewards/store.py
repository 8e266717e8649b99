"""The reward catalog, redemptions and the wallet sums read from the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypedDict

from sqlalchemy import Row, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.board.rules import WALLET_KINDS
from server.core.db import table_of
from server.ledger.models import LedgerEntry
from server.ledger.store import _insert
from server.rewards.models import Redemption, Reward
from server.rewards.rules import PENDING

W = table_of(Reward)
D = table_of(Redemption)
L = table_of(LedgerEntry)


class NewReward(TypedDict):
    name: str
    description: str
    cost: int
    stock: int | None
    active: bool


class NewRedemption(TypedDict):
    org_id: int
    user_id: int
    reward_id: int
    reward_name: str
    cost: int
    state: str
    hold_entry_id: int
    note: str | None
    created_at: datetime


# -- catalog ----------------------------------------------------------------------------------
async def create(conn: AsyncConnection, org_id: int, fields: NewReward, now: datetime) -> Row[Any]:
    stmt = _insert(conn, W).values(org_id=org_id, created_at=now, updated_at=now, **fields).returning(*W.c)
    return (await conn.execute(stmt)).one()


async def get(conn: AsyncConnection, org_id: int, reward_id: int) -> Row[Any] | None:
    return (await conn.execute(select(W).where(W.c.org_id == org_id, W.c.id == reward_id))).one_or_none()


async def change(conn: AsyncConnection, org_id: int, reward_id: int, changes: dict[str, Any], now: datetime) -> Row[Any] | None:
    stmt = (update(W).where(W.c.org_id == org_id, W.c.id == reward_id)
            .values(updated_at=now, **changes).returning(*W.c))
    return (await conn.execute(stmt)).one_or_none()


async def catalog(conn: AsyncConnection, org_id: int, include_inactive: bool) -> Sequence[Row[Any]]:
    q = select(W).where(W.c.org_id == org_id).order_by(W.c.cost, W.c.id)
    if not include_inactive:
        q = q.where(W.c.active.is_(True))
    return (await conn.execute(q)).all()


async def take_one(conn: AsyncConnection, reward_id: int) -> bool:
    """Take one unit of the reward (unlimited stock stays NULL); False when none is left. The
    conditional UPDATE makes concurrent takers queue on the row and see each other's decrement."""
    stmt = (update(W).where(W.c.id == reward_id, or_(W.c.stock.is_(None), W.c.stock > 0))
            .values(stock=W.c.stock - 1))
    return (await conn.execute(stmt)).rowcount == 1


async def put_back(conn: AsyncConnection, reward_id: int) -> None:
    await conn.execute(update(W).where(W.c.id == reward_id, W.c.stock.is_not(None)).values(stock=W.c.stock + 1))


# -- redemptions ------------------------------------------------------------------------------
async def add_redemption(conn: AsyncConnection, row: NewRedemption) -> Row[Any]:
    return (await conn.execute(_insert(conn, D).values(**row).returning(*D.c))).one()


async def get_redemption(conn: AsyncConnection, org_id: int, redemption_id: int) -> Row[Any] | None:
    return (await conn.execute(select(D).where(D.c.org_id == org_id, D.c.id == redemption_id))).one_or_none()


async def move(conn: AsyncConnection, org_id: int, redemption_id: int, sources: frozenset[str], target: str,
               fields: dict[str, Any]) -> Row[Any] | None:
    """Move a redemption to `target` only if it is in one of `sources`; None when it was not
    (so two concurrent approvals cannot both succeed)."""
    stmt = (update(D).where(D.c.org_id == org_id, D.c.id == redemption_id, D.c.state.in_(sorted(sources)))
            .values(state=target, **fields).returning(*D.c))
    return (await conn.execute(stmt)).one_or_none()


async def set_refund(conn: AsyncConnection, redemption_id: int, entry_id: int) -> Row[Any]:
    stmt = update(D).where(D.c.id == redemption_id).values(refund_entry_id=entry_id).returning(*D.c)
    return (await conn.execute(stmt)).one()


async def redemptions(conn: AsyncConnection, org_id: int, *, user_id: int | None, state: str | None,
                      before_id: int | None, limit: int) -> Sequence[Row[Any]]:
    q = select(D).where(D.c.org_id == org_id).order_by(D.c.id.desc()).limit(limit)
    if user_id is not None:
        q = q.where(D.c.user_id == user_id)
    if state is not None:
        q = q.where(D.c.state == state)
    if before_id is not None:
        q = q.where(D.c.id < before_id)
    return (await conn.execute(q)).all()


# -- wallet -----------------------------------------------------------------------------------
async def wallet_sums(conn: AsyncConnection, org_id: int, user_id: int) -> tuple[int, int, int]:
    """(earned, wallet net, held): points of non-wallet entries, the sum of the redemption and
    refund entries, and the points held by pending requests."""
    is_wallet = L.c.kind.in_(WALLET_KINDS)
    q = select(func.coalesce(func.sum(case((is_wallet, 0), else_=L.c.points)), 0),
               func.coalesce(func.sum(case((is_wallet, L.c.points), else_=0)), 0)
               ).where(L.c.org_id == org_id, L.c.user_id == user_id)
    earned, net = (await conn.execute(q)).one()
    held = await conn.scalar(select(func.coalesce(func.sum(D.c.cost), 0))
                             .where(D.c.org_id == org_id, D.c.user_id == user_id, D.c.state == PENDING))
    return int(earned), int(net), int(held or 0)
