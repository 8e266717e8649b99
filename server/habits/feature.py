"""Habits: streaks, daily missions and badges."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from server.core.feature import Feature
from server.core.runtime import Registry, Runtime
from server.habits import jobs, loop, service
from server.habits.api import HabitsController
from server.habits.context import seed_org


async def seed(_rt: Runtime, session: AsyncSession, org_id: int, now: datetime) -> None:
    """A new org gets the habit settings, the starter badges and mission templates."""
    await seed_org(await session.connection(), org_id, now)


def install(reg: Registry) -> None:
    reg.activity_hooks.append(loop.on_activities)
    reg.reversal_hooks.append(loop.on_reversal)
    reg.achievement_hooks.append(loop.on_achievements)
    reg.counters_first.append(loop.counters_first)
    reg.org_created.append(seed)
    reg.calendars.append(service.work_calendar)
    reg.job("habits_missions", 300, jobs.missions_job)
    reg.job("habits_at_risk", 600, jobs.at_risk_job)
    reg.job("habits_day_close", 900, jobs.day_close_job)


FEATURE = Feature("habits", routes=(HabitsController,), install=install)
