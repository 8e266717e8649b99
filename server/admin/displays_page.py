"""Displays (admins): create a screen, show its pairing code, choose and order its boards from
the org's boards (metric x window x segment), preview it as the TV will show it, revoke. Every
change goes through `displays.service` (the JSON API's), which validates the boards and audits."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template

from server.accounts import service as accounts
from server.admin import display_preview, web
from server.board.rules import POINTS
from server.core.errors import DomainError, NotFound
from server.core.periods import WINDOWS
from server.core.runtime import Runtime
from server.displays import schemas as dw
from server.displays import service as displays
from server.displays.models import Display
from server.ledger import types as activity_types

#: What the board list's buttons do to the board at `at`.
MOVES = ("up", "down", "remove")


#: Refusals about the board list as a whole, shown above it.
BOARD_CODES = frozenset({"invalid_boards", "unknown_metric", "team_not_found", "contest_not_found"})


def _errors(exc: Exception) -> dict[str, str]:
    if isinstance(exc, web.FieldErrors):
        return exc.errors
    if isinstance(exc, DomainError):
        found = web.field_errors(exc)
        return {"boards": next(iter(found.values()))} if exc.code in BOARD_CODES else found
    return {"_form": str(exc)}


def _status(exc: Exception) -> int:
    return exc.status_code if isinstance(exc, DomainError) else 400


def moved(boards: list[str], op: str, at: int) -> list[str]:
    """The boards with the one at `at` moved up, down or removed (an index out of range: unchanged)."""
    out = list(boards)
    if not 0 <= at < len(out):
        return out
    if op == "remove":
        del out[at]
    elif op == "up" and at > 0:
        out[at - 1], out[at] = out[at], out[at - 1]
    elif op == "down" and at < len(out) - 1:
        out[at + 1], out[at] = out[at], out[at + 1]
    return out


class DisplaysController(Controller):
    path = "/admin/displays"
    include_in_schema = False

    @get("/", name="admin_displays")
    async def list_page(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Displays")
        return await self._list(rt, v, {}, {})

    async def _list(
        self, rt: Runtime, v: web.Viewer, errors: dict[str, str], values: dict[str, Any]
    ) -> Template:
        rows = await displays.list_for_org(rt, v.principal)
        return web.page(
            "displays.html", v, "Displays", displays=rows, errors=errors, values=values, now=rt.now()
        )

    @post("/", status_code=200)
    async def create(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Displays")
        form = await request.form()
        values: dict[str, Any] = {
            "name": str(form.get("name") or "").strip(),
            "rotate_seconds": str(form.get("rotate_seconds") or "20").strip(),
        }
        try:
            data = web.convert(values, dw.DisplayCreate)
            row = await displays.create(rt, v.principal, data.name, None, data.rotate_seconds)
        except (web.FieldErrors, DomainError) as exc:
            t = await self._list(rt, v, _errors(exc), values)
            t.status_code = _status(exc)
            return t
        return web.redirect(f"/admin/displays/{row.id}")

    @get("/{display_id:int}", name="admin_display")
    async def one(
        self,
        display_id: int,
        request: Request[Any, Any, Any],
        rt: Runtime,
        saved: int = Parameter(default=0, ge=0, le=1),
    ) -> Template:
        v = await web.viewer(request, rt, page="Displays")
        d = await displays.get(rt, v.principal, display_id)
        return await self._one(rt, v, d, {}, {}, "Saved." if saved else None)

    async def _one(
        self,
        rt: Runtime,
        v: web.Viewer,
        d: Display,
        errors: dict[str, str],
        values: dict[str, Any],
        notice: str | None,
    ) -> Template:
        types = await activity_types.list_activity_types(rt, v.principal)
        teams = await accounts.list_teams(rt, v.principal)
        _, titles = await displays.board_titles(rt, v.principal.org_id, list(d.boards))
        return web.page(
            "display.html",
            v,
            "Displays",
            d=d,
            errors=errors,
            values=values,
            notice=notice,
            now=rt.now(),
            titles=titles,
            preview=await display_preview.frames(rt, v.principal, list(d.boards)),
            metrics=[(POINTS, "Points"), *((t.key, t.label) for t in types if t.active)],
            windows=[(w, display_preview.WINDOW_LABEL[w]) for w in WINDOWS],
            window_names=display_preview.WINDOW_LABEL,
            segments=[("org", "Whole org"), *((f"team:{t.id}", f"Team {t.name}") for t in teams)],
        )

    @post("/{display_id:int}", status_code=200)
    async def update(
        self, display_id: int, request: Request[Any, Any, Any], rt: Runtime
    ) -> Template | Redirect:
        """The name and the seconds per board."""
        v = await web.viewer(request, rt, page="Displays")
        d = await displays.get(rt, v.principal, display_id)
        form = await request.form()
        values = {k: str(form.get(k) or "").strip() for k in ("name", "rotate_seconds")}
        try:
            data = web.convert(values, dw.DisplayUpdate)
            await displays.update(
                rt, v.principal, display_id, {"name": data.name, "rotate_seconds": data.rotate_seconds}
            )
        except (web.FieldErrors, DomainError) as exc:
            t = await self._one(rt, v, d, _errors(exc), values, None)
            t.status_code = _status(exc)
            return t
        return web.redirect(f"/admin/displays/{display_id}?saved=1")

    @post("/{display_id:int}/boards", status_code=200)
    async def boards(
        self, display_id: int, request: Request[Any, Any, Any], rt: Runtime
    ) -> Template | Redirect:
        """Add a board (metric x window x segment) at the end, or move one up, down or out."""
        v = await web.viewer(request, rt, page="Displays")
        d = await displays.get(rt, v.principal, display_id)
        form = await request.form()
        op = str(form.get("op") or "")
        values = {k: str(form.get(k) or "")[:200] for k in ("metric", "window", "segment")}
        try:
            if op == "add":
                if values["window"] not in WINDOWS:
                    raise web.FieldErrors({"window": "Choose one of the options."})
                wanted = [*d.boards, f"lb:{values['metric']}:{values['window']}:{values['segment']}"]
            elif op in MOVES:
                at = str(form.get("at") or "")
                wanted = moved(list(d.boards), op, int(at) if at.isdigit() else -1)
            else:
                raise NotFound("action_not_found", f"no action '{op}'")
            if wanted != list(d.boards):
                await displays.update(rt, v.principal, display_id, {"boards": wanted})
        except (web.FieldErrors, DomainError) as exc:
            if isinstance(exc, NotFound) and exc.code in ("action_not_found", "display_not_found"):
                raise
            t = await self._one(rt, v, d, _errors(exc), values, None)
            t.status_code = _status(exc)
            return t
        return web.redirect(f"/admin/displays/{display_id}?saved=1")

    @post("/{display_id:int}/{action:str}", status_code=303)
    async def action(
        self, display_id: int, action: str, request: Request[Any, Any, Any], rt: Runtime
    ) -> Redirect:
        v = await web.viewer(request, rt, page="Displays")
        if action == "code":
            await displays.new_code(rt, v.principal, display_id)
        elif action == "revoke":
            await displays.revoke(rt, v.principal, display_id)
        else:
            raise NotFound("action_not_found", f"no action '{action}'")
        return web.redirect(f"/admin/displays/{display_id}")
