"""Who a user access token belongs to *now*: the user's active flag, role and team, and whether
the token's sign-in session still stands, checked on every request.

The database is the truth. Redis keeps a copy of each user's and session's state (`SET NX` from
SQL on a miss, so a reader never overwrites what a writer put there meanwhile) and, per org, an
*auth epoch* that every change replaces. A process keeps what it read, tagged with the org's epoch
at the time, and re-reads the epoch at most every `EPOCH_TTL_S` (half a second; one `GET` per
org, shared by the requests waiting for it). So a request costs:

* a dictionary lookup, while the org's epoch has not moved (nearly every request);
* one `MGET` of the user's and the session's keys (one slot, `{o<org>}`) after a change in the
  org or for a user or session not seen yet;
* one indexed SQL statement when Redis has no copy; while Redis is down, SQL for every request.

A change (deactivation, a new role or team, an ended session) is committed to SQL first, then
written over the Redis copies with a new org epoch, in one `MULTI`: every API process
applies it within `EPOCH_TTL_S`, and game servers, which poll the epochs, re-check their
sockets (`realtime/hub.py`). If Redis cannot be written at that moment, other processes may
honour the old state until their copies expire (`STATE_TTL_S`).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
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

#: How long a process trusts the org's auth epoch it read: the longest a change takes to apply.
EPOCH_TTL_S = 0.5
#: How long a copy of a user's or session's state lives (in Redis and in a process).
STATE_TTL_S = 60
#: Users and sessions a process keeps at most (the least recently read are dropped first).
LOCAL_MAX = 100_000


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


class _Epochs:
    """The orgs' auth epochs as this process last read them, each trusted for `EPOCH_TTL_S`
    from the moment its read began; one read per org at a time, shared by whoever waits."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[float, bytes]] = {}  # org -> (trusted until, epoch)
        self._reading: dict[int, asyncio.Task[bytes]] = {}

    async def get(self, rt: Runtime, org_id: int) -> bytes:
        known = self._known.get(org_id)
        if known is not None and known[0] > time.monotonic():
            return known[1]
        task = self._reading.get(org_id)
        if task is None:
            task = self._reading[org_id] = asyncio.ensure_future(self._read(rt, org_id))
        return await asyncio.shield(task)

    async def _read(self, rt: Runtime, org_id: int) -> bytes:
        started = time.monotonic()
        try:
            raw = await rt.redis.get(epoch_key(org_id))  # None: never set, or Redis lost it
            epoch = raw.encode() if isinstance(raw, str) else raw or b""
        finally:
            self._reading.pop(org_id, None)
        self.saw(org_id, epoch, started)
        return epoch

    def saw(self, org_id: int, epoch: bytes, at: float | None = None) -> None:
        self._known[org_id] = ((time.monotonic() if at is None else at) + EPOCH_TTL_S, epoch)


@dataclass(slots=True)
class _Local:
    epochs: _Epochs = field(default_factory=_Epochs)
    #: (org, user) -> (the org's epoch when read, state)
    users: TTLCache[tuple[int, int], tuple[bytes, UserState]] = field(
        default_factory=lambda: TTLCache(STATE_TTL_S, max_entries=LOCAL_MAX))
    #: (org, session) -> (the org's epoch when read, state)
    sessions: TTLCache[tuple[int, int], tuple[bytes, SessionState]] = field(
        default_factory=lambda: TTLCache(STATE_TTL_S, max_entries=LOCAL_MAX))


_LOCAL: Part[_Local] = Part("accounts.auth_state", lambda rt: _Local())


def user_key(org_id: int, user_id: int) -> str:
    return f"{keys.tag(org_id)}:au:{user_id}"


def session_key(org_id: int, session_id: int) -> str:
    return f"{keys.tag(org_id)}:as:{session_id}"


def epoch_key(org_id: int) -> str:
    """A random value, replaced on every change of who the org's users are or which sessions
    stand (no expiry). Random, not a counter: a counter lost with Redis would count the same
    values again, and a process could take a new state for one it already has."""
    return f"{keys.tag(org_id)}:auth:epoch"


def _new_epoch() -> bytes:
    return secrets.token_hex(8).encode()


# -- reading -----------------------------------------------------------------------------------
async def lookup(rt: Runtime, org_id: int, user_id: int, session_id: int, *,
                 fresh: bool = False) -> tuple[UserState, SessionState]:
    """The user's and the session's state as of at most `EPOCH_TTL_S` ago (`fresh`: as Redis or
    SQL says now, past this process's copy)."""
    local = rt.part(_LOCAL)
    ukey, skey = (org_id, user_id), (org_id, session_id)
    epoch = await _epoch(rt, local, org_id)  # read before the state: a change after it moves it
    if epoch is not None and not fresh:
        user, session = local.users.get(ukey), local.sessions.get(skey)
        if user is not None and session is not None and user[0] == epoch == session[0]:
            return user[1], session[1]
    found = await _from_redis(rt, org_id, user_id, session_id)
    if found is None:
        found = await _from_sql(rt, org_id, user_id, session_id)
        await _fill(rt, org_id, user_id, session_id, *found)
    if epoch is not None:
        local.users.put(ukey, (epoch, found[0]))
        local.sessions.put(skey, (epoch, found[1]))
    return found


async def _epoch(rt: Runtime, local: _Local, org_id: int) -> bytes | None:
    """The org's epoch, or None when Redis cannot say (then nothing is kept in the process)."""
    if not rt.redis_usable:
        return None
    try:
        return await local.epochs.get(rt, org_id)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        return None


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
            pipe.set(user_key(org_id, user_id), user.encode(), ex=STATE_TTL_S, nx=True)
            pipe.set(session_key(org_id, session_id), session.encode(), ex=STATE_TTL_S, nx=True)
            await pipe.execute()
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)


async def principal_for(rt: Runtime, token: str, claims: dict[str, Any] | None = None, *,
                        fresh: bool = False) -> Principal:
    """The resolver of user access tokens (`Registry.token_resolvers["access"]`): the user as the
    database says now, or 401 `account_disabled` / `session_revoked`."""
    return await _principal_of(rt, claims or rt.tokens.decode(token, "access"), fresh=fresh)


async def principal_for_web(rt: Runtime, token: str) -> Principal:
    """The web admin's cookie (`Tokens.issue_web`): the same rules as an access token (the
    session must stand, the user be active; role and team as the database says now)."""
    return await _principal_of(rt, rt.tokens.decode(token, "web"), fresh=False)


async def _principal_of(rt: Runtime, claims: dict[str, Any], *, fresh: bool) -> Principal:
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
    (session id, user id) pairs): overwrite the copies and set a new org epoch."""
    local = rt.part(_LOCAL)
    user_states = {u.id: UserState(u.active, u.role, u.team_id) for u in users}
    session_states = {sid: SessionState(uid, False) for sid, uid in ended}
    if not user_states and not session_states:
        return
    try:
        async with rt.redis.pipeline(transaction=True) as pipe:
            for user_id, state in user_states.items():
                pipe.set(user_key(org_id, user_id), state.encode(), ex=STATE_TTL_S)
            for session_id, state_s in session_states.items():
                pipe.set(session_key(org_id, session_id), state_s.encode(), ex=STATE_TTL_S)
            pipe.set(epoch_key(org_id), epoch := _new_epoch())
            await pipe.execute()
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        log.warning("could not publish an access change of org %s (%s): other processes may honour the "
                    "old state for up to %s s", org_id, exc, STATE_TTL_S)
        for user_id in user_states:  # this process reads SQL for them until Redis is back
            local.users.drop((org_id, user_id))
        for session_id in session_states:
            local.sessions.drop((org_id, session_id))
        return
    local.epochs.saw(org_id, epoch)
    for user_id, state in user_states.items():
        local.users.put((org_id, user_id), (epoch, state))
    for session_id, state_s in session_states.items():
        local.sessions.put((org_id, session_id), (epoch, state_s))


async def new_epoch(rt: Runtime, org_id: int) -> None:
    """Tell game servers to re-check the org's sockets (a display was revoked or re-paired)."""
    try:
        await rt.redis.set(epoch_key(org_id), epoch := _new_epoch())
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        return
    rt.part(_LOCAL).epochs.saw(org_id, epoch)


async def epochs(rt: Runtime, org_ids: list[int]) -> list[bytes | None]:
    """The orgs' auth epochs, in order, in one round trip (raises RedisError/OSError)."""
    async with rt.redis.pipeline(transaction=False) as pipe:
        for org_id in org_ids:
            pipe.get(epoch_key(org_id))
        return list(await pipe.execute())
