"""The audit log: every change made through the admin or the JSON API (who, what, before -> after,
when), in the `audit_log` table.

One helper, `record`, is called by the services that change things (accounts: users, teams, the
org; the ledger's activity types; contests; rewards; displays; integrations), with the caller's
principal and the fields as they were and as they are, *inside the change's own transaction*: a
change that rolls back leaves no entry, and a committed one always has its entry. The admin pages
and `GET /api/v1/audit` read it through `page`.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from server.accounts.models import AuditEntry, User
from server.core.auth import Principal
from server.core.db import table_of
from server.core.errors import DomainError
from server.core.runtime import Runtime

#: The kinds of things the log names (a filter outside this list is a 400).
ENTITY_KINDS = (
    "user",
    "team",
    "org",
    "activity_type",
    "contest",
    "reward",
    "redemption",
    "display",
    "integration",
    "api_key",
    "target",
    "alert",
    "fantasy_league",
    "badge",
    "mission_template",
    "privacy",
    "chat_channel",
    "experiment",
)
#: Fields never written to the log, whatever a service passes (secrets and their hashes).
HIDDEN = frozenset({"password", "password_hash", "secret", "secrets", "key_hash", "pairing_code", "token"})
#: The longest text value kept (a longer one is cut, with a mark).
TEXT_MAX = 500

_TABLE = table_of(AuditEntry)


def _plain(value: Any) -> Any:
    """A JSON value for `value` (dates as ISO text, sets as sorted lists)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if len(value) <= TEXT_MAX else value[:TEXT_MAX] + "…"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if str(k) not in HIDDEN}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def fields_of(obj: Any, names: Sequence[str]) -> dict[str, Any]:
    """The named attributes of a row or model, as the log keeps them."""
    return {n: _plain(getattr(obj, n, None)) for n in names if n not in HIDDEN}


def diff(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Only what changed: the fields whose values differ (all of them when one side is None)."""
    b = {k: _plain(v) for k, v in (before or {}).items() if k not in HIDDEN}
    a = {k: _plain(v) for k, v in (after or {}).items() if k not in HIDDEN}
    if before is None or after is None:
        return (b or None), (a or None)
    keys = [k for k in dict.fromkeys([*b, *a]) if b.get(k) != a.get(k)]
    return {k: b.get(k) for k in keys}, {k: a.get(k) for k in keys}


async def record(
    rt: Runtime,
    conn: AsyncConnection | AsyncSession,
    actor: Principal | None,
    kind: str,
    entity_id: int | str,
    action: str,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    org_id: int | None = None,
    only_changes: bool = True,
) -> None:
    """Write one entry in the caller's transaction. `actor` None is the system (a worker job);
    then `org_id` names the org. With `only_changes` (the default) an update keeps only the fields
    that moved, and an update that moved nothing writes no entry."""
    assert kind in ENTITY_KINDS, kind
    b, a = (
        diff(before, after)
        if only_changes
        else (
            {k: _plain(v) for k, v in (before or {}).items() if k not in HIDDEN} or None,
            {k: _plain(v) for k, v in (after or {}).items() if k not in HIDDEN} or None,
        )
    )
    if before is not None and after is not None and not b and not a:
        return
    org = org_id if org_id is not None else (actor.org_id if actor is not None else None)
    assert org is not None, "an entry names its org"
    actor_name: str | None
    if actor is None:
        actor_kind, actor_name = "system", "RepRally"
    elif actor.user_id is not None:
        actor_kind = "user"
        actor_name = (await conn.execute(select(User.display_name).where(User.id == actor.user_id))).scalar()
    elif actor.api_key_id is not None:
        actor_kind, actor_name = "api_key", f"API key {actor.api_key_id}"
    else:
        actor_kind, actor_name = actor.role, None
    await conn.execute(
        insert(_TABLE).values(
            org_id=org,
            actor_user_id=actor.user_id if actor is not None else None,
            actor_kind=actor_kind,
            actor_name=actor_name,
            entity_kind=kind,
            entity_id=str(entity_id),
            action=action,
            before=b,
            after=a,
            at=rt.now(),
        )
    )


@dataclass(frozen=True, slots=True)
class Page:
    total: int
    rows: list[AuditEntry]


async def page(
    rt: Runtime,
    principal: Principal,
    *,
    actor_user_id: int | None = None,
    kind: str | None = None,
    entity_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """The org's entries, newest first, filtered (admins only: the routes check the role)."""
    if kind is not None and kind not in ENTITY_KINDS:
        raise DomainError(
            "invalid_kind", f"kind is one of {', '.join(ENTITY_KINDS)}", details={"field": "kind"}
        )
    since, until = (None if t is None else t if t.tzinfo else t.replace(tzinfo=UTC) for t in (since, until))
    where = [AuditEntry.org_id == principal.org_id]
    if actor_user_id is not None:
        where.append(AuditEntry.actor_user_id == actor_user_id)
    if kind is not None:
        where.append(AuditEntry.entity_kind == kind)
    if entity_id is not None:
        where.append(AuditEntry.entity_id == entity_id)
    if since is not None:
        where.append(AuditEntry.at >= since)
    if until is not None:
        where.append(AuditEntry.at < until)
    async with rt.sessions() as s:
        total = int(
            (await s.execute(select(func.count()).select_from(AuditEntry).where(*where))).scalar_one()
        )
        rows = list(
            (
                await s.scalars(
                    select(AuditEntry)
                    .where(*where)
                    .order_by(AuditEntry.id.desc())
                    .limit(limit)
                    .offset(offset)
                )
            ).all()
        )
    return Page(total, rows)
