"""An org's activity types as the activity path prices them: a cached table per runtime.

The rows are read through for a few seconds (`CACHE_TTL_S`); a change made through this
process drops its copy at once (`forget_types`), other processes see it within the TTL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit
from server.accounts.directory import reader
from server.board.rules import check_type_key
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import Conflict, NotFound
from server.core.runtime import Part, Runtime
from server.ledger import type_store
from server.ledger.models import ActivityType
from server.ledger.rules import check_self_report

CACHE_TTL_S = 2.0


@dataclass(frozen=True, slots=True)
class TypeInfo:
    id: int
    key: str
    label: str
    points: int
    value_points: float | None
    daily_cap: int | None
    self_reportable: bool
    active: bool
    version_id: int
    self_report: str = "full"
    self_report_weight: float | None = None

    @property
    def valued(self) -> bool:
        return self.value_points is not None


_CACHE: Part[TTLCache[int, dict[str, TypeInfo]]] = Part("ledger.types", lambda rt: TTLCache(CACHE_TTL_S))


async def types_of(rt: Runtime, org_id: int, conn: AsyncConnection | None = None) -> dict[str, TypeInfo]:
    """The org's activity types by key (inactive ones included)."""
    cache = rt.part(_CACHE)
    found = cache.get(org_id)
    if found is None:
        async with reader(rt, conn) as s:
            rows = await type_store.list_types(s, org_id)
        # `current_version_id` is only NULL inside `create_type`, before its first version is flushed
        found = {r.key: TypeInfo(r.id, r.key, r.label, r.points, r.value_points, r.daily_cap,
                                 r.self_reportable, r.active, cast(int, r.current_version_id), r.self_report,
                                 r.self_report_weight) for r in rows}
        cache.put(org_id, found)
    return found


def forget_types(rt: Runtime, org_id: int) -> None:
    rt.part(_CACHE).drop(org_id)


# -- managing them (the activities API) ----------------------------------------------------------
async def create_activity_type(rt: Runtime, principal: Principal, data: dict[str, Any]) -> ActivityType:
    check_type_key(data["key"])
    check_self_report(data.get("self_report", "full"), data.get("self_report_weight"))
    try:
        async with rt.sessions() as s, s.begin():
            if await type_store.get_by_key(s, principal.org_id, data["key"]):
                raise Conflict("activity_type_exists", f"activity type '{data['key']}' already exists")
            row = await type_store.create_type(s, principal.org_id, **data)
            await audit.record(rt, s, principal, "activity_type", data["key"], "create",
                               after=audit.fields_of(row, ("label", *type_store.RULE_FIELDS, "active")))
    except IntegrityError:  # a concurrent request created the key after our check
        raise Conflict("activity_type_exists", f"activity type '{data['key']}' already exists") from None
    forget_types(rt, principal.org_id)
    return row


async def update_activity_type(rt: Runtime, principal: Principal, key: str,
                               changes: dict[str, Any]) -> ActivityType:
    async with rt.sessions() as s, s.begin():
        row = await type_store.get_by_key(s, principal.org_id, key, for_update=True)
        if row is None:
            raise NotFound("activity_type_not_found", f"activity type '{key}' not found")
        if "self_report" in changes or "self_report_weight" in changes:
            mode = changes.get("self_report", row.self_report)
            check_self_report(mode, changes.get("self_report_weight", row.self_report_weight if mode == "weighted"
                                                else None))
            if mode != "weighted":
                changes["self_report_weight"] = None
        logged = ("label", *type_store.RULE_FIELDS, "active")
        before = audit.fields_of(row, logged)
        await type_store.update_type(s, row, changes, rt.clock.now())
        after = audit.fields_of(row, logged)
        if after != before:  # the rule version the change made, beside the fields that moved
            before, after = {**before, "version": None}, {**after, "version": row.version}
        await audit.record(rt, s, principal, "activity_type", key, "update", before=before, after=after)
    forget_types(rt, principal.org_id)
    return row


async def list_activity_types(rt: Runtime, principal: Principal) -> Sequence[ActivityType]:
    async with rt.sessions() as s:
        return await type_store.list_types(s, principal.org_id)


