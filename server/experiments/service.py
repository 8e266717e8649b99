"""Hold-out experiments: create (assign every rep at random, stratified, from a stored seed),
list, stop, read assignments and results; and the gate that withholds an arm's mechanics.

Admins only. An org runs one experiment at a time (runs may not share a day), so no rep is in
two arms at once. Assignment happens once, when the experiment is made, and never changes: a rep
who joins the org later is in no arm and keeps the org's program. The gate (`withheld`, installed
in `Registry.mechanic_gates`) tells the missions and the instant wins which reps an arm has them
off on a given day; each process trusts its reading for `GATE_TTL_S` seconds.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit
from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import Conflict, DomainError, Forbidden, NotFound
from server.core.periods import local_date
from server.core.runtime import Part, Runtime
from server.experiments import rules, stats
from server.experiments import schemas as w
from server.experiments import store as repo
from server.ledger.types import types_of
from server.targets import service as targets
from server.targets.rules import Metric

#: How long a process trusts its reading of who has which mechanic withheld.
GATE_TTL_S = 5.0
#: Most experiments one list returns.
MAX_LIST = 200



@dataclass(frozen=True, slots=True)
class Gate:
    """What one experiment withholds on the days `first`..`last`: mechanic -> reps."""

    first: date
    last: date
    off: dict[str, frozenset[int]]


#: org -> the gates of its experiments not stopped nor long over (a process's reading)
_GATE: Part[TTLCache[int, tuple[Gate, ...]]] = Part("experiments.gate", lambda rt: TTLCache(GATE_TTL_S, 10_000))


def require_admin(principal: Principal) -> int:
    if principal.role != "admin" or principal.user_id is None:
        raise Forbidden("forbidden", "only an org admin may run experiments")
    return principal.org_id


@dataclass(frozen=True, slots=True)
class Spec:
    name: str
    unit: str
    metric: str
    variants: list[tuple[str, dict[str, Any]]]
    holdout_share: float
    start: date
    end: date
    baseline: dict[str, Any]
    min_days: int = rules.MIN_RUN_DAYS
    seed: int | None = None


def spec_of(data: w.ExperimentIn) -> Spec:
    """The spec of the API's (and the admin form's) wire body."""
    def program(p: w.ProgramIn) -> dict[str, Any]:
        return {name: getattr(p, name) for name in rules.MECHANICS}

    return Spec(
        data.name, data.unit, data.metric, [(v.name, program(v.program)) for v in data.variants],
        data.holdout_share, data.start, data.end, program(data.baseline) if data.baseline else {}, data.min_days,
        data.seed,
    )


# -- metrics ----------------------------------------------------------------------------------------


async def metric_values(rt: Runtime, org_id: int, metric: str, user_ids: Sequence[int], first: date,
                        end: date) -> dict[int, float]:
    """Each rep's metric over the local days `[first, end)`: `activity` (units of every type),
    `won_value` (value units of the types scored on value), `attainment` (points over the weekly
    points target in force on `first`, prorated to the window; reps without one are absent)."""
    if not user_ids or end <= first:
        return {} if metric == "attainment" else {u: 0.0 for u in user_ids}
    if metric == "activity":
        sums = await targets.window_activity(rt, org_id, user_ids, {"w": (first, end)})
        return {u: float(sums.get(u, {}).get("w", 0)) for u in user_ids}
    if metric == "won_value":
        out = dict.fromkeys(user_ids, 0.0)
        for t in (await types_of(rt, org_id)).values():
            if t.valued:
                done = await targets.actuals(rt, org_id, Metric(t.key, "value", t.id, t.key), user_ids, first, end)
                for uid, v in done.items():
                    out[uid] = out.get(uid, 0.0) + v
        return out
    week = await targets.span(rt, org_id, "week", first)
    held = await targets.in_force(rt, org_id, "points", week, user_ids)
    points = await targets.actuals(rt, org_id, Metric("points", "points"), user_ids, first, end)
    weeks = (end - first).days / 7.0
    return {uid: points.get(uid, 0) / (v.value * weeks) for uid, v in held.items() if v.value}


# -- create, list, stop -----------------------------------------------------------------------------


async def create(rt: Runtime, principal: Principal, spec: Spec) -> Row[Any]:
    org_id = require_admin(principal)
    rules.check_window(spec.start, spec.end)
    arms = rules.arms_of(spec.variants, spec.holdout_share, spec.baseline)
    today = await targets.today(rt, org_id)
    if spec.end < today:
        raise DomainError("invalid_experiment", "the experiment's end is in the past")
    pre_first, pre_end = rules.pre_window(spec.start, spec.end, today)
    reps = [u for u in await accounts.active_members(rt, org_id) if u.role == "rep"]
    values = await metric_values(rt, org_id, spec.metric, [u.id for u in reps], pre_first, pre_end)
    members: dict[int, list[int]] = defaultdict(list)
    for u in reps:
        if spec.unit == "rep" or u.team_id is not None:
            members[u.id if spec.unit == "rep" else int(u.team_id or 0)].append(u.id)
    units = {unit: fmean(values.get(uid, 0.0) for uid in uids) for unit, uids in members.items()}
    if len(units) < 2 * len(arms):
        raise Conflict("too_few_units", f"{len(units)} {spec.unit}s with reps: an experiment with {len(arms)} "
                       f"arms needs at least {2 * len(arms)}")
    seed = spec.seed if spec.seed is not None else secrets.randbits(62)
    placed = rules.assign(units, arms, seed)
    team_of = {u.id: u.team_id for u in reps}
    async with rt.engine.begin() as conn:
        await repo.lock_org(conn, org_id)  # two admins at once: one experiment, one 409
        clash = await repo.overlapping(conn, org_id, spec.start, spec.end)
        if clash is not None:
            raise Conflict("experiment_overlaps", f"experiment {clash.name!r} runs on some of these days: an org "
                           "runs one experiment at a time", details={"experiment_id": clash.id})
        values_row = {
            "org_id": org_id, "name": spec.name, "unit": spec.unit, "metric": spec.metric,
            "arms": [{"name": a.name, "share": a.share, "program": a.program} for a in arms],
            "holdout_share": spec.holdout_share, "start": spec.start, "end": spec.end, "pre_first": pre_first,
            "pre_end": pre_end, "min_days": spec.min_days, "seed": seed, "created_by_user_id": principal.user_id,
            "created_at": rt.now(),
        }
        eid = await repo.add(conn, values_row)
        await repo.add_assignments(conn, [
            {"experiment_id": eid, "org_id": org_id, "user_id": uid, "unit_id": unit, "team_id": team_of[uid],
             "arm": placed[unit][0], "stratum": placed[unit][1], "pre_value": units[unit]}
            for unit, uids in members.items() for uid in uids
        ])
        await audit.record(rt, conn, principal, "experiment", eid, "create", after={
            k: v for k, v in values_row.items() if k in ("name", "unit", "metric", "arms", "holdout_share", "seed")
        } | {"start": spec.start.isoformat(), "end": spec.end.isoformat(), "reps": len(team_of)})
        row = await repo.get(conn, org_id, eid)
    rt.part(_GATE).drop(org_id)
    assert row is not None
    return row


async def _get(rt: Runtime, org_id: int, experiment_id: int) -> Row[Any]:
    async with rt.engine.connect() as conn:
        row = await repo.get(conn, org_id, experiment_id)
    if row is None:
        raise NotFound("experiment_not_found", f"experiment {experiment_id} not found")
    return row


async def get(rt: Runtime, principal: Principal, experiment_id: int) -> Row[Any]:
    return await _get(rt, require_admin(principal), experiment_id)


async def list_all(rt: Runtime, principal: Principal) -> Sequence[Row[Any]]:
    org_id = require_admin(principal)
    async with rt.engine.connect() as conn:
        return await repo.all_of(conn, org_id, MAX_LIST)


async def stop(rt: Runtime, principal: Principal, experiment_id: int) -> Row[Any]:
    """End the run now: every rep gets the org's program back; results cover the days run."""
    org_id = require_admin(principal)
    await _get(rt, org_id, experiment_id)
    async with rt.engine.begin() as conn:
        if not await repo.stop(conn, org_id, experiment_id, rt.now()):
            raise Conflict("experiment_stopped", "the experiment is already stopped")
        await audit.record(rt, conn, principal, "experiment", experiment_id, "stop",
                           before={"stopped": False}, after={"stopped": True})
    rt.part(_GATE).drop(org_id)
    return await _get(rt, org_id, experiment_id)


async def assignments(rt: Runtime, principal: Principal, experiment_id: int) -> Sequence[Row[Any]]:
    org_id = require_admin(principal)
    await _get(rt, org_id, experiment_id)
    async with rt.engine.connect() as conn:
        return await repo.assignments(conn, experiment_id)


def status_of(row: Row[Any], today: date) -> str:
    if row.stopped_at is not None:
        return "stopped"
    if today < row.start:
        return "scheduled"
    return "running" if today <= row.end else "ended"


async def today_of(rt: Runtime, org_id: int) -> date:
    return await targets.today(rt, org_id)


# -- the gate ---------------------------------------------------------------------------------------


async def withheld(rt: Runtime, conn: AsyncConnection, org_id: int, mechanic: str, day: date) -> frozenset[int]:
    """The org's reps whose arm has `mechanic` off in an experiment that runs on the org's local `day`."""
    cache = rt.part(_GATE)
    found = cache.get(org_id)
    if found is None:
        since = local_date(rt.now(), (await org_info(rt, org_id, conn)).tz) - timedelta(days=2)
        per_exp: dict[tuple[date, date], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for r in await repo.not_over(conn, org_id, since):
            program: dict[str, bool] = next((a["program"] for a in r.arms if a["name"] == r.arm), {})
            off = per_exp[(r.start, r.end)]
            for name, on in program.items():
                if not on:
                    off[name].add(r.user_id)
        found = tuple(
            Gate(first, last, {name: frozenset(uids) for name, uids in off.items()})
            for (first, last), off in per_exp.items()
        )
        cache.put(org_id, found)
    out: frozenset[int] = frozenset()
    for g in found:
        if g.first <= day <= g.last:
            out |= g.off.get(mechanic, frozenset())
    return out


# -- results ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VariantResult:
    name: str
    lift: stats.Lift
    balance_smd: float | None
    pre_mean: float


@dataclass(frozen=True, slots=True)
class Results:
    experiment: Row[Any]
    status: str
    run_first: date
    run_end: date  # the day after the last day counted
    elapsed_days: int
    preliminary: bool
    holdout_n: int
    holdout_mean: float
    holdout_pre_mean: float
    variants: list[VariantResult]
    mixed_teams: dict[int, dict[str, int]]
    warnings: list[str]


def _unit_samples(rows: Sequence[Row[Any]], values: dict[int, float]) -> dict[str, list[float]]:
    """Per arm, each unit's value: a rep's own, or the mean of a team's reps that have one."""
    per_unit: dict[tuple[str, int], list[float]] = defaultdict(list)
    for r in rows:
        if r.user_id in values:
            per_unit[(r.arm, r.unit_id)].append(values[r.user_id])
    out: dict[str, list[float]] = defaultdict(list)
    for (arm, _), vs in sorted(per_unit.items()):
        out[arm].append(fmean(vs))
    return out


async def results(rt: Runtime, principal: Principal, experiment_id: int) -> Results:
    org_id = require_admin(principal)
    exp = await _get(rt, org_id, experiment_id)
    today = await targets.today(rt, org_id)
    last = exp.end
    if exp.stopped_at is not None:
        last = min(last, local_date(exp.stopped_at, (await org_info(rt, org_id)).tz))
    elapsed = rules.elapsed_days(exp.start, last, today)
    run_end = exp.start + timedelta(days=elapsed)
    async with rt.engine.connect() as conn:
        rows = await repo.assignments(conn, experiment_id)
    uids = [r.user_id for r in rows]
    run = _unit_samples(rows, await metric_values(rt, org_id, exp.metric, uids, exp.start, run_end))
    pre = _unit_samples(rows, await metric_values(rt, org_id, exp.metric, uids, exp.pre_first, exp.pre_end))
    hold, hold_pre = run.get(rules.HOLDOUT, []), pre.get(rules.HOLDOUT, [])
    warnings: list[str] = []
    preliminary = elapsed < exp.min_days
    if preliminary:
        warnings.append(f"preliminary: {elapsed} of at least {exp.min_days} days run")
    variants = []
    for arm in exp.arms[1:]:
        smd = stats.smd(pre.get(arm["name"], []), hold_pre)
        if not stats.balanced(smd):
            warnings.append(f"unbalanced: {arm['name']} differs from the hold-out before the run "
                            f"(standardised difference {smd:.2f})")
        variants.append(VariantResult(arm["name"], stats.welch(run.get(arm["name"], []), hold), smd,
                                      fmean(pre.get(arm["name"], [])) if pre.get(arm["name"]) else 0.0))
    mixed = stats.mixed_teams({r.user_id: r.arm for r in rows}, {r.user_id: r.team_id for r in rows}) \
        if exp.unit == "rep" else {}
    if mixed:
        warnings.append(f"contaminated: {len(mixed)} team(s) have reps in more than one arm; teammates may "
                        "copy or resent each other's mechanics (use unit team)")
    return Results(exp, status_of(exp, today), exp.start, run_end, elapsed, preliminary, len(hold),
                   fmean(hold) if hold else 0.0, fmean(hold_pre) if hold_pre else 0.0, variants, mixed, warnings)
