"""The integrations admin use cases: make, read, change and delete integrations, map CRM owners
to reps, list what the inbox holds, and the status figures.

Secrets are checked and sealed here (`vault.py`) and never leave: a read names which secrets are
set, the answer that made a secret (a signing secret, a secret webhook path) shows it once.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import Row

from server.accounts import audit
from server.board.keys import tag
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import DomainError, NotFound
from server.core.runtime import Part, Runtime
from server.integrations import rules, store, vault
from server.integrations.connectors.base import IntegrationView
from server.integrations.schemas import IntegrationCreate

log = logging.getLogger("reprally.integrations")

HOOK_CACHE_TTL_S = 2.0
DEFAULT_API_BASE = {"hubspot": "https://api.hubapi.com"}
DEFAULT_POLL_EVERY_S = 600
#: the fields of each kind: (required, allowed)
_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    "standard_webhooks": (set(), {"signing_secret"}),
    "hubspot": ({"client_secret", "access_token", "portal_id"}, {"api_base", "poll_every_s"}),
    "salesforce": ({"organization_id"}, {"instance_url", "access_token", "poll_every_s"}),
}
SECRET_FIELDS = ("signing_secret", "client_secret", "access_token")
#: What the audit log keeps of an integration (never its secrets).
AUDITED = ("kind", "name", "active", "config", "rules")
CONFIG_FIELDS = ("portal_id", "organization_id", "api_base", "instance_url", "poll_every_s")
LAG_SAMPLES = 1000

_HOOKS: Part[TTLCache[str, IntegrationView | None]] = Part("integrations.hooks", lambda rt: TTLCache(HOOK_CACHE_TTL_S))


def view_of(rt: Runtime, row: Row[Any]) -> IntegrationView:
    return IntegrationView(row.id, row.org_id, row.kind, row.name, row.active, row.hook_id, row.path_secret_hash,
                           dict(row.config), msgspec.convert(row.rules, rules.Rules), vault.unseal(rt, row.secrets_enc))


async def view_by_hook(rt: Runtime, hook_id: str) -> IntegrationView | None:
    """The integration a webhook URL names (cached a few seconds, misses too)."""
    cache = rt.part(_HOOKS)
    found = cache.get(hook_id)
    if found is None:
        async with rt.engine.connect() as conn:
            row = await store.by_hook(conn, hook_id)
        found = view_of(rt, row) if row is not None else None
        cache.put(hook_id, found)
    return found


_VIEWS: Part[TTLCache[int, IntegrationView]] = Part("integrations.views", lambda rt: TTLCache(HOOK_CACHE_TTL_S))


async def views_by_id(rt: Runtime, ids: list[int]) -> dict[int, IntegrationView]:
    """The integrations the worker needs (cached a few seconds: a change of rules or secrets
    applies within that); one whose secrets cannot be read is left out (logged): its events
    wait, and the others go on."""
    cache = rt.part(_VIEWS)
    out = {i: v for i in ids if (v := cache.get(i)) is not None}
    missing = [i for i in ids if i not in out]
    if missing:
        async with rt.engine.connect() as conn:
            rows = await store.by_ids(conn, missing)
        for row in rows:
            try:
                out[row.id] = view_of(rt, row)
            except vault.Unreadable as exc:
                log.error("integration %d: %s", row.id, exc)
                continue
            cache.put(row.id, out[row.id])
    return out


# -- what an admin sees ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Shown:
    """An integration as its admin sees it, with the secrets made by this request (once)."""

    row: Row[Any]
    webhook_url: str
    secrets: list[str]
    once: dict[str, str] = field(default_factory=dict)


def hook_path(row: Row[Any], path_secret: str | None = None) -> str:
    path = f"/api/v1/hooks/{row.hook_id}"
    return f"{path}/{path_secret}" if path_secret else path


def _shown(rt: Runtime, row: Row[Any], base_url: str, *, path_secret: str | None = None,
           once: dict[str, str] | None = None) -> Shown:
    names = sorted(vault.unseal(rt, row.secrets_enc))
    if row.path_secret_hash is not None:
        names.append("webhook_path")
    return Shown(row, base_url.rstrip("/") + hook_path(row, path_secret), names, once or {})


def _check_fields(kind: str, given: dict[str, Any], *, creating: bool) -> None:
    required, allowed = _FIELDS[kind]
    extra = sorted(k for k in given if k not in required | allowed)
    if extra:
        raise DomainError("field_not_for_kind", f"{', '.join(extra)} do not apply to a {kind} integration",
                          details={"fields": extra})
    missing = sorted(required - set(given)) if creating else []
    if missing:
        raise DomainError("missing_field", f"a {kind} integration needs {', '.join(missing)}",
                          details={"fields": missing})
    signing = given.get("signing_secret")
    if signing is not None and not vault.valid_signing_secret(signing):
        raise DomainError("invalid_signing_secret", "a signing secret is whsec_ followed by base64 of 24 to 64 bytes")


def _check_instance(config: dict[str, Any], secrets: dict[str, str]) -> None:
    if ("instance_url" in config) != ("access_token" in secrets):
        raise DomainError("missing_field", "Salesforce's REST API needs both instance_url and access_token")


async def create(rt: Runtime, principal: Principal, data: IntegrationCreate, base_url: str) -> Shown:
    given = {k: v for k, v in msgspec.structs.asdict(data).items()
             if v is not None and k not in ("kind", "name", "active", "rules")}
    _check_fields(data.kind, given, creating=True)
    secrets = {k: given[k] for k in SECRET_FIELDS if k in given}
    once: dict[str, str] = {}
    if data.kind == "standard_webhooks" and "signing_secret" not in secrets:
        secrets["signing_secret"] = once["signing_secret"] = vault.new_signing_secret()
    config = {k: given[k] for k in CONFIG_FIELDS if k in given}
    if data.kind in DEFAULT_API_BASE:
        config.setdefault("api_base", DEFAULT_API_BASE[data.kind])
    if data.kind != "standard_webhooks":
        config.setdefault("poll_every_s", DEFAULT_POLL_EVERY_S)
    if data.kind == "salesforce":
        _check_instance(config, secrets)
    chosen = data.rules if data.rules is not None else rules.DEFAULT_RULES[data.kind]
    rules.check_rules(data.kind, chosen)
    path_secret, path_hash = vault.new_path_secret() if data.kind == "salesforce" else (None, None)
    now = rt.now()
    async with rt.engine.begin() as conn:
        row = await store.create(conn, {
            "org_id": principal.org_id, "kind": data.kind, "name": data.name, "active": data.active,
            "hook_id": vault.new_hook_id(), "path_secret_hash": path_hash, "secrets_enc": vault.seal(rt, secrets),
            "config": config, "rules": msgspec.to_builtins(chosen), "created_at": now, "updated_at": now,
            "created_by_user_id": principal.user_id, "poll_failures": 0,
            "poll_due_at": now if config.get("poll_every_s") else None})
        await audit.record(rt, conn, principal, "integration", row.id, "create", after=audit.fields_of(row, AUDITED))
    return _shown(rt, row, base_url, path_secret=path_secret, once=once)


async def _row(rt: Runtime, principal: Principal, integration_id: int) -> Row[Any]:
    async with rt.engine.connect() as conn:
        row = await store.get(conn, principal.org_id, integration_id)
    if row is None:
        raise NotFound("integration_not_found", f"integration {integration_id} not found")
    return row


async def get(rt: Runtime, principal: Principal, integration_id: int, base_url: str) -> Shown:
    return _shown(rt, await _row(rt, principal, integration_id), base_url)


async def list_all(rt: Runtime, principal: Principal, base_url: str) -> list[Shown]:
    async with rt.engine.connect() as conn:
        rows = await store.list_all(conn, principal.org_id)
    return [_shown(rt, r, base_url) for r in rows]


async def update(rt: Runtime, principal: Principal, integration_id: int, changes: dict[str, Any],
                 base_url: str) -> Shown:
    rotate = changes.pop("rotate", None)
    async with rt.engine.begin() as conn:
        row = await store.get(conn, principal.org_id, integration_id, for_update=True)
        if row is None:
            raise NotFound("integration_not_found", f"integration {integration_id} not found")
        kind = row.kind
        fields = {k: v for k, v in changes.items() if k not in ("name", "active", "rules")}
        _check_fields(kind, {k: v for k, v in fields.items() if v is not None}, creating=False)
        secrets = vault.unseal(rt, row.secrets_enc)
        config = dict(row.config)
        for k, v in fields.items():
            target: dict[str, Any] = secrets if k in SECRET_FIELDS else config
            if v is None:
                target.pop(k, None)
            else:
                target[k] = v
        if kind == "salesforce":
            _check_instance(config, secrets)
        values: dict[str, Any] = {k: changes[k] for k in ("name", "active") if k in changes}
        if "rules" in changes:
            rules.check_rules(kind, changes["rules"])
            values["rules"] = msgspec.to_builtins(changes["rules"])
        once: dict[str, str] = {}
        path_secret = None
        if rotate == "signing_secret":
            if kind != "standard_webhooks":
                raise DomainError("field_not_for_kind", "only Standard Webhooks integrations have a signing secret")
            secrets["signing_secret"] = once["signing_secret"] = vault.new_signing_secret()
        elif rotate == "webhook_path":
            if kind != "salesforce":
                raise DomainError("field_not_for_kind", "only Salesforce integrations have a secret webhook path")
            path_secret, values["path_secret_hash"] = vault.new_path_secret()
        if "poll_every_s" in fields:
            values["poll_due_at"] = rt.now() if config.get("poll_every_s") else None
        values.update(secrets_enc=vault.seal(rt, secrets), config=config, updated_at=rt.now())
        updated = await store.change(conn, principal.org_id, integration_id, values)
        assert updated is not None  # locked above
        await audit.record(rt, conn, principal, "integration", row.id, "update",
                           before={**audit.fields_of(row, AUDITED), "secrets_changed": False},
                           after={**audit.fields_of(updated, AUDITED),
                                  "secrets_changed": bool(set(fields) & set(SECRET_FIELDS)) or rotate is not None})
    rt.part(_HOOKS).drop(row.hook_id)
    rt.part(_VIEWS).drop(row.id)
    return _shown(rt, updated, base_url, path_secret=path_secret, once=once)


async def delete(rt: Runtime, principal: Principal, integration_id: int) -> None:
    """The integration, its inbox and owner links go; the activities it scored stay in the ledger
    (reverse them by hand if they should not), and its objects' states stay with the source."""
    row = await _row(rt, principal, integration_id)
    async with rt.engine.begin() as conn:
        await store.remove(conn, principal.org_id, integration_id)
        await audit.record(rt, conn, principal, "integration", integration_id, "delete",
                           before=audit.fields_of(row, AUDITED))
    rt.part(_HOOKS).drop(row.hook_id)
    rt.part(_VIEWS).drop(row.id)


# -- owners and the inbox ---------------------------------------------------------------------------
async def map_owner(rt: Runtime, principal: Principal, integration_id: int, crm_owner_id: str,
                    user_id: int | None) -> tuple[Row[Any], int]:
    """Map a CRM owner to a rep (None: back to matching by email); its unmatched events are
    scored again at once. Returns the link and how many events went back to the worker."""
    row = await _row(rt, principal, integration_id)
    async with rt.engine.begin() as conn:
        if user_id is not None and not await store.active_user(conn, principal.org_id, user_id):
            raise NotFound("user_not_found", f"user {user_id} not found", details={"user_id": user_id})
        link = await store.put_owner(conn, principal.org_id, row.id, crm_owner_id, {"user_id": user_id}, rt.now())
        await audit.record(rt, conn, principal, "integration", row.id, "map_owner",
                           after={"crm_owner_id": crm_owner_id, "user_id": user_id}, only_changes=False)
        requeued = await store.requeue(conn, row.id, [crm_owner_id])
    return link, requeued


async def owners(rt: Runtime, principal: Principal, integration_id: int) -> list[Row[Any]]:
    row = await _row(rt, principal, integration_id)
    async with rt.engine.connect() as conn:
        return list((await store.owner_links(conn, row.id)).values())


async def events(rt: Runtime, principal: Principal, integration_id: int, status: str | None, before_id: int | None,
                 limit: int) -> Sequence[Row[Any]]:
    row = await _row(rt, principal, integration_id)
    async with rt.engine.connect() as conn:
        return await store.events_page(conn, row.id, status, before_id, limit)


# -- status ------------------------------------------------------------------------------------------
def stats_key(org_id: int, integration_id: int) -> str:
    """Counts of deliveries refused before the inbox (by reason): a Redis hash, since a flood of
    forged requests must not write to the database."""
    return f"{tag(org_id)}:int:{integration_id}:refused"


async def count_refused(rt: Runtime, view: IntegrationView, reason: str, n: int = 1) -> None:
    if rt.redis_usable:
        try:
            await rt.redis.hincrby(stats_key(view.org_id, view.id), reason, n)
        except Exception as exc:  # noqa: BLE001 - a count is not worth failing the answer
            rt.redis_failed(exc)


@dataclass(frozen=True, slots=True)
class Status:
    counts: dict[str, int]
    rejected: dict[str, int]
    duplicates: int
    signature_failures: int
    last_event_at: datetime | None
    lag_ms: list[int]
    poll_last_at: datetime | None
    poll_last_error: str | None


SIGNATURE_REASONS = ("bad_signature", "stale_timestamp", "missing_headers", "bad_path")


async def status(rt: Runtime, principal: Principal, integration_id: int) -> Status:
    row = await _row(rt, principal, integration_id)
    async with rt.engine.connect() as conn:
        grouped = await store.status_counts(conn, row.id)
        lags = await store.recent_lags(conn, row.id, LAG_SAMPLES)
    counts: dict[str, int] = {}
    rejected: dict[str, int] = {}
    last: datetime | None = None
    for state, code, n, latest in grouped:
        counts[state] = counts.get(state, 0) + n
        if state == "error":
            rejected[code or "error"] = rejected.get(code or "error", 0) + n
        last = latest if last is None or (latest is not None and latest > last) else last
    refused: dict[str, int] = {}
    try:
        raw = await rt.redis.hgetall(stats_key(row.org_id, row.id))
        refused = {(k.decode() if isinstance(k, bytes) else k): int(v) for k, v in raw.items()}
    except Exception as exc:  # noqa: BLE001 - the figures from the database still answer
        rt.redis_failed(exc)
    for reason, n in refused.items():
        if reason not in SIGNATURE_REASONS and reason != "duplicate":
            rejected[reason] = rejected.get(reason, 0) + n
    lag = sorted(max(0, round((p - s).total_seconds() * 1000)) for s, p in lags if s is not None and p is not None)
    return Status(counts, rejected, refused.get("duplicate", 0), sum(refused.get(r, 0) for r in SIGNATURE_REASONS),
                  last, lag, row.poll_last_at, row.poll_last_error)


def percentile(sorted_values: list[int], q: float) -> int | None:
    """The nearest-rank percentile of sorted values."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


# -- causes in the rep's ledger ----------------------------------------------------------------------
CRM_SOURCES = frozenset({"webhook", "hubspot", "salesforce"})


async def entry_causes(rt: Runtime, org_id: int,
                       refs: list[tuple[int, str, int | None, str | None]]) -> dict[int, dict[str, Any]]:
    """`Registry.entry_causes`: the CRM change behind each entry of a rep's ledger page (the
    reversal of a re-priced deal and the entry that replaced it both name it)."""
    mine = [(entry_id, kind, activity_id) for entry_id, kind, activity_id, source in refs
            if source in CRM_SOURCES and activity_id is not None]
    if not mine:
        return {}
    reversals = {entry_id for entry_id, kind, _ in mine if kind == "reversal"}
    entry_of_activity = {activity_id: entry_id for entry_id, kind, activity_id in mine if kind == "activity"}
    async with rt.engine.connect() as conn:
        rows = await store.changes_of_entries(conn, org_id, sorted(reversals), sorted(entry_of_activity))
    out: dict[int, dict[str, Any]] = {}
    for c in rows:
        note = {"source": c.namespace.split(":", 1)[0], "cause": c.cause, "object_type": c.object_type,
                "object_id": c.object_id, **c.detail}
        if c.reversal_entry_id in reversals:
            out[c.reversal_entry_id] = note
        if c.activity_id is not None and c.activity_id in entry_of_activity:
            out[entry_of_activity[c.activity_id]] = note
    return out
