"""The manager insights over HTTP: the summary, the early-warning settings, alerts and their
one-click responses, notes, and the weekly digest. Managers see their own team, admins any team
or the whole org; reps, displays and integrations see none of it."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from litestar import Controller, get, patch, post
from litestar.di import Provide
from litestar.params import Parameter

from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.web import provide_principal
from server.core.wire import changes
from server.insights import actions
from server.insights import digest as digest_svc
from server.insights import schemas as w
from server.insights import service as alerts
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
        [w.ContestProgressOut(c.contest_id, c.name, c.format, c.ends_at, round(c.elapsed, 4), c.participants, len(c.within),
                      len(c.out), c.out, {g: _r(v) for g, v in c.lines.items()}, c.note) for c in s.contests],
        outcomes_out(s))


def outcomes_out(s: summary_svc.Summary) -> list[w.OutcomesOut]:
    return [w.OutcomesOut(o.action, o.taken, o.measured, o.mean_ratio, o.improved) for o in s.outcomes]


def action_out(x: Any) -> w.ActionOut:
    return w.ActionOut(x.id, x.action, x.params, x.result, x.created_by_user_id, x.created_at, x.outcome)


def alert_out(v: alerts.AlertView) -> w.AlertOut:
    a = v.alert
    return w.AlertOut(a.id, a.user_id, v.rep.display_name if v.rep else None, a.team_id, a.reason, a.evidence,
                      list(a.suggested_actions), a.status, a.day, a.created_at, a.closed_at,
                      [action_out(x) for x in v.actions], v.outcome)


def settings_out(t: Thresholds) -> w.SettingsOut:
    return w.SettingsOut(**dataclasses.asdict(t))


class InsightsController(Controller):
    path = "/api/v1/insights"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["insights"]

    @get("/summary", operation_id="getInsightsSummary",
         summary="Engagement, attainment, fairness, leading vs lagging, contests and outcomes")
    async def summary(self, principal: Principal, rt: Runtime, team_id: int | None = TEAM,
                      period: str = Parameter(default="month", pattern="^(week|month|quarter)$"),
                      start: date | None = Parameter(default=None, description="any day of the period")
                      ) -> w.SummaryOut:
        return summary_out(await summary_svc.summary(rt, principal, team_id, period, start))

    @get("/settings", operation_id="getInsightsSettings", summary="The org's early-warning thresholds")
    async def get_settings(self, principal: Principal, rt: Runtime) -> w.SettingsOut:
        return settings_out(await settings_svc.get_settings(rt, principal))

    @patch("/settings", operation_id="updateInsightsSettings",
           summary="Change the early-warning thresholds (admins)")
    async def update_settings(self, data: w.SettingsIn, principal: Principal, rt: Runtime) -> w.SettingsOut:
        return settings_out(await settings_svc.update_settings(rt, principal, changes(data)))

    @get("/digest", operation_id="getInsightsDigest",
         summary="The weekly digest: last week's headline numbers, open alerts and outcomes")
    async def digest(self, principal: Principal, rt: Runtime, team_id: int | None = TEAM,
                     week: str | None = Parameter(default=None, max_length=16,
                                                  description="a week id, e.g. w2027-02-08 (default: last week)")
                     ) -> w.DigestOut:
        d = await digest_svc.digest(rt, principal, week, team_id)
        return w.DigestOut(d.week.id, d.week.first, d.team_id, d.headline, [alert_out(v) for v in d.open_alerts],
                           outcomes_out(d.week_summary), [action_out(x) for x in d.actions])

    @get("/notes", operation_id="listInsightNotes", summary="The notes on a rep for their 1:1s, newest first")
    async def notes(self, principal: Principal, rt: Runtime, user_id: int = Parameter(ge=1, le=2**63 - 1),
                    limit: int = Parameter(default=50, ge=1, le=200)) -> w.NoteList:
        rows = await alerts.notes(rt, principal, user_id, limit)
        return w.NoteList([w.NoteOut(n.id, n.user_id, n.author_user_id, n.alert_id, n.body, n.evidence, n.created_at)
                           for n in rows])


class AlertController(Controller):
    path = "/api/v1/alerts"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["insights"]

    @get("", operation_id="listAlerts", summary="Alerts on the reps you manage, newest first")
    async def list_alerts(self, principal: Principal, rt: Runtime,
                          status: str | None = Parameter(default=None, max_length=12),
                          team_id: int | None = TEAM, user_id: int | None = TEAM,
                          before_id: int | None = TEAM,
                          limit: int = Parameter(default=50, ge=1, le=200)) -> w.AlertList:
        views = await alerts.list_alerts(rt, principal, status=status, team_id=team_id, user_id=user_id,
                                         before_id=before_id, limit=limit)
        return w.AlertList([alert_out(v) for v in views], views[-1].alert.id if len(views) == limit else None)

    @get("/{alert_id:int}", operation_id="getAlert",
         summary="One alert with the actions taken and the latest one's outcome")
    async def get_alert(self, alert_id: int, principal: Principal, rt: Runtime) -> w.AlertOut:
        return alert_out(await alerts.get_alert(rt, principal, alert_id))

    @post("/{alert_id:int}/dismiss", operation_id="dismissAlert",
          status_code=200, summary="Dismiss an open alert")
    async def dismiss(self, alert_id: int, principal: Principal, rt: Runtime) -> w.AlertOut:
        return alert_out(await alerts.dismiss(rt, principal, alert_id))

    @post("/{alert_id:int}/actions", operation_id="takeAlertAction", status_code=201,
          summary="Respond in one click: micro_contest, easier_missions, recognize or check_in")
    async def act(self, alert_id: int, data: w.ActionIn, principal: Principal, rt: Runtime) -> w.ActionResultOut:
        req = actions.Request(data.action, data.days, data.size, data.metric, data.prize_points, data.pct,
                              data.message, data.send, data.points)
        view, done = await alerts.act(rt, principal, alert_id, req)
        return w.ActionResultOut(alert_out(view), action_out(done))
