"""Single activities through HTTP with the daily habit loop on and off, interleaved.

    python -m loadtests.bench_habits_http [--smoke] [--reps 1000] [--seconds 10] [--rounds 3]
                                          [--connections 16]

One org of --reps reps (teams of 10, the starter badges and mission templates, every day a
working day) whose reps have all logged their first activity of the day, so their missions
exist (the worker creates them at the start of each rep's day). Then rounds alternate between
an API process started with HABITS_ENABLED=false and one started with true (the order flips
every round so drift on a shared machine hits both), each posting the same request mix
(POST /api/v1/activities, the demo's type mix, random reps, the org's API key) for --seconds
from --connections keep-alive connections. Both modes write to the same org, so boards and
ledger are the same size for both.

Per mode it prints the rate, the latency and the API process's CPU per activity (the figure
that does not depend on how busy the machine is), and the on/off ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json

import msgspec

from loadtests import loadgen
from loadtests.common import (
    Api,
    Bench,
    CpuMeter,
    Figure,
    activity_bodies,
    make_org,
    percentile,
    profile,
    run_with,
    start_the_day,
)
from server.features import make_runtime
from server.habits import context as habit_context
from server.habits import store as habits_repo

PATH = "/api/v1/activities"


async def run(bench: Bench, args: argparse.Namespace) -> None:
    on_rt = make_runtime(msgspec.structs.replace(bench.settings, habits_enabled=True))
    try:
        org = await make_org(on_rt, bench.reps)
        async with on_rt.engine.begin() as conn:
            await habits_repo.update_settings(conn, org.org_id, {"workdays": [0, 1, 2, 3, 4, 5, 6]})
        habit_context.forget(on_rt, org.org_id)
        await start_the_day(on_rt, org)
    finally:
        await on_rt.close()
    rounds = 1 if bench.smoke else args.rounds
    conns = args.connections
    seconds = 1 if bench.smoke else bench.seconds
    stats: dict[str, dict] = {m: {"n": 0, "secs": 0.0, "api_cpu": 0.0, "lat": []} for m in ("off", "on")}
    for r in range(rounds):
        for mode in (("off", "on") if r % 2 == 0 else ("on", "off")):
            bodies = activity_bodies(org.rep_ids, 300 if bench.smoke else 30_000, seed=10 * r + (mode == "on"))
            reqs = [loadgen.Req("POST", PATH, org.api_key, json.dumps(b)) for b in bodies]
            api = await Api(1, {"HABITS_ENABLED": "true" if mode == "on" else "false"}).start()
            try:
                await loadgen.run(api.urls, reqs[:2000], connections=conns, seconds=1 if bench.smoke else 3,
                                  expect=201)  # warm: caches, pools, prepared statements
                await bench.quiet()
                with CpuMeter(api) as cpu:
                    run = loadgen.run(api.urls, reqs, connections=conns, seconds=seconds, expect=201)
                    if args.profile and r == rounds - 1:  # py-spy the API during the last round
                        lines, res = await asyncio.gather(profile(api.pids()[0], seconds - 1, f"habits-{mode}"), run)
                        print("\n".join("    " + ln for ln in lines[:12]))
                    else:
                        res = await run
            finally:
                api.stop()
            bench.check(res.good > 0 and not res.bad and not res.errors,
                        f"habits {mode}: {res.good} answered 201, {res.bad} other statuses, {res.errors} errors")
            s = stats[mode]
            s["n"] += res.good
            s["secs"] += res.seconds
            s["api_cpu"] += sum(cpu.api_cores) * cpu.wall
            s["lat"].append((res.p50, res.p99))
            print(f"  round {r + 1} {mode:>3}: {res.good / res.seconds:,.0f}/s, p50 {res.p50:.1f} ms, "
                  f"API {sum(cpu.api_cores) * cpu.wall * 1000 / max(res.good, 1):.2f} CPU ms/activity; {cpu.line()}",
                  flush=True)
    rate = {m: s["n"] / max(s["secs"], 1e-9) for m, s in stats.items()}
    cpu_ms = {m: s["api_cpu"] * 1000 / max(s["n"], 1) for m, s in stats.items()}
    for mode in ("off", "on"):
        s = stats[mode]
        notes = [f"API CPU {cpu_ms[mode]:.2f} ms per activity; {s['n']:,} activities over {rounds} round(s)"]
        if mode == "on":
            notes.append(f"on vs off: throughput {100 * (rate['on'] / max(rate['off'], 1e-9) - 1):+.1f} %, "
                         f"API CPU per activity {100 * (cpu_ms['on'] / max(cpu_ms['off'], 1e-9) - 1):+.1f} %")
        bench.add(Figure("POST /activities, habit loop " + mode, f"1 API process, {conns} connections, "
                         f"{len(org.rep_ids)} reps, rounds interleaved", rate[mode], "activities/s",
                         percentile([p for p, _ in s["lat"]], 50), float("nan"),
                         max(p99 for _, p99 in s["lat"]), target="(on vs off)", notes=notes))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, one short round, no timing checks (CI)")
    ap.add_argument("--reps", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=10, help="measured seconds per mode and round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--profile", action="store_true", help="py-spy the API in each mode during the last round")
    args = ap.parse_args(argv)
    if args.smoke:
        args.reps = min(args.reps, 100)

    run_with(run, args)


if __name__ == "__main__":
    main()
