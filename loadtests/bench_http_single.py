"""Single activities through HTTP: POST /api/v1/activities, one activity per request.

    python -m loadtests.bench_http_single [--smoke] [--reps 5000] [--seconds 20] [--workers 1,2]
                                          [--connections 16] [--profile]

The org's API key posts for random reps of --reps, in the demo's type mix (server/demo.py), from
wrk with --connections keep-alive connections per API process. Each request is the full activity
path: auth (cached key), validation, one SQL transaction (activity, daily-cap counter, ledger
entry), apply.lua, the rep's realtime event; the API's sync loop marks entries boarded. Before
measuring: a warm-up (caches, pools, scripts). After: every 201 is a row, every entry reached
the boards and the all-time points board sums to the ledger.
"""

from __future__ import annotations

import asyncio
import json

from loadtests import loadgen
from loadtests.common import Bench, CpuMeter, Figure, activity_bodies, profile, standalone, while_sampling

TARGET = 1_500
PATH = "/api/v1/activities"


async def run(bench: Bench, args) -> None:
    org = await bench.org()
    bodies = activity_bodies(org.rep_ids, 500 if bench.smoke else 20_000, seed=1)
    reqs = [loadgen.Req("POST", PATH, org.api_key, json.dumps(b)) for b in bodies]
    per_process = args.connections or 16
    for workers in args.worker_counts:
        api = await bench.api(workers)
        conns = per_process * workers
        await loadgen.run(api.urls, reqs, connections=conns, seconds=1 if bench.smoke else 5, expect=201)
        await bench.quiet()
        await asyncio.sleep(1)  # requests still in flight when the warm-up stopped land first
        before, sessions = await bench.max_activity_id(), await bench.pg_sessions()
        with CpuMeter(api) as cpu:
            res, windows = await while_sampling(bench, loadgen.run(api.urls, reqs, connections=conns,
                                                                   seconds=bench.seconds, expect=201),
                                                0.5 if bench.smoke else 5)
        created = await bench.count_since(org.org_id, before)  # wrk does not count requests in flight at its end
        sessions = await bench.pg_sessions() - sessions
        failed = bench.check(res.good > 0 and not res.bad and not res.errors and
                             res.good <= created <= res.good + 2 * conns,
                             f"single posts: {res.good} answered 201, {res.bad} other statuses, {res.errors} "
                             f"socket errors, {created} rows written")
        rate = res.good / res.seconds
        notes = [failed] if failed else []
        notes += [f"{res.good:,} activities in {res.seconds:.1f} s ({res.tool}); {created:,} rows written; "
                 f"{sessions} PostgreSQL connections opened meanwhile"]
        if windows:
            notes.append("server-side rate per window: " + " ".join(f"{r:,.0f}" for r in windows))
        notes.append(await bench.boards_match_ledger(org))
        bench.add(Figure("POST /activities (single)", f"{workers} API process(es), {conns} connections, "
                         f"{len(org.rep_ids)} reps", rate, "activities/s", res.p50, res.p95, res.p99,
                         target=">= 1,500/s", met=None if bench.smoke else rate >= TARGET,
                         cpu=cpu.line(), binds=cpu.binds(), notes=notes))
        if args.profile and workers == 1:
            lines, _ = await asyncio.gather(
                profile(api.pids()[0], bench.seconds, "single"),
                loadgen.run(api.urls, reqs, connections=conns, seconds=bench.seconds + 2, expect=201))
            print("\n".join("    " + ln for ln in lines))


def main(argv: list[str] | None = None) -> None:
    standalone(run, argv, __doc__)


if __name__ == "__main__":
    main()
