"""Orgs, teams, users, activity types and API keys: the admin side of the product."""

from __future__ import annotations

import logging

from redis.exceptions import RedisError
from sqlalchemy.exc import IntegrityError

from server.board.store import Profile
from server.domain.boards import check_type_key
from server.domain.errors import Conflict, DomainError, Forbidden, NotFound, Unauthorized
from server.domain.periods import WEEKDAYS, zone
from server.services import board_sync, habit_context
from server.services.auth import Principal, new_api_key
from server.storage import activity_types as types_repo
from server.storage import api_keys as keys_repo
from server.storage import orgs as orgs_repo
from server.storage.models import Team, User, utcnow

log = logging.getLogger("reprally.accounts")


def _valid_tz(name: str | None) -> None:
    if name is not None:
        zone(name)


async def create_org(rt, *, name: str, timezone: str, week_start: str, admin_email: str, admin_password: str,
                     admin_name: str):
    _valid_tz(timezone)
    password_hash = await rt.passwords.hash(admin_password)
    for attempt in range(2):
        try:
            async with rt.sessions() as s, s.begin():
                if await orgs_repo.user_by_email(s, admin_email):
                    raise Conflict("email_taken", "an account with this email already exists")
                org = await orgs_repo.create_org(s, name, timezone, WEEKDAYS.index(week_start))
                await types_repo.create_defaults(s, org.id)
                await habit_context.seed_org(await s.connection(), org.id, utcnow())
                user = User(org_id=org.id, email=admin_email.lower(), password_hash=password_hash,
                            display_name=admin_name, role="admin", active=True)
                s.add(user)
                await s.flush()
            break
        except IntegrityError:
            # A concurrent sign-up took this email or org slug after our checks: check once more
            # (the email check then answers 409, a taken slug gets a suffix).
            if attempt:
                raise Conflict("email_taken", "an account with this email already exists") from None
    await _try_redis(rt, rt.boards.ensure_meta(org.id))
    await _sync_profile(rt, user)
    return org, user


async def update_org(rt, principal: Principal, changes: dict):
    if "timezone" in changes:
        _valid_tz(changes["timezone"])
    if "week_start" in changes:
        changes["week_start"] = WEEKDAYS.index(changes["week_start"])
    async with rt.sessions() as s, s.begin():
        org = await orgs_repo.get_org(s, principal.org_id)
        moved = any(k in ("timezone", "week_start") and getattr(org, k) != v for k, v in changes.items())
        for k, v in changes.items():
            setattr(org, k, v)
    rt.forget_org(org.id)
    if moved:  # every period boundary moved: recompute the boards from the ledger
        board_sync.schedule_rebuild(rt, org.id)
    return org


async def login(rt, email: str, password: str):
    async with rt.sessions() as s:
        user = await orgs_repo.user_by_email(s, email)
    if not await rt.passwords.verify(user.password_hash if user else None, password) or user is None:
        raise Unauthorized("invalid_credentials", "email or password is wrong")
    if not user.active:
        raise Unauthorized("account_disabled", "this account is deactivated")
    return user, *rt.tokens.issue(user.id, user.org_id, user.role)


async def refresh(rt, refresh_token: str):
    claims = rt.tokens.decode(refresh_token, "refresh")
    async with rt.sessions() as s:
        user = await orgs_repo.get_user(s, int(claims["org"]), int(claims["sub"]))
    if user is None or not user.active:
        raise Unauthorized("account_disabled", "this account no longer exists or is deactivated")
    return user, *rt.tokens.issue(user.id, user.org_id, user.role)


# -- teams ------------------------------------------------------------------------------------
async def create_team(rt, principal: Principal, name: str, region: str | None):
    try:
        async with rt.sessions() as s, s.begin():
            if await orgs_repo.team_name_taken(s, principal.org_id, name):
                raise Conflict("team_exists", f"a team named '{name}' already exists")
            team = Team(org_id=principal.org_id, name=name, region=region)
            s.add(team)
    except IntegrityError:  # a concurrent request created the name after our check
        raise Conflict("team_exists", f"a team named '{name}' already exists") from None
    return team


async def get_team(rt, principal: Principal, team_id: int):
    async with rt.sessions() as s:
        team = await orgs_repo.get_team(s, principal.org_id, team_id)
    if team is None:
        raise NotFound("team_not_found", f"team {team_id} not found")
    return team


async def update_team(rt, principal: Principal, team_id: int, changes: dict):
    try:
        async with rt.sessions() as s, s.begin():
            team = await orgs_repo.get_team(s, principal.org_id, team_id)
            if team is None:
                raise NotFound("team_not_found", f"team {team_id} not found")
            if "name" in changes and await orgs_repo.team_name_taken(s, principal.org_id, changes["name"],
                                                                     team_id):
                raise Conflict("team_exists", f"a team named '{changes['name']}' already exists")
            for k, v in changes.items():
                setattr(team, k, v)
    except IntegrityError:  # a concurrent request took the name after our check
        raise Conflict("team_exists", f"a team named '{changes.get('name')}' already exists") from None
    return team


# -- users ------------------------------------------------------------------------------------
def _check_role_grant(principal: Principal, role: str) -> None:
    if principal.role == "manager" and role != "rep":
        raise Forbidden("forbidden", "managers can only manage reps")


async def create_user(rt, principal: Principal, data: dict) -> User:
    _check_role_grant(principal, data["role"])
    _valid_tz(data.get("timezone"))
    password_hash = await rt.passwords.hash(data["password"])
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
            region=data.get("region") or (team.region if team else None), job_role=data.get("job_role"),
            shift=data.get("shift"), timezone=data.get("timezone"), active=True,
        )
        s.add(user)
        try:
            await s.flush()
        except IntegrityError:
            raise Conflict("email_taken", "an account with this email already exists") from None
    await _sync_profile(rt, user)
    return user


async def get_user(rt, principal: Principal, user_id: int) -> User:
    async with rt.sessions() as s:
        user = await orgs_repo.get_user(s, principal.org_id, user_id)
    if user is None:
        raise NotFound("user_not_found", f"user {user_id} not found")
    return user


async def update_user(rt, principal: Principal, user_id: int, changes: dict) -> User:
    is_self = principal.user_id == user_id
    if not principal.is_manager:
        if not is_self or set(changes) - {"display_name", "password", "timezone"}:
            raise Forbidden("forbidden", "reps can change only their own name, password and time zone")
    _valid_tz(changes.get("timezone"))
    if "password" in changes:
        changes["password_hash"] = await rt.passwords.hash(changes.pop("password"))
    async with rt.sessions() as s, s.begin():
        user = await orgs_repo.get_user(s, principal.org_id, user_id)
        if user is None:
            raise NotFound("user_not_found", f"user {user_id} not found")
        if principal.role == "manager" and not is_self:
            _check_role_grant(principal, user.role)
        if "role" in changes:
            _check_role_grant(principal, changes["role"])
        if changes.get("team_id") is not None and await orgs_repo.get_team(s, principal.org_id,
                                                                            changes["team_id"]) is None:
            raise NotFound("team_not_found", f"team {changes['team_id']} not found")
        if is_self and changes.get("active") is False:
            raise DomainError("cannot_deactivate_self", "you cannot deactivate your own account")
        was_active = user.active
        for k, v in changes.items():
            setattr(user, k, v)
    await _sync_profile(rt, user)
    rt.forget_inactive(user.org_id)
    if was_active and not user.active:
        await _try_redis(rt, rt.boards.remove_member(user.org_id, user.id), org_id=user.org_id)
    elif not was_active and user.active:
        board_sync.schedule_rebuild(rt, user.org_id)  # bring their ledger back onto the boards
    return user


async def _sync_profile(rt, user: User) -> None:
    await _try_redis(rt, rt.boards.set_profiles(user.org_id, {user.id: Profile(user.display_name, user.team_id)}),
                     org_id=user.org_id)


async def _try_redis(rt, coro, org_id: int | None = None) -> None:
    """Redis is a view: a failed write here is never fatal; with `org_id` the org's view is
    rebuilt from SQL once Redis answers again."""
    try:
        await coro
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        if org_id is not None:
            rt.rebuild_pending.add(org_id)


# -- activity types ---------------------------------------------------------------------------
async def create_activity_type(rt, principal: Principal, data: dict):
    check_type_key(data["key"])
    try:
        async with rt.sessions() as s, s.begin():
            if await types_repo.get_by_key(s, principal.org_id, data["key"]):
                raise Conflict("activity_type_exists", f"activity type '{data['key']}' already exists")
            row = await types_repo.create_type(s, principal.org_id, **data)
    except IntegrityError:  # a concurrent request created the key after our check
        raise Conflict("activity_type_exists", f"activity type '{data['key']}' already exists") from None
    rt.forget_types(principal.org_id)
    return row


async def update_activity_type(rt, principal: Principal, key: str, changes: dict):
    async with rt.sessions() as s, s.begin():
        row = await types_repo.get_by_key(s, principal.org_id, key, for_update=True)
        if row is None:
            raise NotFound("activity_type_not_found", f"activity type '{key}' not found")
        await types_repo.update_type(s, row, changes)
    rt.forget_types(principal.org_id)
    return row


async def list_activity_types(rt, principal: Principal):
    async with rt.sessions() as s:
        return await types_repo.list_types(s, principal.org_id)


# -- API keys ---------------------------------------------------------------------------------
async def create_api_key(rt, principal: Principal, name: str):
    full, prefix, key_hash = new_api_key()
    async with rt.sessions() as s, s.begin():
        row = await keys_repo.create(s, principal.org_id, name, prefix, key_hash, principal.user_id)
    return row, full


async def revoke_api_key(rt, principal: Principal, key_id: int):
    async with rt.sessions() as s, s.begin():
        row = await keys_repo.get(s, principal.org_id, key_id)
        if row is None:
            raise NotFound("api_key_not_found", f"API key {key_id} not found")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
    rt.api_keys.drop(row.prefix)
    return row
