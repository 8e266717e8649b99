"""What a change of an activity type's rule would do to this week's points board, before it is
saved: this week's activities of the type priced again under the new rule (`rules.reprice_week`),
every other entry as it is. Reads only; nothing is written.

A saved change applies from then on (past entries keep the rule they were scored by): the
preview answers "had this rule applied all week", so an admin sees its weight before saving.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server.accounts.directory import org_info
from server.core.auth import Principal
from server.core.errors import Forbidden, NotFound
from server.core.periods import Period, local_date, period_for
from server.core.runtime import Runtime
from server.ledger import store
from server.ledger.rules import PastActivity, Rule, Shift, reprice_week
from server.ledger.types import types_of


@dataclass(frozen=True, slots=True)
class Preview:
    period: Period
    shifts: list[Shift]  # every rep on the week's board, highest after the change first
    activities: int  # how many of the type's activities were priced again

    @property
    def moved(self) -> list[Shift]:
        return [s for s in self.shifts if s.moved]


async def preview(rt: Runtime, principal: Principal, key: str, changes: dict[str, Any]) -> Preview:
    """The week's board before -> after if `changes` (points, value_points, daily_cap) applied."""
    if principal.role != "admin":
        raise Forbidden("forbidden", "admins only")
    t = (await types_of(rt, principal.org_id)).get(key)
    if t is None:
        raise NotFound("activity_type_not_found", f"activity type '{key}' not found")
    org = await org_info(rt, principal.org_id)
    week = period_for("week", rt.now(), org.tz, org.week_start)
    assert week.end is not None
    rule = Rule(
        0,
        changes.get("points", t.points),
        changes.get("value_points", t.value_points),
        changes.get("daily_cap", t.daily_cap),
    )
    async with rt.engine.connect() as conn:
        totals = await store.points_between(conn, principal.org_id, week.start, week.end)
        rows = await store.type_activities_between(conn, principal.org_id, t.id, week.start, week.end)
    past = [
        PastActivity(
            r.user_id,
            local_date(r.occurred_at, org.tz),
            r.quantity,
            r.value,
            r.points,
            r.sr_mode,
            r.sr_weight,
        )
        for r in rows
    ]
    return Preview(week, reprice_week(totals, past, rule), len(past))
