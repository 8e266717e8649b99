"""Targets over HTTP: set them (managers for their team, admins for anyone), read them with
attainment and pace (reps: their own), their versions, and suggested targets."""

from __future__ import annotations

from datetime import date

from litestar import Controller, get, put
from litestar.di import Provide
from litestar.params import Parameter

from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.web import provide_principal
from server.targets import schemas as w
from server.targets import service as svc
from server.targets.rules import MAX_TARGET, on_pace

METRIC = Parameter(min_length=1, max_length=80, description="points, an activity type key, or <key>_value")
PERIOD = Parameter(pattern="^(week|month|quarter)$")
TEAM = Parameter(default=None, ge=1, le=2**63 - 1)


class TargetController(Controller):
    path = "/api/v1/targets"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["targets"]

    @put("", operation_id="setTargets",
         summary="Set targets from the first day of a period on (a new version per rep)")
    async def put_targets(self, data: w.TargetsIn, principal: Principal, rt: Runtime) -> w.TargetsSetOut:
        s, versions = await svc.put_targets(rt, principal, data.metric, data.period, data.start,
                                            [(t.user_id, t.value) for t in data.targets])
        return w.TargetsSetOut(data.metric, data.period, s.first, [w.version_out(v) for v in versions])

    @get("", operation_id="getTargets", summary="The targets that hold in a period, with attainment and pace")
    async def get_targets(self, principal: Principal, rt: Runtime, metric: str = METRIC, period: str = PERIOD,
                          start: date | None = Parameter(default=None, description="any day of the period"),
                          team_id: int | None = TEAM) -> w.TargetsOut:
        view = await svc.get_targets(rt, principal, metric, period, start, team_id)
        entries = []
        for row in view.rows:
            a, t = row.attained, row.attained.target
            entries.append(w.TargetEntryOut(
                row.user.id, row.user.display_name, row.user.team_id, t.value if t else None, a.actual,
                w.ratio(a.attainment), on_pace(a.attainment, view.pace), t.version if t else None,
                t.starts_on if t else None, t.set_by_user_id if t else None, t.created_at if t else None))
        return w.TargetsOut(view.metric.name, view.metric.kind, w.span_out(view.span), w.pace_out(view.pace), entries)

    @get("/history", operation_id="getTargetHistory",
         summary="Every version of one rep's target, newest first")
    async def history(self, principal: Principal, rt: Runtime, user_id: int = Parameter(ge=1, le=2**63 - 1),
                      metric: str = METRIC, period: str = PERIOD) -> w.HistoryOut:
        versions = await svc.history_of(rt, principal, metric, period, user_id)
        return w.HistoryOut(metric, period, user_id, [w.version_out(v) for v in versions])

    @get("/suggest", operation_id="suggestTargets",
         summary="A suggested target per rep from their own history, with an explanation")
    async def suggest(self, principal: Principal, rt: Runtime, metric: str = METRIC, period: str = PERIOD,
                      team_id: int | None = TEAM,
                      team_total: int | None = Parameter(default=None, ge=1, le=MAX_TARGET,
                                                         description="scale the suggestions to add up to this")
                      ) -> w.SuggestionsOut:
        s, found = await svc.suggest(rt, principal, metric, period, team_id, team_total)
        return w.SuggestionsOut(metric, w.span_out(s), [
            w.SuggestionOut(u.id, u.display_name, g.value, g.basis, g.explanation) for u, g in found])

