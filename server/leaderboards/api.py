"""Leaderboard reads."""

from __future__ import annotations

from typing import cast

from litestar import Controller, get
from litestar.di import Provide
from litestar.params import Parameter

from server.core.auth import Principal
from server.core.contract.openapi import errors
from server.core.periods import WINDOWS, Window
from server.core.runtime import Runtime
from server.core.web import TV, provide_principal
from server.leaderboards import private
from server.leaderboards import schemas as w
from server.leaderboards import service as leaderboards
from server.leaderboards.relative import RANK_BY, RankBy
from server.leaderboards.schemas import entry_out, period_out, shown_out

#: The window query parameter: checked by the service (400 `invalid_window`), listed in the document.
WINDOW = Parameter(default="week", schema_extra={"enum": list(WINDOWS)})


def _out(board: leaderboards.Board | private.PrivateBoard) -> w.BoardOut:
    """The wire board; its window and rank_by passed the service's checks (`invalid_window`, `invalid_rank_by`)."""
    if isinstance(board, private.PrivateBoard):
        b = board.board
        return w.BoardOut(b.metric, cast(Window, b.window), b.segment, period_out(b.period), b.total,
                          [shown_out(s, b.rank_by) for s in board.rows],
                          shown_out(board.user, b.rank_by) if board.user else None, cast(RankBy, b.rank_by),
                          board.mode.mode)
    rel = board.relative or {}
    return w.BoardOut(board.metric, cast(Window, board.window), board.segment, period_out(board.period), board.total,
                      [entry_out(e, rel.get(e.user_id), board.rank_by) for e in board.entries],
                      entry_out(board.user) if board.user else None, cast(RankBy, board.rank_by))


class LeaderboardController(Controller):
    path = "/api/v1/leaderboards"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["leaderboards"]

    @get("/{metric:str}", operation_id="getLeaderboard",
         summary="A leaderboard page: points or an activity type, any window and segment",
         responses=errors(503), opt=TV)
    async def board(self, metric: str, principal: Principal, rt: Runtime, window: str = WINDOW,
                    segment: str = "org", limit: int = 50, offset: int = 0,
                    period: str | None = Parameter(default=None, description="a past period id, e.g. 2026-11-21"),
                    rank_by: str = Parameter(default="score", max_length=16, schema_extra={"enum": list(RANK_BY)},
                                             description="score, attainment (÷ target) or improvement (vs baseline)")
                    ) -> w.BoardOut:
        return _out(await private.read_for(rt, principal, metric, window, segment, limit=limit, offset=offset,
                                           period_id=period, rank_by=rank_by))

    @get("/{metric:str}/around/{user_id:int}", operation_id="getLeaderboardAround",
         summary="The entries around one rep (a rep whose board is private: only around themselves)",
         responses=errors(403, 503))
    async def around(self, metric: str, user_id: int, principal: Principal, rt: Runtime, window: str = WINDOW,
                     segment: str = "org", radius: int = 5,
                     period: str | None = None) -> w.BoardOut:
        return _out(await private.around_for(rt, principal, metric, user_id, window, segment, radius=radius,
                                             period_id=period))
