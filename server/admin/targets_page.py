"""Targets: a grid per period (the reps in scope x the metrics), the suggestions and their
explanations, accept-all, and edit in place (htmx).

Every write goes through `server.targets.service.put_targets`, as `PUT /api/v1/targets` does: a
new version per rep from the first day of the current period, and an audit entry per rep.
A manager sees and sets their own team's reps; an admin the whole org (or one team).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template

from server.accounts import service as accounts
from server.accounts.models import User
from server.admin import web
from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.ledger import types as activity_types
from server.targets import rules as target_rules
from server.targets import service as targets

PERIODS = [("week", "This week"), ("month", "This month"), ("quarter", "This quarter")]
#: At most this many activity-type columns besides points (the grid stays readable).
MAX_TYPE_COLUMNS = 8


@dataclass(frozen=True, slots=True)
class Cell:
    user_id: int
    rep_name: str
    metric: str
    target: int | None
    actual: int
    attainment: float | None
    version: int | None
    suggestion: int | None
    explanation: str


@dataclass(frozen=True, slots=True)
class Grid:
    period: str
    first_day: date | None
    last_day: date | None
    metrics: list[tuple[str, str]]
    reps: list[User]
    cells: dict[tuple[int, str], Cell]
    team_id: int | None


def _query(period: str, team_id: int | None) -> str:
    return f"period={period}" + (f"&team={team_id}" if team_id else "")


async def _metrics(rt: Runtime, v: web.Viewer) -> list[tuple[str, str]]:
    types = [t for t in await activity_types.list_activity_types(rt, v.principal) if t.active]
    return [("points", "Points"), *((t.key, t.label) for t in types[:MAX_TYPE_COLUMNS])]


async def _grid(rt: Runtime, v: web.Viewer, period: str, team_id: int | None) -> Grid:
    metrics = await _metrics(rt, v)
    cells: dict[tuple[int, str], Cell] = {}
    reps: list[User] = []
    first = last = None
    for name, _ in metrics:
        view = await targets.get_targets(rt, v.principal, name, period, None, team_id)
        _, found = await targets.suggest(rt, v.principal, name, period, team_id, None)
        hints = {u.id: g for u, g in found}
        reps = [row.user for row in view.rows]
        first, last = view.span.first, date.fromordinal(view.span.end.toordinal() - 1)
        for row in view.rows:
            a, t = row.attained, row.attained.target
            g = hints.get(row.user.id)
            cells[(row.user.id, name)] = Cell(
                row.user.id,
                row.user.display_name,
                name,
                t.value if t else None,
                a.actual,
                a.attainment,
                t.version if t else None,
                g.value if g else None,
                g.explanation if g else "",
            )
    return Grid(period, first, last, metrics, reps, cells, team_id)


async def _cell(rt: Runtime, v: web.Viewer, period: str, user_id: int, metric: str) -> Cell:
    view = await targets.get_targets(rt, v.principal, metric, period, None, None)
    _, found = await targets.suggest(rt, v.principal, metric, period, None, None)
    g = next((s for u, s in found if u.id == user_id), None)
    row = next(r for r in view.rows if r.user.id == user_id)
    t = row.attained.target
    return Cell(
        user_id,
        row.user.display_name,
        metric,
        t.value if t else None,
        row.attained.actual,
        row.attained.attainment,
        t.version if t else None,
        g.value if g else None,
        g.explanation if g else "",
    )


class TargetsController(Controller):
    path = "/admin/targets"
    include_in_schema = False

    @get("/", name="admin_targets")
    async def page(
        self,
        request: Request[Any, Any, Any],
        rt: Runtime,
        period: str = Parameter(default="week", pattern="^(week|month|quarter)$"),
        team: int | None = Parameter(default=None, ge=1, le=2**63 - 1),
        saved: int | None = Parameter(default=None, ge=0, le=100_000),
    ) -> Template:
        v = await web.viewer(request, rt, page="Targets")
        notice = None
        if saved is not None:
            notice = f"Saved {saved} target{'s' if saved != 1 else ''}: a new version each." + (
                "" if saved else " No rep has a suggestion yet (no history in the last three periods)."
            )
        return await self._page(rt, v, period, team if v.is_admin else None, {}, notice)

    async def _page(
        self,
        rt: Runtime,
        v: web.Viewer,
        period: str,
        team_id: int | None,
        errors: dict[str, str],
        notice: str | None,
        values: dict[str, str] | None = None,
    ) -> Template:
        grid = await _grid(rt, v, period, team_id)
        teams = await accounts.list_teams(rt, v.principal) if v.is_admin else []
        return web.page(
            "targets.html",
            v,
            "Targets",
            grid=grid,
            periods=PERIODS,
            teams=teams,
            errors=errors,
            values=values or {},
            notice=notice,
            query=_query(period, team_id),
        )

    @post("/set", status_code=200)
    async def set_one(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        """One cell: htmx swaps the cell in place; a plain form post comes back to the grid."""
        v = await web.viewer(request, rt, page="Targets")
        form = await request.form()
        period = str(form.get("period") or "week")
        metric = str(form.get("metric") or "")[:80]
        raw = str(form.get("value") or "").strip()
        team_id = _int(form.get("team")) if v.is_admin else None
        htmx = bool(request.headers.get("hx-request"))
        user_id = _int(form.get("user_id"))
        key = f"{user_id}:{metric}"
        try:
            if period not in target_rules.PERIODS:
                raise web.FieldErrors({"_form": "Choose a week, a month or a quarter."})
            if user_id is None:
                raise web.FieldErrors({"_form": "Choose a rep."})
            value = _value(raw, key)
            s = await targets.span(rt, v.principal.org_id, period)
            await targets.put_targets(rt, v.principal, metric, period, s.first, [(user_id, value)])
        except (web.FieldErrors, DomainError) as exc:
            errors = _errors(exc, key)
            if isinstance(exc, DomainError) and exc.status_code == 404:
                raise
            if htmx and user_id is not None and key in errors:
                cell = await _cell(rt, v, period, user_id, metric)
                return web.page(
                    "target_cell.html",
                    v,
                    "Targets",
                    c=cell,
                    period=period,
                    team_id=team_id,
                    error=errors[key],
                    value=raw,
                )
            t = await self._page(rt, v, period, team_id, errors, None, {key: raw})
            t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
            return t
        if htmx:
            cell = await _cell(rt, v, period, user_id, metric)
            return web.page(
                "target_cell.html",
                v,
                "Targets",
                c=cell,
                period=period,
                team_id=team_id,
                error=None,
                value=None,
                saved=True,
            )
        return web.redirect(f"/admin/targets?{_query(period, team_id)}&saved=1")

    @post("/accept", status_code=303)
    async def accept(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        """Every suggestion of the grid (or of one metric) becomes the target from this period on;
        reps without a suggestion keep what they have."""
        v = await web.viewer(request, rt, page="Targets")
        form = await request.form()
        period = str(form.get("period") or "week")
        team_id = _int(form.get("team")) if v.is_admin else None
        only = str(form.get("metric") or "")
        if period not in target_rules.PERIODS:
            period = "week"
        metrics = [m for m, _ in await _metrics(rt, v) if not only or m == only]
        s = await targets.span(rt, v.principal.org_id, period)
        saved = 0
        try:
            for name in metrics:
                _, found = await targets.suggest(rt, v.principal, name, period, team_id, None)
                items = [(u.id, g.value) for u, g in found if g.value is not None]
                if items:
                    await targets.put_targets(rt, v.principal, name, period, s.first, items)
                    saved += len(items)
        except DomainError as exc:
            t = await self._page(rt, v, period, team_id, {"_form": web.field_errors(exc).popitem()[1]}, None)
            t.status_code = exc.status_code
            return t
        return web.redirect(f"/admin/targets?{_query(period, team_id)}&saved={saved}")


def _int(raw: Any) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isdigit() and len(text) <= 18 else None


def _value(raw: str, key: str) -> int | None:
    """Blank: no target from this period on; else a whole number in the API's bounds."""
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 15:
        raise web.FieldErrors({key: "A whole number, or blank for no target."})
    value = int(raw)
    if not 1 <= value <= target_rules.MAX_TARGET:
        raise web.FieldErrors({key: f"Between 1 and {target_rules.MAX_TARGET}."})
    return value


def _errors(exc: Exception, key: str) -> dict[str, str]:
    if isinstance(exc, web.FieldErrors):
        return exc.errors
    assert isinstance(exc, DomainError)
    found = web.field_errors(exc)
    return {key if k in ("_form", "value") and exc.code in _CELL_CODES else k: m for k, m in found.items()}


#: Refusals about the value or the rep of one cell, shown beside that cell.
_CELL_CODES = frozenset({"invalid_target", "not_in_scope", "unknown_metric", "invalid_metric"})
