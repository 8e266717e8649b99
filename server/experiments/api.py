"""Hold-out experiments over HTTP (org admins only)."""

from __future__ import annotations

import math
from typing import Any

from litestar import Controller, get, post
from litestar.di import Provide
from sqlalchemy import Row

from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.web import provide_principal
from server.experiments import schemas as w
from server.experiments import service as svc
from server.experiments import stats


def experiment_out(row: Row[Any], status: str) -> w.ExperimentOut:
    return w.ExperimentOut(
        row.id, row.name, row.unit, row.metric, [w.ArmOut(a["name"], a["share"], a["program"]) for a in row.arms],
        row.holdout_share, row.start, row.end, row.pre_first, row.pre_end, row.min_days, row.seed, status,
        row.stopped_at, row.created_at,
    )


def results_out(r: svc.Results) -> w.ExperimentResultsOut:
    variants = []
    for v in r.variants:
        rel = v.lift.relative_ci
        variants.append(w.LiftOut(
            v.name, v.lift.n_variant, v.lift.mean_variant, v.pre_mean, v.lift.diff, v.lift.ci_low, v.lift.ci_high,
            v.lift.relative, rel[0] if rel else None, rel[1] if rel else None, v.lift.df, v.lift.significant,
            v.balance_smd if v.balance_smd is None or math.isfinite(v.balance_smd) else None,
            stats.balanced(v.balance_smd),
        ))
    e = r.experiment
    return w.ExperimentResultsOut(
        e.id, e.metric, e.unit, r.status, r.run_first, r.run_end, r.elapsed_days, e.min_days, r.preliminary, 0.95,
        w.HoldoutOut(r.holdout_n, r.holdout_mean, r.holdout_pre_mean), variants,
        [w.MixedTeamOut(t, arms) for t, arms in r.mixed_teams.items()], r.warnings,
    )


class ExperimentController(Controller):
    path = "/api/v1/experiments"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["experiments"]

    @post("/", operation_id="createExperiment", summary="Start a hold-out experiment: every rep (or team) is assigned to an arm now (admins)")
    async def create(self, data: w.ExperimentIn, principal: Principal, rt: Runtime) -> w.ExperimentOut:
        row = await svc.create(rt, principal, svc.spec_of(data))
        return experiment_out(row, svc.status_of(row, await svc.today_of(rt, row.org_id)))

    @get("/", operation_id="listExperiments", summary="The org's experiments, newest first (admins)")
    async def index(self, principal: Principal, rt: Runtime) -> w.ExperimentList:
        rows = await svc.list_all(rt, principal)
        today = await svc.today_of(rt, principal.org_id)
        return w.ExperimentList([experiment_out(r, svc.status_of(r, today)) for r in rows])

    @get("/{experiment_id:int}", operation_id="getExperiment", summary="One experiment (admins)")
    async def one(self, experiment_id: int, principal: Principal, rt: Runtime) -> w.ExperimentOut:
        row = await svc.get(rt, principal, experiment_id)
        return experiment_out(row, svc.status_of(row, await svc.today_of(rt, row.org_id)))

    @post("/{experiment_id:int}/stop", operation_id="stopExperiment", status_code=200,
          summary="Stop the experiment now: every rep gets the org's program back (admins)")
    async def stop(self, experiment_id: int, principal: Principal, rt: Runtime) -> w.ExperimentOut:
        row = await svc.stop(rt, principal, experiment_id)
        return experiment_out(row, "stopped")

    @get("/{experiment_id:int}/assignments", operation_id="listExperimentAssignments",
         summary="Which arm each rep is in, and why (admins)")
    async def assignments(self, experiment_id: int, principal: Principal, rt: Runtime) -> w.AssignmentsOut:
        exp = await svc.get(rt, principal, experiment_id)
        rows = await svc.assignments(rt, principal, experiment_id)
        counts: dict[str, int] = {a["name"]: 0 for a in exp.arms}
        for r in rows:
            counts[r.arm] = counts.get(r.arm, 0) + 1
        return w.AssignmentsOut(exp.id, exp.seed, counts, [
            w.AssignmentOut(r.user_id, r.unit_id, r.team_id, r.arm, r.stratum, r.pre_value) for r in rows
        ])

    @get("/{experiment_id:int}/results", operation_id="getExperimentResults",
         summary="Each variant's lift over the hold-out, with guards (admins)")
    async def results(self, experiment_id: int, principal: Principal, rt: Runtime) -> w.ExperimentResultsOut:
        return results_out(await svc.results(rt, principal, experiment_id))
