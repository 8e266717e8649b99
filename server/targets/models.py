"""Tables of targets and of the daily per-rep rollups that attainment and the insights read.

`targets` is append-only: every change is a new version, so a period's attainment keeps the
target that held for it. `rep_days` is the rollup of the ledger per rep, local day (the org's
time zone) and activity type, kept by the activity path in the activity's transaction and
rebuildable from the ledger at will; `rep_wins` records each win (a mission, a badge, a contest
placing, kudos) once, by the reference of the event that raised it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow

BigId = Id

#: `rep_days.type_id` of the points that belong to no activity type (bonuses, prizes, kudos).
NO_TYPE = 0


class Target(Base):
    """One version of a rep's target for a metric and a kind of period, holding from `starts_on`
    (the first day of a period) until a later version takes over."""

    __tablename__ = "targets"
    __table_args__ = (
        UniqueConstraint("org_id", "user_id", "metric", "period", "version", name="uq_targets_version"),
        Index("ix_targets_org_metric_period", "org_id", "metric", "period", "starts_on"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(80))  # points | <type key> | <type key>_value
    period: Mapped[str] = mapped_column(String(8))  # week | month | quarter
    starts_on: Mapped[date] = mapped_column(Date)
    value: Mapped[int | None] = mapped_column(BigInteger)  # None: no target from `starts_on` on
    version: Mapped[int] = mapped_column(Integer)
    set_by_user_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RepDay(Base):
    """A rep's ledger on one local day and activity type: points, units (capped counts, as the
    ledger entries carry them) and whole value units; `type_id` 0 holds the points of entries
    without an activity type. No foreign keys: written on the activity path (see `HOT_PARENTS`)."""

    __tablename__ = "rep_days"
    #: Every read takes the days of a window for a list of reps (a team, or the org's): on
    #: PostgreSQL this index answers them from the index alone. A rep's rows are spread over the
    #: table (each day's first activity adds one), so reading them from the heap costs a page each:
    #: measured on a year of history, 14,479 rows of a 50-rep team over 120 days read 2,808 heap
    #: pages (60 ms); the primary key's order is kept for the upsert.
    __table_args__ = (Index("ix_rep_days_rep_day", "org_id", "user_id", "day",
                            postgresql_include=["type_id", "points", "units", "value_units"]),)
    org_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    type_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    units: Mapped[int] = mapped_column(BigInteger, default=0)
    value_units: Mapped[int] = mapped_column(BigInteger, default=0)


class RepWin(Base):
    """One win of a rep (mission, badge, contest placing, kudos received), once per event."""

    __tablename__ = "rep_wins"
    __table_args__ = (Index("ix_rep_wins_org_day", "org_id", "day"),)
    org_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    ref: Mapped[str] = mapped_column(String(120), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
