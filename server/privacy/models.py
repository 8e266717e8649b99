"""Tables of privacy-respecting boards: the modes an org chose, and the reps who hide from TV screens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, UTCDateTime, utcnow

BigId = BigInteger().with_variant(Integer, "sqlite")


class BoardPrivacy(Base):
    """One mode: the org's (`scope` org, `scope_key` ''), or an override of a team (its id), a
    board (its metric) or a display (its id). No row: `full`."""

    __tablename__ = "board_privacy"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16), primary_key=True)
    scope_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16))
    n: Mapped[int] = mapped_column(Integer, default=0)
    updated_by_user_id: Mapped[int | None] = mapped_column(BigId)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TvHidden(Base):
    """A rep who asked never to appear on the org's TV screens."""

    __tablename__ = "tv_hidden_reps"
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
