"""Tables of the daily habit loop (issue 5): streaks, missions, badges.

`habit_days` (qualifying units per rep and local day) is the truth streaks are computed from;
`streaks` is a snapshot of that computation. Uniqueness does the concurrency work: one
`mission_days` row per (rep, day) claims the day's missions, one `badge_awards` row per
(badge, rep, period) makes a badge (and its bonus) exactly-once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
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


class HabitSettings(Base):
    """An org's habit loop settings (one row, created with the starter set)."""

    __tablename__ = "habit_settings"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    qualifying_types: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: every type qualifies
    min_units: Mapped[int] = mapped_column(Integer, default=1)
    workdays: Mapped[list[int]] = mapped_column(JSON, default=lambda: [0, 1, 2, 3, 4])
    holidays: Mapped[list[str]] = mapped_column(JSON, default=list)
    freeze_every: Mapped[int] = mapped_column(Integer, default=10)
    max_freezes: Mapped[int] = mapped_column(Integer, default=2)
    grace_hours: Mapped[int] = mapped_column(Integer, default=2)
    combo_from: Mapped[int] = mapped_column(Integer, default=5)
    combo_pct: Mapped[int] = mapped_column(Integer, default=10)
    at_risk_hour: Mapped[int] = mapped_column(Integer, default=17)
    missions_per_day: Mapped[int] = mapped_column(Integer, default=3)
    all_done_bonus: Mapped[int] = mapped_column(Integer, default=20)
    mission_start_hour: Mapped[int] = mapped_column(Integer, default=6)
    #: +1 on every change: the streak combo bonus names the version that priced it
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HabitDay(Base):
    """Qualifying units a rep logged on one local day (reversals subtract)."""

    __tablename__ = "habit_days"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    units: Mapped[int] = mapped_column(Integer, default=0)


class StreakState(Base):
    """Snapshot of a rep's streak as last computed from `habit_days` (rebuildable)."""

    __tablename__ = "streaks"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    current: Mapped[int] = mapped_column(Integer, default=0)
    best: Mapped[int] = mapped_column(Integer, default=0)
    freezes: Mapped[int] = mapped_column(Integer, default=0)
    last_day: Mapped[date | None] = mapped_column(Date)
    run_start: Mapped[date | None] = mapped_column(Date)
    at_risk_day: Mapped[date | None] = mapped_column(Date)  # the day an at-risk notice went out
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MissionTemplate(Base):
    __tablename__ = "mission_templates"
    __table_args__ = (UniqueConstraint("org_id", "key", name="uq_mission_templates_org_key"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(120))
    type_key: Mapped[str] = mapped_column(String(64))
    metric: Mapped[str] = mapped_column(String(16), default="count")
    min_target: Mapped[int] = mapped_column(Integer, default=1)
    max_target: Mapped[int] = mapped_column(Integer, default=100)
    bonus_points: Mapped[int] = mapped_column(Integer, default=10)
    nudge_pct: Mapped[int] = mapped_column(Integer, default=10)
    team_id: Mapped[int | None] = mapped_column(BigId)
    user_id: Mapped[int | None] = mapped_column(BigId)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MissionDay(Base):
    """Claims one rep's missions for one local day; `remaining` counts down to the all-done bonus."""

    __tablename__ = "mission_days"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    remaining: Mapped[int] = mapped_column(Integer, default=0)
    all_done_bonus: Mapped[int] = mapped_column(Integer, default=0)
    all_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Mission(Base):
    __tablename__ = "missions"
    __table_args__ = (UniqueConstraint("org_id", "user_id", "day", "slot", name="uq_missions_org_user_day_slot"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    slot: Mapped[int] = mapped_column(Integer)
    template_id: Mapped[int | None] = mapped_column(BigId)
    label: Mapped[str] = mapped_column(String(120))
    type_key: Mapped[str] = mapped_column(String(64))
    metric: Mapped[str] = mapped_column(String(16))
    target: Mapped[int] = mapped_column(Integer)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    bonus_points: Mapped[int] = mapped_column(Integer)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class BadgeDef(Base):
    __tablename__ = "badges"
    __table_args__ = (UniqueConstraint("org_id", "key", name="uq_badges_org_key"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    rule: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    tier: Mapped[str] = mapped_column(String(16), default="bronze")
    points: Mapped[int] = mapped_column(Integer, default=0)
    repeatable: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: +1 when what it pays for or pays changes (params, points, repeatable): its bonus entries name it
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RankClose(Base):
    """A rank badge decided for one board period, on the final board after the period closed
    (`badges.close_rank_periods`): the row is the claim that makes the decision happen once."""

    __tablename__ = "rank_closes"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    badge_id: Mapped[int] = mapped_column(ForeignKey("badges.id", ondelete="CASCADE"), primary_key=True)
    period_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BadgeAward(Base):
    __tablename__ = "badge_awards"
    __table_args__ = (
        UniqueConstraint("org_id", "badge_id", "user_id", "period_key", name="uq_badge_awards_once"),
        Index("ix_badge_awards_org_user", "org_id", "user_id"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    badge_id: Mapped[int] = mapped_column(ForeignKey("badges.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period_key: Mapped[str] = mapped_column(String(120))
    points: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)
    awarded_by_user_id: Mapped[int | None] = mapped_column(BigId)
    awarded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MissionCalibration(Base):
    """A rep's missions calibrated to `pct` percent of their baseline (instead of nudged above it)
    for the days `first_day`..`last_day` (a manager's "easier missions" response to an alert)."""

    __tablename__ = "mission_calibrations"
    __table_args__ = (Index("ix_mission_calibrations_rep", "org_id", "user_id", "last_day"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    pct: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    created_by_user_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
