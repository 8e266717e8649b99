"""Tables of contests and SPIFFs (issue 6).

A contest's rules live on its row and are locked once it is live; a change after launch is
an explicit recalculation recorded in `contest_events`. Participants (with their pre-contest
baselines) are frozen when it starts; final standings are frozen in `contest_results` when it
is awarded, and each prize paid is one `contest_awards` row, unique per (contest, winner, tier),
so a prize can never be paid twice.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
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

BigId = Id


class Contest(Base):
    __tablename__ = "contests"
    __table_args__ = (Index("ix_contests_state_starts", "state", "starts_at"),
                      Index("ix_contests_org_state", "org_id", "state"))
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(String(2000))
    state: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(16))
    measure: Mapped[str] = mapped_column(String(8))
    metric: Mapped[str] = mapped_column(String(64))
    type_id: Mapped[int | None] = mapped_column(BigId)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    segments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # [] = whole org
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # format options, tie-breakers, prizes
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    rules_version: Mapped[int] = mapped_column(Integer, default=1)
    ending_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_user_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When it was launched (draft -> scheduled): a contest launched after its start counts from then
    #: unless `rules.count_from_start` (`rules.counts_from`).
    launched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    awarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Chance contests: SHA-256 (hex) of the draw seed, published at launch; the seed itself stays
    #: secret until the draw (the award) and is shown from then on (`rules.draw`).
    draw_commitment: Mapped[str | None] = mapped_column(String(64))
    draw_seed: Mapped[str | None] = mapped_column(String(64))


class ContestParticipant(Base):
    __tablename__ = "contest_participants"
    __table_args__ = (UniqueConstraint("contest_id", "user_id", name="uq_contest_participants_contest_user"),
                      Index("ix_contest_participants_user", "user_id"))
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(BigId)
    baseline: Mapped[int] = mapped_column(BigInteger, default=0)


class ContestResult(Base):
    """Frozen final standing of one participant, with the explanation of the score."""

    __tablename__ = "contest_results"
    __table_args__ = (UniqueConstraint("contest_id", "user_id", name="uq_contest_results_contest_user"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    place: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    total: Mapped[int] = mapped_column(BigInteger)
    group: Mapped[str | None] = mapped_column(String(40))
    won: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ContestAward(Base):
    """One prize paid (points through the ledger) or recorded for payout (a named prize)."""

    __tablename__ = "contest_awards"
    __table_args__ = (UniqueConstraint("contest_id", "user_id", "tier", name="uq_contest_awards_contest_user_tier"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    tier: Mapped[str] = mapped_column(String(40))
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    prize_name: Mapped[str | None] = mapped_column(String(200))
    ledger_entry_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ContestEvent(Base):
    """The contest's log: launched, started, ended, awarded, cancelled, recalculated (with reason)."""

    __tablename__ = "contest_events"
    __table_args__ = (Index("ix_contest_events_contest", "contest_id", "id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str | None] = mapped_column(String(1000))
    actor_user_id: Mapped[int | None] = mapped_column(BigId)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InstantWinProgram(Base):
    """Dice-style instant wins: each qualifying activity rolls once with `probability`; a win pays
    `prize_points` (and/or names `prize_name`) while `granted < budget`. `granted` is raised by a
    conditional UPDATE (`... WHERE granted < budget`) in the activity's transaction, so the budget
    is never exceeded, however many activities roll at once."""

    __tablename__ = "instant_win_programs"
    __table_args__ = (Index("ix_instant_win_programs_org_active", "org_id", "active"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    type_id: Mapped[int | None] = mapped_column(BigId)  # None: any activity type
    probability: Mapped[float] = mapped_column(Float)
    prize_points: Mapped[int] = mapped_column(BigInteger, default=0)
    prize_name: Mapped[str | None] = mapped_column(String(200))
    budget: Mapped[int] = mapped_column(Integer)
    granted: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_user_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InstantWin(Base):
    """One instant prize granted: one per (program, activity)."""

    __tablename__ = "instant_wins"
    __table_args__ = (UniqueConstraint("program_id", "activity_id", name="uq_instant_wins_program_activity"),
                      Index("ix_instant_wins_org_user", "org_id", "user_id"))
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("instant_win_programs.id", ondelete="CASCADE"))
    org_id: Mapped[int] = mapped_column(BigId)
    user_id: Mapped[int] = mapped_column(BigId)
    activity_id: Mapped[int] = mapped_column(BigId)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    prize_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
