"""SQLAlchemy 2.0 typed models. The schema itself is owned by the Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    ARRAY,
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow


class ActivityType(Base):
    __tablename__ = "activity_types"
    __table_args__ = (UniqueConstraint("org_id", "key", name="uq_activity_types_org_key"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(120))
    points: Mapped[int] = mapped_column(Integer)
    value_points: Mapped[float | None] = mapped_column(Float)
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    self_reportable: Mapped[bool] = mapped_column(Boolean, default=True)
    #: how a rep's own report counts against CRM-verified work (`ledger.trust`)
    self_report: Mapped[str] = mapped_column(String(16), default="full", server_default="full")
    self_report_weight: Mapped[float | None] = mapped_column(Float)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    current_version_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ActivityTypeVersion(Base):
    """An immutable snapshot of a scoring rule; ledger entries point at the one that priced them."""

    __tablename__ = "activity_type_versions"
    __table_args__ = (UniqueConstraint("type_id", "version", name="uq_activity_type_versions_type_version"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    type_id: Mapped[int] = mapped_column(ForeignKey("activity_types.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(120))
    points: Mapped[int] = mapped_column(Integer)
    value_points: Mapped[float | None] = mapped_column(Float)
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    self_reportable: Mapped[bool] = mapped_column(Boolean)
    self_report: Mapped[str] = mapped_column(String(16), default="full", server_default="full")
    self_report_weight: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


#: Why the append-only tables written on every activity (activities, ledger_entries,
#: notifications, push_outbox) carry no foreign keys to orgs, users, activity types and rule
#: versions. A foreign-key check on insert locks the parent row (SELECT ... FOR KEY SHARE): every
#: activity of an org locked the same org row, the same few type rows and its rep's row, so
#: concurrent transactions shared those locks through MultiXacts, and the checks were ~60 % of
#: each insert's cost (measured: 103 -> 32 us per ledger row, 92 -> 15 us per activity row in
#: 500-row batches; docs/performance.md, session 5). The activity path takes those ids from the
#: caller's token and the org's caches of active reps, types and rule versions, none of which
#: are ever deleted (reps and types are deactivated), so no check could fail. Foreign keys between
#: rows written in the same transaction (entry -> activity, reversal -> entry, outbox ->
#: notification) stay: they lock rows nobody else holds.
HOT_PARENTS = ("orgs", "users", "activity_types", "activity_type_versions")


class Activity(Base):
    """One thing a rep did. Append-only: corrections are reversal entries in the ledger."""

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("org_id", "external_id", name="uq_activities_org_external_id"),
        Index("ix_activities_org_user_occurred", "org_id", "user_id", "occurred_at"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    # No foreign keys to the org, rep and type (see HOT_PARENTS): the activity path validated them.
    org_id: Mapped[int] = mapped_column(Id)
    user_id: Mapped[int] = mapped_column(Id)
    type_id: Mapped[int] = mapped_column(Id)
    quantity: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str | None] = mapped_column(String(200))
    logged_by_user_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    api_key_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))


class DailyUsage(Base):
    """Units of an activity type a rep logged on one local day; the row lock makes caps exact."""

    __tablename__ = "daily_usage"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    type_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    units: Mapped[int] = mapped_column(Integer, default=0)


class LedgerEntry(Base):
    """Points and the metric deltas an event caused. Never updated: corrections are new entries.
    Whether an entry has reached the Redis boards is kept apart, in `BoardPending`.

    Every entry names its cause. An activity's entry (kind `activity`, or `reversal` of one):
    `activity_id` and the rule version that priced it (`rule_version_id`). Any other entry: the
    cause's kind and id and the version of the rule that set its amount (`cause_*`; the table in
    docs/api.md, "Ledger"), plus `activity_id` when an activity triggered it. `units` and
    `value_units` are what counts on boards, contests and habits: an activity's units within the
    daily cap and its value prorated to them (the activity row keeps what was logged)."""

    __tablename__ = "ledger_entries"
    __table_args__ = (
        Index("ix_ledger_org_user_id", "org_id", "user_id", "id"),
        Index("ix_ledger_org_occurred", "org_id", "occurred_at"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    # No foreign keys to the org, rep and rule version (see HOT_PARENTS); the activity's is kept.
    org_id: Mapped[int] = mapped_column(Id)
    user_id: Mapped[int] = mapped_column(Id)
    kind: Mapped[str] = mapped_column(String(32))  # activity | reversal
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id"))
    type_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    rule_version_id: Mapped[int | None] = mapped_column(Id)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"), unique=True)
    points: Mapped[int] = mapped_column(BigInteger)
    units: Mapped[int] = mapped_column(Integer, default=0)
    value_units: Mapped[int] = mapped_column(BigInteger, default=0)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_user_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    #: badge | mission | missions_day | streak | contest | kudos | reward (None for activity entries)
    cause_kind: Mapped[str | None] = mapped_column(String(16))
    cause_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    cause_version: Mapped[int | None] = mapped_column(Integer)


class BoardPending(Base):
    """Ledger entries written by one statement that are not yet known to be on the Redis boards.

    Written in the transaction of the entries (`ledger.insert_entries`) and deleted once a board
    apply of all of them returned (`board_sync`); the sync loop re-applies what stays longer
    (Redis was down, or the process died between commit and apply). One row per insert, not a
    flag per entry: a `boarded` column updated after every apply rewrote each ledger row and its
    five index entries once more, and the scan for unboarded entries walked every dead version
    left behind (50-80 ms a second per process between vacuums; docs/performance.md, session 5).
    """

    __tablename__ = "board_pending"
    #: the smallest id of the entries (unique: entry ids are)
    first_entry_id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=False)
    org_id: Mapped[int] = mapped_column(Id)
    entry_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger).with_variant(JSON, "sqlite"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SelfReport(Base):
    """A rep's own report of an activity whose type does not take it at face value: `weighted`
    (its points were multiplied by `weight`) or `pending` (it scored nothing; a CRM-verified
    activity of the same type, rep and local day confirms it, and carries the points). Written
    with the activity; a pending one is confirmed at most once (`confirmed_by_activity_id`)."""

    __tablename__ = "self_reports"
    __table_args__ = (Index("ix_self_reports_match", "org_id", "user_id", "type_id", "day", "status"),
                      Index("ix_self_reports_confirmed_by", "confirmed_by_activity_id"))
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id"), primary_key=True, autoincrement=False)
    org_id: Mapped[int] = mapped_column(Id)
    user_id: Mapped[int] = mapped_column(Id)
    type_id: Mapped[int] = mapped_column(Id)
    day: Mapped[date] = mapped_column(Date)
    mode: Mapped[str] = mapped_column(String(16))
    weight: Mapped[float | None] = mapped_column(Float)
    #: weighted | pending | confirmed (a pending one older than the backdate window reads as expired)
    status: Mapped[str] = mapped_column(String(16))
    confirmed_by_activity_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
