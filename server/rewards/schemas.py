"""Wire types of kudos, the feed, reactions, rewards, redemptions and the wallet."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from msgspec import UNSET, Meta, Struct, UnsetType

from server.core.wire import Line, Prose

Cost = Annotated[int, Meta(ge=1, le=1_000_000_000)]


Stock = Annotated[int, Meta(ge=0, le=1_000_000_000)]


Note = Annotated[Prose, Meta(max_length=500)]


RewardName = Annotated[Line, Meta(min_length=1, max_length=120)]


Description = Annotated[Prose, Meta(max_length=1000)]


State = Literal["pending", "approved", "rejected", "fulfilled", "cancelled", "refunded"]


# -- rewards ----------------------------------------------------------------------------------
class RewardCreate(Struct, forbid_unknown_fields=True):
    name: RewardName
    cost: Cost
    description: Description = ""
    stock: Stock | None = None
    active: bool = True


class RewardUpdate(Struct, forbid_unknown_fields=True):
    name: RewardName | UnsetType = UNSET
    description: Description | UnsetType = UNSET
    cost: Cost | UnsetType = UNSET
    stock: Stock | None | UnsetType = UNSET
    active: bool | UnsetType = UNSET


class RewardOut(Struct):
    id: int
    name: str
    description: str
    cost: int
    stock: int | None
    active: bool
    created_at: datetime
    updated_at: datetime


class RewardList(Struct):
    rewards: list[RewardOut]


class NoteIn(Struct, forbid_unknown_fields=True):
    note: Note | None = None


class RedemptionOut(Struct):
    id: int
    user_id: int
    reward_id: int
    reward_name: str
    cost: int
    state: State
    note: str | None
    hold_entry_id: int | None
    refund_entry_id: int | None
    created_at: datetime
    decided_at: datetime | None
    decided_by_user_id: int | None
    fulfilled_at: datetime | None
    fulfilled_by_user_id: int | None


class RedemptionList(Struct):
    redemptions: list[RedemptionOut]
    next_before_id: int | None


class WalletOut(Struct):
    balance: int
    earned: int
    held: int
    spent: int
