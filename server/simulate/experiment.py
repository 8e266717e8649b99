"""A hold-out experiment on a simulated team (`reprally simulate --experiment missions`).

One fresh org runs the `missions` program through the real engine, with an experiment made the
evening before the first simulated day through `experiments.service`: the hold-out's program has
missions withheld (`baseline {missions: false}`), the variant keeps them. The engine honours the
arms (no missions are created for hold-out reps), the reps respond to what the engine shows
them, and the experiment's own results give the lift on activity with its interval.

From the same run, a power table: for each run length (the first W weeks) the per-rep standard
deviations and the lift measured over those weeks, and the chance a team of N reps (half in the
hold-out) would see an interval that excludes 0 (`experiments.stats.power`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from statistics import fmean, stdev

from server.core.periods import local_midnight
from server.core.settings import Settings
from server.experiments import rules, stats
from server.experiments import service as experiments
from server.simulate.driver import Config, Sim
from server.simulate.programs import PROGRAMS, configure
from server.targets import service as targets

#: What `--experiment` can run: the variant's program, the hold-out's, and the program simulated.
EXPERIMENTS = {"missions": ({"missions": True}, {"missions": False}, "missions")}
TEAM_SIZES = (10, 20, 50, 100, 200)


@dataclass(frozen=True, slots=True)
class PowerRow:
    weeks: int
    lift: float
    sd_variant: float
    sd_holdout: float
    #: team size -> power
    power: dict[int, float]


@dataclass(frozen=True, slots=True)
class ExperimentRun:
    name: str
    results: experiments.Results
    table: list[PowerRow]


async def run_experiment(settings: Settings, name: str, cfg: Config, holdout_share: float = 0.5) -> ExperimentRun:
    if name not in EXPERIMENTS:
        raise ValueError(f"unknown experiment '{name}' (known: {', '.join(EXPERIMENTS)})")
    variant, baseline, program_name = EXPERIMENTS[name]
    sim = Sim(settings, PROGRAMS[program_name], cfg)
    try:
        await sim.create()
        await sim.history()
        sim.clock.set(local_midnight(cfg.start, sim.tz) - timedelta(hours=12))
        sim.contest_ids = await configure(sim.rt, sim.admin, sim.program, cfg.start, cfg.weeks,
                                          await sim.weekly_targets())
        last = cfg.start + timedelta(weeks=cfg.weeks) - timedelta(days=1)
        spec = experiments.Spec(f"{name} (simulated)", "rep", "activity", [(name, variant)], holdout_share,
                                cfg.start, last, baseline, min(rules.MIN_RUN_DAYS, cfg.weeks * 7), cfg.seed)
        row = await experiments.create(sim.rt, sim.admin, spec)
        await sim.simulate()
        res = await experiments.results(sim.rt, sim.admin, row.id)
        arm_of = {r.user_id: r.arm for r in await experiments.assignments(sim.rt, sim.admin, row.id)}
        weekly = await targets.weekly_activity(sim.rt, sim.admin.org_id, list(arm_of), cfg.start,
                                               last + timedelta(days=1))
        return ExperimentRun(name, res, power_table(arm_of, weekly, cfg.weeks, name))
    finally:
        await sim.close()


def power_table(arm_of: dict[int, str], weekly: dict[tuple[int, int], int], weeks: int,
                variant: str) -> list[PowerRow]:
    """For runs of 1, 2, 4, ... weeks: the per-rep totals over the first W weeks of each arm, and
    the power for each team size with the measured lift and standard deviations."""
    out = []
    for w in sorted({1, 2, 4, weeks} & set(range(1, weeks + 1))):
        totals: dict[str, list[float]] = defaultdict(list)
        for uid, arm in sorted(arm_of.items()):
            totals[arm].append(float(sum(weekly.get((uid, k), 0) for k in range(w))))
        v, h = totals.get(variant, []), totals.get(rules.HOLDOUT, [])
        if len(v) < 2 or len(h) < 2:
            continue
        lift, sv, sh = fmean(v) - fmean(h), stdev(v), stdev(h)
        out.append(PowerRow(w, lift, sv, sh, {n: stats.power(lift, sv, sh, n - n // 2, n // 2) for n in TEAM_SIZES}))
    return out


def markdown(run: ExperimentRun, cfg: Config) -> str:
    r = run.results
    lines = [f"# Simulated experiment: {run.name}", "",
             f"{cfg.reps} reps, {cfg.weeks} weeks, seed {cfg.seed}: the hold-out has {run.name} withheld, the "
             f"variant keeps them; metric: activity (units logged per rep over the run).", ""]
    for v in r.variants:
        ci = "n/a" if v.lift.ci_low is None else f"{v.lift.ci_low:.1f} to {v.lift.ci_high:.1f}"
        rel = "n/a" if v.lift.relative is None else f"{v.lift.relative * 100:+.1f}%"
        lines += [f"- lift of `{v.name}` over the hold-out: {v.lift.diff:+.1f} units per rep ({rel}), "
                  f"95% interval {ci}; n = {v.lift.n_variant} and {v.lift.n_holdout}; "
                  f"pre-period SMD {v.balance_smd if v.balance_smd is None else round(v.balance_smd, 2)}"]
    lines += [f"- warnings: {'; '.join(r.warnings) or 'none'}", "",
              "Power (chance the 95% interval excludes 0) by run length and team size, half in the hold-out:", "",
              "| weeks | lift per rep | sd variant | sd hold-out | " + " | ".join(f"{n} reps" for n in TEAM_SIZES) + " |",
              "|---|---|---|---|" + "---|" * len(TEAM_SIZES)]
    for p in run.table:
        lines.append(f"| {p.weeks} | {p.lift:+.1f} | {p.sd_variant:.1f} | {p.sd_holdout:.1f} | "
                     + " | ".join(f"{p.power[n] * 100:.0f}%" for n in TEAM_SIZES) + " |")
    return "\n".join(lines) + "\n"
