"""Tables of hold-out experiments: the experiment (its arms, windows and seed) and the sticky
assignment of each rep to an arm."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, UTCDateTime, utcnow

BigId = BigInteger().with_variant(Integer, "sqlite")


class Experiment(Base):
    """One experiment. `arms` is the hold-out then each variant: [{name, share, program}]. The run
    is the org's local days `start`..`end` (both included); the pre-period is `[pre_first, pre_end)`."""

    __tablename__ = "experiments"
    __table_args__ = (Index("ix_experiments_org_end", "org_id", "end"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    unit: Mapped[str] = mapped_column(String(8))  # rep | team
    metric: Mapped[str] = mapped_column(String(16))  # activity | won_value | attainment
    arms: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    holdout_share: Mapped[float] = mapped_column(Float)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    pre_first: Mapped[date] = mapped_column(Date)
    pre_end: Mapped[date] = mapped_column(Date)
    min_days: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(BigInteger)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_user_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExperimentAssignment(Base):
    """A rep's arm in an experiment, fixed when the experiment is made. `unit_id` is the rep
    (unit `rep`) or their team (unit `team`); `pre_value` is the unit's pre-period metric that
    placed it in its `stratum`."""

    __tablename__ = "experiment_assignments"
    __table_args__ = (Index("ix_experiment_assignments_org_user", "org_id", "user_id"),)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    org_id: Mapped[int] = mapped_column(BigId)
    unit_id: Mapped[int] = mapped_column(BigId)
    team_id: Mapped[int | None] = mapped_column(BigId)
    arm: Mapped[str] = mapped_column(String(40))
    stratum: Mapped[int] = mapped_column(Integer)
    pre_value: Mapped[float] = mapped_column(Float)
