"""Privacy-respecting boards: the org's modes (admins set them), the reps' TV preference, and the
settings every reader of a board asks for (`settings`, cached a second per process; a change is
announced on the org's `changes` topic so game servers re-send their filtered snapshots at once)."""

from __future__ import annotations

from typing import Any

from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit
from server.accounts import service as accounts
from server.board import keys
from server.board.channels import org_changes
from server.board.rules import POINTS
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import DomainError, Forbidden, NotFound
from server.core.runtime import Part, Runtime
from server.core.web import require_admin
from server.ledger.types import types_of
from server.privacy import rules
from server.privacy import store as repo

#: Seconds a process keeps an org's settings (a change made elsewhere shows within this).
CACHE_S = 1.0
_CACHE: Part[TTLCache[int, rules.OrgPrivacy]] = Part("privacy.settings", lambda rt: TTLCache(CACHE_S, 10_000))
_SCOPE_OF = {"org": "org", "team": "team", "board": "metric", "display": "display"}


def privacy_topic(org_id: int) -> str:
    """What the org's `changes` topic carries when its privacy settings moved."""
    return f"{keys.tag(org_id)}:privacy"


async def load(conn: AsyncConnection, org_id: int) -> rules.OrgPrivacy:
    """The org's settings read through `conn` (the activity path reads inside its transaction)."""
    org, teams, metrics, displays = rules.FULL_MODE, {}, {}, {}
    for r in await repo.modes(conn, org_id):
        mode = rules.Mode(r.mode, r.n)
        if r.scope == "org":
            org = mode
        elif r.scope == "team":
            teams[int(r.scope_key)] = mode
        elif r.scope == "metric":
            metrics[r.scope_key] = mode
        elif r.scope == "display":
            displays[int(r.scope_key)] = mode
    return rules.OrgPrivacy(org, teams, metrics, displays, frozenset(await repo.hidden(conn, org_id)))


async def settings(rt: Runtime, org_id: int) -> rules.OrgPrivacy:
    cache = rt.part(_CACHE)
    found = cache.get(org_id)
    if found is None:
        async with rt.engine.connect() as conn:
            found = await load(conn, org_id)
        cache.put(org_id, found)
    return found


async def settings_in(rt: Runtime, conn: AsyncConnection, org_id: int) -> rules.OrgPrivacy:
    """`settings`, read through the caller's transaction when not cached (the activity path:
    on SQLite another connection would wait for the transaction's lock)."""
    cache = rt.part(_CACHE)
    found = cache.get(org_id)
    if found is None:
        found = await load(conn, org_id)
        cache.put(org_id, found)
    return found


def forget(rt: Runtime, org_id: int) -> None:
    """Drop this process's copy of the org's settings (a change was announced)."""
    rt.part(_CACHE).drop(org_id)


def viewer_of(principal: Principal) -> rules.Viewer:
    return rules.Viewer(principal.role, principal.user_id, principal.team_id, principal.display_id)


async def mode_for(rt: Runtime, principal: Principal, metric: str) -> tuple[rules.Mode, rules.OrgPrivacy]:
    cfg = await settings(rt, principal.org_id)
    return rules.mode_for(cfg, viewer_of(principal), metric), cfg


# -- admins set the modes ----------------------------------------------------------------------------
async def _check_key(rt: Runtime, org_id: int, scope: str, key: str) -> None:
    if len(key) > 64:
        raise DomainError("invalid_key", "a board or team key is at most 64 characters")
    if scope == "team":
        await accounts.require_team(rt, org_id, int(key))
    elif scope == "board" and key != POINTS and key not in await types_of(rt, org_id):
        raise NotFound("unknown_metric", f"no leaderboard '{key}': use 'points' or an activity type key")


async def set_mode(rt: Runtime, principal: Principal, scope: str, key: str, mode: str | None,
                   n: int | None) -> rules.OrgPrivacy:
    """Set (or with `mode` None remove) the mode of the org (key ''), a team, a board or a display
    (the displays feature checks the display is the org's). Admins only; audited."""
    require_admin(principal)
    new = None if mode is None else rules.make_mode(mode, n)
    org_id = principal.org_id
    await _check_key(rt, org_id, scope, key)
    stored = _SCOPE_OF[scope]
    async with rt.engine.begin() as conn:
        old = await repo.mode_of(conn, org_id, stored, key)
        if new is None and scope != "org":
            await repo.drop_mode(conn, org_id, stored, key)
        else:
            new = new or rules.FULL_MODE
            await repo.put_mode(conn, org_id, stored, key, new.mode, new.n, principal.user_id, rt.now())
        before: dict[str, Any] = {"mode": old.mode, "n": old.n} if old else {"mode": None, "n": None}
        after: dict[str, Any] = {"mode": new.mode, "n": new.n} if new else {"mode": None, "n": None}
        await audit.record(rt, conn, principal, "privacy", f"{scope}:{key}" if key else scope,
                           "update" if old else "create", before=before, after=after)
        cfg = await load(conn, org_id)
    await _announce(rt, org_id, cfg)
    return cfg


async def set_hidden_from_tv(rt: Runtime, principal: Principal, hide: bool) -> bool:
    """A user's own preference: never appear on the org's displays."""
    if principal.user_id is None or principal.role not in ("rep", "manager", "admin"):
        raise Forbidden("forbidden", "a preference of users")
    async with rt.engine.begin() as conn:
        was = principal.user_id in await repo.hidden(conn, principal.org_id)
        await repo.set_hidden(conn, principal.org_id, principal.user_id, hide, rt.now())
        if was != hide:
            await audit.record(rt, conn, principal, "privacy", f"user:{principal.user_id}", "update",
                               before={"hide_from_tv": was}, after={"hide_from_tv": hide})
        cfg = await load(conn, principal.org_id)
    await _announce(rt, principal.org_id, cfg)
    return hide


async def hidden_from_tv(rt: Runtime, principal: Principal) -> bool:
    if principal.user_id is None:
        raise Forbidden("forbidden", "a preference of users")
    return principal.user_id in (await settings(rt, principal.org_id)).hidden_from_tv


async def get_settings(rt: Runtime, principal: Principal) -> rules.OrgPrivacy:
    require_admin(principal)
    return await settings(rt, principal.org_id)


async def _announce(rt: Runtime, org_id: int, cfg: rules.OrgPrivacy) -> None:
    rt.part(_CACHE).put(org_id, cfg)
    try:
        await rt.redis.publish(org_changes(org_id), privacy_topic(org_id))
    except (RedisError, OSError) as exc:  # game servers see it within CACHE_S on their next snapshot
        rt.redis_failed(exc)
