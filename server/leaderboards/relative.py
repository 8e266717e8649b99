"""Boards ranked relative to each rep: `rank_by=attainment` (score ÷ the rep's target for the
period) and `rank_by=improvement` (score against the rep's own baseline, the mean of their last
three periods scaled to the share of this one gone; reps without one are listed after). The
score is the board's own; the targets and baselines come from the targets feature."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.board.ranking import unpack_metric
from server.board.store import Profile, Ranked, board_store
from server.core.errors import DomainError
from server.core.periods import Period, local_date
from server.core.runtime import Runtime
from server.targets import rules as target_rules
from server.targets import service as targets

#: How a board ranks its reps: by score, by attainment (÷ target) or by improvement (vs baseline).
RankBy = Literal["score", "attainment", "improvement"]
RANK_BY: tuple[RankBy, ...] = get_args(RankBy)
RELATIVE_WINDOWS = target_rules.PERIODS


@dataclass(frozen=True, slots=True)
class Relative:
    """What a relative board adds to an entry."""

    target: int | None = None
    attainment: float | None = None
    baseline: float | None = None  # the rep's baseline scaled to the share of the period gone
    improvement: float | None = None  # percent over it


def check_rank_by(rank_by: str, window: str) -> None:
    if rank_by not in RANK_BY:
        raise DomainError("invalid_rank_by", f"rank_by must be one of {', '.join(RANK_BY)}")
    if rank_by != "score" and window not in RELATIVE_WINDOWS:
        raise DomainError("invalid_rank_by", f"rank_by={rank_by} ranks a week, a month or a quarter "
                                             "(targets and baselines are set per period)")


async def rank(rt: Runtime, org_id: int, metric: str, period: Period, rank_by: str,
               members: dict[int, Profile] | None) -> tuple[list[Ranked], dict[int, Relative]]:
    """Every ranked member of the segment (None: the org's active users) with what they are ranked by."""
    if members is None:
        members = {u.id: Profile(u.display_name, u.team_id) for u in await accounts.active_members(rt, org_id)}
    ids = list(members)
    scores = {uid: unpack_metric(period.window, s)
              for uid, s in (await board_store(rt).scores(org_id, metric, period, ids)).items()}
    org = await org_info(rt, org_id)
    span = await targets.span(rt, org_id, period.window, local_date(period.start, org.tz))
    tm = await targets.board_metric_target(rt, org_id, metric)
    extra: dict[int, Relative] = {}
    if rank_by == "attainment":
        held = await targets.in_force(rt, org_id, tm.name, span, ids)
        for uid in ids:
            value = held[uid].value if uid in held else None
            if value is not None or scores.get(uid):
                extra[uid] = Relative(target=value, attainment=target_rules.attainment(scores.get(uid, 0), value))
        keys = {uid: r.attainment for uid, r in extra.items()}
    else:
        base = await targets.baselines(rt, org_id, tm, span, ids)
        share = (await targets.pace_of(rt, org_id, span)).share
        for uid in ids:
            if base.get(uid):
                expected, pct = target_rules.improvement(scores.get(uid, 0), base[uid], share)
                extra[uid] = Relative(baseline=expected, improvement=pct)
            elif scores.get(uid):  # no baseline yet (a new rep): listed after everyone with one
                extra[uid] = Relative()
        keys = {uid: r.improvement for uid, r in extra.items()}
    ranked = target_rules.rank_relative([(uid, keys[uid], scores.get(uid, 0)) for uid in extra])
    return [Ranked(r, uid, scores.get(uid, 0), members[uid]) for r, uid in ranked], extra
