"""Tables of levels (XP): the org's curve and weights, and each rep's XP.

`rep_levels` is a view of the ledger kept by the activity path in the activity's transaction
(one upsert per batch) and rebuilt from the ledger at will (`service.rebuild`): the ledger is
the truth. `announced_level` is the highest level a level-up moment was raised for, so a rep who
drops below a threshold after a reversal and climbs back is not congratulated twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow

BigId = Id


class LevelSettings(Base):
    """An org's level curve and XP weights (no row: the defaults of `levels.rules`)."""

    __tablename__ = "level_settings"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    base: Mapped[int] = mapped_column(Integer)
    exponent: Mapped[float] = mapped_column(Float)
    max_level: Mapped[int] = mapped_column(Integer)
    thresholds: Mapped[list[int]] = mapped_column(JSON, default=list)
    per_point: Mapped[int] = mapped_column(Integer)
    activity_xp: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    bonus_xp: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_user_id: Mapped[int | None] = mapped_column(BigId)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RepLevel(Base):
    """A rep's XP (the sum of their ledger entries' XP) and the last level announced.
    No foreign keys: written on the activity path (see `ledger.models.HOT_PARENTS`)."""

    __tablename__ = "rep_levels"
    org_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    xp: Mapped[int] = mapped_column(BigInteger, default=0)
    announced_level: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
