"""Boards as each viewer may see them (`server.privacy`): a rep in `top_n`, `near_peers`, `tiers`
or `value_only`, or a display (whose hidden reps never show), gets only the rows the mode lets
through, with ranks and scores blanked where it hides them. Managers and admins see the board."""

from __future__ import annotations

from dataclasses import dataclass

from server.board.store import Profile
from server.core.auth import Principal
from server.core.errors import Forbidden
from server.core.runtime import Runtime
from server.leaderboards import relative
from server.leaderboards import service as leaderboards
from server.privacy import rules
from server.privacy import service as privacy


@dataclass(frozen=True, slots=True)
class Shown:
    row: rules.Row
    profile: Profile | None
    relative: relative.Relative | None = None


@dataclass(frozen=True, slots=True)
class PrivateBoard:
    board: leaderboards.Board  # its entries are the whole page the rows were chosen from
    mode: rules.Mode
    rows: list[Shown]
    user: Shown | None


async def read_for(rt: Runtime, principal: Principal, metric: str, window: str, segment: str, *, limit: int,
                   offset: int, period_id: str | None, rank_by: str) -> leaderboards.Board | PrivateBoard:
    """The board page as `principal` may see it: the page itself when nothing is hidden from them."""
    mode, cfg = await privacy.mode_for(rt, principal, metric)
    viewer = privacy.viewer_of(principal)
    if not rules.filtered(cfg, viewer, metric):
        return await leaderboards.read(rt, principal.org_id, metric, window, segment, limit=limit, offset=offset,
                                       period_id=period_id, rank_by=rank_by)
    # a restricted viewer does not page: they get what the mode shows of the board's top
    top = await leaderboards.read(rt, principal.org_id, metric, window, segment, limit=leaderboards.MAX_LIMIT,
                                  offset=0, period_id=period_id, rank_by=rank_by)
    entries = top.entries
    own: rules.Row | None = None
    profiles = {e.user_id: e.profile for e in entries}
    uid = principal.user_id
    if uid is not None and not viewer.is_display and all(e.user_id != uid for e in entries) and rank_by == "score":
        near = await leaderboards.around(rt, principal.org_id, metric, uid, window, segment,
                                         radius=mode.n if mode.mode == rules.NEAR_PEERS else 0, period_id=period_id)
        if near.user is not None:
            own = rules.Row(uid, near.user.rank, near.user.score)
            profiles[uid] = near.user.profile
        if mode.mode == rules.NEAR_PEERS:
            entries = near.entries
            profiles.update({e.user_id: e.profile for e in entries})
    rows = [rules.Row(e.user_id, e.rank, e.score) for e in entries]
    shown = rules.visible(mode, rows, top.total, viewer, own, cfg.hidden_from_tv)
    rel = top.relative or {}
    out = [Shown(r, profiles.get(r.user_id), rel.get(r.user_id) if r.rank is not None else None) for r in shown]
    mine = next((s for s in out if s.row.user_id == uid), None) if uid is not None else None
    return PrivateBoard(top, mode, out, mine)


async def around_for(rt: Runtime, principal: Principal, metric: str, user_id: int, window: str, segment: str, *,
                     radius: int, period_id: str | None) -> leaderboards.Board | PrivateBoard:
    """Around one rep: as is for whoever sees the full board; a restricted rep only around
    themselves, and only what their mode shows."""
    mode, cfg = await privacy.mode_for(rt, principal, metric)
    if not rules.filtered(cfg, privacy.viewer_of(principal), metric):
        return await leaderboards.around(rt, principal.org_id, metric, user_id, window, segment, radius=radius,
                                         period_id=period_id)
    if user_id != principal.user_id:
        raise Forbidden("board_private", f"this board is shown as '{mode.mode}': you may see only your own place")
    return await read_for(rt, principal, metric, window, segment, limit=1, offset=0, period_id=period_id,
                          rank_by="score")
