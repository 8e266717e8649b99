"""Signing in to the admin and out of it."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import QueryParameter
from litestar.response import Redirect, Template

from server.accounts import service as accounts
from server.accounts import sessions
from server.admin import web
from server.core.auth import Principal
from server.core.edge.abuse import login_attempt
from server.core.errors import DomainError, Forbidden
from server.core.runtime import Runtime

PRE_COOKIE = "rr_admin_pre"


def _safe_next(path: str) -> str:
    """Only a path of the admin: never another site (`//evil.example`) or another part of this one."""
    return path if path.startswith("/admin") and not path.startswith("//") and "\\" not in path else "/admin/"


class SignInController(Controller):
    path = "/admin"
    include_in_schema = False

    @get("/login", name="admin_login")
    async def login_page(
        self,
        request: Request[Any, Any, Any],
        rt: Runtime,
        next_path: Annotated[str, QueryParameter(name="next", max_length=500)] = "/admin/",
    ) -> Template | Redirect:
        if await web.principal_of(request, rt) is not None:
            return web.redirect(_safe_next(next_path))
        return _login_page(request, _safe_next(next_path), "", {}, 200)

    @post("/login", status_code=200)
    async def login(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        form = await request.form()
        pre = request.cookies.get(PRE_COOKIE, "")
        if not pre or not hmac.compare_digest(pre, str(form.get(web.CSRF_FIELD) or "")):
            raise Forbidden("csrf_failed", "the sign-in form expired: reload the page and try again")
        email = str(form.get("email") or "").strip()[:320]
        password = str(form.get("password") or "")[:200]
        next_path = _safe_next(str(form.get("next") or "/admin/"))
        if not email or not password:
            return _login_page(request, next_path, email, {"_form": "Enter your email and password."}, 400)
        try:
            async with login_attempt(rt, request, email):
                user, access, _refresh = await accounts.login(rt, email, password, "RepRally admin (web)")
        except DomainError as exc:
            message = {
                "invalid_credentials": "That email and password do not match an account.",
                "account_disabled": "This account is deactivated. Ask an admin of your org.",
            }.get(exc.code, exc.message)
            return _login_page(
                request,
                next_path,
                email,
                {"_form": message},
                exc.status_code if exc.status_code in (401, 429) else 400,
            )
        sid = int(rt.tokens.decode(access, "access")["sid"])
        if user.role not in ("manager", "admin"):  # reps get no admin session at all
            await sessions.end(
                rt, Principal(org_id=user.org_id, role=user.role, user_id=user.id, session_id=sid), sid
            )
            return _login_page(
                request,
                next_path,
                email,
                {"_form": "The admin is for managers and admins. Reps use the RepRally app."},
                403,
            )
        response = web.redirect(next_path)
        web.set_cookie(
            response,
            rt.tokens.issue_web(user.id, user.org_id, sid, rt.tokens.refresh_ttl_s),
            secure=web.is_secure(request),
            max_age=rt.tokens.refresh_ttl_s,
        )
        return response

    @post("/logout", status_code=303)
    async def logout(self, request: Request[Any, Any, Any], rt: Runtime) -> Redirect:
        v = await web.viewer(request, rt)
        await sessions.end(rt, v.principal, v.principal.session_id or 0)
        response = web.redirect("/admin/login")
        web.clear_cookie(response, secure=v.secure)
        return response


def _login_page(
    request: Request[Any, Any, Any], next_path: str, email: str, errors: dict[str, str], status: int
) -> Template:
    """The sign-in form, with a fresh pre-session CSRF token (double submit: the same random value
    in a SameSite=Strict cookie and in the form), so no other site can sign a browser in."""
    pre = secrets.token_urlsafe(24)
    t = web.page("login.html", None, "", next=next_path, errors=errors, email=email, pre=pre)
    t.status_code = status
    t.set_cookie(
        PRE_COOKIE,
        pre,
        path=web.PATH,
        httponly=True,
        samesite="strict",
        secure=web.is_secure(request),
        max_age=3600,
    )
    return t
