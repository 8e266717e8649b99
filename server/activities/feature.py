"""Activities: activity types and the activities API (thin over the ledger), the rep's own ledger."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from server.activities.api import ActivityController
from server.core.feature import Feature
from server.core.runtime import Registry, Runtime
from server.ledger import type_store


async def seed_types(_rt: Runtime, session: AsyncSession, org_id: int, _now: datetime) -> None:
    """A new org starts with the default activity types (call, email, meeting booked, ...)."""
    await type_store.create_defaults(session, org_id)


def install(reg: Registry) -> None:
    reg.org_created.append(seed_types)


FEATURE = Feature("activities", routes=(ActivityController,), install=install)
