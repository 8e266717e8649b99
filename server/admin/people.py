"""Overview, Reps and Teams: the people a manager looks after.

Managers see and change the reps of their own team only (a rep of another team is a 404, as in
the API: the page does not say it exists); admins see the org. Every change goes through the
accounts service, the one the JSON API calls, which writes the audit log.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import Parameter, QueryParameter
from litestar.response import Redirect, Template

from server.accounts import schemas as aw
from server.accounts import service as accounts
from server.accounts.models import User
from server.admin import web
from server.core.auth import Principal
from server.core.errors import DomainError, NotFound
from server.core.runtime import Runtime
from server.habits import service as habits
from server.insights import actions as alert_actions
from server.insights import service as alerts
from server.insights import summary as insights_summary
from server.ledger import summary as ledger_summary

PAGE = 25
#: What the overview says once a one-click response is done.
ACTION_DONE = {
    "check_in": "a note is waiting for your next 1:1.",
    "recognize": "kudos sent.",
    "micro_contest": "a micro-contest is live.",
    "easier_missions": "their missions are easier for a while.",
}
SORTS = {
    "name": lambda u: (u.display_name.lower(), u.id),
    "email": lambda u: (u.email, u.id),
    "team": lambda u: (u.team_id or 0, u.display_name.lower()),
    "created": lambda u: (u.created_at, u.id),
}
Q = Parameter(default="", max_length=120)
PAGE_NO = Parameter(default=1, ge=1, le=100_000)
SORT = Parameter(default="name", pattern="^-?(name|email|team|created)$")


def realtime_url(request: Request[Any, Any, Any], rt: Runtime) -> str:
    """Where the browser reaches the game server (as the TV is told)."""
    if rt.settings.public_realtime_url:
        return rt.settings.public_realtime_url
    scheme = "wss" if request.url.scheme == "https" else "ws"
    return f"{scheme}://{request.url.hostname}:{rt.settings.realtime_port}/ws"


def socket_token(rt: Runtime, p: Principal) -> str:
    """A short-lived access token of the admin's own session, for the live board's websocket (the
    game server takes access tokens; its refresh half is discarded and could never rotate)."""
    access, _ = rt.tokens.issue(p.user_id or 0, p.org_id, p.session_id or 0, "admin-socket")
    return access


async def _team_names(rt: Runtime, p: Principal) -> dict[int, str]:
    return {t.id: t.name for t in await accounts.list_teams(rt, p)}


async def visible_user(rt: Runtime, p: Principal, user_id: int) -> User:
    """A user the caller may open: admins any of the org's, managers their own team's reps (and
    themselves); anyone else is a 404, as if absent."""
    user = await accounts.get_user(rt, p, user_id)
    if p.role != "admin" and (user.team_id is None or user.team_id != p.team_id or user.role != "rep"):
        raise NotFound("user_not_found", f"user {user_id} not found")
    return user


def _form(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for n in names:
        raw = form.get(n)
        if raw is None:
            continue
        value = str(raw).strip()
        if n == "team_id":
            out[n] = int(value) if value.isdigit() else None
        elif value != "" or n in ("display_name", "email", "password"):
            out[n] = value
        else:
            out[n] = None
    return out


class PeopleController(Controller):
    path = "/admin"
    include_in_schema = False

    # -- overview -------------------------------------------------------------------------------
    @get("/", name="admin_overview")
    async def overview(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Overview")
        p = v.principal
        summary = problem = None
        try:
            summary = await insights_summary.summary(rt, p, None, "week", None)
            open_alerts = await alerts.list_alerts(
                rt, p, status="open", team_id=None, user_id=None, before_id=None, limit=20
            )
        except DomainError as exc:  # a manager without a team
            problem, open_alerts = exc.message, []
        channel = (
            "lb:points:week:org"
            if p.role == "admin" or p.team_id is None
            else f"lb:points:week:team:{p.team_id}"
        )
        return web.page(
            "overview.html",
            v,
            "Overview",
            summary=summary,
            alerts=open_alerts,
            problem=problem,
            channel=channel,
            realtime_url=realtime_url(request, rt),
            socket_token=socket_token(rt, p),
        )

    @post("/alerts/{alert_id:int}/{action:str}", status_code=303)
    async def alert_action(
        self, alert_id: int, action: str, request: Request[Any, Any, Any], rt: Runtime
    ) -> Redirect | Template:
        v = await web.viewer(request, rt, page="Overview")
        form = await request.form()
        if action == "dismiss":
            view = await alerts.dismiss(rt, v.principal, alert_id)
            done = "Dismissed."
        elif action in ACTION_DONE:
            message = str(form.get("message") or "").strip()[:500] or None
            view, _ = await alerts.act(
                rt,
                v.principal,
                alert_id,
                alert_actions.Request(action, message=message, send=action == "recognize"),
            )
            done = ACTION_DONE[action]
        else:
            raise NotFound("action_not_found", f"no action '{action}'")
        if request.headers.get("hx-request"):  # htmx: the alert's card is replaced in place
            name = view.rep.display_name if view.rep else f"rep {view.alert.user_id}"
            return Template(
                template_name="alert_done.html", context={"message": f"{name}: {done}"}, status_code=200
            )
        back = str(form.get("back") or "/admin/")
        return web.redirect(back if back.startswith("/admin") and not back.startswith("//") else "/admin/")

    # -- reps -----------------------------------------------------------------------------------
    @get("/reps", name="admin_reps")
    async def reps(
        self,
        request: Request[Any, Any, Any],
        rt: Runtime,
        q: str = Q,
        page_no: Annotated[int, QueryParameter(name="page", ge=1, le=100_000)] = 1,
        sort: str = SORT,
        show: str = Parameter(default="active", pattern="^(active|inactive|all)$"),
        team_id: Annotated[int | None, QueryParameter(name="team", ge=1, le=2**62)] = None,
    ) -> Template:
        v = await web.viewer(request, rt, page="Reps")
        p = v.principal
        team = team_id if p.role == "admin" else p.team_id
        users: list[User] = []
        if p.role == "admin" or team is not None:
            _, users = await accounts.list_users(
                rt,
                p,
                team_id=team,
                role=None if p.role == "admin" else "rep",
                active={"active": True, "inactive": False}.get(show),
                limit=500,
                offset=0,
            )
        needle = q.strip().lower()
        if needle:
            users = [u for u in users if needle in u.display_name.lower() or needle in u.email.lower()]
        key = SORTS[sort.lstrip("-")]
        users.sort(key=key, reverse=sort.startswith("-"))
        total = len(users)
        shown = users[(page_no - 1) * PAGE : page_no * PAGE]
        return web.page(
            "reps.html",
            v,
            "Reps",
            users=shown,
            total=total,
            page_no=page_no,
            pages=max(1, -(-total // PAGE)),
            q=q,
            sort=sort,
            show=show,
            teams=await _team_names(rt, p),
            no_team=p.role != "admin" and team is None,
            team=team_id if p.role == "admin" else None,
        )

    @get("/reps/new", name="admin_rep_new")
    async def rep_new(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Reps")
        return web.page(
            "rep_form.html",
            v,
            "Reps",
            user=None,
            values={"role": "rep", "team_id": v.principal.team_id},
            errors={},
            teams=await _team_names(rt, v.principal),
        )

    @post("/reps/new", status_code=200)
    async def rep_create(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Reps")
        p = v.principal
        form = await request.form()
        values = _form(
            form,
            (
                "email",
                "display_name",
                "password",
                "role",
                "team_id",
                "region",
                "job_role",
                "shift",
                "timezone",
            ),
        )
        if p.role != "admin":
            values["role"], values["team_id"] = "rep", p.team_id
            if p.team_id is None:
                raise web.NoAdmin(
                    "You manage no team yet: ask an admin to put you in one before adding reps."
                )
        try:
            data = web.convert(values, aw.UserCreate)
            user = await accounts.create_user(rt, p, {k: getattr(data, k) for k in data.__struct_fields__})
        except web.FieldErrors as exc:
            return _form_again(v, "rep_form.html", "Reps", None, values, exc.errors, await _team_names(rt, p))
        except DomainError as exc:
            return _form_again(
                v,
                "rep_form.html",
                "Reps",
                None,
                values,
                web.field_errors(exc),
                await _team_names(rt, p),
                status=exc.status_code,
            )
        return web.redirect(f"/admin/reps/{user.id}?created=1")

    @get("/reps/{user_id:int}", name="admin_rep")
    async def rep(
        self,
        user_id: int,
        request: Request[Any, Any, Any],
        rt: Runtime,
        created: int = Parameter(default=0, ge=0, le=1),
        saved: int = Parameter(default=0, ge=0, le=1),
    ) -> Template:
        v = await web.viewer(request, rt, page="Reps")
        p = v.principal
        user = await visible_user(rt, p, user_id)
        me = await ledger_summary.me_summary(rt, p.org_id, user.id)
        entries = await ledger_summary.my_entries(rt, p.org_id, user.id, None, 20)
        streak = badges = None
        try:
            streak, _ = await habits.streak(rt, p, user.id)
            badges = await habits.user_badges(rt, p, user.id)
        except DomainError:
            pass
        rep_alerts: list[alerts.AlertView] = []
        if user.role == "rep":
            try:
                rep_alerts = await alerts.list_alerts(
                    rt, p, status=None, team_id=None, user_id=user.id, before_id=None, limit=10
                )
            except DomainError:
                pass
        notice = "Rep created." if created else "Saved." if saved else None
        return web.page(
            "rep.html",
            v,
            "Reps",
            user=user,
            me=me,
            entries=entries,
            streak=streak,
            badges=badges,
            alerts=rep_alerts,
            teams=await _team_names(rt, p),
            notice=notice,
            errors={},
            values={
                "display_name": user.display_name,
                "team_id": user.team_id,
                "role": user.role,
                "region": user.region,
                "job_role": user.job_role,
                "shift": user.shift,
                "timezone": user.timezone,
            },
        )

    @post("/reps/{user_id:int}", status_code=200)
    async def rep_update(
        self, user_id: int, request: Request[Any, Any, Any], rt: Runtime
    ) -> Template | Redirect:
        """Edit, move between teams, deactivate or reactivate, or set a new password: one form each."""
        v = await web.viewer(request, rt, page="Reps")
        p = v.principal
        user = await visible_user(rt, p, user_id)
        form = await request.form()
        what = str(form.get("what") or "edit")
        if what == "deactivate":
            values: dict[str, Any] = {"active": False}
        elif what == "reactivate":
            values = {"active": True}
        elif what == "password":
            values = {"password": str(form.get("password") or "")}
        else:
            values = _form(
                form, ("display_name", "team_id", "role", "region", "job_role", "shift", "timezone")
            )
            if p.role != "admin":
                values.pop("role", None)
                values.pop("team_id", None)
        try:
            data = web.convert(values, aw.UserUpdate)
            changes = {k: getattr(data, k) for k in data.__struct_fields__ if k in values}
            await accounts.update_user(rt, p, user.id, changes)
        except (web.FieldErrors, DomainError) as exc:
            errors = exc.errors if isinstance(exc, web.FieldErrors) else web.field_errors(exc)
            status = exc.status_code if isinstance(exc, DomainError) else 400
            me = await ledger_summary.me_summary(rt, p.org_id, user.id)
            t = web.page(
                "rep.html",
                v,
                "Reps",
                user=user,
                me=me,
                entries=[],
                streak=None,
                badges=None,
                alerts=[],
                teams=await _team_names(rt, p),
                notice=None,
                errors={f"{what}:{k}": m for k, m in errors.items()},
                values={
                    **{
                        "display_name": user.display_name,
                        "team_id": user.team_id,
                        "role": user.role,
                        "region": user.region,
                        "job_role": user.job_role,
                        "shift": user.shift,
                        "timezone": user.timezone,
                    },
                    **values,
                    "password": "",
                },
            )
            t.status_code = status
            return t
        return web.redirect(f"/admin/reps/{user.id}?saved=1")

    # -- teams (admins) -------------------------------------------------------------------------
    @get("/teams", name="admin_teams")
    async def teams(
        self,
        request: Request[Any, Any, Any],
        rt: Runtime,
        q: str = Q,
        sort: str = Parameter(default="name", pattern="^-?(name|region|members)$"),
    ) -> Template:
        v = await web.viewer(request, rt, page="Teams")
        p = v.principal
        teams = await accounts.list_teams(rt, p)
        _, users = await accounts.list_users(rt, p, team_id=None, role=None, active=True, limit=500, offset=0)
        members: dict[int, int] = {}
        for u in users:
            if u.team_id is not None:
                members[u.team_id] = members.get(u.team_id, 0) + 1
        if q.strip():
            teams = [t for t in teams if q.strip().lower() in t.name.lower()]
        keys = {
            "name": lambda t: t.name.lower(),
            "region": lambda t: (t.region or "").lower(),
            "members": lambda t: members.get(t.id, 0),
        }
        teams.sort(key=keys[sort.lstrip("-")], reverse=sort.startswith("-"))
        return web.page(
            "teams.html", v, "Teams", teams=teams, members=members, q=q, sort=sort, errors={}, values={}
        )

    @post("/teams", status_code=200)
    async def team_create(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Teams")
        form = await request.form()
        values = _form(form, ("name", "region"))
        try:
            data = web.convert(values, aw.TeamCreate)
            team = await accounts.create_team(rt, v.principal, data.name, data.region)
        except (web.FieldErrors, DomainError) as exc:
            return await _teams_again(rt, v, exc, values)
        return web.redirect(f"/admin/teams?created={team.id}")

    @post("/teams/{team_id:int}", status_code=200)
    async def team_update(
        self, team_id: int, request: Request[Any, Any, Any], rt: Runtime
    ) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Teams")
        form = await request.form()
        values = _form(form, ("name", "region"))
        try:
            data = web.convert(values, aw.TeamUpdate)
            await accounts.update_team(
                rt, v.principal, team_id, {k: getattr(data, k) for k in data.__struct_fields__ if k in values}
            )
        except (web.FieldErrors, DomainError) as exc:
            return await _teams_again(rt, v, exc, values, field_prefix=f"team{team_id}:")
        return web.redirect("/admin/teams")


async def _teams_again(
    rt: Runtime,
    v: web.Viewer,
    exc: web.FieldErrors | DomainError,
    values: dict[str, Any],
    field_prefix: str = "",
) -> Template:
    """The Teams page again after a refused create or update, the errors beside their fields."""
    errors = exc.errors if isinstance(exc, web.FieldErrors) else web.field_errors(exc)
    t = web.page(
        "teams.html",
        v,
        "Teams",
        teams=await accounts.list_teams(rt, v.principal),
        members={},
        q="",
        sort="name",
        errors={f"{field_prefix}{k}": m for k, m in errors.items()},
        values=values,
    )
    t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
    return t


def _form_again(
    v: web.Viewer,
    template: str,
    active: str,
    user: User | None,
    values: dict[str, Any],
    errors: dict[str, str],
    teams: dict[int, str],
    status: int = 400,
) -> Template:
    t = web.page(
        template, v, active, user=user, values={**values, "password": ""}, errors=errors, teams=teams
    )
    t.status_code = status
    return t
