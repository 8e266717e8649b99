"""Leaderboard reads under 100 concurrent readers, each endpoint on its own:
  top 50      GET /api/v1/leaderboards/points?window=week&limit=50
  around me   GET /api/v1/leaderboards/points/around/<own id>?window=week&radius=5

    python -m loadtests.bench_reads [--smoke] [--reps 5000] [--seconds 20] [--workers 1,2]
                                    [--connections 100] [--profile]

Reader model: --connections readers (default 100), each a keep-alive connection of wrk carrying a
different rep's access token (around-me centres on that rep):
  paced 1 s     before each request a reader waits 0.5-1.5 s (uniform): 100 people with the board
                open, refreshing once a second on average, ~100 requests/s offered. This is the
                model the p99 <= 10 ms target is judged on.
  paced 100 ms  the same with ten times the appetite (~1,000 requests/s offered).
  closed loop   no think time: the saturation throughput, and the latency at saturation.
The week board holds every rep (filled through the batch endpoint if it does not yet). No writes
run during the reads.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import httpx

from loadtests import loadgen
from loadtests.common import Bench, CpuMeter, Figure, activity_bodies, profile, standalone
from loadtests.realtime_setup import mint_tokens
from server.board import keys
from server.core.periods import period_for

TARGET_P99_MS = 10.0


async def fill(bench: Bench, url: str, org) -> int:
    """Make sure every rep is on this week's points board; returns its size."""
    tz = ZoneInfo("America/New_York")
    key = keys.board(org.org_id, "points", "week", period_for("week", datetime.now(UTC), tz, 0).id)
    if await bench.rt.redis.zcard(key) < len(org.rep_ids):
        items = [{"type": "call", "user_id": uid} for uid in org.rep_ids]
        items += activity_bodies(org.rep_ids, 2 * len(org.rep_ids), seed=7)
        headers = {"authorization": f"Bearer {org.api_key}", "content-type": "application/json"}
        async with asyncio.timeout(300), httpx.AsyncClient(base_url=url, timeout=60, headers=headers) as c:
            for i in range(0, len(items), 500):  # one pass, in order
                resp = await c.post("/api/v1/activities/batch", content=json.dumps({"activities": items[i:i + 500]}))
                if resp.status_code != 200 or resp.json()["rejected"]:
                    raise SystemExit(f"filling the board failed: {resp.status_code} {resp.text[:300]}")
    return await bench.rt.redis.zcard(key)


async def run(bench: Bench, args) -> None:
    org = await bench.org()
    readers = args.connections or 100
    viewers = org.rep_ids[:: max(1, len(org.rep_ids) // readers)][:readers]
    tokens = await mint_tokens(bench.settings.database_url, bench.settings.jwt_secret, org.org_id, viewers)
    endpoints = {
        "top 50": [loadgen.Req("GET", "/api/v1/leaderboards/points?window=week&limit=50", tokens[u])
                   for u in viewers],
        "around me": [loadgen.Req("GET", f"/api/v1/leaderboards/points/around/{u}?window=week&radius=5",
                                  tokens[u]) for u in viewers],
    }
    models = [("closed loop", 0)] if bench.smoke else [("paced 1 s", 1000), ("paced 100 ms", 100),
                                                       ("closed loop", 0)]
    for workers in args.worker_counts:
        api = await bench.api(workers)
        size = await fill(bench, api.url, org)
        for name, reqs in endpoints.items():
            await loadgen.run(api.urls, reqs, connections=readers, seconds=1 if bench.smoke else 3)
            for model, think in models:
                seconds = max(bench.seconds, 30) if think >= 1000 else bench.seconds
                await bench.quiet()
                with CpuMeter(api) as cpu:
                    res = await loadgen.run(api.urls, reqs, connections=readers, seconds=seconds, think_ms=think)
                failed = bench.check(res.good > 0 and not res.bad and not res.errors,
                                     f"reads ({name}): {res.good} answered 200, {res.bad} other statuses, "
                                     f"{res.errors} socket errors")
                paced = think > 0
                bench.add(Figure(
                    f"GET {name}", f"{workers} API process(es), {readers} readers, {model}, board of {size}",
                    res.good / res.seconds, "reads/s", res.p50, res.p95, res.p99,
                    target="p99 <= 10 ms" if paced else "(saturation)",
                    met=(res.p99 <= TARGET_P99_MS) if paced and not bench.smoke else None,
                    cpu=cpu.line(), binds=cpu.binds(),
                    notes=([failed] if failed else []) + [f"{res.good:,} reads in {res.seconds:.1f} s ({res.tool}); max {res.max:.1f} ms"]))
            if args.profile and workers == 1:
                lines, _ = await asyncio.gather(
                    profile(api.pids()[0], bench.seconds, name.replace(" ", "-")),
                    loadgen.run(api.urls, reqs, connections=readers, seconds=bench.seconds + 2))
                print("\n".join("    " + ln for ln in lines))


def main(argv: list[str] | None = None) -> None:
    standalone(run, argv, __doc__)


if __name__ == "__main__":
    main()
