"""Privacy-respecting boards over HTTP: the org's modes (admins), a user's TV preference (their own).
A display's own mode is set on the display (`PUT /api/v1/displays/{id}/privacy`)."""

from __future__ import annotations

from litestar import Controller, delete, get, put
from litestar.di import Provide

from server.core.auth import Principal
from server.core.contract.openapi import errors
from server.core.runtime import Runtime
from server.core.web import provide_principal
from server.privacy import schemas as w
from server.privacy import service as privacy


class PrivacyController(Controller):
    path = "/api/v1/privacy"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["privacy"]

    @get("/", operation_id="getBoardPrivacy", summary="The org's board privacy modes and overrides (admins)")
    async def show(self, principal: Principal, rt: Runtime) -> w.PrivacyOut:
        return w.privacy_out(await privacy.get_settings(rt, principal))

    @put("/org", operation_id="setOrgBoardPrivacy", summary="The org's board privacy mode (admins)")
    async def put_org(self, data: w.ModeIn, principal: Principal, rt: Runtime) -> w.PrivacyOut:
        return w.privacy_out(await privacy.set_mode(rt, principal, "org", "", data.mode, data.n))

    @put("/teams/{team_id:int}", operation_id="setTeamBoardPrivacy", summary="A team's board privacy mode, over the org's (admins)",
         responses=errors(404))
    async def put_team(self, team_id: int, data: w.ModeIn, principal: Principal, rt: Runtime) -> w.PrivacyOut:
        return w.privacy_out(await privacy.set_mode(rt, principal, "team", str(team_id), data.mode, data.n))

    @delete("/teams/{team_id:int}", operation_id="clearTeamBoardPrivacy", status_code=200, summary="Remove a team's override (admins)",
            responses=errors(404))
    async def drop_team(self, team_id: int, principal: Principal, rt: Runtime) -> w.PrivacyOut:
        return w.privacy_out(await privacy.set_mode(rt, principal, "team", str(team_id), None, None))

    @put("/boards/{metric:str}", operation_id="setBoardPrivacy", summary="A board's (metric's) privacy mode, over the team's and org's (admins)",
         responses=errors(404))
    async def put_board(self, metric: str, data: w.ModeIn, principal: Principal, rt: Runtime) -> w.PrivacyOut:
        return w.privacy_out(await privacy.set_mode(rt, principal, "board", metric, data.mode, data.n))

    @delete("/boards/{metric:str}", operation_id="clearBoardPrivacy", status_code=200, summary="Remove a board's override (admins)",
            responses=errors(404))
    async def drop_board(self, metric: str, principal: Principal, rt: Runtime) -> w.PrivacyOut:
        return w.privacy_out(await privacy.set_mode(rt, principal, "board", metric, None, None))


class TvVisibilityController(Controller):
    path = "/api/v1/me/tv-visibility"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["privacy"]

    @get("/", operation_id="getMyTvVisibility", summary="Whether I hide from the org's TV screens")
    async def show(self, principal: Principal, rt: Runtime) -> w.TvVisibilityOut:
        return w.TvVisibilityOut(await privacy.hidden_from_tv(rt, principal))

    @put("/", operation_id="setMyTvVisibility", summary="Hide from (or appear again on) the org's TV screens")
    async def put(self, data: w.TvVisibilityIn, principal: Principal, rt: Runtime) -> w.TvVisibilityOut:
        return w.TvVisibilityOut(await privacy.set_hidden_from_tv(rt, principal, data.hide_from_tv))
