"""The scoring script alone: server/board/lua/apply.lua through BoardStore.apply (no HTTP, no SQL),
beside redis-benchmark's ZINCRBY rate on the same Redis in the same run.

    python -m loadtests.bench_scoring_script [--smoke] [--reps 5000] [--seconds 20]

Each activity moves 10 sorted sets (points and its type x day/week/month/quarter/all) of a
synthetic org (id 900000000 + pid, no SQL rows; its keys are deleted afterwards) whose boards
hold --reps members. Entries are built as the activity path builds them (`board_deltas` of a
ledger entry, the demo's type mix) with synthetic entry ids, before the clock starts; what is
timed is BoardStore.apply: packing the arguments, EVALSHA, the script. Two shapes:
  1 entry per call   what one POST /activities sends (32 callers);
  100 per call       what a batch sends (board_sync.APPLY_CHUNK), 4 callers (the target) and 8.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import re
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from loadtests.common import Bench, CpuMeter, Figure, percentile, redis_target, run_cmd, standalone
from server.board import keys
from server.board.rules import board_deltas
from server.board.store import PendingEntry, board_store
from server.core.events import EntryFacts
from server.demo.seed import MIX
from server.ledger.sync import APPLY_CHUNK
from server.ledger.type_store import DEFAULT_TYPES

TARGET = 30_000
#: (entries per call, concurrent callers); the target is read on (APPLY_CHUNK, 4), 8 callers show
#: whether the script rate is bound by Redis or by the caller (one Python process) feeding it.
SHAPES = ((1, 32), (APPLY_CHUNK, 4), (APPLY_CHUNK, 8))


def _deltas() -> tuple[list[str], list[int], dict]:
    """Board deltas per activity type (quantity 1; a $10,000 deal for the valued type)."""
    now, tz = datetime.now(UTC), ZoneInfo("America/New_York")
    points = {t[0]: (t[2], t[3] is not None) for t in DEFAULT_TYPES}
    out = {}
    for key, (pts, valued) in points.items():
        facts = EntryFacts(0, 0, key, valued, pts, 1, 10_000 if valued else 0, now, now)
        out[key] = board_deltas(facts, tz, 0)
    return [m[0] for m in MIX], [m[1] for m in MIX], out


async def _apply_for(bench: Bench, org_id: int, members: list[int], batch: int, callers: int, seconds: float,
                     ids) -> tuple[int, float, list[float], CpuMeter]:
    names, weights, deltas = _deltas()
    rnd = random.Random(batch)
    mix = [(rnd.choice(members), deltas[k]) for k in rnd.choices(names, weights, k=10_000)]
    cycle = itertools.cycle(mix)
    lat: list[float] = []
    done = 0
    stop = time.monotonic() + seconds

    async def caller() -> None:
        nonlocal done
        while time.monotonic() < stop:
            entries = [PendingEntry(org_id, next(ids), m, d) for m, d in itertools.islice(cycle, batch)]
            t = time.perf_counter()
            await board_store(bench.rt).apply(org_id, entries)
            lat.append((time.perf_counter() - t) * 1000)
            done += batch

    t0 = time.monotonic()
    before = await cmdstats(bench)
    with CpuMeter() as cpu:
        await asyncio.gather(*(caller() for _ in range(callers)))
    cpu.redis_time = redis_time(before, await cmdstats(bench), max(done, 1))
    return done, time.monotonic() - t0, lat, cpu


async def cmdstats(bench: Bench) -> dict[str, tuple[int, int]]:
    """Redis's INFO commandstats: command -> (calls, usec). Server-wide: other clients count too."""
    info = await bench.rt.redis.info("commandstats")
    return {k.removeprefix("cmdstat_"): (v["calls"], v["usec"]) for k, v in info.items()}


def redis_time(before: dict, after: dict, activities: int) -> str:
    """Where Redis spends its time per activity: EVALSHA in total, and the commands the script calls."""
    per = {k: (after[k][1] - before.get(k, (0, 0))[1]) / activities for k in after}
    inner = ("zadd", "zmscore", "zscore", "set", "smismember", "sadd", "expire", "zrem", "expireat", "exists",
             "publish")
    total = per.get("evalsha", 0.0)
    parts = ", ".join(f"{k} {per.get(k, 0.0):.1f}" for k in inner if per.get(k, 0.0) >= 0.05)
    rest = total - sum(per.get(k, 0.0) for k in inner)
    return (f"Redis time per activity (INFO commandstats): EVALSHA {total:.1f} us = {parts}, "
            f"Lua and redis.call overhead {rest:.1f}")


async def redis_benchmark(url: str, key: str, n: int, members: int, pipeline: int) -> tuple[float, float]:
    """redis-benchmark ZINCRBY on `key` with 50 clients: (ops/s, p50 ms)."""
    host, port, db = redis_target(url)
    cmd = ["redis-benchmark", "-h", host, "-p", str(port), "--dbnum", str(db), "-q", "-c", "50", "-n", str(n),
           "-r", str(members), "-P", str(pipeline), "zincrby", key, "1", "__rand_int__"]
    out = (await run_cmd(*cmd, limit_s=300)).replace("\r", "\n")
    rate = re.findall(r"([\d.]+) requests per second", out)
    p50 = re.findall(r"p50=([\d.]+) msec", out)
    if not rate:
        raise RuntimeError(f"could not read redis-benchmark's output: {out[-500:]}")
    return float(rate[-1]), float(p50[-1]) if p50 else float("nan")


async def _cleanup(bench: Bench, pattern: str) -> int:
    doomed, gone = [], 0
    async for k in bench.rt.redis.scan_iter(match=pattern, count=5000):
        doomed.append(k)
        if len(doomed) >= 5000:
            gone += await bench.rt.redis.unlink(*doomed)
            doomed = []
    if doomed:
        gone += await bench.rt.redis.unlink(*doomed)
    return gone


async def run(bench: Bench, args) -> None:
    org_id = 900_000_000 + os.getpid() % 100_000
    members = list(range(1, bench.reps + 1))
    ids = itertools.count(10**12)
    await board_store(bench.rt).ensure_meta(org_id)
    try:
        # Warm-up: every member gets a score on every board, as after a few hours of a working day.
        await _apply_for(bench, org_id, members, APPLY_CHUNK, 4, 0.5 if bench.smoke else 3, ids)
        for batch, callers in SHAPES:
            await bench.quiet()
            done, wall, lat, cpu = await _apply_for(bench, org_id, members, batch, callers, bench.seconds, ids)
            rate = done / wall
            redis_us = cpu.cores.get("redis", 0.0) * wall / max(done, 1) * 1e6
            bench.check(done > 0, "the scoring script applied nothing")
            is_target = (batch, callers) == SHAPES[1]
            bench.add(Figure(
                "apply.lua via BoardStore.apply", f"{batch}/call, {callers} callers, {bench.reps} members",
                rate, "activities/s", percentile(lat, 50), percentile(lat, 95), percentile(lat, 99),
                target=">= 30,000/s" if is_target else "(single-post shape)" if batch == 1 else "(saturation check)",
                met=(rate >= TARGET) if is_target and not bench.smoke else None, cpu=cpu.line(), binds=cpu.binds(),
                notes=[f"{rate * 10:,.0f} sorted-set updates/s; Redis CPU {redis_us:.1f} us per activity "
                       f"(one Redis core: ~{1e6 / max(redis_us, 1e-9):,.0f} activities/s); latency is per call",
                       cpu.redis_time]))
        key = f"{keys.prefix()}:bench:zincrby:{os.getpid()}"
        n = 10_000 if bench.smoke else 300_000
        for pipeline in (1, 16):
            await bench.quiet()
            with CpuMeter() as cpu:
                rate, p50 = await redis_benchmark(bench.settings.redis_url, key, n * pipeline, bench.reps, pipeline)
            bench.add(Figure("redis-benchmark ZINCRBY", f"50 clients, pipeline {pipeline}, {n * pipeline:,} ops, "
                             f"{bench.reps} members", rate, "ops/s", p50, target="(reference)", cpu=cpu.line()))
        await bench.rt.redis.unlink(key)
    finally:
        gone = await _cleanup(bench, f"{keys.tag(org_id)}:*")
        print(f"  removed the synthetic org's {gone:,} keys")


def main(argv: list[str] | None = None) -> None:
    standalone(run, argv, __doc__)


if __name__ == "__main__":
    main()
