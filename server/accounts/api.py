"""Orgs, auth, teams, users, API keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.di import Provide
from litestar.params import Parameter

from server.accounts import api_keys, audit, sessions, user_import
from server.accounts import schemas as w
from server.accounts import service as accounts
from server.accounts.schemas import api_key_out, org_out, session_out, team_out, user_out
from server.core.auth import ROLES, Principal
from server.core.contract.openapi import errors
from server.core.edge.abuse import limit_by_address, login_attempt
from server.core.runtime import Runtime
from server.core.web import TV, provide_principal, require_admin, require_manager, require_user
from server.core.wire import changes


def _device(request: Request[Any, Any, Any]) -> str | None:
    return request.headers.get("user-agent")


class PublicController(Controller):
    path = "/api/v1"
    tags = ["auth"]

    @post("/orgs", operation_id="createOrg",
          status_code=201, summary="Create an org and its first admin", responses=errors(409))
    async def create_org(self, data: w.OrgCreate, rt: Runtime, request: Request[Any, Any, Any]) -> w.OrgCreated:
        await limit_by_address(rt, request, "limit_signup_address")
        org, user = await accounts.create_org(
            rt, name=data.name, timezone=data.timezone, week_start=data.week_start,
            admin_email=data.admin.email, admin_password=data.admin.password, admin_name=data.admin.display_name)
        access, refresh = await sessions.start(rt, user, _device(request))
        return w.OrgCreated(org_out(org), user_out(user), access, refresh)

    @post("/auth/login", operation_id="login",
          status_code=200, summary="Sign in: a new session and its first tokens", responses=errors(401))
    async def login(self, data: w.LoginIn, rt: Runtime, request: Request[Any, Any, Any]) -> w.TokensOut:
        async with login_attempt(rt, request, data.email):
            user, access, refresh = await accounts.login(rt, data.email, data.password, data.device or _device(request))
        return w.TokensOut(access, refresh, user_out(user), expires_in=rt.tokens.access_ttl_s)

    @post("/auth/refresh", operation_id="refreshTokens", status_code=200, responses=errors(401),
          summary="Spend a refresh token for a new pair; a spent one presented again ends its session")
    async def refresh(self, data: w.RefreshIn, rt: Runtime) -> w.TokensOut:
        user, access, refresh = await sessions.refresh(rt, data.refresh_token)
        return w.TokensOut(access, refresh, user_out(user), expires_in=rt.tokens.access_ttl_s)


class SessionController(Controller):
    """The caller's own sign-in sessions and password."""

    path = "/api/v1"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["auth"]

    @post("/auth/logout", operation_id="logout",
          status_code=204, summary="End the session of a refresh token: its tokens stop working")
    async def logout(self, data: w.LogoutIn, principal: Principal, rt: Runtime) -> None:
        await sessions.logout(rt, principal, data.refresh_token)

    @get("/me/sessions", operation_id="listSessions",
         tags=["me"], summary="My sessions that still stand, most recently used first")
    async def list_sessions(self, principal: Principal, rt: Runtime) -> w.SessionList:
        rows = await sessions.live(rt, principal)
        return w.SessionList([session_out(r, principal.session_id) for r in rows])

    @delete("/me/sessions/{session_id:int}", operation_id="endSession", status_code=204, tags=["me"],
            summary="End one of my sessions (sign a device out)")
    async def end_session(self, session_id: int, principal: Principal, rt: Runtime) -> None:
        await sessions.end(rt, principal, session_id)

    @post("/me/password", operation_id="changePassword", status_code=204, tags=["me"],
          summary="Change my password (the current one is required); my other sessions end")
    async def change_password(self, data: w.PasswordChange, principal: Principal, rt: Runtime) -> None:
        await accounts.change_password(rt, principal, data.current_password, data.new_password)


class OrgController(Controller):
    path = "/api/v1"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["org"]

    @get("/org", operation_id="getOrg", opt=TV)
    async def get_org(self, principal: Principal, rt: Runtime) -> w.OrgOut:
        return org_out(await accounts.get_org(rt, principal))

    @patch("/org", operation_id="updateOrg",
           summary="Change the org; a new time zone or week start rebuilds its boards")
    async def update_org(self, data: w.OrgUpdate, principal: Principal, rt: Runtime) -> w.OrgOut:
        require_admin(principal)
        return org_out(await accounts.update_org(rt, principal, changes(data)))

    # -- teams --
    @post("/teams", operation_id="createTeam", status_code=201, tags=["teams"])
    async def create_team(self, data: w.TeamCreate, principal: Principal, rt: Runtime) -> w.TeamOut:
        require_admin(principal)
        return team_out(await accounts.create_team(rt, principal, data.name, data.region))

    @get("/teams", operation_id="listTeams", tags=["teams"], opt=TV)
    async def list_teams(self, principal: Principal, rt: Runtime) -> w.TeamList:
        return w.TeamList([team_out(t) for t in await accounts.list_teams(rt, principal)])

    @get("/teams/{team_id:int}", operation_id="getTeam", tags=["teams"], opt=TV)
    async def get_team(self, team_id: int, principal: Principal, rt: Runtime) -> w.TeamOut:
        return team_out(await accounts.get_team(rt, principal, team_id))

    @patch("/teams/{team_id:int}", operation_id="updateTeam", tags=["teams"])
    async def update_team(self, team_id: int, data: w.TeamUpdate, principal: Principal, rt: Runtime) -> w.TeamOut:
        require_admin(principal)
        return team_out(await accounts.update_team(rt, principal, team_id, changes(data)))

    # -- users --
    @post("/users", operation_id="createUser", status_code=201, tags=["users"])
    async def create_user(self, data: w.UserCreate, principal: Principal, rt: Runtime) -> w.UserOut:
        require_manager(principal)
        return user_out(await accounts.create_user(rt, principal, changes(data)), principal)

    @post("/users/import", operation_id="importUsers", status_code=200, tags=["users"],
          request_max_body_size=1024 * 1024,
          responses=errors(400, 403, 409), summary="Import users from a CSV file: check it (dry_run, the "
          "default), or create every row at once (none when any row is in error)")
    async def import_users(self, data: w.UserImport, principal: Principal, rt: Runtime) -> w.ImportOut:
        require_manager(principal)
        return user_import.answer(await user_import.run(rt, principal, data.csv, dry_run=data.dry_run), data.dry_run)

    @get("/users", operation_id="listUsers", tags=["users"])
    async def list_users(
        self, principal: Principal, rt: Runtime, team_id: int | None = None,
        role: str | None = Parameter(default=None, schema_extra={"oneOf": [{"type": "string", "enum": list(ROLES)},
                                                                          {"type": "null"}]}),
        active: bool | None = None, limit: int = Parameter(default=100, ge=1, le=500),
        offset: int = Parameter(default=0, ge=0, le=10**9),
    ) -> w.UserList:
        require_user(principal)
        total, rows = await accounts.list_users(rt, principal, team_id=team_id, role=role, active=active,
                                                limit=limit, offset=offset)
        return w.UserList(total, [user_out(u, principal) for u in rows])

    @get("/users/{user_id:int}", operation_id="getUser", tags=["users"])
    async def get_user(self, user_id: int, principal: Principal, rt: Runtime) -> w.UserOut:
        return user_out(await accounts.get_user(rt, principal, user_id), principal)

    @patch("/users/{user_id:int}", operation_id="updateUser", tags=["users"])
    async def update_user(self, user_id: int, data: w.UserUpdate, principal: Principal, rt: Runtime) -> w.UserOut:
        require_user(principal)
        return user_out(await accounts.update_user(rt, principal, user_id, changes(data)), principal)

    # -- API keys --
    @post("/api-keys", operation_id="createApiKey", status_code=201, tags=["integrations"],
          summary="Create an org API key; the key is shown only in this response")
    async def create_api_key(self, data: w.ApiKeyCreate, principal: Principal, rt: Runtime) -> w.ApiKeyCreated:
        require_admin(principal)
        row, full = await api_keys.create_api_key(rt, principal, data.name)
        return w.ApiKeyCreated(row.id, row.name, row.prefix, row.created_at, full)

    @get("/api-keys", operation_id="listApiKeys", tags=["integrations"])
    async def list_api_keys(self, principal: Principal, rt: Runtime) -> w.ApiKeyList:
        require_admin(principal)
        return w.ApiKeyList([api_key_out(k) for k in await api_keys.list_keys(rt, principal)])

    @delete("/api-keys/{key_id:int}", operation_id="revokeApiKey",
            status_code=200, tags=["integrations"], summary="Revoke an API key")
    async def revoke_api_key(self, key_id: int, principal: Principal, rt: Runtime) -> w.ApiKeyOut:
        require_admin(principal)
        return api_key_out(await api_keys.revoke_api_key(rt, principal, key_id))


    # -- the audit log --
    @get("/audit", operation_id="listAuditEntries", tags=["org"], responses=errors(400, 403),
         summary="The audit log: every change made through the admin or the API, newest first (admins)")
    async def list_audit(
        self, principal: Principal, rt: Runtime, kind: str | None = Parameter(default=None, max_length=32),
        actor_user_id: int | None = Parameter(default=None, ge=1, le=2**62),
        entity_id: str | None = Parameter(default=None, max_length=80),
        since: datetime | None = None, until: datetime | None = None,
        limit: int = Parameter(default=50, ge=1, le=500), offset: int = Parameter(default=0, ge=0, le=10**9),
    ) -> w.AuditPage:
        require_admin(principal)
        found = await audit.page(rt, principal, actor_user_id=actor_user_id, kind=kind, entity_id=entity_id,
                                 since=since, until=until, limit=limit, offset=offset)
        return w.AuditPage(found.total, [w.audit_out(e) for e in found.rows])
