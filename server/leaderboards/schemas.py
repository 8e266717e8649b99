"""Wire types (msgspec Structs). Field constraints here give 400s before any rule runs."""

from __future__ import annotations

from datetime import datetime

from msgspec import Struct

from server.board.store import Ranked
from server.core.periods import Period


# -- leaderboards ----------------------------------------------------------------------------
class PeriodOut(Struct):
    id: str
    start: datetime
    end: datetime | None


class EntryOut(Struct):
    rank: int
    user_id: int
    display_name: str | None
    team_id: int | None
    score: int


class BoardOut(Struct, omit_defaults=True):
    metric: str
    window: str
    segment: str
    period: PeriodOut
    total: int
    entries: list[EntryOut]
    user: EntryOut | None = None


def period_out(p: Period) -> PeriodOut:
    return PeriodOut(p.id, p.start, p.end)


def entry_out(e: Ranked) -> EntryOut:
    return EntryOut(e.rank, e.user_id, e.profile.display_name if e.profile else None,
                      e.profile.team_id if e.profile else None, e.score)
