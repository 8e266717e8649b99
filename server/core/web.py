"""The HTTP layer's two dependencies: the runtime and the caller.

Who is calling is decided from the bearer token (or the `X-API-Key` header): an org API key
(`rrk_...`) or a JWT whose `typ` names its kind. The core only verifies signatures; every kind is
resolved by the package that owns it, registered in the runtime's registry (`accounts` resolves
user access tokens and API keys, `displays` display tokens), so a revoked session, a deactivated
user or a revoked display is refused on every request.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.datastructures import State

from server.core.auth import API_KEY_PREFIX, Principal
from server.core.errors import Forbidden, Unauthorized
from server.core.runtime import Runtime


def runtime(state: State) -> Runtime:
    rt: Runtime = state.rt
    return rt


async def authenticate(rt: Runtime, token: str, *, api_keys: bool = True, verify_exp: bool = True,
                       fresh: bool = False) -> Principal:
    """The principal of a token of any kind (the game server takes no API keys: `api_keys=False`).
    `verify_exp=False, fresh=True` is the game server asking whether a socket authenticated a
    while ago still stands: expiry does not end an open socket, revocation does."""
    if token.startswith(API_KEY_PREFIX) and api_keys:
        kind, claims = "api_key", None
    else:
        claims = rt.tokens.decode(token, None, verify_exp=verify_exp)
        kind = str(claims.get("typ"))
    resolve = rt.registry.token_resolvers.get(kind)
    if resolve is None:
        raise Unauthorized("invalid_token", "the token is not valid")
    return await resolve(rt, token, claims, fresh=fresh)


def bearer(headers: Any) -> str:
    header = headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if not token and headers.get("x-api-key"):
        return str(headers["x-api-key"]).strip()
    if not token or scheme.lower() != "bearer":
        raise Unauthorized("unauthenticated", "send 'Authorization: Bearer <access token or API key>'")
    return str(token)


async def provide_principal(request: Request[Any, Any, Any], rt: Runtime) -> Principal:
    """The caller, as `caller_first` found it. It takes `rt` (the app's runtime dependency) so that
    Litestar resolves the two one after the other: two independent dependencies are resolved
    concurrently in an anyio task group, which cost ~10 % of a leaderboard read's CPU."""
    found: Principal | None = request.state.get(_CALLER)
    return found if found is not None else await _caller(request, rt)


async def caller_first(request: Request[Any, Any, Any]) -> None:
    """`before_request`: on a route that takes a caller, decide who is calling before the body or
    the query is read, so a request without valid credentials is a 401 (a deactivated user's
    `account_disabled` included) whatever else is wrong with it, and learns nothing of the input
    rules. `provide_principal` then hands the same principal to the handler."""
    if "principal" in request.route_handler.resolve_dependencies():
        request.state[_CALLER] = await _caller(request, request.app.state.rt)


_CALLER = "reprally_principal"


async def _caller(request: Request[Any, Any, Any], rt: Runtime) -> Principal:
    principal = await authenticate(rt, bearer(request.headers))
    if principal.role == "display":
        check_display(request)
    return principal


#: The route option (`opt=TV`) that opens a GET route to display tokens: what an office TV shows
#: (boards, contests, the feed, names of the org, teams and metrics). Every other route answers
#: a display 403, so a route added later is closed to screens until it says otherwise.
TV = {"tv": True}


def check_display(request: Request[Any, Any, Any]) -> None:
    if request.method != "GET":
        raise Forbidden("read_only", "display tokens can only read")
    if not request.route_handler.opt.get("tv"):
        raise Forbidden("display_forbidden", "display tokens see only what a TV shows")


def require_user(principal: Principal) -> int:
    if principal.user_id is None:
        raise Forbidden("user_required", "this endpoint needs a user token, not an API key")
    return principal.user_id


def require_manager(principal: Principal) -> None:
    if principal.role not in ("manager", "admin"):
        raise Forbidden("forbidden", "managers and admins only")


def require_admin(principal: Principal) -> None:
    if principal.role != "admin":
        raise Forbidden("forbidden", "admins only")
