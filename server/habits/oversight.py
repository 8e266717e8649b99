"""What managers oversee of the habit loop: each rep's missions of their today, with the
calibration that sets their targets, and who holds each badge.

Scoped like every manager view: a manager sees their own team's reps, an admin the org's (or one
team's). Read-only; changes go through `server.habits.service`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row

from server.accounts import service as accounts
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.habits import store as repo
from server.habits.context import OrgHabits, Rep
from server.habits.service import badge_row, configured, require_manager

#: The most awards a badge's holder list shows.
HOLDERS_MAX = 500


@dataclass(frozen=True, slots=True)
class RepMissions:
    """A rep's missions of their local today and whether a manager eased them."""

    rep: Rep
    day: date
    missions: Sequence[Row[Any]]
    eased_pct: int | None
    eased_from: date | None
    eased_until: date | None


async def reps_in_scope(rt: Runtime, p: Principal, team_id: int | None) -> tuple[OrgHabits, list[Rep]]:
    """The active reps the caller manages (a manager: their team, whatever `team_id` says)."""
    require_manager(p)
    if p.role != "admin":
        team_id = p.team_id if p.team_id is not None else -1
    elif team_id is not None:
        await accounts.require_team(rt, p.org_id, team_id)
    cfg = await configured(rt, p.org_id)
    reps = [u for u in cfg.users.values()
            if u.active and u.role == "rep" and (team_id is None or u.team_id == team_id)]
    return cfg, sorted(reps, key=lambda u: (u.name.casefold(), u.id))


async def todays_missions(rt: Runtime, p: Principal, team_id: int | None) -> list[RepMissions]:
    """Each rep in scope: their missions of today in their time zone (as the worker or their first
    activity made them; none yet early in the day or on a day off) and any calibration in force."""
    cfg, reps = await reps_in_scope(rt, p, team_id)
    now = rt.now()
    days = {u.id: now.astimezone(u.tz).date() for u in reps}
    async with rt.engine.connect() as conn:
        found = await repo.missions_on(conn, p.org_id, days)
        eased = await repo.calibrations_on(conn, p.org_id, days)
    out: list[RepMissions] = []
    for u in reps:
        c = eased.get(u.id)
        out.append(RepMissions(u, days[u.id], found[u.id], c.pct if c else None, c.first_day if c else None,
                               c.last_day if c else None))
    return out


async def badge_holders(rt: Runtime, p: Principal, badge_id: int) -> tuple[Row[Any], Sequence[Row[Any]]]:
    """A badge and its awards to the reps in scope, newest first (404 for another org's badge)."""
    require_manager(p)
    _, reps = await reps_in_scope(rt, p, None)
    async with rt.engine.connect() as conn:
        badge = await badge_row(conn, p.org_id, badge_id)
        rows = await repo.badge_awards(conn, p.org_id, badge_id, None if p.role == "admin" else [u.id for u in reps],
                                       HOLDERS_MAX)
    return badge, rows


async def holder_counts(rt: Runtime, p: Principal) -> dict[int, int]:
    """How many reps in scope hold each badge."""
    _, reps = await reps_in_scope(rt, p, None)
    async with rt.engine.connect() as conn:
        return await repo.holder_counts(conn, p.org_id, None if p.role == "admin" else [u.id for u in reps])
