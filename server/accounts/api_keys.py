"""Org API keys for server-to-server ingestion: created and shown once, stored hashed,
revoked, and resolved to the calling integration on every request (through a short cache)."""

from __future__ import annotations

from typing import Any

from server.accounts import audit, store
from server.accounts.models import ApiKey
from server.core.auth import Principal, api_key_matches, new_api_key, parse_api_key
from server.core.cache import TTLCache
from server.core.errors import NotFound, Unauthorized
from server.core.runtime import Part, Runtime

#: prefix -> (hash, org id, key id, revoked)
_CACHE: Part[TTLCache[str, tuple[str, int, int, bool]]] = Part("accounts.api_keys", lambda rt: TTLCache(2.0))


async def create_api_key(rt: Runtime, principal: Principal, name: str) -> tuple[ApiKey, str]:
    full, prefix, key_hash = new_api_key()
    async with rt.sessions() as s, s.begin():
        row = await store.create_api_key(s, principal.org_id, name, prefix, key_hash, principal.user_id)
        await audit.record(rt, s, principal, "api_key", row.id, "create", after={"name": name, "prefix": prefix})
    return row, full


async def revoke_api_key(rt: Runtime, principal: Principal, key_id: int) -> ApiKey:
    async with rt.sessions() as s, s.begin():
        row = await store.get_api_key(s, principal.org_id, key_id)
        if row is None:
            raise NotFound("api_key_not_found", f"API key {key_id} not found")
        if row.revoked_at is None:
            row.revoked_at = rt.now()
            await audit.record(rt, s, principal, "api_key", row.id, "revoke", after={"name": row.name})
    rt.part(_CACHE).drop(row.prefix)
    return row


async def list_keys(rt: Runtime, principal: Principal) -> list[ApiKey]:
    async with rt.sessions() as s:
        return list(await store.list_api_keys(s, principal.org_id))


async def principal_for(rt: Runtime, token: str, claims: dict[str, Any] | None = None, *,
                        fresh: bool = False) -> Principal:
    """The resolver of API keys (`Registry.token_resolvers["api_key"]`; an API key has no `claims`)."""
    prefix = parse_api_key(token)
    if prefix is None:
        raise Unauthorized("invalid_api_key", "the API key is not valid")
    cache = rt.part(_CACHE)
    row = None if fresh else cache.get(prefix)
    if row is None:
        async with rt.sessions() as s:
            found = await store.api_key_by_prefix(s, prefix)
        row = (found.key_hash, found.org_id, found.id, found.revoked_at is not None) if found else ("", 0, 0, True)
        cache.put(prefix, row)
    key_hash, org_id, key_id, revoked = row
    if revoked or not api_key_matches(token, key_hash):
        raise Unauthorized("invalid_api_key", "the API key is not valid or has been revoked")
    return Principal(org_id=org_id, role="integration", api_key_id=key_id)
