"""Activity ingestion with the daily habit loop on and off (streaks, combo, missions, badges).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_habits REDIS_URL=redis://127.0.0.1:6379/13 \\
        python -m loadtests.bench_habits [--smoke] [--reps 200] [--activities 4000] [--concurrency 8] \\
            [--sequential 400] [--profile out.prof]

In process, through the same service call the HTTP handler makes (`ingestion.record`, one activity
per call, an integration key's principal), so the difference between the modes is the hooks'
work inside the activity transaction plus their post-commit work. Two runtimes share the
backends: one with HABITS_ENABLED=true, one with false. Each mode gets its own org of --reps reps
(America/New_York, every day a working day); a warm-up logs one activity per rep first, which
creates each rep's missions for the day (the per-day cold path, timed separately). Measured
rounds alternate off/on so drift on a shared machine hits both. Checks afterwards: the "on" org's
ledger holds bonus entries and its boards match the ledger; the "off" org has no habit rows.

Besides the rates (noisy on a shared machine) it prints contention-insensitive figures per mode:
SQL statements per activity (counted on each runtime's engine), this process's CPU ms per activity
(the hooks' Python and the driver; the database's own CPU is not in it) and, with --sequential,
the latency of one caller posting back to back (alternating modes in blocks of 50).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time

import msgspec
from sqlalchemy import event, func, select

from loadtests.common import make_org, migrate, percentile, settings
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.demo.seed import random_activity
from server.features import make_runtime
from server.habits import context as habit_context
from server.habits import store as habits_repo
from server.habits.models import HabitDay
from server.ledger import ingest as ingestion
from server.ledger.models import LedgerEntry


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--activities", type=int, default=4000, help="per mode, over all rounds")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--sequential", type=int, default=400, help="per mode, one caller, after the concurrent rounds")
    ap.add_argument("--profile", metavar="FILE", help="cProfile the measured 'on' rounds into FILE")
    a = ap.parse_args(argv)
    if a.smoke:
        a.reps, a.activities, a.rounds, a.sequential = min(a.reps, 20), min(a.activities, 200), 2, 20
    return a


def count_statements(rt: Runtime) -> list[int]:
    """A one-cell counter of the SQL statements `rt`'s engine sends (executemany counts once)."""
    n = [0]

    def bump(*_args) -> None:
        n[0] += 1

    event.listen(rt.engine.sync_engine, "before_cursor_execute", bump)
    return n


async def post_all(rt, principal: Principal, bodies: list[dict], concurrency: int) -> list[float]:
    """Record `bodies` with `concurrency` callers; returns each call's latency in ms."""
    queue = list(reversed(bodies))
    lat: list[float] = []

    async def worker() -> None:
        while queue:
            b = queue.pop()
            t0 = time.perf_counter()
            (out,) = await ingestion.record(rt, principal, [ingestion.ActivityInput(
                b["type"], b.get("quantity", 1), b.get("value"), None, None, b["user_id"])])
            if out.error is not None:
                raise RuntimeError(f"activity refused: {out.error.code}")
            lat.append((time.perf_counter() - t0) * 1000)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return lat


def bodies_for(rep_ids: list[int], n: int, seed: int) -> list[dict]:
    """The demo's activity mix (server/demo.py) for random reps."""
    rnd = random.Random(seed)
    return [random_activity(rnd, rep_ids) for _ in range(n)]


async def setup(rt: Runtime, reps: int):
    """An org (seeded with the starter badges and templates) where every day is a working day."""
    org = await make_org(rt, reps)
    async with rt.engine.begin() as conn:
        await habits_repo.update_settings(conn, org.org_id, {"workdays": [0, 1, 2, 3, 4, 5, 6]})
    habit_context.forget(rt, org.org_id)
    return org, Principal(org.org_id, "integration", api_key_id=None)


async def main(argv=None) -> int:
    a = parse(sys.argv[1:] if argv is None else argv)
    await migrate()
    base = settings()
    on_rt = make_runtime(msgspec.structs.replace(base, habits_enabled=True))
    off_rt = make_runtime(msgspec.structs.replace(base, habits_enabled=False))
    failures = []
    stmts = {"off": count_statements(off_rt), "on": count_statements(on_rt)}
    prof = None
    if a.profile:
        import cProfile

        prof = cProfile.Profile()
    try:
        on_org, on_p = await setup(on_rt, a.reps)
        off_org, off_p = await setup(off_rt, a.reps)
        # warm-up: one activity per rep (on: creates each rep's missions for the day)
        t0 = time.perf_counter()
        cold_on = await post_all(on_rt, on_p, [{"type": "call", "user_id": u} for u in on_org.rep_ids],
                                 a.concurrency)
        cold_on_s = time.perf_counter() - t0
        cold_off = await post_all(off_rt, off_p, [{"type": "call", "user_id": u} for u in off_org.rep_ids],
                                  a.concurrency)
        per_round = max(1, a.activities // a.rounds)
        lat = {"off": [], "on": []}
        secs = {"off": 0.0, "on": 0.0}
        cpu = {"off": 0.0, "on": 0.0}
        sql = {"off": 0, "on": 0}
        modes = (("off", off_rt, off_org, off_p), ("on", on_rt, on_org, on_p))
        for r in range(a.rounds):
            for mode, rt, org, p in modes:
                bodies = bodies_for(org.rep_ids, per_round, seed=100 + r)
                n0, c0, t0 = stmts[mode][0], time.process_time(), time.perf_counter()
                if prof is not None and mode == "on":
                    prof.enable()
                lat[mode] += await post_all(rt, p, bodies, a.concurrency)
                if prof is not None and mode == "on":
                    prof.disable()
                secs[mode] += time.perf_counter() - t0
                cpu[mode] += time.process_time() - c0
                sql[mode] += stmts[mode][0] - n0
        seq = {"off": [], "on": []}
        for r in range(0, a.sequential, 50):
            for mode, rt, org, p in modes:
                seq[mode] += await post_all(rt, p, bodies_for(org.rep_ids, min(50, a.sequential - r), seed=900 + r), 1)
        async with on_rt.engine.connect() as conn:
            bonus = await conn.scalar(select(func.count()).select_from(LedgerEntry).where(
                LedgerEntry.org_id == on_org.org_id,
                LedgerEntry.kind.in_(("streak_bonus", "mission_bonus", "badge_bonus"))))
            off_days = await conn.scalar(select(func.count()).select_from(HabitDay).where(
                HabitDay.org_id == off_org.org_id))
        if not bonus:
            failures.append("habits on: no bonus entries were written")
        if off_days:
            failures.append("habits off: habit rows were written")
        print(f"habits benchmark: {a.reps} reps per org, {per_round * a.rounds} activities per mode in "
              f"{a.rounds} alternating rounds, {a.concurrency} concurrent callers, {base.database_url.split('@')[-1]}")
        print(f"{'mode':<34}{'activities/s':>14}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'SQL/act':>9}"
              f"{'CPU ms/act':>12}")
        for mode in ("off", "on"):
            v = lat[mode]
            print(f"{'HABITS_ENABLED=' + ('true' if mode == 'on' else 'false'):<34}{len(v) / secs[mode]:>14,.0f}"
                  f"{percentile(v, 50):>9.1f}{percentile(v, 95):>9.1f}{percentile(v, 99):>9.1f}"
                  f"{sql[mode] / len(v):>9.2f}{cpu[mode] * 1000 / len(v):>12.2f}")
        print(f"{'first activity of the day, on':<34}{len(cold_on) / cold_on_s:>14,.0f}{percentile(cold_on, 50):>9.1f}"
              f"{percentile(cold_on, 95):>9.1f}{percentile(cold_on, 99):>9.1f}")
        print(f"{'first activity of the day, off':<34}{'':>14}{percentile(cold_off, 50):>9.1f}"
              f"{percentile(cold_off, 95):>9.1f}{percentile(cold_off, 99):>9.1f}")
        for mode in ("off", "on"):
            v = seq[mode]
            if v:
                print(f"{'one caller, ' + ('on' if mode == 'on' else 'off'):<34}{len(v) * 1000 / sum(v):>14,.0f}"
                      f"{percentile(v, 50):>9.1f}{percentile(v, 95):>9.1f}{percentile(v, 99):>9.1f}"
                      f"{'':>9}{'mean ' + format(sum(v) / len(v), '.2f'):>12}")
        print(f"bonus ledger entries written with habits on: {bonus}")
        if prof is not None:
            prof.dump_stats(a.profile)
            print(f"profile of the 'on' rounds: {a.profile}")
    finally:
        await on_rt.close()
        await off_rt.close()
    for f in failures:
        print("CHECK FAILED:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
