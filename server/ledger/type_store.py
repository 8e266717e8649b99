"""Activity types and their immutable rule versions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.ledger.models import ActivityType, ActivityTypeVersion

#: The set every new org starts with: (key, label, points, value_points, daily_cap, self_reportable).
DEFAULT_TYPES = (
    ("call", "Call", 2, None, 100, True),
    ("email", "Email", 1, None, 50, True),
    ("meeting_booked", "Meeting booked", 10, None, 20, True),
    ("meeting_held", "Meeting held", 15, None, 20, True),
    ("proposal_sent", "Proposal sent", 20, None, 10, True),
    ("opportunity_created", "Opportunity created", 25, None, 10, True),
    ("deal_won", "Deal won", 50, 0.01, None, False),
)

RULE_FIELDS = ("label", "points", "value_points", "daily_cap", "self_reportable", "self_report", "self_report_weight")


async def create_type(session: AsyncSession, org_id: int, *, key: str, label: str, points: int,
                      value_points: float | None, daily_cap: int | None, self_reportable: bool,
                      self_report: str = "full", self_report_weight: float | None = None) -> ActivityType:
    row = ActivityType(org_id=org_id, key=key, label=label, points=points, value_points=value_points,
                       daily_cap=daily_cap, self_reportable=self_reportable, self_report=self_report,
                       self_report_weight=self_report_weight, active=True, version=1)
    session.add(row)
    await session.flush()
    await _snapshot(session, row)
    return row


async def create_defaults(session: AsyncSession, org_id: int) -> None:
    for key, label, points, value_points, cap, self_rep in DEFAULT_TYPES:
        await create_type(session, org_id, key=key, label=label, points=points, value_points=value_points,
                          daily_cap=cap, self_reportable=self_rep)


async def _snapshot(session: AsyncSession, row: ActivityType) -> None:
    version = ActivityTypeVersion(
        org_id=row.org_id, type_id=row.id, version=row.version, label=row.label, points=row.points,
        value_points=row.value_points, daily_cap=row.daily_cap, self_reportable=row.self_reportable,
        self_report=row.self_report, self_report_weight=row.self_report_weight,
    )
    session.add(version)
    await session.flush()
    row.current_version_id = version.id


async def update_type(session: AsyncSession, row: ActivityType, changes: dict[str, Any],
                      now: datetime) -> ActivityType:
    """Apply changes; a change to any rule field makes a new version (past entries keep theirs)."""
    rule_changed = any(k in RULE_FIELDS and getattr(row, k) != v for k, v in changes.items())
    for k, v in changes.items():
        setattr(row, k, v)
    row.updated_at = now
    if rule_changed:
        row.version += 1
        await _snapshot(session, row)
    await session.flush()
    return row


async def list_types(session: AsyncSession, org_id: int) -> Sequence[ActivityType]:
    return (await session.scalars(
        select(ActivityType).where(ActivityType.org_id == org_id).order_by(ActivityType.id))).all()


async def get_by_key(session: AsyncSession, org_id: int, key: str, *,
                     for_update: bool = False) -> ActivityType | None:
    """With `for_update`, concurrent rule changes queue on the row (each makes its own version)."""
    q = select(ActivityType).where(ActivityType.org_id == org_id, ActivityType.key == key)
    return await session.scalar(q.with_for_update() if for_update else q)


async def versions_valued(session: AsyncSession, org_id: int) -> dict[int, bool]:
    """rule_version_id -> whether that version scored value (for rebuilding value boards)."""
    rows = await session.execute(select(ActivityTypeVersion.id, ActivityTypeVersion.value_points)
                                 .where(ActivityTypeVersion.org_id == org_id))
    return {vid: vp is not None for vid, vp in rows}
