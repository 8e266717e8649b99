"""Activity types, Contests and the Audit log: what a manager runs (Rewards and Displays have
modules of their own).

Each page calls the service its JSON API calls (the same rules, the same refusals, the same
audit entries); a refusal is shown beside the field it is about.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter, QueryParameter
from litestar.response import Redirect, Template

from server.accounts import audit
from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.activities import schemas as tw
from server.admin import web
from server.admin.people import realtime_url, socket_token
from server.contests import service as contests
from server.core.errors import DomainError, NotFound
from server.core.runtime import Runtime
from server.ledger import rule_preview
from server.ledger import types as activity_types

AUDIT_PAGE = 50


def _status(exc: Exception) -> int:
    return exc.status_code if isinstance(exc, DomainError) else 400




async def _contest_page(
    request: Request[Any, Any, Any], rt: Runtime, v: web.Viewer, contest_id: int, error: str | None
) -> Template:
    """A contest: before its start the participants and brackets it would start with; once
    started its standings and each rep's explanation (the results endpoint's: what counted, how
    the score was computed, the tie-break, the prize)."""
    c, log = await contests.get(rt, v.principal, contest_id)
    standings = explained = lineup = None
    problem = None
    if c.started_at is None and c.state in ("draft", "scheduled"):
        try:
            lineup = await contests.lineup(rt, v.principal, await contests.draft_spec(rt, v.principal, c.id))
        except DomainError as exc:
            problem = exc.message
    if c.state not in ("draft", "cancelled") and error is None:
        standings = await contests.standings(rt, v.principal, contest_id)
        if c.started_at is not None:
            explained = await contests.results(rt, v.principal, contest_id)
    return web.page(
        "contest.html",
        v,
        "Contests",
        c=c,
        log=log,
        standings=standings,
        explained=explained,
        lineup=lineup,
        lineup_problem=problem,
        teams={t.id: t.name for t in await accounts.list_teams(rt, v.principal)},
        error=error,
        realtime_url=realtime_url(request, rt),
        socket_token=socket_token(rt, v.principal),
    )


async def _names(rt: Runtime, v: web.Viewer, preview: rule_preview.Preview | None) -> dict[int, str]:
    if preview is None:
        return {}
    ids = sorted({s.user_id for s in preview.moved})
    return {u.id: u.display_name for u in (await accounts.users_by_id(rt, v.principal.org_id, ids)).values()}


def _blank_none(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: (str(form.get(n)).strip() or None) for n in names if form.get(n) is not None}


class ProgrammeController(Controller):
    path = "/admin"
    include_in_schema = False

    # -- activity types -------------------------------------------------------------------------
    @get("/activity-types", name="admin_types")
    async def types(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Activity types")
        rows = await activity_types.list_activity_types(rt, v.principal)
        return web.page("types.html", v, "Activity types", types=rows)

    @get("/activity-types/{key:str}", name="admin_type")
    async def type_page(
        self,
        key: str,
        request: Request[Any, Any, Any],
        rt: Runtime,
        saved: int = Parameter(default=0, ge=0, le=1),
    ) -> Template:
        v = await web.viewer(request, rt, page="Activity types")
        return await self._type(
            rt, v, key, {}, None, "Saved: a new rule version applies from now on." if saved else None
        )

    async def _type(
        self,
        rt: Runtime,
        v: web.Viewer,
        key: str,
        errors: dict[str, str],
        values: dict[str, Any] | None,
        notice: str | None,
        preview: rule_preview.Preview | None = None,
    ) -> Template:
        rows = {t.key: t for t in await activity_types.list_activity_types(rt, v.principal)}
        row = rows.get(key)
        if row is None:
            raise NotFound("activity_type_not_found", f"activity type '{key}' not found")
        history = (
            await audit.page(rt, v.principal, kind="activity_type", entity_id=key, limit=50)
            if v.is_admin
            else None
        )
        shown = (
            values
            if values is not None
            else {
                k: getattr(row, k)
                for k in (
                    "label",
                    "points",
                    "value_points",
                    "daily_cap",
                    "self_reportable",
                    "self_report",
                    "self_report_weight",
                    "active",
                )
            }
        )
        return web.page(
            "type.html",
            v,
            "Activity types",
            t=row,
            values=shown,
            errors=errors,
            history=history,
            notice=notice,
            preview=preview,
            names=await _names(rt, v, preview),
        )

    @post("/activity-types/{key:str}", status_code=200)
    async def type_update(
        self, key: str, request: Request[Any, Any, Any], rt: Runtime
    ) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Activity types", admin_only=True)
        form = await request.form()
        values: dict[str, Any] = _blank_none(
            form, ("label", "points", "value_points", "daily_cap", "self_report", "self_report_weight")
        )
        values["self_reportable"] = form.get("self_reportable") == "on"
        values["active"] = form.get("active") == "on"
        if values.get("label") is None:
            values["label"] = ""
        try:
            data = web.convert(values, tw.ActivityTypeUpdate)
            changes = {k: getattr(data, k) for k in data.__struct_fields__ if k in values}
            if form.get("step") == "preview":  # nothing is saved: the week's board before -> after
                shown = await rule_preview.preview(rt, v.principal, key, changes)
                return await self._type(rt, v, key, {}, values, None, shown)
            await activity_types.update_activity_type(rt, v.principal, key, changes)
        except (web.FieldErrors, DomainError) as exc:
            t = await self._type(rt, v, key, web.form_errors(exc), values, None)
            t.status_code = _status(exc)
            return t
        return web.redirect(f"/admin/activity-types/{key}?saved=1")

    # -- contests -------------------------------------------------------------------------------
    @get("/contests", name="admin_contests")
    async def contest_list(
        self,
        request: Request[Any, Any, Any],
        rt: Runtime,
        page_no: Annotated[int, QueryParameter(name="page", ge=1, le=10_000)] = 1,
        in_state: Annotated[
            str, QueryParameter(name="state", pattern="^(|draft|scheduled|live|ended|awarded|cancelled)$")
        ] = "",
    ) -> Template:
        v = await web.viewer(request, rt, page="Contests")
        total, rows = await contests.list_contests(
            rt, v.principal, [in_state] if in_state else [], 25, (page_no - 1) * 25
        )
        return web.page(
            "contests.html",
            v,
            "Contests",
            contests=rows,
            total=total,
            page_no=page_no,
            pages=max(1, -(-total // 25)),
            state=in_state,
        )

    @get("/contests/{contest_id:int}", name="admin_contest")
    async def contest(self, contest_id: int, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Contests")
        return await _contest_page(request, rt, v, contest_id, None)

    @post("/contests/{contest_id:int}/{action:str}", status_code=303)
    async def contest_action(
        self, contest_id: int, action: str, request: Request[Any, Any, Any], rt: Runtime
    ) -> Redirect | Template:
        v = await web.viewer(request, rt, page="Contests")
        form = await request.form()
        try:
            if action == "launch":
                await contests.launch(rt, v.principal, contest_id)
            elif action == "cancel":
                await contests.cancel(
                    rt, v.principal, contest_id, str(form.get("reason") or "").strip()[:500] or None
                )
            else:
                raise NotFound("action_not_found", f"no action '{action}'")
        except DomainError as exc:
            if isinstance(exc, NotFound):
                raise
            t = await _contest_page(request, rt, v, contest_id, exc.message)
            t.status_code = exc.status_code
            return t
        return web.redirect(f"/admin/contests/{contest_id}")

    @get("/contests/{contest_id:int}/results.csv", name="admin_contest_csv", media_type="text/csv")
    async def contest_csv(
        self, contest_id: int, request: Request[Any, Any, Any], rt: Runtime
    ) -> Response[str]:
        v = await web.viewer(request, rt, page="Contests")
        s = await contests.results(rt, v.principal, contest_id)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["user_id", "display_name", "email", "place", "score", "total", "won", "prize_points"]
        )
        for r in s.rows:
            m = s.members.get(r.user_id)
            writer.writerow(
                [
                    r.user_id,
                    _cell(m.display_name if m else ""),
                    m.email if m else "",
                    r.place or "",
                    r.score,
                    r.total,
                    r.won,
                    sum(p.points for p in r.prizes),
                ]
            )
        return Response(
            out.getvalue(),
            media_type="text/csv",
            headers={"content-disposition": f'attachment; filename="contest-{contest_id}-results.csv"'},
        )

    # -- the audit log (admins) -----------------------------------------------------------------
    @get("/audit", name="admin_audit")
    async def audit_log(
        self,
        request: Request[Any, Any, Any],
        rt: Runtime,
        kind: str = Parameter(default="", max_length=32),
        actor: str = Parameter(default="", max_length=20, pattern=r"^\d*$"),
        since: str = Parameter(default="", max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$"),
        until: str = Parameter(default="", max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$"),
        page_no: Annotated[int, QueryParameter(name="page", ge=1, le=100_000)] = 1,
    ) -> Template:
        v = await web.viewer(request, rt, page="Audit log")
        org = await org_info(rt, v.principal.org_id)
        error = None
        found = audit.Page(0, [])
        try:
            start = (
                datetime.combine(date.fromisoformat(since), datetime.min.time(), org.tz) if since else None
            )
            end = (
                datetime.combine(date.fromisoformat(until) + timedelta(days=1), datetime.min.time(), org.tz)
                if until
                else None
            )
            found = await audit.page(
                rt,
                v.principal,
                kind=kind or None,
                actor_user_id=int(actor) if actor else None,
                since=start,
                until=end,
                limit=AUDIT_PAGE,
                offset=(page_no - 1) * AUDIT_PAGE,
            )
        except (ValueError, DomainError) as exc:
            error = exc.message if isinstance(exc, DomainError) else "Dates are YYYY-MM-DD."
        _, people = await accounts.list_users(
            rt, v.principal, team_id=None, role=None, active=None, limit=500, offset=0
        )
        return web.page(
            "audit.html",
            v,
            "Audit log",
            entries=found.rows,
            total=found.total,
            page_no=page_no,
            pages=max(1, -(-found.total // AUDIT_PAGE)),
            kind=kind,
            actor=actor,
            since=since,
            until=until,
            kinds=audit.ENTITY_KINDS,
            people=[u for u in people if u.role != "rep"],
            error=error,
            tz=org.tz,
        )


def _cell(text: str) -> str:
    """Spreadsheet formula injection: a cell starting with = + - @ is read as text."""
    return "'" + text if text and text[0] in "=+-@\t\r" else text
