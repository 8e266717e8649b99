"""Tables of push notifications (issue 4): devices, the outbox, in-app notifications, preferences."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow

RefId = BigInteger().with_variant(Integer, "sqlite")


class Device(Base):
    """An FCM registration token of one rep's phone or browser. A token names one app install,
    so within an org it belongs to at most one user (a new login on the device moves it). Each
    org keeps its own registration of a token: registering one that another org holds creates
    the caller's and never touches, nor reveals, the other's (migration 0011)."""

    __tablename__ = "devices"
    __table_args__ = (Index("ix_devices_user", "user_id"),
                      UniqueConstraint("org_id", "token", name="uq_devices_org_token"))
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(512))
    platform: Mapped[str] = mapped_column(String(16))  # ios | android | web
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(Base):
    """What a rep is told, as listed in the app. One per (user, dedupe_key): a repeated
    trigger is harmless. Written in the same transaction as its cause."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key", name="uq_notifications_user_dedupe"),
        Index("ix_notifications_org_user_id", "org_id", "user_id", "id"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(RefId)  # no foreign keys to hot parents: models.HOT_PARENTS
    user_id: Mapped[int] = mapped_column(RefId)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(1000))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    actor_user_id: Mapped[int | None] = mapped_column(RefId)
    dedupe_key: Mapped[str] = mapped_column(String(200))
    collapse_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PushOutbox(Base):
    """The push half of a notification: the durable queue the sender works through.

    `state`: pending (waiting for `due_at`), sent, bundled (went out inside another row's
    "N new updates" push), failed (permanent, see `last_error`), expired (stale before it could
    go out), off (the rep turned the kind off), no_device. A sender owns a pending row while
    `lease_until` is in the future; `live_done` says the in-app realtime frame went out.
    """

    __tablename__ = "push_outbox"
    __table_args__ = (
        Index("ix_push_outbox_due", "due_at", postgresql_where=text("state = 'pending'"),
              sqlite_where=text("state = 'pending'")),
        Index("ix_push_outbox_live", "id", postgresql_where=text("NOT live_done"),
              sqlite_where=text("NOT live_done")),
        Index("ix_push_outbox_user_sent", "user_id", "sent_at"),
    )
    id: Mapped[int] = mapped_column(ForeignKey("notifications.id", ondelete="CASCADE"), primary_key=True)
    org_id: Mapped[int] = mapped_column(RefId)  # no foreign key to the org: models.HOT_PARENTS
    user_id: Mapped[int] = mapped_column(RefId)
    kind: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    #: device ids this notification already reached (a retry skips them)
    sent_devices: Mapped[list[int]] = mapped_column(JSON, default=list)
    #: how many notifications the push carried (> 1: a bundle)
    bundle_size: Mapped[int] = mapped_column(Integer, default=1)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    live_done: Mapped[bool] = mapped_column(Boolean, default=False)


class NotificationPreference(Base):
    """A rep's choices: kinds switched on/off (overrides of the defaults) and quiet hours
    ("HH:MM" local times in the rep's time zone; start > end spans midnight)."""

    __tablename__ = "notification_preferences"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    kinds: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NotificationDefault(Base):
    """An org's defaults, set by an admin: kinds switched on/off for everyone who has not chosen
    (a rep's own switch wins) and quiet hours for reps without their own ("HH:MM" local times)."""

    __tablename__ = "notification_defaults"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    kinds: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
