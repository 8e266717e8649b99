"""Tables of fantasy leagues: the league (its rules, the draft's clock), its teams and their picks.

A pick is the draft's only record: a team's roster is its picks, and the unique keys
(league, pick number) and (league, rep) make a slot taken once and a rep drafted once, whoever
races for them (an owner's pick and the worker's auto-pick)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow


class FantasyLeague(Base):
    __tablename__ = "fantasy_leagues"
    __table_args__ = (Index("ix_fantasy_leagues_state_deadline", "state", "pick_deadline"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    metric: Mapped[str] = mapped_column(String(64))  # "points" or an activity type key (its units)
    season_start: Mapped[date] = mapped_column(Date)  # the first local day of week 1
    weeks: Mapped[int] = mapped_column(Integer)  # regular-season weeks; the playoffs follow
    playoff_teams: Mapped[int] = mapped_column(Integer)
    roster_size: Mapped[int] = mapped_column(Integer)
    pick_seconds: Mapped[int] = mapped_column(Integer)
    pool: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the rep ids that may be drafted
    state: Mapped[str] = mapped_column(String(16), default="setup")  # setup | drafting | season
    current_pick: Mapped[int] = mapped_column(Integer, default=0)
    pick_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_user_id: Mapped[int | None] = mapped_column(Id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FantasyTeam(Base):
    __tablename__ = "fantasy_teams"
    __table_args__ = (UniqueConstraint("league_id", "position", name="uq_fantasy_teams_position"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    league_id: Mapped[int] = mapped_column(ForeignKey("fantasy_leagues.id", ondelete="CASCADE"))
    org_id: Mapped[int] = mapped_column(Id)
    name: Mapped[str] = mapped_column(String(80))
    owner_user_id: Mapped[int] = mapped_column(Id)
    position: Mapped[int] = mapped_column(Integer)  # 0-based draft order


class FantasyPick(Base):
    __tablename__ = "fantasy_picks"
    __table_args__ = (UniqueConstraint("league_id", "pick_no", name="uq_fantasy_picks_slot"),
                      UniqueConstraint("league_id", "user_id", name="uq_fantasy_picks_rep"))
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    league_id: Mapped[int] = mapped_column(ForeignKey("fantasy_leagues.id", ondelete="CASCADE"))
    org_id: Mapped[int] = mapped_column(Id)
    pick_no: Mapped[int] = mapped_column(Integer)
    team_id: Mapped[int] = mapped_column(ForeignKey("fantasy_teams.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(Id)
    auto: Mapped[bool] = mapped_column(Boolean, default=False)
    picked_by_user_id: Mapped[int | None] = mapped_column(Id)
    picked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
