"""A run of several programs and its report: Markdown, PNG plots (matplotlib) and JSON."""

from __future__ import annotations

import json
import logging
import platform
import random
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt

from server.core.ops.progress import Progress
from server.core.periods import local_midnight
from server.core.settings import Settings
from server.ledger import ingest
from server.simulate import figures
from server.simulate.driver import Config, Outcome, Sim, run_program
from server.simulate.programs import PROGRAMS, Program

log = logging.getLogger("reprally.simulate")
INGEST_SAMPLE = 2000


async def ingest_rate(settings: Settings, cfg: Config) -> float:
    """Activities a second through `ingest.record(batch=True)` in batches of 500, on the same
    backends and machine: a fresh org of the same size with the out-of-the-box program."""
    sim = Sim(settings, PROGRAMS["default"], Config(reps=cfg.reps, weeks=1, seed=cfg.seed, history_weeks=0))
    try:
        await sim.create()
        at = local_midnight(cfg.start, sim.tz) + timedelta(hours=15)
        sim.clock.set(at)
        rng = random.Random(cfg.seed)
        ids = [s.user_id for s in sim.states]
        items = [
            ingest.ActivityInput(
                rng.choice(("call", "email", "meeting_booked")),
                1,
                None,
                at - timedelta(minutes=rng.randint(1, 300)),
                None,
                rng.choice(ids),
            )
            for _ in range(INGEST_SAMPLE)
        ]
        t = time.perf_counter()
        for i in range(0, len(items), 500):
            await ingest.record(sim.rt, sim.admin, items[i : i + 500], batch=True)
        return len(items) / (time.perf_counter() - t)
    finally:
        await sim.close()


async def run(
    settings: Settings, programs: list[Program], cfg: Config, progress: Progress | None = None
) -> tuple[dict[str, Outcome], dict[str, Any]]:
    t0 = time.perf_counter()
    outcomes: dict[str, Outcome] = {}
    for p in programs:
        log.info(
            "program %s: %d reps, %d weeks (+%d of history)", p.name, cfg.reps, cfg.weeks, cfg.history_weeks
        )
        outcomes[p.name] = await run_program(settings, p, cfg)
        if progress is not None:
            progress.advance(1, p.name)
    rate = await ingest_rate(settings, cfg)
    total = time.perf_counter() - t0
    acts = sum(o.activities for o in outcomes.values())
    sim_s = sum(o.seconds for o in outcomes.values())
    run_info = {
        "reps": cfg.reps,
        "weeks": cfg.weeks,
        "seed": cfg.seed,
        "history_weeks": cfg.history_weeks,
        "programs": [p.name for p in programs],
        "database": settings.database_url.split(":", 1)[0],
        "seconds": round(total, 1),
        "simulated_activities": acts,
        "simulated_activities_per_second": round(acts / sim_s, 1) if sim_s else None,
        "batched_ingestion_per_second": round(rate, 1),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "model": "server/simulate/model.py (Params defaults)",
    }
    return outcomes, run_info


def build(outcomes: dict[str, Outcome], run_info: dict[str, Any], cap: int) -> dict[str, Any]:
    figs = {name: figures.program_figures(o, cap) for name, o in outcomes.items()}
    gs = figures.goals(figs)
    return {
        "programs": figs,
        "run": run_info,
        "goals": [{"goal": g.name, "figure": g.figure, "target": g.target, "met": g.met} for g in gs],
    }


def plots(data: dict[str, Any], out: Path) -> list[str]:
    plt.switch_backend("Agg")  # files only, never a window
    names = list(data["programs"])
    made = []
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for n in names:
        ws = data["programs"][n]["weekly_win_share"]
        ax.plot(range(1, len(ws) + 1), [100 * w for w in ws], marker="o", label=n)
    ax.axhline(60, color="grey", ls="--", lw=0.8)
    ax.axhline(90, color="grey", ls=":", lw=0.8)
    ax.set(
        xlabel="simulated week",
        ylabel="reps with a meaningful win (%)",
        ylim=(0, 105),
        title="Weekly win share by program",
    )
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "weekly_win_share.png", dpi=110)
    plt.close(fig)
    made.append("weekly_win_share.png")

    fig, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.8 / max(1, len(names))
    for i, n in enumerate(names):
        qs = data["programs"][n]["win_share_by_skill_quartile"]
        ax.bar([k + i * width for k in range(4)], [100 * v for v in qs.values()], width, label=n)
    ax.set_xticks([k + 0.4 - width / 2 for k in range(4)], list(figures.QUARTILES), fontsize=8)
    ax.set(ylabel="mean weekly win share (%)", title="Win share by skill quartile", ylim=(0, 105))
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "win_share_by_quartile.png", dpi=110)
    plt.close(fig)
    made.append("win_share_by_quartile.png")

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for i, n in enumerate(names):
        qs = data["programs"][n]["effort_vs_baseline_by_skill_quartile"]
        ax.bar([k + i * width for k in range(4)], [100 * (v or 0) for v in qs.values()], width, label=n)
    ax.axhline(100, color="grey", ls="--", lw=0.8)
    ax.set_xticks([k + 0.4 - width / 2 for k in range(4)], list(figures.QUARTILES), fontsize=8)
    ax.set(ylabel="leading activity vs own history (%)", title="Effort against baseline by skill quartile")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "effort_by_quartile.png", dpi=110)
    plt.close(fig)
    made.append("effort_by_quartile.png")
    return made


def markdown(data: dict[str, Any], images: list[str]) -> str:
    r = data["run"]
    lines = [
        f"# Simulation report: {r['reps']} reps, {r['weeks']} weeks, seed {r['seed']}",
        "",
        "Every figure below depends on the behavioural model in `server/simulate/model.py` "
        "(its parameters, their sources and limits: docs/simulation.md). The engine (scoring, missions, "
        "streaks, badges, contests, kudos, notifications) is the product's own code.",
        "",
        "## Goals",
        "",
        "| goal | figure | target | met |",
        "|---|---|---|---|",
    ]
    for g in data["goals"]:
        met = "n/a" if g["met"] is None else ("met" if g["met"] else "NOT met")
        lines.append(f"| {g['goal']} | {g['figure']} | {g['target']} | {met} |")
    progs = data["programs"]
    names = list(progs)
    lines += ["", "## Figures", "", "| figure | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]

    def row(label: str, fn: Any) -> None:
        lines.append(f"| {label} | " + " | ".join(fn(progs[n]) for n in names) + " |")

    def pct(x: Any) -> str:
        return "n/a" if x is None else f"{100 * x:.0f}%"

    row("mean weekly win share", lambda f: pct(f["mean_weekly_win_share"]))
    row("weekly win share (each week)", lambda f: " ".join(f"{100 * w:.0f}" for w in f["weekly_win_share"]))
    for qn in figures.QUARTILES:
        row(f"win share, {qn}", lambda f, qn=qn: pct(f["win_share_by_skill_quartile"][qn]))
    for kind in ("mission", "badge", "contest", "kudos"):
        row(f"weekly share winning by {kind}", lambda f, kind=kind: pct(f["win_share_by_kind"][kind]))
    row("within reach at mid-period (all)", lambda f: pct(f["within_reach"]))
    row("within reach at mid-period (bottom half)", lambda f: pct(f["within_reach_bottom_half"]))
    for qn in figures.QUARTILES:
        row(f"effort vs baseline, {qn}", lambda f, qn=qn: pct(f["effort_vs_baseline_by_skill_quartile"][qn]))
    row("points Gini", lambda f: f"{f['points_gini']:.3f}")
    row(
        "median attainment (weekly target)",
        lambda f: "n/a" if f["median_attainment_pct"] is None else f"{f['median_attainment_pct']:.0f}%",
    )
    row("won value", lambda f: f"{f['won_value']:,.0f}")
    row("top fifth's share of won value", lambda f: pct(f["top_fifth_revenue_share"]))
    row(
        "notices per rep per working day (median)",
        lambda f: f"{f['notifications_per_rep_per_working_day_median']:.1f}",
    )
    row(
        "pushes per rep per working day (median)",
        lambda f: f"{f['pushes_per_rep_per_working_day_median']:.1f}",
    )
    row("simulated activities", lambda f: str(f["activities"]))
    row("run time (s, simulated weeks)", lambda f: f"{f['seconds']:.0f}")
    row("activities per second", lambda f: str(f["activities_per_second"]))
    lines += [
        "",
        "## Run",
        "",
        f"- total {r['seconds']:.0f} s on {r['database']} ({r['machine']}, Python {r['python']}); "
        f"{r['simulated_activities']} simulated activities at {r['simulated_activities_per_second']} a second "
        f"(with the jobs and the reps' reads), beside {r['batched_ingestion_per_second']} a second of plain "
        "batched ingestion (`ingest.record(batch=True)`, 500 a batch) on the same machine and backends.",
        f"- command: `reprally simulate --reps {r['reps']} --weeks {r['weeks']} --seed {r['seed']} "
        f"--programs {','.join(r['programs'])}`",
        "",
    ]
    for img in images:
        lines += [f"![{img}]({img})", ""]
    return "\n".join(lines)


def before_after(before: dict[str, Any], after: dict[str, Any], note: str) -> str:
    """A section comparing the goals' figures of an earlier run (the product's old defaults)."""
    lines = ["## Before and after", "", note, "", "| goal | before | after |", "|---|---|---|"]
    old = {g["goal"]: g for g in before.get("goals", [])}
    for g in after["goals"]:
        b = old.get(g["goal"])

        def cell(x: dict[str, Any] | None) -> str:
            if x is None:
                return "n/a"
            return f"{x['figure']} ({'n/a' if x['met'] is None else 'met' if x['met'] else 'NOT met'})"

        lines.append(f"| {g['goal']} | {cell(b)} | {cell(g)} |")
    keys = (
        "mean_weekly_win_share",
        "within_reach_bottom_half",
        "points_gini",
        "median_attainment_pct",
        "pushes_per_rep_per_working_day_median",
    )
    lines += ["", "| program | figure | before | after |", "|---|---|---|---|"]
    for name, f in after["programs"].items():
        prev = before.get("programs", {}).get(name, {})
        for k in keys:
            lines.append(f"| {name} | {k} | {prev.get(k, 'n/a')} | {f.get(k)} |")
    return "\n".join(lines) + "\n"


def write(
    data: dict[str, Any],
    out: Path,
    json_file: Path | None,
    before: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    images = plots(data, out)
    text = markdown(data, images)
    if before is not None:
        text += "\n" + before_after(before, data, note)
    (out / "report.md").write_text(text)
    (out / "report.json").write_text(json.dumps(data, indent=1))
    if json_file:
        json_file.write_text(json.dumps(data, indent=1))
