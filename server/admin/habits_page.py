"""Missions and Badges: the daily missions' templates and calibration, today's missions per rep;
the badge catalog with tiers, who holds each badge and recognition by hand.

Every page calls the services the JSON API calls (`server.habits.service` and `.oversight`):
the same refusals, the same scope (a manager: their own team's reps; an admin: the org) and the
same audit entries (`badge`, `mission_template`, and `user` / `missions_eased`).
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template

from server.accounts import service as accounts
from server.admin import web
from server.core.errors import DomainError, NotFound
from server.core.runtime import Runtime
from server.habits import oversight
from server.habits import rules_badges as badge_rules
from server.habits import rules_missions as mission_rules
from server.habits import schemas as hw
from server.habits import service as habits
from server.ledger import types as activity_types

TIERS = [(t, t.capitalize()) for t in badge_rules.TIERS]
RULES = [
    ("manual", "By hand only (recognition)"),
    ("activity_count", "Count of an activity type in a window"),
    ("activity_value", "Value of an activity type in a window"),
    ("streak", "Streak of at least N days"),
    ("missions_completed", "Missions completed in a window"),
    ("rank", "Rank on the points board when a period closes"),
    ("contest_won", "Contests won"),
]
WINDOWS = [("all", "All time"), ("day", "A day"), ("week", "A week"), ("month", "A month")]
PARAM_FIELDS = ("type_key", "threshold", "window", "rank")
TEMPLATE_NUMBERS = ("min_target", "max_target", "bonus_points", "nudge_pct")

#: Refusals whose field the error does not name, by the form they come from.
_FIELDS = {
    "unknown_activity_type": "type_key",
    "invalid_calibration": "pct",
    "already_awarded": "user_id",
    "badge_inactive": "_form",
}


def _errors(exc: Exception, prefix: str = "", renames: dict[str, str] | None = None) -> dict[str, str]:
    if isinstance(exc, web.FieldErrors):
        found = exc.errors
    else:
        assert isinstance(exc, DomainError)
        found = web.field_errors(exc)
        if "_form" in found and exc.code in _FIELDS:
            found = {_FIELDS[exc.code]: found["_form"]}
    return {prefix + (renames or {}).get(k, k): m for k, m in found.items()}


def _status(exc: Exception) -> int:
    return exc.status_code if isinstance(exc, DomainError) else 400


def _text(form: Any, name: str, limit: int = 600) -> str:
    return str(form.get(name) or "").strip()[:limit]


def _whole(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """Number fields as ints for the wire type (blank ones left out; text is a field error)."""
    out: dict[str, Any] = {}
    for n in names:
        raw = _text(form, n, 20)
        if not raw:
            continue
        if not raw.isdigit() or len(raw) > 12:
            raise web.FieldErrors({n: "A whole number."})
        out[n] = int(raw)
    return out


def _params(form: Any, rule: str) -> dict[str, Any]:
    """A badge's rule parameters from the form: only those its rule reads."""
    params: dict[str, Any] = {}
    if rule in ("activity_count", "activity_value") and _text(form, "type_key"):
        params["type_key"] = _text(form, "type_key", 64)
    if rule not in ("manual", "streak", "contest_won") and _text(form, "window"):
        params["window"] = _text(form, "window", 10)
    if rule == "rank":
        params.update(_whole(form, ("rank",)))
    elif rule != "manual":
        params.update(_whole(form, ("threshold",)))
    return params


def _badge_values(b: Any) -> dict[str, Any]:
    p = dict(b.params or {})
    return {
        "key": b.key,
        "name": b.name,
        "description": b.description,
        "rule": b.rule,
        "tier": b.tier,
        "points": b.points,
        "repeatable": b.repeatable,
        "active": b.active,
        **{k: p.get(k, "") for k in PARAM_FIELDS},
    }


def _template_values(t: Any) -> dict[str, Any]:
    return {k: getattr(t, k) for k in ("key", "label", "metric", *TEMPLATE_NUMBERS, "pinned", "active")} | {
        "type": t.type_key,
        "team_id": t.team_id or "",
        "user_id": t.user_id or "",
    }


class MissionsController(Controller):
    path = "/admin/missions"
    include_in_schema = False

    @get("/", name="admin_missions")
    async def page(
        self,
        request: Request[Any, Any, Any],
        rt: Runtime,
        team: int | None = Parameter(default=None, ge=1, le=2**63 - 1),
        saved: str = Parameter(default="", max_length=20, pattern="^[a-z_]*$"),
    ) -> Template:
        v = await web.viewer(request, rt, page="Missions")
        return await self._page(rt, v, team if v.is_admin else None, {}, {}, _NOTICES.get(saved))

    async def _page(
        self,
        rt: Runtime,
        v: web.Viewer,
        team_id: int | None,
        errors: dict[str, str],
        values: dict[str, Any],
        notice: str | None,
    ) -> Template:
        templates = await habits.list_templates(rt, v.principal)
        settings = await habits.get_settings(rt, v.principal)
        today = await oversight.todays_missions(rt, v.principal, team_id)
        types = [t for t in await activity_types.list_activity_types(rt, v.principal) if t.active]
        teams = await accounts.list_teams(rt, v.principal)
        mine = teams if v.is_admin else [t for t in teams if t.id == v.principal.team_id]
        _, reps = await oversight.reps_in_scope(rt, v.principal, None)
        names = {t.id: t.name for t in teams}
        rep_names = {u.id: u.name for u in reps}
        return web.page(
            "missions.html",
            v,
            "Missions",
            templates=templates,
            settings=settings,
            today=today,
            types=[(t.key, t.label) for t in types],
            type_labels={t.key: t.label for t in types},
            teams=[("", "Everyone (org-wide)"), *((t.id, t.name) for t in mine)],
            team_filter=[("", "All teams"), *((t.id, t.name) for t in teams)],
            team_names=names,
            reps=[("", "No one in particular"), *((u.id, u.name) for u in reps)],
            rep_names=rep_names,
            team_id=team_id,
            errors=errors,
            values=values or {"metric": "count", "min_target": 1, "max_target": 100, "bonus_points": 10,
                              "nudge_pct": 10},
            notice=notice,
            baseline_days=mission_rules.BASELINE_DAYS,
            tenure_days=mission_rules.MIN_TENURE_DAYS,
        )

    @post("/", status_code=200)
    async def create(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Missions")
        form = await request.form()
        values: dict[str, Any] = {n: _text(form, n) for n in ("key", "label", "type", "metric", *TEMPLATE_NUMBERS,
                                                               "team_id", "user_id")}
        values["pinned"] = form.get("pinned") == "on"
        try:
            spec: dict[str, Any] = {k: values[k] for k in ("key", "label", "type", "metric")}
            spec |= _whole(form, (*TEMPLATE_NUMBERS, "team_id", "user_id")) | {"pinned": values["pinned"]}
            data = web.convert(spec, hw.TemplateIn)
            body = {k: getattr(data, k) for k in data.__struct_fields__}
            body["type_key"] = body.pop("type")
            await habits.create_template(rt, v.principal, body)
        except (web.FieldErrors, DomainError) as exc:
            t = await self._page(rt, v, None, _errors(exc, "new:", {"type_key": "type"}), values, None)
            t.status_code = _status(exc)
            return t
        return web.redirect("/admin/missions?saved=created")

    @get("/{template_id:int}", name="admin_mission_template")
    async def template(self, template_id: int, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Missions")
        return await self._template(rt, v, template_id, {}, None)

    async def _template(
        self, rt: Runtime, v: web.Viewer, template_id: int, errors: dict[str, str], values: dict[str, Any] | None
    ) -> Template:
        row = next((t for t in await habits.list_templates(rt, v.principal) if t.id == template_id), None)
        if row is None:
            raise NotFound("mission_template_not_found", f"mission template {template_id} not found")
        teams = {t.id: t.name for t in await accounts.list_teams(rt, v.principal)}
        return web.page(
            "mission_template.html",
            v,
            "Missions",
            t=row,
            values=values if values is not None else _template_values(row),
            errors=errors,
            team_names=teams,
        )

    @post("/{template_id:int}", status_code=200)
    async def update(self, template_id: int, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Missions")
        form = await request.form()
        values: dict[str, Any] = {n: _text(form, n) for n in ("label", *TEMPLATE_NUMBERS)}
        values["pinned"] = form.get("pinned") == "on"
        values["active"] = form.get("active") == "on"
        try:
            spec = {"label": values["label"], "pinned": values["pinned"], "active": values["active"]}
            spec |= _whole(form, TEMPLATE_NUMBERS)
            data = web.convert(spec, hw.TemplateUpdate)
            await habits.update_template(rt, v.principal, template_id, {k: getattr(data, k) for k in spec})
        except (web.FieldErrors, DomainError) as exc:
            if isinstance(exc, NotFound):
                raise
            t = await self._template(rt, v, template_id, _errors(exc), values)
            t.status_code = _status(exc)
            return t
        return web.redirect("/admin/missions?saved=updated")

    @post("/ease", status_code=200)
    async def ease(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        """Aim a rep's missions at a percent of their baseline for some days (from tomorrow)."""
        v = await web.viewer(request, rt, page="Missions")
        form = await request.form()
        user_id = _text(form, "user_id", 20)
        values = {f"ease{user_id}:{n}": _text(form, n, 20) for n in ("pct", "days")}
        try:
            found = _whole(form, ("user_id", "pct", "days"))
            data = web.convert({k: found[k] for k in ("pct", "days") if k in found}, hw.CalibrationIn)
            if "user_id" not in found:
                raise web.FieldErrors({"_form": "Choose a rep."})
            await habits.ease_missions(rt, v.principal, found["user_id"], data.pct, data.days)
        except (web.FieldErrors, DomainError) as exc:
            if isinstance(exc, NotFound):
                raise
            t = await self._page(rt, v, None, _errors(exc, f"ease{user_id}:"), values, None)
            t.status_code = _status(exc)
            return t
        return web.redirect("/admin/missions?saved=eased")


_NOTICES = {
    "created": "Mission template added: reps get it from their next mission day.",
    "updated": "Saved: the change applies to missions made from now on (today's stay as they are).",
    "eased": "Saved: the rep's missions aim lower from their next mission day.",
    "badge_created": "Badge added to the catalog.",
    "badge_saved": "Badge saved.",
    "retired": "Badge retired: no new awards; the reps who hold it keep it.",
    "awarded": "Badge awarded: the rep is told, with your message.",
    "revoked": "Award taken back: its points were written back and the reason is in the audit log.",
}


class BadgesController(Controller):
    path = "/admin/badges"
    include_in_schema = False

    @get("/", name="admin_badges")
    async def page(
        self,
        request: Request[Any, Any, Any],
        rt: Runtime,
        saved: str = Parameter(default="", max_length=20, pattern="^[a-z_]*$"),
    ) -> Template:
        v = await web.viewer(request, rt, page="Badges")
        return await self._page(rt, v, {}, {}, _NOTICES.get(saved))

    async def _page(
        self, rt: Runtime, v: web.Viewer, errors: dict[str, str], values: dict[str, Any], notice: str | None
    ) -> Template:
        badges = await habits.list_badges(rt, v.principal)
        counts = await oversight.holder_counts(rt, v.principal)
        types = [t for t in await activity_types.list_activity_types(rt, v.principal) if t.active]
        return web.page(
            "badges.html",
            v,
            "Badges",
            badges=sorted(badges, key=lambda b: (not b.active, badge_rules.TIERS.index(b.tier), b.name.casefold())),
            counts=counts,
            errors=errors,
            values=values or {"rule": "manual", "tier": "bronze", "points": 0, "window": "all"},
            notice=notice,
            tiers=TIERS,
            rules=RULES,
            windows=WINDOWS,
            types=[("", "Choose a type"), *((t.key, t.label) for t in types)],
            rule_labels=dict(RULES),
        )

    @post("/", status_code=200)
    async def create(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Badges")
        form = await request.form()
        values: dict[str, Any] = {
            n: _text(form, n) for n in ("key", "name", "description", "rule", "tier", "points", *PARAM_FIELDS)
        }
        values["repeatable"] = form.get("repeatable") == "on"
        try:
            spec: dict[str, Any] = {k: values[k] for k in ("key", "name", "description", "rule", "tier")}
            spec |= _whole(form, ("points",)) | {"repeatable": values["repeatable"]}
            spec["params"] = _params(form, values["rule"])
            data = web.convert(spec, hw.BadgeIn)
            await habits.create_badge(rt, v.principal, {k: getattr(data, k) for k in data.__struct_fields__})
        except (web.FieldErrors, DomainError) as exc:
            t = await self._page(rt, v, _errors(exc, "new:"), values, None)
            t.status_code = _status(exc)
            return t
        return web.redirect("/admin/badges?saved=badge_created")

    @get("/{badge_id:int}", name="admin_badge")
    async def badge(
        self,
        badge_id: int,
        request: Request[Any, Any, Any],
        rt: Runtime,
        saved: str = Parameter(default="", max_length=20, pattern="^[a-z_]*$"),
    ) -> Template:
        v = await web.viewer(request, rt, page="Badges")
        return await self._badge(rt, v, badge_id, {}, None, {}, _NOTICES.get(saved))

    async def _badge(
        self,
        rt: Runtime,
        v: web.Viewer,
        badge_id: int,
        errors: dict[str, str],
        values: dict[str, Any] | None,
        award: dict[str, Any],
        notice: str | None,
    ) -> Template:
        b, holders = await oversight.badge_holders(rt, v.principal, badge_id)
        _, reps = await oversight.reps_in_scope(rt, v.principal, None)
        people = await accounts.users_by_id(
            rt, v.principal.org_id, sorted({a.user_id for a in holders} | {a.awarded_by_user_id or 0 for a in holders})
        )
        types = [t for t in await activity_types.list_activity_types(rt, v.principal) if t.active]
        return web.page(
            "badge.html",
            v,
            "Badges",
            b=b,
            holders=holders,
            names={u.id: u.display_name for u in people.values()},
            reps=[("", "Choose a rep"), *((u.id, u.name) for u in reps)],
            values=values if values is not None else _badge_values(b),
            award=award,
            errors=errors,
            notice=notice,
            tiers=TIERS,
            windows=WINDOWS,
            types=[("", "Choose a type"), *((t.key, t.label) for t in types)],
            rule_label=dict(RULES).get(b.rule, b.rule),
        )

    @post("/{badge_id:int}", status_code=200)
    async def update(self, badge_id: int, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Badges")
        form = await request.form()
        b, _ = await oversight.badge_holders(rt, v.principal, badge_id)
        values: dict[str, Any] = {n: _text(form, n) for n in ("name", "description", "tier", "points", *PARAM_FIELDS)}
        values |= {"repeatable": form.get("repeatable") == "on", "active": form.get("active") == "on",
                   "key": b.key, "rule": b.rule}
        try:
            spec: dict[str, Any] = {k: values[k] for k in ("name", "description", "tier", "repeatable", "active")}
            spec |= _whole(form, ("points",))
            if b.rule != "manual":
                spec["params"] = _params(form, b.rule)
            data = web.convert(spec, hw.BadgeUpdate)
            await habits.update_badge(rt, v.principal, badge_id, {k: getattr(data, k) for k in spec})
        except (web.FieldErrors, DomainError) as exc:
            t = await self._badge(rt, v, badge_id, _errors(exc), values, {}, None)
            t.status_code = _status(exc)
            return t
        return web.redirect(f"/admin/badges/{badge_id}?saved=badge_saved")

    @post("/{badge_id:int}/retire", status_code=303)
    async def retire(self, badge_id: int, request: Request[Any, Any, Any], rt: Runtime) -> Redirect:
        v = await web.viewer(request, rt, page="Badges")
        await habits.delete_badge(rt, v.principal, badge_id)
        return web.redirect(f"/admin/badges/{badge_id}?saved=retired")

    @post("/{badge_id:int}/award", status_code=200)
    async def award(self, badge_id: int, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        """Recognition by hand: the rep, and a message they read with the badge (the reason)."""
        v = await web.viewer(request, rt, page="Badges")
        form = await request.form()
        values = {"user_id": _text(form, "user_id", 20), "message": _text(form, "message")}
        try:
            found = _whole(form, ("user_id",))
            data = web.convert({**found, "message": values["message"]}, hw.AwardIn)
            await habits.award_badge(rt, v.principal, badge_id, data.user_id, data.message)
        except (web.FieldErrors, DomainError) as exc:
            if isinstance(exc, NotFound) and exc.code == "badge_not_found":
                raise
            t = await self._badge(rt, v, badge_id, _errors(exc, "award:"), None, values, None)
            t.status_code = _status(exc)
            return t
        return web.redirect(f"/admin/badges/{badge_id}?saved=awarded")

    @post("/{badge_id:int}/awards/{award_id:int}/revoke", status_code=200)
    async def revoke(
        self, badge_id: int, award_id: int, request: Request[Any, Any, Any], rt: Runtime
    ) -> Template | Redirect:
        """Take an award back, with the reason (the audit log keeps it)."""
        v = await web.viewer(request, rt, page="Badges")
        form = await request.form()
        reason = _text(form, "reason")
        try:
            data = web.convert({"reason": reason}, hw.RevokeIn)
            await habits.revoke_award(rt, v.principal, badge_id, award_id, data.reason)
        except (web.FieldErrors, DomainError) as exc:
            if isinstance(exc, NotFound):
                raise
            found = _errors(exc)
            errors = {f"revoke{award_id}:reason": found["reason"]} if "reason" in found else {
                "page:_form": next(iter(found.values()))}
            t = await self._badge(rt, v, badge_id, errors, None, {}, None)
            t.status_code = _status(exc)
            return t
        return web.redirect(f"/admin/badges/{badge_id}?saved=revoked")
