"""Orgs, teams and users: the tenancy every feature builds on."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit, auth_state, passwords, session_store, sessions
from server.accounts import store as orgs_repo
from server.accounts.directory import forget_org, forget_users, reader
from server.accounts.models import Org, Team, User
from server.board.store import Profile, board_store
from server.core.auth import Principal
from server.core.errors import Conflict, Forbidden, NotFound, Unauthorized
from server.core.periods import WEEKDAYS, zone
from server.core.runtime import Runtime

log = logging.getLogger("reprally.accounts")


def _valid_tz(name: str | None) -> None:
    if name is not None:
        zone(name)


async def create_org(rt: Runtime, *, name: str, timezone: str, week_start: str, admin_email: str, admin_password: str,
                     admin_name: str) -> tuple[Org, User]:
    _valid_tz(timezone)
    password_hash = await passwords.checked_hash(rt, admin_password, admin_email, admin_name, name)
    for attempt in range(2):
        try:
            async with rt.sessions() as s, s.begin():
                if await orgs_repo.user_by_email(s, admin_email):
                    raise Conflict("email_taken", "an account with this email already exists")
                org = await orgs_repo.create_org(s, name, timezone, WEEKDAYS.index(week_start))
                for seed in rt.registry.org_created:  # each feature's defaults for a new org
                    await seed(rt, s, org.id, rt.now())
                user = User(org_id=org.id, email=admin_email.lower(), password_hash=password_hash,
                            display_name=admin_name, role="admin", active=True)
                s.add(user)
                await s.flush()
                await s.refresh(user, ["effective_region"])
            break
        except IntegrityError:
            # A concurrent sign-up took this email or org slug after our checks: check once more
            # (the email check then answers 409, a taken slug gets a suffix).
            if attempt:
                raise Conflict("email_taken", "an account with this email already exists") from None
    await _try_redis(rt, board_store(rt).ensure_meta(org.id))
    await sync_profile(rt, user)
    return org, user


async def update_org(rt: Runtime, principal: Principal, changes: dict[str, Any]) -> Org:
    if "timezone" in changes:
        _valid_tz(changes["timezone"])
    if "week_start" in changes:
        changes["week_start"] = WEEKDAYS.index(changes["week_start"])
    async with rt.sessions() as s, s.begin():
        org = await orgs_repo.get_org(s, principal.org_id)
        if org is None:
            raise NotFound("org_not_found", "org not found")
        moved = any(k in ("timezone", "week_start") and getattr(org, k) != v for k, v in changes.items())
        before = audit.fields_of(org, list(changes))
        for k, v in changes.items():
            setattr(org, k, v)
        await audit.record(rt, s, principal, "org", org.id, "update", before=before,
                           after=audit.fields_of(org, list(changes)))
    forget_org(rt, org.id)
    if moved:  # every period boundary moved: recompute the boards from the ledger
        rt.registry.view_stale(rt, org.id)
    return org


async def all_org_ids(rt: Runtime) -> list[int]:
    async with rt.sessions() as s:
        return await orgs_repo.all_org_ids(s)


async def team_exists(rt: Runtime, org_id: int, team_id: int, conn: AsyncConnection | None = None) -> bool:
    async with reader(rt, conn) as s:
        return await orgs_repo.get_team(s, org_id, team_id) is not None


async def require_team(rt: Runtime, org_id: int, team_id: int, conn: AsyncConnection | None = None) -> None:
    """404 `team_not_found` unless the team is one of the org's (every id in a body is the caller's
    org's). Inside a transaction, pass its connection (see `directory.reader`)."""
    if not await team_exists(rt, org_id, team_id, conn):
        raise NotFound("team_not_found", f"team {team_id} not found")


async def require_member(rt: Runtime, org_id: int, user_id: int) -> None:
    """404 `user_not_found` unless the user (active or not) is one of the org's."""
    async with rt.sessions() as s:
        if await orgs_repo.get_user(s, org_id, user_id) is None:
            raise NotFound("user_not_found", f"user {user_id} not found", details={"user_id": user_id})


async def segment_members(rt: Runtime, org_id: int, kind: str, value: str | int) -> list[User]:
    """The active users of one segment: a team (`value` its id), a region, a job role or a shift."""
    async with rt.sessions() as s:
        return await orgs_repo.segment_members(s, org_id, kind, value)


async def active_members(rt: Runtime, org_id: int) -> list[User]:
    async with rt.sessions() as s:
        return list(await orgs_repo.active_users(s, org_id))


async def users_by_id(rt: Runtime, org_id: int, user_ids: list[int]) -> dict[int, User]:
    """The org's users among `user_ids` (ids of other orgs are simply absent)."""
    out = {}
    async with rt.sessions() as s:
        for uid in user_ids:
            u = await orgs_repo.get_user(s, org_id, uid)
            if u is not None:
                out[uid] = u
    return out


async def user_by_email(rt: Runtime, email: str) -> User | None:
    async with rt.sessions() as s:
        return await orgs_repo.user_by_email(s, email)


async def get_org(rt: Runtime, principal: Principal) -> Org:
    async with rt.sessions() as s:
        org = await orgs_repo.get_org(s, principal.org_id)
    if org is None:
        raise NotFound("org_not_found", "org not found")
    return org


async def list_teams(rt: Runtime, principal: Principal) -> list[Team]:
    async with rt.sessions() as s:
        return list(await orgs_repo.list_teams(s, principal.org_id))


async def list_users(rt: Runtime, principal: Principal, *, team_id: int | None, role: str | None,
                     active: bool | None, limit: int, offset: int) -> tuple[int, list[User]]:
    if team_id is not None:
        await require_team(rt, principal.org_id, team_id)
    async with rt.sessions() as s:
        total, rows = await orgs_repo.list_users(s, principal.org_id, team_id=team_id, role=role, active=active,
                                                 limit=limit, offset=offset)
    return total, list(rows)


async def login(rt: Runtime, email: str, password: str, device: str | None = None) -> tuple[User, str, str]:
    """A new session for the right email and password: (user, access token, refresh token)."""
    async with rt.sessions() as s:
        user = await orgs_repo.user_by_email(s, email)
    if not await rt.passwords.verify(user.password_hash if user else None, password) or user is None:
        raise Unauthorized("invalid_credentials", "email or password is wrong")
    if not user.active:
        raise Unauthorized("account_disabled", "this account is deactivated")
    return user, *await sessions.start(rt, user, device)


async def change_password(rt: Runtime, principal: Principal, current: str, new: str) -> None:
    """The caller's own password, given the current one (403 `wrong_password`); every other
    session of theirs ends, the one making the change goes on."""
    if principal.user_id is None or principal.session_id is None:
        raise Forbidden("user_required", "this endpoint needs a user's access token")
    user = await get_user(rt, principal, principal.user_id)
    if not await rt.passwords.verify(user.password_hash, current):
        raise Forbidden("wrong_password", "the current password is wrong")
    password_hash = await passwords.checked_hash(rt, new, user.email, user.display_name)
    async with rt.sessions() as s, s.begin():
        row = await orgs_repo.get_user(s, principal.org_id, user.id)
        if row is None:
            raise NotFound("user_not_found", f"user {user.id} not found")
        row.password_hash = password_hash
        ended = await session_store.revoke(s, user.id, "password_changed", rt.now(), keep=principal.session_id)
    await auth_state.publish(rt, principal.org_id, ended=[(sid, user.id) for sid in ended])


# -- teams ------------------------------------------------------------------------------------
async def create_team(rt: Runtime, principal: Principal, name: str, region: str | None) -> Team:
    try:
        async with rt.sessions() as s, s.begin():
            if await orgs_repo.team_name_taken(s, principal.org_id, name):
                raise Conflict("team_exists", f"a team named '{name}' already exists")
            team = Team(org_id=principal.org_id, name=name, region=region)
            s.add(team)
            await s.flush()
            await audit.record(rt, s, principal, "team", team.id, "create",
                               after={"name": name, "region": region})
    except IntegrityError:  # a concurrent request created the name after our check
        raise Conflict("team_exists", f"a team named '{name}' already exists") from None
    return team


async def get_team(rt: Runtime, principal: Principal, team_id: int) -> Team:
    async with rt.sessions() as s:
        team = await orgs_repo.get_team(s, principal.org_id, team_id)
    if team is None:
        raise NotFound("team_not_found", f"team {team_id} not found")
    return team


async def update_team(rt: Runtime, principal: Principal, team_id: int, changes: dict[str, Any]) -> Team:
    try:
        async with rt.sessions() as s, s.begin():
            team = await orgs_repo.get_team(s, principal.org_id, team_id)
            if team is None:
                raise NotFound("team_not_found", f"team {team_id} not found")
            if "name" in changes and await orgs_repo.team_name_taken(s, principal.org_id, changes["name"],
                                                                     team_id):
                raise Conflict("team_exists", f"a team named '{changes['name']}' already exists")
            before = audit.fields_of(team, list(changes))
            for k, v in changes.items():
                setattr(team, k, v)
            await audit.record(rt, s, principal, "team", team.id, "update", before=before,
                               after=audit.fields_of(team, list(changes)))
    except IntegrityError:  # a concurrent request took the name after our check
        raise Conflict("team_exists", f"a team named '{changes.get('name')}' already exists") from None
    if "region" in changes:  # its members who follow the team's region moved with it
        await _try_redis(rt, board_store(rt).members_moved(team.org_id))
    return team


# -- users ------------------------------------------------------------------------------------
#: What places a user in the segments of segment boards (a change moves them between boards).
SEGMENT_FIELDS = frozenset({"team_id", "region", "job_role", "shift", "active"})


def _check_role_grant(principal: Principal, role: str) -> None:
    if principal.role == "manager" and role != "rep":
        raise Forbidden("forbidden", "managers can only manage reps")


async def create_user(rt: Runtime, principal: Principal, data: dict[str, Any]) -> User:
    _check_role_grant(principal, data["role"])
    _valid_tz(data.get("timezone"))
    password_hash = await passwords.checked_hash(rt, data["password"], data["email"], data["display_name"])
    async with rt.sessions() as s, s.begin():
        team = None
        if data.get("team_id") is not None:
            team = await orgs_repo.get_team(s, principal.org_id, data["team_id"])
            if team is None:
                raise NotFound("team_not_found", f"team {data['team_id']} not found")
        if await orgs_repo.user_by_email(s, data["email"]):
            raise Conflict("email_taken", "an account with this email already exists")
        user = User(
            org_id=principal.org_id, email=data["email"].lower(), password_hash=password_hash,
            display_name=data["display_name"], role=data["role"], team_id=data.get("team_id"),
            region=data.get("region"), job_role=data.get("job_role"),
            shift=data.get("shift"), timezone=data.get("timezone"), active=True,
        )
        s.add(user)
        try:
            await s.flush()
        except IntegrityError:
            raise Conflict("email_taken", "an account with this email already exists") from None
        await s.refresh(user, ["effective_region"])
        await audit.record(rt, s, principal, "user", user.id, "create", after=audit.fields_of(user, USER_FIELDS))
    await sync_profile(rt, user)
    return user


#: What the audit log keeps of a user.
USER_FIELDS = ("email", "display_name", "role", "team_id", "region", "job_role", "shift", "timezone", "active")


def _user_action(changes: dict[str, Any], before: dict[str, Any], password: bool) -> str:
    """The audit log's name for a change of a user (the most telling one when several moved)."""
    if "active" in changes and changes["active"] != before.get("active"):
        return "deactivate" if not changes["active"] else "reactivate"
    if "role" in changes and changes["role"] != before.get("role"):
        return "role_change"
    if "team_id" in changes and changes["team_id"] != before.get("team_id"):
        return "team_change"
    return "password_reset" if password and not changes else "update"


async def get_user(rt: Runtime, principal: Principal, user_id: int) -> User:
    async with rt.sessions() as s:
        user = await orgs_repo.get_user(s, principal.org_id, user_id)
    if user is None:
        raise NotFound("user_not_found", f"user {user_id} not found")
    return user


#: What a rep may change about themselves (a password goes through `change_password`).
SELF_FIELDS = frozenset({"display_name", "timezone"})
#: Fields whose change alters what a user may do: published to every process at once.
ACCESS_FIELDS = ("active", "role", "team_id")


def _authorize_update(principal: Principal, user: User, changes: dict[str, Any], *, password: bool) -> None:
    """Who may change what about `user` (403s), before anything is written."""
    is_self = principal.user_id == user.id
    if not principal.is_manager and (not is_self or set(changes) - SELF_FIELDS):
        raise Forbidden("forbidden", "reps can change only their own name and time zone")
    if is_self and password:
        raise Forbidden("current_password_required",
                        "change your own password with POST /api/v1/me/password, which asks for the current one")
    if is_self and any(k in changes and changes[k] != getattr(user, k) for k in ("active", "role")):
        raise Forbidden("cannot_change_own_access", "you cannot change your own role or deactivate yourself; "
                                                    "ask another admin")
    if principal.role == "manager" and not is_self:
        _check_role_grant(principal, user.role)
    if "role" in changes:
        _check_role_grant(principal, changes["role"])


def _removes_an_admin(user: User, changes: dict[str, Any]) -> bool:
    return user.role == "admin" and user.active and (changes.get("role", "admin") != "admin"
                                                     or changes.get("active", True) is False)


async def update_user(rt: Runtime, principal: Principal, user_id: int, changes: dict[str, Any]) -> User:
    """Change a user. An admin or manager who sets another user's password ends all of that
    user's sessions; the org's last active admin cannot be demoted or deactivated (409)."""
    _valid_tz(changes.get("timezone"))
    new_password = changes.pop("password", None)
    if new_password is not None:  # hashed before the transaction (argon2 is slow): check who asks first
        target = await get_user(rt, principal, user_id)
        _authorize_update(principal, target, changes, password=True)
        password_hash = await passwords.checked_hash(rt, new_password, target.email, target.display_name)
    ended: list[int] = []
    async with rt.sessions() as s, s.begin():
        user = await orgs_repo.get_user(s, principal.org_id, user_id)
        if user is None:
            raise NotFound("user_not_found", f"user {user_id} not found")
        _authorize_update(principal, user, changes, password=new_password is not None)
        if changes.get("team_id") is not None and await orgs_repo.get_team(s, principal.org_id,
                                                                            changes["team_id"]) is None:
            raise NotFound("team_not_found", f"team {changes['team_id']} not found")
        if _removes_an_admin(user, changes):
            await orgs_repo.lock_org(s, principal.org_id)  # two admins removing each other: one at a time
            if not await orgs_repo.other_active_admins(s, principal.org_id, user.id):
                raise Conflict("last_admin", "this is the org's last active admin: make another admin first")
        before = tuple(getattr(user, k) for k in ACCESS_FIELDS)
        logged = audit.fields_of(user, USER_FIELDS)
        was_active = user.active
        for k, v in changes.items():
            setattr(user, k, v)
        if new_password is not None:
            user.password_hash = password_hash
            ended = await session_store.revoke(s, user.id, "password_reset", rt.now())
        after = audit.fields_of(user, USER_FIELDS)
        if new_password is not None:  # the log says a password was set, never what it is
            logged, after = {**logged, "password_set": False}, {**after, "password_set": True}
        await audit.record(rt, s, principal, "user", user.id,
                           _user_action(changes, logged, new_password is not None), before=logged, after=after)
        await s.flush()
        await s.refresh(user, ["effective_region"])  # a new team brings its region (unless set on the user)
    if before != tuple(getattr(user, k) for k in ACCESS_FIELDS) or ended:
        await auth_state.publish(rt, user.org_id, users=[user], ended=[(sid, user.id) for sid in ended])
    await sync_profile(rt, user)
    forget_users(rt, user.org_id)
    if SEGMENT_FIELDS & set(changes):
        await _try_redis(rt, board_store(rt).members_moved(user.org_id))
    if was_active and not user.active:
        await _try_redis(rt, board_store(rt).remove_member(user.org_id, user.id), org_id=user.org_id)
    elif not was_active and user.active:
        rt.registry.view_stale(rt, user.org_id)  # bring their ledger back onto the boards
    return user


async def sync_profile(rt: Runtime, user: User) -> None:
    await _try_redis(rt, board_store(rt).set_profiles(user.org_id, {user.id: Profile(user.display_name, user.team_id)}),
                     org_id=user.org_id)


async def _try_redis(rt: Runtime, coro: Awaitable[None], org_id: int | None = None) -> None:
    """Redis is a view: a failed write here is never fatal; with `org_id` the org's view is
    rebuilt from SQL once Redis answers again."""
    try:
        await coro
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        if org_id is not None:
            rt.registry.view_stale(rt, org_id)


async def lock_user(conn: AsyncConnection, org_id: int, user_id: int) -> Row[int, bool, str] | None:
    """Lock a user's row in the caller's transaction, so per-user limits (a kudos allowance,
    spendable points) are checked and written by one transaction at a time. Returns
    (id, active, display_name), or None for no such user of the org."""
    return await orgs_repo.lock_user(conn, org_id, user_id)
