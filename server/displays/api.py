"""Office TV displays (admin side, pairing, the screen's own config) and live presence."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post, put
from litestar.di import Provide

from server.board import presence
from server.core.auth import Principal
from server.core.contract.openapi import errors
from server.core.edge.abuse import limit_by_address
from server.core.errors import Forbidden
from server.core.runtime import Runtime
from server.core.web import TV, provide_principal, require_admin, require_manager
from server.core.wire import changes
from server.displays import schemas as w
from server.displays import service as displays
from server.displays.models import Display
from server.privacy import schemas as pw
from server.privacy import service as privacy


def display_out(d: Display) -> w.DisplayOut:
    return w.DisplayOut(d.id, d.name, list(d.boards), d.rotate_seconds, d.pairing_code, d.code_expires_at,
                        d.paired_at, d.revoked_at, d.created_at)


def realtime_url(request: Request[Any, Any, Any], rt: Runtime) -> str:
    """Where screens reach the game server: PUBLIC_REALTIME_URL, else this host on REALTIME_PORT."""
    if rt.settings.public_realtime_url:
        return rt.settings.public_realtime_url
    scheme = "wss" if request.url.scheme == "https" else "ws"
    return f"{scheme}://{request.url.hostname}:{rt.settings.realtime_port}/ws"


async def config_out(d: Display, request: Request[Any, Any, Any], rt: Runtime) -> w.DisplayConfig:
    tz, titles = await displays.board_titles(rt, d.org_id, list(d.boards))
    return w.DisplayConfig(d.id, d.org_id, d.name, list(d.boards), d.rotate_seconds, realtime_url(request, rt), tz,
                           [w.BoardTitle(t.channel, t.title, t.segment) for t in titles])


class DisplayPairingController(Controller):
    path = "/api/v1/displays/pair"
    tags = ["displays"]

    @post("/", operation_id="pairDisplay",
          status_code=200, summary="A screen exchanges its pairing code for a display token",
          responses=errors(404))
    async def pair(self, data: w.PairIn, request: Request[Any, Any, Any], rt: Runtime) -> w.PairOut:
        await limit_by_address(rt, request, "limit_pairing_address")
        row, token = await displays.pair(rt, data.code)
        return w.PairOut(token, await config_out(row, request, rt))


class DisplayController(Controller):
    path = "/api/v1"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["displays"]

    @post("/displays", operation_id="createDisplay",
          status_code=201, summary="Create a display; it answers with a pairing code")
    async def create(self, data: w.DisplayCreate, principal: Principal, rt: Runtime) -> w.DisplayOut:
        require_admin(principal)
        return display_out(await displays.create(rt, principal, data.name, data.boards, data.rotate_seconds))

    @get("/displays", operation_id="listDisplays")
    async def list_displays(self, principal: Principal, rt: Runtime) -> w.DisplayList:
        require_manager(principal)
        return w.DisplayList([display_out(d) for d in await displays.list_for_org(rt, principal)])

    @get("/displays/{display_id:int}", operation_id="getDisplay")
    async def get_display(self, display_id: int, principal: Principal, rt: Runtime) -> w.DisplayOut:
        require_manager(principal)
        return display_out(await displays.get(rt, principal, display_id))

    @patch("/displays/{display_id:int}", operation_id="updateDisplay",
           summary="Change the name or the boards a display rotates through")
    async def update(self, display_id: int, data: w.DisplayUpdate, principal: Principal, rt: Runtime) -> w.DisplayOut:
        require_admin(principal)
        return display_out(await displays.update(rt, principal, display_id, changes(data)))

    @post("/displays/{display_id:int}/code", operation_id="createPairingCode",
          status_code=200, summary="A new pairing code")
    async def new_code(self, display_id: int, principal: Principal, rt: Runtime) -> w.DisplayOut:
        require_admin(principal)
        return display_out(await displays.new_code(rt, principal, display_id))

    @post("/displays/{display_id:int}/revoke", operation_id="revokeDisplay",
          status_code=200, summary="Revoke the display's token")
    async def revoke(self, display_id: int, principal: Principal, rt: Runtime) -> w.DisplayOut:
        require_admin(principal)
        return display_out(await displays.revoke(rt, principal, display_id))

    @put("/displays/{display_id:int}/privacy", operation_id="setDisplayPrivacy",
         summary="The display's own board privacy mode (admins)",
         responses=errors(404))
    async def put_privacy(self, display_id: int, data: pw.ModeIn, principal: Principal, rt: Runtime) -> pw.PrivacyOut:
        require_admin(principal)
        await displays.get(rt, principal, display_id)
        return pw.privacy_out(await privacy.set_mode(rt, principal, "display", str(display_id), data.mode, data.n))

    @delete("/displays/{display_id:int}/privacy", operation_id="clearDisplayPrivacy", status_code=200,
            responses=errors(404),
            summary="Remove the display's own mode: it follows the board's and the org's (admins)")
    async def drop_privacy(self, display_id: int, principal: Principal, rt: Runtime) -> pw.PrivacyOut:
        require_admin(principal)
        await displays.get(rt, principal, display_id)
        return pw.privacy_out(await privacy.set_mode(rt, principal, "display", str(display_id), None, None))

    @get("/display/config", operation_id="getDisplayConfig",
         summary="The calling screen's own configuration (display token)", opt=TV)
    async def own_config(self, request: Request[Any, Any, Any], principal: Principal,
                         rt: Runtime) -> w.DisplayConfig:
        if principal.display_id is None:
            raise Forbidden("display_only", "this endpoint is for display tokens")
        return await config_out(await displays.get(rt, principal, principal.display_id), request, rt)

    @get("/presence", operation_id="getPresence",
         tags=["realtime"], summary="How many reps, managers and screens are connected now")
    async def presence(self, principal: Principal, rt: Runtime) -> w.PresenceOut:
        require_manager(principal)
        counts = await presence.read(rt.redis, principal.org_id)
        return w.PresenceOut(counts.get("rep", 0), counts.get("manager", 0), counts.get("admin", 0),
                             counts.get("display", 0))
