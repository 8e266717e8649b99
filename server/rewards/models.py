"""Tables of kudos, reactions and rewards (issue 6)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow


class Reward(Base):
    """An item of an org's reward catalog. `stock` None means unlimited."""

    __tablename__ = "rewards"
    __table_args__ = (Index("ix_rewards_org_id", "org_id", "id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(1000), default="")
    cost: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Redemption(Base):
    """A rep's request for a reward. Its points are held by a `redemption` ledger entry at once;
    a rejection or cancellation writes a `redemption_refund` entry (exactly once: the state
    change is a conditional UPDATE)."""

    __tablename__ = "redemptions"
    __table_args__ = (
        Index("ix_redemptions_org_state_id", "org_id", "state", "id"),
        Index("ix_redemptions_org_user_id", "org_id", "user_id", "id"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reward_id: Mapped[int] = mapped_column(ForeignKey("rewards.id", ondelete="CASCADE"))
    reward_name: Mapped[str] = mapped_column(String(120))
    cost: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    hold_entry_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    refund_entry_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_user_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    fulfilled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fulfilled_by_user_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
