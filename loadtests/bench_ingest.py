"""The ingestion service in process, without HTTP: CPU and SQL statements per activity.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_ing REDIS_URL=redis://127.0.0.1:6379/7 \\
        python -m loadtests.bench_ingest [--smoke] [--reps 5000] [--batches 16] [--size 500] \\
            [--singles 4000] [--concurrency 32] [--profile out.prof]

Through the calls the HTTP handlers make, with the org's integration key as the caller:
`ingestion.record(..., batch=True)` for --batches batches of --size activities (one at a time),
then `ingestion.record_single` for --singles posts from --concurrency concurrent callers (they go
through group commit as under HTTP load). The habit loop follows HABITS_ENABLED (the HTTP
benchmarks' default is on; pass HABITS_ENABLED=false for the numbers in docs/performance.md).

The figures that do not depend on other load on the machine: this process's CPU ms per activity
(Python, the driver and the Redis client; not PostgreSQL's or Redis's own CPU) and SQL statements
per activity (counted on the engine; an executemany counts once). Throughput is printed too.
After the run the all-time points board must equal the ledger.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from loadtests.bench_habits import count_statements
from loadtests.common import Bench, activity_bodies
from server.core.auth import Principal
from server.ledger import ingest as ingestion
from server.ledger import sync as board_sync
from server.ledger.group_commit import single_posts


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--reps", type=int, default=5000)
    ap.add_argument("--batches", type=int, default=16)
    ap.add_argument("--size", type=int, default=500)
    ap.add_argument("--singles", type=int, default=4000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--profile", metavar="FILE", help="cProfile the measured parts into FILE")
    a = ap.parse_args(argv)
    if a.smoke:
        a.reps, a.batches, a.size, a.singles, a.concurrency = min(a.reps, 200), 2, 50, 100, 8
    return a


def items(bodies: list[dict]) -> list[ingestion.ActivityInput]:
    return [ingestion.ActivityInput(b["type"], b.get("quantity", 1), b.get("value"), None, None, b["user_id"])
            for b in bodies]


async def measure(label: str, stmts: list[int], n: int, coro, prof) -> str:
    s0, c0, t0 = stmts[0], time.process_time(), time.perf_counter()
    if prof is not None:
        prof.enable()
    await coro
    if prof is not None:
        prof.disable()
    wall, cpu, sql = time.perf_counter() - t0, time.process_time() - c0, stmts[0] - s0
    return (f"{label:<36}{n / wall:>12,.0f}/s{cpu * 1000 / n:>10.3f} ms CPU/act"
            f"{sql / n:>9.3f} SQL/act  ({n:,} activities, {sql:,} statements, {wall:.1f} s)")


async def run(a) -> int:
    async with Bench(a.smoke, a.reps, 0) as bench:
        rt = bench.rt
        org = await bench.org()
        key = Principal(org.org_id, "integration", None, api_key_id=org.api_key_id)
        stmts = count_statements(rt)
        prof = None
        if a.profile:
            import cProfile

            prof = cProfile.Profile()
        await ingestion.record(rt, key, items(activity_bodies(org.rep_ids, a.size, seed=7)), batch=True)  # warm-up
        batches = [items(activity_bodies(org.rep_ids, a.size, seed=100 + i)) for i in range(a.batches)]

        async def all_batches():
            for b in batches:
                out = await ingestion.record(rt, key, b, batch=True)
                bad = [o.error.code for o in out if o.error is not None]
                if bad:
                    raise RuntimeError(f"batch items refused: {bad[:3]}")

        singles = list(reversed(items(activity_bodies(org.rep_ids, a.singles, seed=5))))

        async def caller():
            while singles:
                out = await ingestion.record_single(rt, key, singles.pop())
                if out.error is not None:
                    raise RuntimeError(f"activity refused: {out.error.code}")

        print(f"habit loop {'on' if rt.settings.habits_enabled else 'off'}; {len(org.rep_ids)} reps")
        if a.batches:
            print(await measure(f"batches of {a.size}", stmts, a.batches * a.size, all_batches(), prof))
        if a.singles:
            g0, p0 = single_posts(rt).groups, single_posts(rt).posts
            line = await measure(f"single posts, {a.concurrency} callers", stmts, a.singles,
                                 asyncio.gather(*(caller() for _ in range(a.concurrency))), prof)
            groups = single_posts(rt).groups - g0
            print(f"{line}; {(single_posts(rt).posts - p0) / max(groups, 1):.1f} posts per group")
        if prof is not None:
            prof.dump_stats(a.profile)
            print(f"profile: {a.profile}")
        await board_sync.flush_boarded(rt)  # what an API's sync loop does every 0.25 s
        check = await bench.boards_match_ledger(org)
        print(check)
        return 1 if bench.failures else 0


def main(argv=None) -> int:
    return asyncio.run(run(parse(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":
    sys.exit(main())
