"""Every benchmark, in the order of docs/performance.md, then the figures as one table.

    python -m loadtests.run_all --smoke      # CI: tiny sizes, about half a minute, exit 0 if all ran sane
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench REDIS_URL=redis://127.0.0.1:6379/14 \\
        python -m loadtests.run_all --reset  # the full run recorded in docs/performance.md

Options are those of the single benchmarks (--reps, --seconds, --workers, --profile, ...). The
core benchmarks share one org and one API process per worker count. The realtime benchmark
(loadtests/bench_realtime.py, its own set-up) and the features' benchmarks (contests, the habit
loop on vs off in process and over HTTP, push, metrics and logs on vs off) run after them in subprocesses when present,
unless --core-only.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from loadtests import bench_http_batch, bench_http_single, bench_reads, bench_scoring_script
from loadtests.common import Bench, parse_args, table

CORE = (bench_scoring_script, bench_http_single, bench_http_batch, bench_reads)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    core_only = "--core-only" in argv
    args = parse_args([a for a in argv if a != "--core-only"], __doc__)
    t0 = time.monotonic()

    async def core() -> int:
        async with Bench(args.smoke, args.reps, args.seconds, args.reset) as bench:
            for module in CORE:
                print(f"\n== {module.__name__}", flush=True)
                await module.run(bench, args)
            print(f"\n== figures ({time.monotonic() - t0:.0f} s)\n{table(bench.figures)}", flush=True)
            return len(bench.failures)

    failures = asyncio.run(core())
    if failures:
        print(f"{failures} check(s) failed")
    rc = 1 if failures else 0
    if not core_only and (Path(__file__).parent / "bench_realtime.py").exists():
        print("\n== loadtests.bench_realtime", flush=True)
        rc |= subprocess.call([sys.executable, "-m", "loadtests.bench_realtime", *(["--smoke"] if args.smoke else [])])
    for extra in ("bench_contests", "bench_habits", "bench_habits_http", "bench_push", "bench_insights",
                  "bench_integrations", "bench_observability", "bench_admin"):  # features' own benchmarks, each in its own process
        print(f"\n== loadtests.{extra}", flush=True)
        rc |= subprocess.call([sys.executable, "-m", f"loadtests.{extra}", *(["--smoke"] if args.smoke else [])])
    print(f"\nall benchmarks done in {time.monotonic() - t0:.0f} s", flush=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
