"""Benchmarks of the core scoring loop (issue: core scoring loop). Figures, not assertions.

    python -m loadtests.bench_core [--smoke] [--reps 5000] [--seconds 20] [--only scoring,single,batch,reads]

Needs DATABASE_URL and REDIS_URL (real PostgreSQL and Redis), and wrk on the PATH for the
HTTP parts. Each part prints its figures; docs/performance.md records a full run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import time
from datetime import UTC, datetime
from urllib.parse import urlparse

from loadtests import wrk
from loadtests.core_setup import ApiProcesses, make_org, runtime
from server.board.store import PendingEntry
from server.domain.boards import EntryFacts, board_deltas

TYPES = ["call", "email", "meeting_booked", "proposal_sent", "opportunity_created"]


# -- CPU accounting per process family --------------------------------------------------------
def _procs() -> dict[int, str]:
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "postgres" in cmd.split(" ")[0] or cmd.startswith("postgres"):
            out[int(pid)] = "postgres"
        elif "redis-server" in cmd and _redis_marker() in cmd:
            out[int(pid)] = "redis"
        elif "server.cli api" in cmd or "multiprocessing" in cmd and "server" in cmd:
            out[int(pid)] = "api"
        elif cmd.startswith("wrk"):
            out[int(pid)] = "wrk"
    return out


def _redis_marker() -> str:
    """What identifies the benchmarked redis-server in its command line (its port or socket)."""
    u = urlparse(os.environ.get("REDIS_URL", ""))
    return u.path if u.scheme == "unix" else f":{u.port or 6379}"


def _cpu(pid: int) -> float:
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


class CpuMeter:
    """CPU seconds used per process family while the block runs (as a share of one core)."""

    def __enter__(self):
        self.t0, self.before = time.monotonic(), {p: _cpu(p) for p in _procs()}
        return self

    def __exit__(self, *exc):
        wall = time.monotonic() - self.t0
        usage: dict[str, float] = {}
        for pid, kind in _procs().items():
            usage[kind] = usage.get(kind, 0.0) + _cpu(pid) - self.before.get(pid, 0.0)
        self.line = "  CPU (cores): " + ", ".join(f"{k} {v / wall:.2f}" for k, v in sorted(usage.items()))


# -- the parts ----------------------------------------------------------------------------------
async def bench_scoring(rt, org, seconds: float, concurrency: int = 4, batch: int = 100) -> None:
    info = await rt.org(org.org_id)
    types = await rt.types(org.org_id)
    now = datetime.now(UTC)
    next_id = [10**12 + random.randrange(10**9)]  # synthetic ledger entry ids, never real ones

    def entries() -> list[PendingEntry]:
        out = []
        for _ in range(batch):
            next_id[0] += 1
            t = types[random.choice(TYPES)]
            facts = EntryFacts(next_id[0], random.choice(org.rep_ids), t.key, False, t.points, 1, 0, now, now)
            out.append(PendingEntry(org.org_id, facts.entry_id, facts.user_id, board_deltas(facts, info.tz, 0)))
        return out

    done = 0
    stop = time.monotonic() + seconds

    async def worker():
        nonlocal done
        while time.monotonic() < stop:
            await rt.boards.apply(org.org_id, entries())
            done += batch

    t = time.monotonic()
    with CpuMeter() as cpu:
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    rate = done / (time.monotonic() - t)
    print(f"scoring script (apply.lua, {batch}/call, {concurrency} clients): {rate:,.0f} activities/s "
          f"({rate * 10:,.0f} sorted-set updates/s)")
    print(cpu.line)
    print("redis-benchmark ZINCRBY (same Redis, 50 clients): " + redis_benchmark(os.environ["REDIS_URL"],
                                                                            20_000 if seconds < 5 else 200_000))


def redis_benchmark(url: str, n: int) -> str:
    u = urlparse(url)
    target = ["-s", u.path] if u.scheme == "unix" else ["-h", u.hostname or "127.0.0.1", "-p", str(u.port or 6379)]
    db = u.path.lstrip("/") if u.scheme != "unix" and u.path.strip("/") else "0"
    out = {}
    for label, extra in (("no pipeline", []), ("pipeline 16", ["-P", "16"])):
        r = subprocess.run(["redis-benchmark", *target, "--dbnum", db, "-q", "-n", str(n), "-r", "5000", *extra,
                            "zincrby", "rr:bench:zincrby", "1", "__rand_int__"], capture_output=True, text=True,
                           timeout=120)
        rates = re.findall(r"([\d.]+) requests per second", r.stdout)
        out[label] = f"{float(rates[-1]):,.0f}" if rates else "n/a"
    return ", ".join(f"{k}: {v} ops/s" for k, v in out.items())


def bench_single(org, seconds: float, workers: int, connections: int) -> None:
    with ApiProcesses(workers) as api, CpuMeter() as cpu:
        res = wrk.run(f"{api.url}/api/v1/activities",
                      wrk.lua_random_posts("/api/v1/activities", org.api_key, org.rep_ids, TYPES),
                      connections=connections, seconds=seconds)
    print(f"HTTP single activities, {workers} API process(es), {connections} connections: {res.line()}")
    print(cpu.line)


def bench_batch(org, seconds: float, workers: int, size: int = 500, connections: int = 8) -> None:
    rnd = random.Random(3)
    bodies = [json.dumps({"activities": [{"type": rnd.choice(TYPES), "user_id": rnd.choice(org.rep_ids)}
                                         for _ in range(size)]}) for _ in range(20)]
    with ApiProcesses(workers) as api, CpuMeter() as cpu:
        res = wrk.run(f"{api.url}/api/v1/activities/batch", wrk.lua_bodies("/api/v1/activities/batch", org.api_key,
                                                                           bodies),
                      connections=connections, seconds=seconds)
    print(f"HTTP batches of {size}, {workers} API process(es), {connections} connections: "
          f"{res.rps * size:,.0f} activities/s  (batch p50 {res.p50_ms:.0f} ms, p99 {res.p99_ms:.0f} ms, "
          f"{res.errors} errors)")
    print(cpu.line)


def bench_reads(org, seconds: float, workers: int, readers: int = 100, think_ms: int = 100) -> None:
    rnd = random.Random(5)
    paths = []
    for _ in range(100):
        paths.append("/api/v1/leaderboards/points?window=week&segment=org&limit=50")
        paths.append(f"/api/v1/leaderboards/points/around/{rnd.choice(org.rep_ids)}?window=week&radius=5")
    lua = wrk.lua_bodies("", org.admin_token, paths, method="GET")
    with ApiProcesses(workers) as api:
        with CpuMeter() as cpu:
            paced = wrk.run(f"{api.url}/", lua + f"\ndelay = function() return {think_ms} end\n",
                            connections=readers, seconds=seconds)
        print(f"reads (top-50 and around-me), {readers} readers each every {think_ms} ms, {workers} API "
              f"process(es): {paced.line()}")
        print(cpu.line)
        closed = wrk.run(f"{api.url}/", lua, connections=readers, seconds=seconds)
        print(f"reads, {readers} readers back to back (saturation): {closed.line()}")


async def fill_boards(org, url: str, per_rep: int) -> None:
    import httpx

    rnd = random.Random(9)
    items = [{"type": rnd.choice(TYPES), "user_id": uid} for uid in org.rep_ids for _ in range(per_rep)]
    rnd.shuffle(items)
    async with httpx.AsyncClient(base_url=url, headers={"authorization": f"Bearer {org.api_key}"},
                                 timeout=120) as c:
        for i in range(0, len(items), 500):
            r = await c.post("/api/v1/activities/batch", json={"activities": items[i:i + 500]})
            r.raise_for_status()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, a second per part (CI)")
    ap.add_argument("--reps", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", default="1,2", help="API process counts to try")
    ap.add_argument("--only", default="scoring,single,batch,reads")
    args = ap.parse_args(argv)
    if args.smoke:
        args.reps, args.seconds, args.workers = 200, 2, "1"
    parts = set(args.only.split(","))
    workers = [int(w) for w in args.workers.split(",")]
    rt = runtime()

    async def setup():
        org = await make_org(rt, args.reps, "Bench")
        return org

    org = asyncio.run(setup())
    print(f"org {org.org_id}: {len(org.rep_ids)} reps; PostgreSQL {urlparse(os.environ['DATABASE_URL']).hostname}, "
          f"Redis {os.environ['REDIS_URL']}; {os.cpu_count()} cores")
    if "scoring" in parts:
        async def scoring():
            rt2 = runtime()
            try:
                await bench_scoring(rt2, org, args.seconds)
            finally:
                await rt2.close()
        asyncio.run(scoring())
    for w in workers:
        if "single" in parts:
            bench_single(org, args.seconds, w, connections=64)
        if "batch" in parts:
            bench_batch(org, args.seconds, w)
    if "reads" in parts:
        with ApiProcesses(1) as api:
            asyncio.run(fill_boards(org, api.url, 2 if args.smoke else 4))
        for w in workers:
            bench_reads(org, args.seconds, w)


if __name__ == "__main__":
    main()
