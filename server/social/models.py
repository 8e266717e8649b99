"""Tables of kudos, reactions and rewards (issue 6)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow


class KudosSettings(Base):
    """An org's kudos policy; no row means the defaults of `server.domain.kudos.KudosPolicy`."""

    __tablename__ = "kudos_settings"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    values: Mapped[list[str]] = mapped_column(JSON)
    monthly_allowance: Mapped[int] = mapped_column(Integer)
    max_points: Mapped[int] = mapped_column(Integer)
    per_hour: Mapped[int] = mapped_column(Integer)
    per_day: Mapped[int] = mapped_column(Integer)
    per_pair_day: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Kudos(Base):
    """Recognition from one person to another; points come from the giver's monthly allowance
    (not their own balance) and reach the recipient as a ledger entry of kind `kudos`."""

    __tablename__ = "kudos"
    __table_args__ = (Index("ix_kudos_org_from_created", "org_id", "from_user_id", "created_at"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    from_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    message: Mapped[str] = mapped_column(String(500))
    value_tag: Mapped[str | None] = mapped_column(String(40))
    points: Mapped[int] = mapped_column(Integer, default=0)
    ledger_entry_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FeedReaction(Base):
    """One person's emoji on a feed item: at most one per (item, user, emoji)."""

    __tablename__ = "feed_reactions"
    feed_item_id: Mapped[int] = mapped_column(ForeignKey("feed_items.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    emoji: Mapped[str] = mapped_column(String(16), primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FeedItem(Base):
    """The org's recognition feed: kudos, big wins, badges, contest results, streak milestones.

    Written in the same transaction as the event it tells about; `ref` makes each event's
    item unique per org and kind, so a retried or repeated event never posts twice.
    """

    __tablename__ = "feed_items"
    __table_args__ = (
        UniqueConstraint("org_id", "kind", "ref", name="uq_feed_items_org_kind_ref"),
        Index("ix_feed_items_org_id", "org_id", "id"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    actor_user_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    ref: Mapped[str | None] = mapped_column(String(120))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
