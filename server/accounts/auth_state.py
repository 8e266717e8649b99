"""Who a user access token belongs to *now*: the user's active flag, role and team, and whether
the token's sign-in session still stands, checked on every request.

The database is the truth; a request reads a copy no older than `LOCAL_TTL_S` (half a second):

* process copy (`LOCAL_TTL_S`): most requests pay a dictionary lookup;
* Redis copy, one `MGET` of the user's and the session's keys (one slot, `{o<org>}`): a process
  copy that expired costs one round trip;
* on a Redis miss, one indexed SQL statement, written back with `SET NX` (a reader never
  overwrites what a writer put there meanwhile); while Redis is down, SQL for every miss.

A change (deactivation, a new role or team, an ended session) is committed to SQL first, then
written over the Redis copy and the org's auth epoch is bumped in one `MULTI`: every API process
sees it within `LOCAL_TTL_S`, and game servers, which poll the epochs, re-check their sockets
(`realtime/hub.py`). If Redis cannot be written at that moment, the stale Redis copy lives at most
`REDIS_TTL_S`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from redis.exceptions import RedisError

from server.accounts import session_store
from server.accounts.models import User
from server.board import keys
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import Unauthorized
from server.core.runtime import Part, Runtime

log = logging.getLogger("reprally.accounts")

LOCAL_TTL_S = 0.5
REDIS_TTL_S = 60


@dataclass(frozen=True, slots=True)
class UserState:
    """`role` is empty for a user the org does not have."""

    active: bool
    role: str
    team_id: int | None

    def encode(self) -> str:
        return f"{int(self.active)}|{self.role}|{'' if self.team_id is None else self.team_id}"

    @classmethod
    def decode(cls, raw: bytes | str) -> UserState:
        active, role, team = (raw.decode() if isinstance(raw, bytes) else raw).split("|")
        return cls(active == "1", role, int(team) if team else None)


UNKNOWN_USER = UserState(False, "", None)


@dataclass(frozen=True, slots=True)
class SessionState:
    """`user_id` 0: no such session."""

    user_id: int
    live: bool

    def encode(self) -> str:
        return f"{self.user_id}|{int(self.live)}"

    @classmethod
    def decode(cls, raw: bytes | str) -> SessionState:
        user_id, live = (raw.decode() if isinstance(raw, bytes) else raw).split("|")
        return cls(int(user_id), live == "1")


@dataclass(slots=True)
class _Local:
    users: TTLCache[tuple[int, int], UserState] = field(default_factory=lambda: TTLCache(LOCAL_TTL_S))
    sessions: TTLCache[tuple[int, int], SessionState] = field(default_factory=lambda: TTLCache(LOCAL_TTL_S))


_LOCAL: Part[_Local] = Part("accounts.auth_state", lambda rt: _Local())


def user_key(org_id: int, user_id: int) -> str:
    return f"{keys.tag(org_id)}:au:{user_id}"


def session_key(org_id: int, session_id: int) -> str:
    return f"{keys.tag(org_id)}:as:{session_id}"


def epoch_key(org_id: int) -> str:
    """Bumped on every change of who the org's users are or which sessions stand (no expiry)."""
    return f"{keys.tag(org_id)}:auth:epoch"


# -- reading -----------------------------------------------------------------------------------
async def lookup(rt: Runtime, org_id: int, user_id: int, session_id: int, *,
                 fresh: bool = False) -> tuple[UserState, SessionState]:
    """The user's and the session's state, no older than `LOCAL_TTL_S` (`fresh`: the Redis copy or SQL)."""
    local = rt.part(_LOCAL)
    ukey, skey = (org_id, user_id), (org_id, session_id)
    if not fresh:
        user, session = local.users.get(ukey), local.sessions.get(skey)
        if user is not None and session is not None:
            return user, session
    found = await _from_redis(rt, org_id, user_id, session_id)
    if found is None:
        found = await _from_sql(rt, org_id, user_id, session_id)
        await _fill(rt, org_id, user_id, session_id, *found)
    local.users.put(ukey, found[0])
    local.sessions.put(skey, found[1])
    return found


async def _from_redis(rt: Runtime, org_id: int, user_id: int,
                      session_id: int) -> tuple[UserState, SessionState] | None:
    if not rt.redis_usable:
        return None
    try:
        raw_user, raw_session = await rt.redis.mget(user_key(org_id, user_id), session_key(org_id, session_id))
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        return None
    if raw_user is None or raw_session is None:
        return None
    return UserState.decode(raw_user), SessionState.decode(raw_session)


async def _from_sql(rt: Runtime, org_id: int, user_id: int, session_id: int) -> tuple[UserState, SessionState]:
    async with rt.engine.connect() as conn:
        row = await session_store.access_row(conn, org_id, user_id, session_id)
    if row is None:
        return UNKNOWN_USER, SessionState(0, False)
    active, role, team_id, session_user, ended_at = row
    return (UserState(bool(active), role, team_id),
            SessionState(session_user or 0, session_user is not None and ended_at is None))


async def _fill(rt: Runtime, org_id: int, user_id: int, session_id: int, user: UserState,
                session: SessionState) -> None:
    """Copy what SQL said to Redis unless a writer got there first (`NX`)."""
    if not rt.redis_usable:
        return
    try:
        async with rt.redis.pipeline(transaction=False) as pipe:
            pipe.set(user_key(org_id, user_id), user.encode(), ex=REDIS_TTL_S, nx=True)
            pipe.set(session_key(org_id, session_id), session.encode(), ex=REDIS_TTL_S, nx=True)
            await pipe.execute()
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)


async def principal_for(rt: Runtime, token: str, claims: dict[str, Any] | None = None, *,
                        fresh: bool = False) -> Principal:
    """The resolver of user access tokens (`Registry.token_resolvers["access"]`): the user as the
    database says now, or 401 `account_disabled` / `session_revoked`."""
    claims = claims or rt.tokens.decode(token, "access")
    sid = claims.get("sid")
    if not isinstance(sid, int):
        raise Unauthorized("invalid_token", "this token names no session; sign in again")
    org_id, user_id = int(claims["org"]), int(claims["sub"])
    user, session = await lookup(rt, org_id, user_id, sid, fresh=fresh)
    if not user.role:
        raise Unauthorized("invalid_token", "the token is not valid")
    if not user.active:
        raise Unauthorized("account_disabled", "this account is deactivated")
    if session.user_id != user_id or not session.live:
        raise Unauthorized("session_revoked", "this session has ended; sign in again")
    return Principal(org_id=org_id, role=user.role, user_id=user_id, session_id=sid, team_id=user.team_id)


# -- writing -------------------------------------------------------------------------------------
async def publish(rt: Runtime, org_id: int, *, users: Iterable[User] = (),
                  ended: Iterable[tuple[int, int]] = ()) -> None:
    """After a commit that changed `users` (active, role, team) or ended sessions (`ended`:
    (session id, user id) pairs): overwrite the copies and bump the org's epoch."""
    local = rt.part(_LOCAL)
    writes: dict[str, str] = {}
    for u in users:
        state = UserState(u.active, u.role, u.team_id)
        local.users.put((org_id, u.id), state)
        writes[user_key(org_id, u.id)] = state.encode()
    for session_id, user_id in ended:
        state_s = SessionState(user_id, False)
        local.sessions.put((org_id, session_id), state_s)
        writes[session_key(org_id, session_id)] = state_s.encode()
    if not writes:
        return
    try:
        async with rt.redis.pipeline(transaction=True) as pipe:
            for key, value in writes.items():
                pipe.set(key, value, ex=REDIS_TTL_S)
            pipe.incr(epoch_key(org_id))
            await pipe.execute()
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        log.warning("could not publish an access change of org %s (%s): other processes may honour the "
                    "old state for up to %s s", org_id, exc, REDIS_TTL_S)


async def bump_epoch(rt: Runtime, org_id: int) -> None:
    """Tell game servers to re-check the org's sockets (a display was revoked or re-paired)."""
    try:
        await rt.redis.incr(epoch_key(org_id))
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)


async def epochs(rt: Runtime, org_ids: list[int]) -> list[bytes | None]:
    """The orgs' auth epochs, in order, in one round trip (raises RedisError/OSError)."""
    async with rt.redis.pipeline(transaction=False) as pipe:
        for org_id in org_ids:
            pipe.get(epoch_key(org_id))
        return list(await pipe.execute())
