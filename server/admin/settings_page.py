"""Settings (admins): the org's name, time zone and week start, and the early-warning thresholds."""

from __future__ import annotations

import dataclasses
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template

from server.accounts import schemas as aw
from server.accounts import service as accounts
from server.admin import web
from server.core.errors import DomainError
from server.core.periods import WEEKDAYS
from server.core.runtime import Runtime
from server.insights import schemas as iw
from server.insights import settings as thresholds

#: The thresholds the page edits (the others stay as they are; the JSON API sets every one).
SHOWN = (
    "low_activity_pct",
    "low_activity_days",
    "inactive_days",
    "streak_min",
    "day_close_hour",
    "digest_hour",
)


class SettingsController(Controller):
    path = "/admin/settings"
    include_in_schema = False

    @get("/", name="admin_settings")
    async def page(
        self, request: Request[Any, Any, Any], rt: Runtime, saved: int = Parameter(default=0, ge=0, le=1)
    ) -> Template:
        v = await web.viewer(request, rt, page="Settings")
        return await _page(rt, v, {}, None, None, "Saved." if saved else None)

    @post("/org", status_code=200)
    async def org(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Settings")
        form = await request.form()
        values = {k: str(form.get(k) or "").strip() for k in ("name", "timezone", "week_start")}
        try:
            data = web.convert(values, aw.OrgUpdate)
            await accounts.update_org(rt, v.principal, {k: getattr(data, k) for k in data.__struct_fields__})
        except (web.FieldErrors, DomainError) as exc:
            errors = exc.errors if isinstance(exc, web.FieldErrors) else web.field_errors(exc)
            t = await _page(rt, v, {f"org:{k}": m for k, m in errors.items()}, values, None, None)
            t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
            return t
        return web.redirect("/admin/settings?saved=1")

    @post("/alerts", status_code=200)
    async def alerts(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Settings")
        form = await request.form()
        values = {k: str(form.get(k) or "").strip() for k in SHOWN}
        try:
            data = web.convert(values, iw.SettingsIn)
            await thresholds.update_settings(rt, v.principal, {k: getattr(data, k) for k in SHOWN})
        except (web.FieldErrors, DomainError) as exc:
            errors = exc.errors if isinstance(exc, web.FieldErrors) else web.field_errors(exc)
            t = await _page(rt, v, {f"alerts:{k}": m for k, m in errors.items()}, None, values, None)
            t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
            return t
        return web.redirect("/admin/settings?saved=1")


async def _page(
    rt: Runtime,
    v: web.Viewer,
    errors: dict[str, str],
    org_values: dict[str, Any] | None,
    alert_values: dict[str, Any] | None,
    notice: str | None,
) -> Template:
    org = await accounts.get_org(rt, v.principal)
    current = await thresholds.get_settings(rt, v.principal)
    return web.page(
        "settings.html",
        v,
        "Settings",
        errors=errors,
        notice=notice,
        org=org_values
        or {"name": org.name, "timezone": org.timezone, "week_start": WEEKDAYS[org.week_start]},
        alerts=alert_values or {k: v for k, v in dataclasses.asdict(current).items() if k in SHOWN},
        weekdays=[(d, d.capitalize()) for d in WEEKDAYS],
    )
