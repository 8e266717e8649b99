"""Self-reported work against CRM-verified work (activity types' `self_report`).

A rep's own report (logged with their own token) of a type whose mode is not `full` is kept in
`self_reports` with the activity: `weighted` (its points were multiplied by the type's weight)
or `pending` (it scored nothing, used no daily-cap units and ran no feature hooks). A verified
activity (logged by an integration: an org API key or a CRM connector) of the same type, rep
and local day confirms one pending report, in either order: the verified activity carries the
points, once. A pending report older than the backdate window can no longer be confirmed and
reads as `expired`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.core.db import table_of
from server.ledger.models import Activity, SelfReport

A = table_of(Activity)
R = table_of(SelfReport)

#: (user id, type id, local day)
_Key = tuple[int, int, date]


@dataclass(frozen=True, slots=True)
class Report:
    activity_id: int
    user_id: int
    type_id: int
    day: date
    mode: str
    weight: float | None


@dataclass(frozen=True, slots=True)
class Verified:
    activity_id: int
    user_id: int
    type_id: int
    day: date


def day_range(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """A local day as UTC instants [start, end)."""
    start = datetime.combine(day, time(), tz)
    return start.astimezone(UTC), datetime.combine(day + timedelta(days=1), time(), tz).astimezone(UTC)


async def write(conn: AsyncConnection, org_id: int, tz: ZoneInfo, now: datetime, reports: list[Report],
                verified: list[Verified]) -> None:
    """In the activity's transaction: keep the self-reports, and match pending ones with
    verified activities (new ones of this transaction, or unmatched ones from before)."""
    if reports:
        rows = [{"activity_id": r.activity_id, "org_id": org_id, "user_id": r.user_id, "type_id": r.type_id,
                 "day": r.day, "mode": r.mode, "weight": r.weight, "status": r.mode, "confirmed_by_activity_id": None,
                 "confirmed_at": None} for r in reports]
        await conn.execute(R.insert(), rows)
        for r in reports:
            if r.mode == "pending":
                found = await _unmatched_verified(conn, org_id, r, tz)
                if found is not None:
                    await _confirm(conn, r.activity_id, found, now)
    if verified:
        await _confirm_pending(conn, org_id, verified, now)


async def _unmatched_verified(conn: AsyncConnection, org_id: int, r: Report, tz: ZoneInfo) -> int | None:
    start, end = day_range(r.day, tz)
    confirming = exists().where(R.c.confirmed_by_activity_id == A.c.id)
    q = (select(A.c.id).where(A.c.org_id == org_id, A.c.user_id == r.user_id, A.c.type_id == r.type_id,
                              A.c.occurred_at >= start, A.c.occurred_at < end, A.c.logged_by_user_id.is_(None),
                              ~confirming)
         .order_by(A.c.id).limit(1))
    return await conn.scalar(q)


async def _confirm_pending(conn: AsyncConnection, org_id: int, verified: list[Verified], now: datetime) -> None:
    keys = sorted({(v.user_id, v.type_id, v.day) for v in verified})
    q = (select(R.c.activity_id, R.c.user_id, R.c.type_id, R.c.day)
         .where(R.c.org_id == org_id, R.c.status == "pending", tuple_(R.c.user_id, R.c.type_id, R.c.day).in_(keys))
         .order_by(R.c.activity_id))
    waiting: dict[_Key, list[int]] = defaultdict(list)
    for activity_id, user_id, type_id, day in (await conn.execute(q)).all():
        waiting[(user_id, type_id, day)].append(activity_id)
    for v in verified:
        queue = waiting.get((v.user_id, v.type_id, v.day))
        if queue:
            await _confirm(conn, queue.pop(0), v.activity_id, now)


async def _confirm(conn: AsyncConnection, report_id: int, by_activity_id: int, now: datetime) -> None:
    await conn.execute(update(R).where(and_(R.c.activity_id == report_id, R.c.status == "pending"))
                       .values(status="confirmed", confirmed_by_activity_id=by_activity_id, confirmed_at=now))


def shown(row: Any, today: date, window_days: int) -> dict[str, Any] | None:
    """How the rep's ledger shows an entry's self-report (None: not one)."""
    if getattr(row, "sr_mode", None) is None:
        return None
    status = row.sr_status
    if status == "pending" and row.sr_day < today - timedelta(days=window_days):
        status = "expired"
    return {"mode": row.sr_mode, "weight": row.sr_weight, "status": status,
            "confirmed_by_activity_id": row.sr_confirmed_by}
