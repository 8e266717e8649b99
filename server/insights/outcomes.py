"""What a response to an alert achieved: the rep's activity over the 7 local days after the action
against the baseline they had when it was taken, shown on the alert while it runs and frozen
once the 7 days are over (worker job); summed per action type in the insights."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row

from server.accounts import service as accounts
from server.core.runtime import Runtime
from server.insights import rules as r
from server.insights import store as repo
from server.targets import service as targets

OUTCOME_DAYS = 7


@dataclass(frozen=True, slots=True)
class ActionOutcomes:
    action: str
    taken: int
    measured: int
    mean_ratio: float | None  # of the measured ones
    improved: int  # measured with a ratio of at least 1: back at or above their baseline


def window_after(day: date) -> tuple[date, date]:
    """The 7 local days after the action's day: `[first, end)`."""
    return day + timedelta(days=1), day + timedelta(days=1 + OUTCOME_DAYS)


async def measure(rt: Runtime, org_id: int, row: Row[Any], today: date) -> dict[str, Any]:
    """The outcome as it stands (`complete` once the window is over)."""
    cal = await targets.calendar(rt, org_id)
    end = min(row.window_end, today)
    w = r.Window(row.window_first, max(end, row.window_first), len(cal.working_days(row.window_first, end)))
    daily = (await targets.daily_activity(rt, org_id, [row.user_id], w.first, w.end)).get(row.user_id, {})
    got = r.span_total(daily, w)
    ratio = r.ratio(got, w.working, row.baseline_per_day)
    return {"from": row.window_first.isoformat(), "to": (row.window_end - timedelta(days=1)).isoformat(),
            "days_measured": (w.end - w.first).days, "working_days": w.working, "activity": got,
            "per_working_day": round(got / w.working, 4) if w.working else None,
            "baseline_per_day": row.baseline_per_day, "ratio": None if ratio is None else round(ratio, 4),
            "complete": today >= row.window_end}


async def measure_due(rt: Runtime, org_id: int) -> int:
    """Freeze the outcomes whose 7 days are over; returns how many."""
    today = await targets.today(rt, org_id)
    async with rt.engine.connect() as conn:
        due = await repo.unmeasured(conn, org_id, today)
    done = 0
    for row in due:
        outcome = await measure(rt, org_id, row, today)
        async with rt.engine.begin() as conn:
            done += await repo.set_outcome(conn, row.id, outcome, rt.now())
    return done


async def measure_all(rt: Runtime) -> int:
    return sum([await measure_due(rt, org_id) for org_id in await accounts.all_org_ids(rt)])


async def by_action(rt: Runtime, org_id: int, user_ids: Sequence[int], s: targets.PeriodSpan) -> list[ActionOutcomes]:
    """The actions taken on these reps during the period, per action type, and what they achieved."""
    async with rt.engine.connect() as conn:
        rows = await repo.actions_in(conn, org_id, user_ids, s.start_at, s.end_at)
    by: dict[str, list[Row[Any]]] = defaultdict(list)
    for row in rows:
        by[row.action].append(row)
    out = []
    for action in r.ACTIONS:
        taken = by.get(action, [])
        ratios = [o["ratio"] for x in taken if (o := x.outcome) and o.get("ratio") is not None]
        out.append(ActionOutcomes(action, len(taken), sum(1 for x in taken if x.outcome),
                                  round(statistics.fmean(ratios), 4) if ratios else None,
                                  sum(1 for v in ratios if v >= 1)))
    return out
