"""Tables of chat posting: the org's channels (a Slack or Teams webhook each) and their outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow

RefId = BigInteger().with_variant(Integer, "sqlite")


class ChatChannel(Base):
    """One webhook of an org: where its wins are posted. The URL is a secret: stored encrypted
    (`url_enc`, `vault.py`), never shown again but for its last 4 characters (`url_tail`).
    `status` is `ok` or `broken` (the provider said the webhook is gone: `last_error` says how)."""

    __tablename__ = "chat_channels"
    __table_args__ = (Index("ix_chat_channels_org", "org_id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    provider: Mapped[str] = mapped_column(String(8))  # slack | teams
    name: Mapped[str] = mapped_column(String(100))
    url_enc: Mapped[str] = mapped_column(Text)
    url_tail: Mapped[str] = mapped_column(String(4))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: badges of these tiers are posted (when `badges` is a topic)
    badge_tiers: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: "HH:MM" in the org's time zone; start > end spans midnight
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    #: messages per rolling hour (0: no cap)
    hourly_cap: Mapped[int] = mapped_column(Integer, default=20)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(16), default="ok")
    last_error: Mapped[str | None] = mapped_column(String(300))
    broken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_user_id: Mapped[int | None] = mapped_column(RefId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChatOutbox(Base):
    """One message for one channel: written in the transaction of the event that causes it, once
    per (channel, event key), and sent by the worker (`sender.py`).

    `state`: pending (waiting for `due_at`), sent, failed (refused, or out of attempts: see
    `last_error`), dropped (its channel broke, was switched off or the event grew stale). A sender
    owns a pending row while `lease_until` is in the future."""

    __tablename__ = "chat_outbox"
    __table_args__ = (
        UniqueConstraint("channel_id", "event_key", name="uq_chat_outbox_channel_event"),
        Index("ix_chat_outbox_due", "due_at", postgresql_where=text("state = 'pending'"),
              sqlite_where=text("state = 'pending'")),
        Index("ix_chat_outbox_channel_sent", "channel_id", "sent_at"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(RefId)  # no foreign key to the org: written on the activity path
    channel_id: Mapped[int] = mapped_column(ForeignKey("chat_channels.id", ondelete="CASCADE"))
    event_key: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
