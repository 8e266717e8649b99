"""The manager insights over HTTP: the summary, the early-warning settings, alerts and their
one-click responses, notes, and the weekly digest. Managers see their own team, admins any team
or the whole org; reps, displays and integrations see none of it."""

from __future__ import annotations

import dataclasses
from datetime import date

from litestar import Controller, get, patch
from litestar.di import Provide
from litestar.params import Parameter

from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.web import provide_principal
from server.core.wire import changes
from server.insights import schemas as w
from server.insights import settings as settings_svc
from server.insights import summary as summary_svc
from server.insights.rules import LAG_WEEKS, SERIES_WEEKS, Thresholds
from server.targets.schemas import pace_out, ratio, span_out

TEAM = Parameter(default=None, ge=1, le=2**63 - 1)


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def summary_out(s: summary_svc.Summary) -> w.SummaryOut:
    e = s.engagement
    engagement = w.EngagementOut(
        e.reps, _r(e.dau), e.wau, _r(e.dau / e.wau) if e.dau is not None and e.wau else None, e.active_today,
        [w.DayCountOut(d.day, d.active_reps) for d in e.days],
        [w.RepEngagementOut(p.user.id, p.user.display_name, p.activity, _r(p.per_working_day), _r(p.baseline),
                            _r(p.ratio)) for p in e.per_rep],
        [w.WeekOut(p.id, p.first_day, p.active_reps, _r(p.dau), _r(p.median_ratio)) for p in e.weekly])
    metrics = []
    for m in s.attainment:
        sp = m.spread
        metrics.append(w.MetricAttainmentOut(
            m.metric.name, m.metric.kind, m.reps_with_target, _r(sp.median) if sp else None,
            _r(sp.p10) if sp else None, _r(sp.p25) if sp else None, _r(sp.p75) if sp else None,
            _r(sp.p90) if sp else None, _r(sp.ratio) if sp else None, m.on_pace,
            _r(m.on_pace / m.reps_with_target) if m.reps_with_target else None))
    reps = e.reps
    return w.SummaryOut(
        s.team_id, span_out(s.span), s.as_of, pace_out(s.pace), engagement,
        w.AttainmentOut(metrics, reps, s.reps_with_wins, _r(s.reps_with_wins / reps) if reps else None, s.wins),
        w.LeadingLaggingOut(s.won_label, SERIES_WEEKS, LAG_WEEKS,
                            [w.LinkOut(k.type_key, ratio(k.rho), k.n, k.significant, k.strength, k.verdict)
                             for k in s.links]),
        [w.ContestOut(c.contest_id, c.name, c.format, c.ends_at, round(c.elapsed, 4), c.participants, len(c.within),
                      len(c.out), c.out, {g: _r(v) for g, v in c.lines.items()}, c.note) for c in s.contests],
        [w.OutcomesOut(o.action, o.taken, o.measured, o.mean_ratio, o.improved) for o in s.outcomes])


def settings_out(t: Thresholds) -> w.SettingsOut:
    return w.SettingsOut(**dataclasses.asdict(t))


class InsightsController(Controller):
    path = "/api/v1/insights"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["insights"]

    @get("/summary", summary="Engagement, attainment, fairness, leading vs lagging, contests and outcomes")
    async def summary(self, principal: Principal, rt: Runtime, team_id: int | None = TEAM,
                      period: str = Parameter(default="month", pattern="^(week|month|quarter)$"),
                      start: date | None = Parameter(default=None, description="any day of the period")
                      ) -> w.SummaryOut:
        return summary_out(await summary_svc.summary(rt, principal, team_id, period, start))

    @get("/settings", summary="The org's early-warning thresholds")
    async def get_settings(self, principal: Principal, rt: Runtime) -> w.SettingsOut:
        return settings_out(await settings_svc.get_settings(rt, principal))

    @patch("/settings", summary="Change the early-warning thresholds (admins)")
    async def update_settings(self, data: w.SettingsIn, principal: Principal, rt: Runtime) -> w.SettingsOut:
        return settings_out(await settings_svc.update_settings(rt, principal, changes(data)))
