"""Settings (admins): the org's name, time zone and week start; its working days; kudos limits;
notification defaults; and the early-warning thresholds. Each form saves through the service its
JSON API uses (`PATCH /org`, `/streak-settings`, `/kudos/settings`, `PUT /notification-defaults`,
`PATCH /insights/settings`), which audits it, and shows a refusal beside its field."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
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
from server.habits import service as habits
from server.insights import schemas as iw
from server.insights import settings as thresholds
from server.notifications import rules as notify_rules
from server.notifications import service as notifications
from server.social import kudos
from server.social import schemas as sw

#: The thresholds the page edits (the others stay as they are; the JSON API sets every one).
SHOWN = (
    "low_activity_pct",
    "low_activity_days",
    "inactive_days",
    "streak_min",
    "day_close_hour",
    "digest_hour",
)
#: The kudos limits the page edits (the company values are edited through the API).
KUDOS = ("monthly_allowance", "max_points", "per_hour", "per_day", "per_pair_day")

#: What a form posted, as the page shows it again.
Values = dict[str, Any]
#: A form: what it posted (`read`), and saving it (`save` raises `FieldErrors` or a `DomainError`).
Read = Callable[[Any], Values]
Save = Callable[[Runtime, web.Viewer, Values], Awaitable[None]]


class SettingsController(Controller):
    path = "/admin/settings"
    include_in_schema = False

    @get("/", name="admin_settings")
    async def page(
        self, request: Request[Any, Any, Any], rt: Runtime, saved: int = Parameter(default=0, ge=0, le=1)
    ) -> Template:
        v = await web.viewer(request, rt, page="Settings")
        return await _page(rt, v, {}, {}, "Saved." if saved else None)

    @post("/org", status_code=200)
    async def org(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        return await _submit(request, rt, "org", _read_org, _save_org)

    @post("/alerts", status_code=200)
    async def alerts(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        return await _submit(request, rt, "alerts", _read_alerts, _save_alerts)

    @post("/working-days", status_code=200)
    async def working_days(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        return await _submit(request, rt, "days", _read_days, _save_days)

    @post("/kudos", status_code=200)
    async def kudos_limits(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        return await _submit(request, rt, "kudos", _read_kudos, _save_kudos)

    @post("/notifications", status_code=200)
    async def notification_defaults(
        self, request: Request[Any, Any, Any], rt: Runtime
    ) -> Template | Redirect:
        return await _submit(request, rt, "notify", _read_notifications, _save_notifications)


async def _submit(
    request: Request[Any, Any, Any], rt: Runtime, form_name: str, read: Read, save: Save
) -> Template | Redirect:
    v = await web.viewer(request, rt, page="Settings")
    values = read(await request.form())
    try:
        await save(rt, v, values)
    except (web.FieldErrors, DomainError) as exc:
        errors = exc.errors if isinstance(exc, web.FieldErrors) else web.field_errors(exc)
        t = await _page(rt, v, {f"{form_name}:{k}": m for k, m in errors.items()}, {form_name: values}, None)
        t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
        return t
    return web.redirect("/admin/settings?saved=1")


def _read_org(form: Any) -> Values:
    return {k: str(form.get(k) or "").strip() for k in ("name", "timezone", "week_start")}


async def _save_org(rt: Runtime, v: web.Viewer, values: Values) -> None:
    data = web.convert(values, aw.OrgUpdate)
    await accounts.update_org(rt, v.principal, {k: getattr(data, k) for k in data.__struct_fields__})


def _read_alerts(form: Any) -> Values:
    return {k: str(form.get(k) or "").strip() for k in SHOWN}


async def _save_alerts(rt: Runtime, v: web.Viewer, values: Values) -> None:
    data = web.convert(values, iw.SettingsIn)
    await thresholds.update_settings(rt, v.principal, {k: getattr(data, k) for k in SHOWN})


def _read_days(form: Any) -> Values:
    picked = {str(d) for d in form.getall("workdays", [])}
    return {"workdays": [d for d in WEEKDAYS if d in picked]}


async def _save_days(rt: Runtime, v: web.Viewer, values: Values) -> None:
    if not values["workdays"]:
        raise web.FieldErrors({"workdays": "Pick at least one working day."})
    await habits.update_settings(
        rt, v.principal, {"workdays": [WEEKDAYS.index(d) for d in values["workdays"]]}
    )


def _read_kudos(form: Any) -> Values:
    return {k: str(form.get(k) or "").strip() for k in KUDOS}


async def _save_kudos(rt: Runtime, v: web.Viewer, values: Values) -> None:
    data = web.convert(values, sw.KudosSettingsUpdate)
    await kudos.update_policy(rt, v.principal, {k: getattr(data, k) for k in KUDOS})


def _read_notifications(form: Any) -> Values:
    return {
        "kinds": {k: form.get(f"kind:{k}") == "on" for k in notify_rules.KINDS},
        "quiet_start": str(form.get("quiet_start") or "").strip()[:5],
        "quiet_end": str(form.get("quiet_end") or "").strip()[:5],
    }


async def _save_notifications(rt: Runtime, v: web.Viewer, values: Values) -> None:
    start, end = values["quiet_start"], values["quiet_end"]
    if bool(start) != bool(end):
        raise web.FieldErrors({"quiet_end" if start else "quiet_start": "Set both ends, or neither."})
    for name, value in (("quiet_start", start), ("quiet_end", end)):
        if value:
            try:
                notify_rules.parse_hhmm(value)
            except DomainError:
                raise web.FieldErrors({name: "A time like 22:00."}) from None
    if start and start == end:
        raise web.FieldErrors({"quiet_end": "Quiet hours cannot start and end at the same time."})
    await notifications.put_defaults(
        rt, v.principal, values["kinds"], (start, end) if start else None, not start
    )


async def _page(
    rt: Runtime,
    v: web.Viewer,
    errors: dict[str, str],
    typed: dict[str, dict[str, Any]],
    notice: str | None,
) -> Template:
    org = await accounts.get_org(rt, v.principal)
    current = await thresholds.get_settings(rt, v.principal)
    streaks = await habits.get_settings(rt, v.principal)
    policy = await kudos.policy(rt, v.principal.org_id)
    defaults = await notifications.get_defaults(rt, v.principal)
    return web.page(
        "settings.html",
        v,
        "Settings",
        errors=errors,
        notice=notice,
        org=typed.get("org")
        or {"name": org.name, "timezone": org.timezone, "week_start": WEEKDAYS[org.week_start]},
        alerts=typed.get("alerts") or {k: v for k, v in dataclasses.asdict(current).items() if k in SHOWN},
        days=typed.get("days") or {"workdays": [WEEKDAYS[i] for i in streaks.workdays]},
        kudos=typed.get("kudos") or {k: getattr(policy, k) for k in KUDOS},
        notify=typed.get("notify")
        or {"kinds": defaults.kinds, "quiet_start": defaults.quiet_start, "quiet_end": defaults.quiet_end},
        kinds=[(k, s.label) for k, s in notify_rules.KINDS.items()],
        weekdays=[(d, d.capitalize()) for d in WEEKDAYS],
    )
