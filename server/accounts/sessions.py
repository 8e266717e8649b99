"""Sign-in sessions: one per login, renewed by rotating refresh tokens, ended by logout, by its
user, by a password change or reset, or by the reuse of a spent refresh token.

Rotation follows the OAuth 2.0 Security Best Current Practice (RFC 9700 §4.14.2): each refresh
returns a new refresh token and spends the one presented; a spent one presented again means a
copy is in other hands, so the whole session ends (its access tokens too). Two refreshes racing
with one token count as a reuse: a client refreshes one request at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from server.accounts import auth_state, session_store
from server.accounts import store as users_store
from server.accounts.models import AuthSession, User
from server.core.auth import Principal, new_jti
from server.core.errors import Forbidden, NotFound, Unauthorized
from server.core.runtime import Runtime

DEVICE_MAX = 200
#: Ended sessions are deleted this long after they end (their tokens are refused either way).
KEEP_ENDED = timedelta(days=1)


def _session_ids(claims: dict[str, Any]) -> tuple[int, int, int]:
    """(org id, user id, session id) of verified claims, or 401 for a token that names no session."""
    sid = claims.get("sid")
    if not isinstance(sid, int):
        raise Unauthorized("invalid_token", "this token names no session; sign in again")
    return int(claims["org"]), int(claims["sub"]), sid


async def start(rt: Runtime, user: User, device: str | None) -> tuple[str, str]:
    """A new session of the user; its first (access, refresh) tokens."""
    now, jti = rt.now(), new_jti()
    async with rt.sessions() as s, s.begin():
        row = await session_store.insert(s, user.org_id, user.id, (device or "").strip()[:DEVICE_MAX] or None, jti,
                                         now, now + timedelta(seconds=rt.tokens.refresh_ttl_s))
    return rt.tokens.issue(user.id, user.org_id, row.id, jti)


async def refresh(rt: Runtime, refresh_token: str) -> tuple[User, str, str]:
    """Spend a refresh token for a new pair; a spent one ends its session (401 `refresh_token_reused`)."""
    claims = rt.tokens.decode(refresh_token, "refresh")
    org_id, user_id, sid = _session_ids(claims)
    presented, renewed, now = str(claims.get("jti", "")), new_jti(), rt.now()
    reused = False
    async with rt.sessions() as s, s.begin():
        user = await users_store.get_user(s, org_id, user_id)
        if user is None:
            raise Unauthorized("invalid_token", "the token is not valid")
        if not user.active:
            raise Unauthorized("account_disabled", "this account no longer exists or is deactivated")
        rotated = await session_store.rotate(s, sid, user_id, presented, renewed, now,
                                             now + timedelta(seconds=rt.tokens.refresh_ttl_s))
        if not rotated:
            reused = bool(await session_store.revoke(s, user_id, "refresh_reused", now, only=sid))
    if reused:
        await auth_state.publish(rt, org_id, ended=[(sid, user_id)])
        raise Unauthorized("refresh_token_reused", "this refresh token was used before, so the session has "
                                                   "been ended on every device that shared it; sign in again")
    if not rotated:
        raise Unauthorized("session_revoked", "this session has ended; sign in again")
    return user, *rt.tokens.issue(user_id, org_id, sid, renewed)


async def logout(rt: Runtime, principal: Principal, refresh_token: str) -> None:
    """End the session of `refresh_token` (the caller's own; an ended one is fine)."""
    user_id = _user(principal)
    org_id, owner, sid = _session_ids(rt.tokens.decode(refresh_token, "refresh", verify_exp=False))
    if (org_id, owner) != (principal.org_id, user_id):
        raise NotFound("session_not_found", "this refresh token is not one of your sessions")
    await _end(rt, org_id, user_id, "logout", only=sid)


async def end(rt: Runtime, principal: Principal, session_id: int) -> None:
    """End one of the caller's live sessions (404 for anyone else's, or one already ended)."""
    user_id = _user(principal)
    if not await _end(rt, principal.org_id, user_id, "ended", only=session_id):
        raise NotFound("session_not_found", f"session {session_id} not found")


async def end_all(rt: Runtime, org_id: int, user_id: int, reason: str, *, keep: int | None = None) -> None:
    """End every session of a user (but `keep`): a password changed or reset."""
    await _end(rt, org_id, user_id, reason, keep=keep)


async def _end(rt: Runtime, org_id: int, user_id: int, reason: str, *, only: int | None = None,
               keep: int | None = None) -> list[int]:
    async with rt.sessions() as s, s.begin():
        ended = await session_store.revoke(s, user_id, reason, rt.now(), only=only, keep=keep)
    await auth_state.publish(rt, org_id, ended=[(sid, user_id) for sid in ended])
    return ended


async def live(rt: Runtime, principal: Principal) -> Sequence[AuthSession]:
    """The caller's sessions that still stand, most recently used first."""
    user_id = _user(principal)
    async with rt.sessions() as s:
        return await session_store.live(s, user_id, rt.now())


async def prune(rt: Runtime) -> int:
    """Delete sessions that ended or expired more than `KEEP_ENDED` ago (a worker job)."""
    async with rt.sessions() as s, s.begin():
        return await session_store.prune(s, rt.now() - KEEP_ENDED)


def _user(principal: Principal) -> int:
    if principal.user_id is None or principal.session_id is None:
        raise Forbidden("user_required", "this endpoint needs a user's access token")
    return principal.user_id
