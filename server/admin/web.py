"""The admin's web plumbing: the sign-in cookie, CSRF tokens, who may see the admin, rendering.

Sign-in makes an ordinary sign-in session (`accounts.service.login`, an `auth_sessions` row) and
sets a cookie holding a token of type `web` that names it (`Tokens.issue_web`). Every page
resolves the cookie with `auth_state.principal_for_web`: the same rules as an API access token,
so signing out, a password reset, deactivation or a session ended from another device ends the
admin at once, and the role and team come from the database on every request. The JSON API does
not take the cookie (it is not a bearer token), and the admin does not take API tokens.

Cookie: HttpOnly, SameSite=Strict, Path=/admin, Secure when the request came over HTTPS (behind
the reverse proxy, uvicorn's proxy headers make the scheme https).

CSRF: every POST carries a token bound to the session (HMAC of the session id under the signing
secret), in the form field `_csrf` or, for htmx requests, the `X-CSRF-Token` header; a post
without it, or with another session's, is refused (403) before anything is read or written.
SameSite=Strict already keeps the cookie off cross-site posts; the token is the second lock.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import msgspec
from litestar import Request, Response
from litestar.response import Redirect, Template

from server.accounts import auth_state
from server.accounts import service as accounts
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import DomainError, Forbidden, Unauthorized
from server.core.runtime import Part, Runtime

COOKIE = "rr_admin"
PATH = "/admin"
CSRF_FIELD = "_csrf"
CSRF_HEADER = "x-csrf-token"

#: The navigation: (label, path, built). A page not built yet is shown as "coming", not linked.
NAV: tuple[tuple[str, str, bool], ...] = (
    ("Overview", "/admin/", True),
    ("Reps", "/admin/reps", True),
    ("Teams", "/admin/teams", True),
    ("Activity types", "/admin/activity-types", True),
    ("Targets", "/admin/targets", True),
    ("Contests", "/admin/contests", True),
    ("Missions", "/admin/missions", True),
    ("Badges", "/admin/badges", True),
    ("Rewards", "/admin/rewards", True),
    ("Displays", "/admin/displays", True),
    ("Integrations", "/admin/integrations", True),
    ("Experiments", "/admin/experiments", True),
    ("Settings", "/admin/settings", True),
    ("Audit log", "/admin/audit", True),
)
#: Pages only admins open (a manager gets the 403 page, direct URL or not).
ADMIN_ONLY = frozenset(
    {"Teams", "Displays", "Audit log", "Rewards", "Settings", "Integrations", "Experiments"}
)


class LoginRequired(Exception):
    """No cookie, or one whose session ended: back to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class NoAdmin(Exception):
    """Signed in, but this page is not for this user (a rep, or a manager on an admin page)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class Viewer:
    """Who is looking at a page, with what the templates need."""

    principal: Principal
    name: str
    csrf: str
    secure: bool
    flash: list[str] = field(default_factory=list)

    @property
    def is_admin(self) -> bool:
        return self.principal.role == "admin"


def csrf_token(rt: Runtime, session_id: int) -> str:
    return hmac.new(
        rt.settings.jwt_secret.encode(), f"admin-csrf:{session_id}".encode(), hashlib.sha256
    ).hexdigest()


def is_secure(request: Request[Any, Any, Any]) -> bool:
    return request.url.scheme == "https"


def set_cookie(response: Response[Any], token: str, *, secure: bool, max_age: int) -> None:
    response.set_cookie(
        COOKIE, token, path=PATH, httponly=True, samesite="strict", secure=secure, max_age=max_age
    )


def clear_cookie(response: Response[Any], *, secure: bool) -> None:
    response.delete_cookie(COOKIE, path=PATH)


async def principal_of(request: Request[Any, Any, Any], rt: Runtime) -> Principal | None:
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    try:
        return await auth_state.principal_for_web(rt, token)
    except Unauthorized:
        return None


async def viewer(
    request: Request[Any, Any, Any], rt: Runtime, *, page: str | None = None, admin_only: bool = False
) -> Viewer:
    """The signed-in manager or admin, or `LoginRequired` / `NoAdmin`. On a POST the CSRF token
    is checked first (403 `csrf_failed`)."""
    principal = await principal_of(request, rt)
    if principal is None:
        raise LoginRequired(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    if principal.role not in ("manager", "admin") or principal.session_id is None:
        raise NoAdmin("The admin is for managers and admins. Use the RepRally app to see your points.")
    if (admin_only or page in ADMIN_ONLY) and principal.role != "admin":
        raise NoAdmin("This page is for admins only. Ask an admin of your org if you need a change here.")
    token = csrf_token(rt, principal.session_id)
    if request.method == "POST":
        sent = request.headers.get(CSRF_HEADER)
        if not sent:
            form = await request.form()
            sent = str(form.get(CSRF_FIELD) or "")
        if not hmac.compare_digest(sent, token):
            raise Forbidden(
                "csrf_failed", "the form's security token is missing or stale: reload the page and try again"
            )
    return Viewer(principal, await _name(rt, principal), token, is_secure(request))


#: (org, user) -> display name, for the page header: a rename shows within a minute.
_NAMES: Part[TTLCache[tuple[int, int], str]] = Part(
    "admin.names", lambda rt: TTLCache(60.0, max_entries=10_000)
)


async def _name(rt: Runtime, principal: Principal) -> str:
    key = (principal.org_id, principal.user_id or 0)
    cache = rt.part(_NAMES)
    found = cache.get(key)
    if found is None:
        found = (await accounts.get_user(rt, principal, key[1])).display_name
        cache.put(key, found)
    return found


def page(template: str, v: Viewer | None, active: str, **context: Any) -> Template:
    return Template(
        template_name=template,
        context={"v": v, "nav": NAV, "admin_only": ADMIN_ONLY, "active": active, **context},
    )


def redirect(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


def login_redirect(next_path: str) -> Redirect:
    return Redirect(path=f"/admin/login?next={quote(next_path, safe='')}", status_code=303)


# -- errors as field messages ---------------------------------------------------------------------
_PATH = re.compile(r"at `\$\.([A-Za-z_]+)")


def convert(data: Mapping[str, Any], into: type[Any]) -> Any:
    """A form's values through the API's own wire type (its bounds and patterns), or a
    `FieldErrors` naming the field the API would have named."""
    try:
        return msgspec.convert(dict(data), into, strict=False)
    except msgspec.ValidationError as exc:
        text = str(exc)
        found = _PATH.search(text)
        name = found.group(1) if found else "_form"
        message = _PATH.sub("", text).replace(" - ", "").strip() or "invalid value"
        raise FieldErrors({name: _friendly(message)}) from None


def _friendly(message: str) -> str:
    m = re.match(r"Expected `str` of length >= (\d+)", message)
    if m:
        return "Required." if m.group(1) == "1" else f"At least {m.group(1)} characters."
    m = re.match(r"Expected `str` of length <= (\d+)", message)
    if m:
        return f"At most {m.group(1)} characters."
    m = re.match(r"Expected `int` >= (-?\d+)", message)
    if m:
        return f"At least {m.group(1)}."
    m = re.match(r"Expected `int` <= (-?\d+)", message)
    if m:
        return f"At most {m.group(1)}."
    if message.startswith(("Expected `int`", "Expected `int | null`")):
        return "A whole number."
    if message.startswith("Expected `str` matching regex"):
        return "Not in the expected format."
    if message.startswith("Object missing required field"):
        return "Required."
    if message.startswith("Invalid enum value"):
        return "Choose one of the options."
    return message


class FieldErrors(Exception):
    """What is wrong with a form, field by field (`_form` for the form as a whole)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def form_errors(exc: Exception) -> dict[str, str]:
    """What a refused form shows: the form's own field errors, a service's refusal beside its
    field (`field_errors`), or anything else above the form."""
    if isinstance(exc, FieldErrors):
        return exc.errors
    if isinstance(exc, DomainError):
        return field_errors(exc)
    return {"_form": str(exc)}


def field_errors(exc: DomainError) -> dict[str, str]:
    """A service's refusal, put beside the field it is about: the error's `details.field`, else
    the field its code names (`email_taken` -> email), else the whole form."""
    details = exc.details or {}
    name = details.get("field") if isinstance(details.get("field"), str) else None
    if name is None:
        name = _CODE_FIELDS.get(exc.code, "_form")
    return {name: exc.message[:1].upper() + exc.message[1:] + ("" if exc.message.endswith(".") else ".")}


_CODE_FIELDS = {
    "email_taken": "email",
    "team_exists": "name",
    "team_not_found": "team_id",
    "weak_password": "password",
    "password_too_common": "password",
    "invalid_timezone": "timezone",
    "activity_type_exists": "key",
    "invalid_kind": "kind",
    "last_admin": "active",
    "cannot_change_own_access": "role",
}
