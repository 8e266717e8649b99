"""Wire types (msgspec Structs). Field constraints here give 400s before any rule runs."""

from __future__ import annotations

from datetime import datetime

from msgspec import UNSET, Struct, UnsetType

from server.board.store import Ranked
from server.core.periods import Period, Window
from server.leaderboards.private import Shown
from server.leaderboards.relative import RankBy, Relative


# -- leaderboards ----------------------------------------------------------------------------
class PeriodOut(Struct):
    id: str
    start: datetime
    end: datetime | None


class EntryOut(Struct):
    #: rank and score are null where the board's privacy mode hides them (`tiers`, `value_only`)
    rank: int | None
    user_id: int
    display_name: str | None
    team_id: int | None
    score: int | None
    #: `tiers`: gold, silver or bronze
    tier: str | UnsetType = UNSET
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
    #: the privacy mode the caller sees this board in (docs/mechanics.md); absent: full
    privacy: str = "full"


def period_out(p: Period) -> PeriodOut:
    return PeriodOut(p.id, p.start, p.end)


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def entry_out(e: Ranked, rel: Relative | None = None, rank_by: str = "score") -> EntryOut:
    out = EntryOut(e.rank, e.user_id, e.profile.display_name if e.profile else None,
                   e.profile.team_id if e.profile else None, e.score)
    return _relative(out, rel, rank_by)


def shown_out(s: Shown, rank_by: str = "score") -> EntryOut:
    """A row of a board seen through a privacy mode."""
    r, p = s.row, s.profile
    out = EntryOut(r.rank, r.user_id, p.display_name if p else None, p.team_id if p else None,
                   None if r.score is None else int(r.score))
    if r.tier is not None:
        out.tier = r.tier
    return _relative(out, s.relative, rank_by) if r.rank is not None else out


def _relative(out: EntryOut, rel: Relative | None, rank_by: str) -> EntryOut:
    if rank_by == "attainment":
        out.target = rel.target if rel else None
        out.attainment = _round(rel.attainment) if rel else None
    elif rank_by == "improvement":
        out.baseline = _round(rel.baseline) if rel else None
        out.improvement = _round(rel.improvement) if rel else None
    return out
