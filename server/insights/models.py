"""Tables of the manager insights: the early-warning settings, alerts, the actions taken on them
and their measured outcomes, notes for 1:1s, and the claims that make each day close and each
weekly digest run once."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow

BigId = Id


class InsightSettings(Base):
    """An org's early-warning thresholds (`insights.rules.Thresholds` until an admin sets them)."""

    __tablename__ = "insight_settings"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    low_activity_days: Mapped[int] = mapped_column(Integer)
    low_activity_pct: Mapped[int] = mapped_column(Integer)
    inactive_days: Mapped[int] = mapped_column(Integer)
    streak_min: Mapped[int] = mapped_column(Integer)
    baseline_days: Mapped[int] = mapped_column(Integer)
    min_baseline: Mapped[float] = mapped_column(Float)
    reach_stretch_pct: Mapped[int] = mapped_column(Integer)
    day_close_hour: Mapped[int] = mapped_column(Integer)
    digest_hour: Mapped[int] = mapped_column(Integer)
    easier_missions_pct: Mapped[int] = mapped_column(Integer)
    easier_missions_days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Alert(Base):
    """A rep flagged by a rule; one per rep, reason and week (the org's week it was raised in)."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("org_id", "user_id", "reason", "week", name="uq_alerts_rep_reason_week"),
                      Index("ix_alerts_org_status", "org_id", "status", "id"))
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(BigId)
    reason: Mapped[str] = mapped_column(String(16))
    week: Mapped[date] = mapped_column(Date)  # first day of the org week it was raised in
    day: Mapped[date] = mapped_column(Date)  # the local day whose close raised it
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    suggested_actions: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12))  # open | acted | dismissed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_user_id: Mapped[int | None] = mapped_column(BigId)


class AlertAction(Base):
    """A one-click response to an alert, what it did, and its outcome once measured."""

    __tablename__ = "alert_actions"
    __table_args__ = (Index("ix_alert_actions_org_measured", "org_id", "measured_at"),
                      Index("ix_alert_actions_alert", "alert_id"))
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    org_id: Mapped[int] = mapped_column(BigId)
    user_id: Mapped[int] = mapped_column(BigId)  # the rep
    action: Mapped[str] = mapped_column(String(20))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    baseline_per_day: Mapped[float | None] = mapped_column(Float)
    window_first: Mapped[date] = mapped_column(Date)  # the 7 local days measured: [first, end)
    window_end: Mapped[date] = mapped_column(Date)
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    measured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_user_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RepNote(Base):
    """A note on a rep for the next 1:1 (the check_in action), with the evidence behind it."""

    __tablename__ = "rep_notes"
    __table_args__ = (Index("ix_rep_notes_org_user", "org_id", "user_id", "id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    author_user_id: Mapped[int | None] = mapped_column(BigId)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DayClose(Base):
    """A team's day close that ran (its claim: one per team and local day; team 0: reps without one)."""

    __tablename__ = "insight_day_closes"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(UTCDateTime)
    flagged: Mapped[int] = mapped_column(Integer, default=0)


class DigestSent(Base):
    """A manager's weekly digest that went out (one per manager and week)."""

    __tablename__ = "insight_digests"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    week: Mapped[date] = mapped_column(Date, primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StreakSeen(Base):
    """Each rep's streak as the last day close saw it: a long one that is gone has broken."""

    __tablename__ = "insight_streaks"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    current: Mapped[int] = mapped_column(Integer)
    run_start: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date)
    seen_on: Mapped[date] = mapped_column(Date)
