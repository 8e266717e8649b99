"""Batched ingestion through HTTP: POST /api/v1/activities/batch with 500 activities per request.

    python -m loadtests.bench_http_batch [--smoke] [--reps 5000] [--seconds 20] [--workers 1,2]
                                         [--connections 4] [--size 500] [--profile]

Each body holds --size activities for random reps of --reps in the demo's type mix, posted with
the org's API key from wrk with --connections connections per API process (a handful: one batch
already keeps the process busy for tens of milliseconds). wrk's Lua hook reads `accepted` and
`rejected` of every answer; after the run every accepted item is a row, every entry reached the
boards and the all-time points board sums to the ledger.
"""

from __future__ import annotations

import asyncio
import json

from loadtests import loadgen
from loadtests.common import Bench, CpuMeter, Figure, activity_bodies, profile, standalone, while_sampling

TARGET = 20_000
PATH = "/api/v1/activities/batch"


async def run(bench: Bench, args) -> None:
    org = await bench.org()
    size = args.size or (50 if bench.smoke else 500)
    bodies = [json.dumps({"activities": activity_bodies(org.rep_ids, size, seed=100 + i)})
              for i in range(4 if bench.smoke else 40)]
    reqs = [loadgen.Req("POST", PATH, org.api_key, b) for b in bodies]
    per_process = args.connections or 4
    for workers in args.worker_counts:
        api = await bench.api(workers)
        conns = per_process * workers
        await loadgen.run(api.urls, reqs, connections=conns, seconds=1 if bench.smoke else 5, batch=True)
        await bench.quiet()
        await asyncio.sleep(1)  # requests still in flight when the warm-up stopped land first
        before, sessions = await bench.max_activity_id(), await bench.pg_sessions()
        with CpuMeter(api) as cpu:
            res, windows = await while_sampling(bench, loadgen.run(api.urls, reqs, connections=conns,
                                                                   seconds=bench.seconds, batch=True),
                                                0.5 if bench.smoke else 5)
        created = await bench.count_since(org.org_id, before)  # wrk does not count requests in flight at its end
        sessions = await bench.pg_sessions() - sessions
        failed = bench.check(res.good > 0 and not res.bad and not res.errors and
                             res.good <= created <= res.good + 2 * conns * size,
                             f"batches: {res.good} items accepted, {res.bad} rejected or failed, {res.errors} "
                             f"socket errors, {created} rows written")
        rate = res.good / res.seconds
        notes = [failed] if failed else []
        notes += [f"{res.requests:,} batches = {res.good:,} activities in {res.seconds:.1f} s ({res.tool}); "
                 f"{created:,} rows written; {sessions} PostgreSQL "
                 "connections opened meanwhile; latency is per batch request"]
        if windows:
            notes.append("server-side rate per window: " + " ".join(f"{r:,.0f}" for r in windows))
        notes.append(await bench.boards_match_ledger(org))
        bench.add(Figure("POST /activities/batch", f"{workers} API process(es), {conns} connections, "
                         f"{size}/batch, {len(org.rep_ids)} reps", rate, "activities/s", res.p50, res.p95,
                         res.p99, target=">= 20,000/s", met=None if bench.smoke else rate >= TARGET,
                         cpu=cpu.line(), binds=cpu.binds(), notes=notes))
        if args.profile and workers == 1:
            lines, _ = await asyncio.gather(
                profile(api.pids()[0], bench.seconds, "batch"),
                loadgen.run(api.urls, reqs, connections=conns, seconds=bench.seconds + 2, batch=True))
            print("\n".join("    " + ln for ln in lines))


def main(argv: list[str] | None = None) -> None:
    standalone(run, argv, __doc__)


if __name__ == "__main__":
    main()
