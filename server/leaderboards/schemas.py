"""Wire types (msgspec Structs). Field constraints here give 400s before any rule runs."""

from __future__ import annotations

from datetime import datetime

from msgspec import UNSET, Struct, UnsetType

from server.board.store import Ranked
from server.core.periods import Period, Window
from server.leaderboards.relative import RankBy, Relative


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
    # rank_by=attainment: the rep's target for the period and score / target (null: no target)
    target: int | None | UnsetType = UNSET
    attainment: float | None | UnsetType = UNSET
    # rank_by=improvement: the rep's baseline scaled to the share of the period gone (null: none),
    # and the percent over it
    baseline: float | None | UnsetType = UNSET
    improvement: float | None | UnsetType = UNSET


class BoardOut(Struct, omit_defaults=True):
    metric: str
    window: Window
    segment: str
    period: PeriodOut
    total: int
    entries: list[EntryOut]
    user: EntryOut | None = None
    rank_by: RankBy = "score"


def period_out(p: Period) -> PeriodOut:
    return PeriodOut(p.id, p.start, p.end)


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def entry_out(e: Ranked, rel: Relative | None = None, rank_by: str = "score") -> EntryOut:
    out = EntryOut(e.rank, e.user_id, e.profile.display_name if e.profile else None,
                   e.profile.team_id if e.profile else None, e.score)
    if rank_by == "attainment":
        out.target = rel.target if rel else None
        out.attainment = _round(rel.attainment) if rel else None
    elif rank_by == "improvement":
        out.baseline = _round(rel.baseline) if rel else None
        out.improvement = _round(rel.improvement) if rel else None
    return out
