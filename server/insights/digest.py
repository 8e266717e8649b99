"""The weekly digest per manager: last week's headline numbers, the alerts still open and what the
responses of that week achieved. The worker sends each manager a notice (push and in-app) on the
first morning of the org's week in their time zone; the notice points at
`GET /api/v1/insights/digest?week=`, which computes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row

from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.core import events
from server.core.auth import Principal
from server.core.errors import DomainError
from server.core.periods import zone
from server.core.runtime import Runtime
from server.insights import service as alerts
from server.insights import store as repo
from server.insights import summary as summaries
from server.insights.settings import thresholds_of
from server.ledger import sinks
from server.targets import rules as target_rules
from server.targets import service as targets


@dataclass(frozen=True, slots=True)
class Digest:
    week: targets.PeriodSpan
    team_id: int | None
    headline: dict[str, Any]
    open_alerts: list[alerts.AlertView]
    week_summary: summaries.Summary
    actions: list[Row[Any]]


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


async def _week(rt: Runtime, org_id: int, week: str | None) -> targets.PeriodSpan:
    """The week named `w<first day>`, or the last whole week."""
    if week is None:
        current = await targets.span(rt, org_id, "week")
        return await targets.span(rt, org_id, "week", current.first - timedelta(days=7))
    try:
        first = date.fromisoformat(week[1:]) if week.startswith("w") else None
    except ValueError:
        first = None
    org = await org_info(rt, org_id)
    if first is None or target_rules.period_first_day("week", first, org.week_start) != first:
        raise DomainError("invalid_week", "week is a week id such as 'w2027-02-08' (the week's first day)")
    return await targets.span(rt, org_id, "week", first)


async def digest(rt: Runtime, principal: Principal, week: str | None, team_id: int | None) -> Digest:
    s = await _week(rt, principal.org_id, week)
    ws = await summaries.summary(rt, principal, team_id, "week", s.first)
    month = await summaries.summary(rt, principal, team_id, "month", s.end - timedelta(days=1))
    open_alerts = await alerts.list_alerts(rt, principal, status="open", team_id=team_id, user_id=None,
                                           before_id=None, limit=alerts.MAX_PAGE)
    last = ws.engagement.weekly[-1] if ws.engagement.weekly else None
    headline = {
        "reps": ws.engagement.reps, "active_reps": last.active_reps if last else 0, "dau": _r(ws.engagement.dau),
        "median_ratio": _r(last.median_ratio) if last else None, "reps_with_wins": ws.reps_with_wins,
        "open_alerts": len(open_alerts),
        "attainment": [{"metric": m.metric.name, "period": month.span.id, "median": _r(m.spread.median)
                        if m.spread else None, "on_pace_share": _r(m.on_pace / m.reps_with_target)
                        if m.reps_with_target else None} for m in month.attainment]}
    ws_ids = (await targets.scope(rt, principal, team_id)).user_ids
    async with rt.engine.connect() as conn:
        acts = await repo.actions_in(conn, principal.org_id, ws_ids, s.start_at, s.end_at)
    return Digest(s, ws.team_id, headline, open_alerts, ws, acts)


async def send_due(rt: Runtime) -> int:
    """Each manager's digest of last week, once, on the first morning of the org's week in their zone."""
    sent = 0
    for org_id in await accounts.all_org_ids(rt):
        org = await org_info(rt, org_id)
        hour = (await thresholds_of(rt, org_id)).digest_hour
        for m in await accounts.active_members(rt, org_id):
            if m.role != "manager" or m.team_id is None:
                continue
            try:
                tz = zone(m.timezone) if m.timezone else org.tz
            except DomainError:
                tz = org.tz
            local = rt.now().astimezone(tz)
            if local.weekday() != org.week_start or local.hour < hour:
                continue
            last = target_rules.period_first_day("week", local.date(), org.week_start) - timedelta(days=7)
            sent += await _send(rt, org_id, m.id, last)
    return sent


async def _send(rt: Runtime, org_id: int, manager_id: int, first: date) -> int:
    d = await digest(rt, Principal(org_id, "manager", manager_id), f"w{first.isoformat()}", None)
    h = d.headline
    notice = events.Notice(
        manager_id, "insight_digest", "Your team last week",
        f"{h['active_reps']} of {h['reps']} reps active, {h['reps_with_wins']} with a win, "
        f"{h['open_alerts']} open alert{'s' if h['open_alerts'] != 1 else ''}",
        data={"week": d.week.id, "url": f"/api/v1/insights/digest?week={d.week.id}"},
        dedupe_key=f"digest:{d.week.id}:{manager_id}")
    async with rt.engine.begin() as conn:
        if not await repo.claim_digest(conn, org_id, manager_id, first, rt.now()):
            return 0
        await sinks.write_notices(rt, conn, org_id, [notice])
    return 1
