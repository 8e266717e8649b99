"""Contests benchmark: what a live 5,000-rep contest adds to the activity path, how fast its live
standings are read and rebuilt, and how long closing and awarding it takes.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<db> REDIS_URL=redis://127.0.0.1:6379/<n> \\
        python -m loadtests.bench_contests [--smoke] [--reps 5000] [--per-rep 10] [--samples 400]

In one process (no HTTP: the service calls the routes make), on a fresh org of --reps reps:
  1. a live contest (individual, points, whole org, prizes for the top 10) is created and launched;
  2. backfill: --per-rep activities per rep through the activity path in batches of 500 (they count);
  3. single activity, contest live: --samples sequential `ingestion.record` calls, latency each;
     and the one read the contests hook adds to the activity path, alone;
  4. the standings script alone (ContestStore.apply, one row per call), calls/s;
  5. GET standings (5,000 participants ranked from Redis), latency;
  6. rebuild of the standings from the SQL ledger (what a Redis flush costs);
  7. close and award: end + award (results of every participant frozen, prizes paid, notices, feed);
  8. single activity again with no live contest (the baseline the cost in 3 is measured against).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from loadtests.common import db_name, make_org, percentile, settings, single_activities
from server.accounts.directory import org_info
from server.accounts.models import User
from server.contests import lifecycle as contest_lifecycle
from server.contests import service as contests
from server.contests import standings as contest_standings
from server.contests.board import ContestRow
from server.core.auth import Principal
from server.core.periods import local_date
from server.features import make_runtime
from server.ledger import ingest as ingestion


def _ms(values: list[float]) -> str:
    return (f"p50 {percentile(values, 50) * 1000:.2f} ms  p95 {percentile(values, 95) * 1000:.2f} ms  "
            f"p99 {percentile(values, 99) * 1000:.2f} ms  (n={len(values)})")


async def run(args) -> int:
    s = settings()
    rt = make_runtime(s)
    failures = 0
    try:
        print(f"backends: database {db_name(s.database_url)!r}, Redis {s.redis_url}; "
              f"{'smoke' if args.smoke else 'full'} run, {args.reps} reps")
        t = time.perf_counter()
        org = await make_org(rt, args.reps)
        print(f"org {org.org_id}: {args.reps} reps in {time.perf_counter() - t:.1f} s")
        async with rt.engine.connect() as conn:
            admin_id = await conn.scalar(select(User.id).where(User.org_id == org.org_id, User.role == "admin"))
        admin = Principal(org.org_id, "admin", int(admin_id))
        info = await org_info(rt, org.org_id)
        today = local_date(datetime.now(UTC), info.tz)
        made = await contests.create(rt, admin, {
            "name": "Bench blitz", "metric": "points", "start_date": today, "end_date": today + timedelta(days=6),
            "prizes": [{"place": p, "points": 100 * (11 - p)} for p in range(1, 11)]})
        t = time.perf_counter()
        made = await contests.launch(rt, admin, made.id)
        print(f"launch + start (participants and baselines frozen, standings built): "
              f"{(time.perf_counter() - t) * 1000:.0f} ms")

        # 2. backfill through the activity path
        items = [ingestion.ActivityInput(type="call", user_id=uid) for uid in org.rep_ids for _ in range(args.per_rep)]
        t = time.perf_counter()
        for i in range(0, len(items), 500):
            await ingestion.record(rt, admin, items[i:i + 500], batch=True)
        dt = time.perf_counter() - t
        print(f"backfill: {len(items)} activities in batches of 500 with the contest live: "
              f"{len(items) / dt:,.0f} activities/s")

        # 3. single activity, contest live
        live = await single_activities(rt, admin, org.rep_ids, args.samples)
        print(f"single activity, contest live:      {_ms(live)}")

        # 3b. the hook's one extra read (which live contests is this rep in?)
        from server.contests import store as contests_repo
        q = []
        async with rt.engine.connect() as conn:
            for i in range(args.samples):
                t = time.perf_counter()
                await contests_repo.running_for_users(conn, org.org_id, [org.rep_ids[i % len(org.rep_ids)]])
                q.append(time.perf_counter() - t)
        print(f"hook read (running_for_users, 1 rep):  {_ms(q)}")

        # 4. the standings script alone
        store = contest_standings.store(rt)
        n = args.samples * 5
        t = time.perf_counter()
        for i in range(n):
            await store.apply(org.org_id, made.id,
                              [ContestRow(f"bench{i}", org.rep_ids[i % len(org.rep_ids)], 0, ("t",))])
        dt = time.perf_counter() - t
        print(f"ContestStore.apply alone (1 row/call, sequential): {n / dt:,.0f} calls/s, "
              f"{dt / n * 1e6:.0f} us/call")

        # 5. standings read
        reads = []
        for _ in range(max(5, args.samples // 20)):
            t = time.perf_counter()
            st = await contests.standings(rt, admin, made.id)
            reads.append(time.perf_counter() - t)
        print(f"GET standings ({len(st.rows)} participants):  {_ms(reads)}")
        expected = args.per_rep * 2 * len(org.rep_ids) + 2 * args.samples
        got = sum(r.total for r in st.rows)
        if got != expected:
            print(f"CHECK FAILED: standings sum {got} != ledger {expected}")
            failures += 1

        # 6. rebuild from SQL
        t = time.perf_counter()
        rows = await contest_standings.rebuild(rt, org.org_id, made.id)
        print(f"rebuild from the ledger ({rows} rows): {(time.perf_counter() - t) * 1000:.0f} ms")

        # 7. close and award
        later = made.ends_at + timedelta(seconds=s.contest_settle_s + 1)
        t = time.perf_counter()
        ended = await contest_lifecycle.end(rt, made.id, later)
        t_end = time.perf_counter() - t
        t = time.perf_counter()
        awarded = await contest_lifecycle.award(rt, made.id, later)
        t_award = time.perf_counter() - t
        print(f"close: end {t_end * 1000:.0f} ms; award (freeze {len(org.rep_ids)} results, pay 10 prizes, "
              f"notices, feed) {t_award * 1000:.0f} ms")
        if not (ended and awarded):
            print("CHECK FAILED: the contest was not ended and awarded")
            failures += 1
        res = await contests.results(rt, admin, made.id)
        paid = sum(1 for r in res.rows if r.prizes)
        if paid < 10:
            print(f"CHECK FAILED: {paid} prizes paid, expected at least 10")
            failures += 1

        # 8. baseline: no live contest
        base = await single_activities(rt, admin, org.rep_ids, args.samples)
        print(f"single activity, no live contest:   {_ms(base)}")
        print(f"live-contest cost per activity (p50 difference): "
              f"{(percentile(live, 50) - percentile(base, 50)) * 1000:+.2f} ms")
    finally:
        await rt.close()
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true", help="tiny sizes (seconds), for CI")
    p.add_argument("--reps", type=int, default=None)
    p.add_argument("--per-rep", type=int, default=None)
    p.add_argument("--samples", type=int, default=None)
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    args.reps = args.reps or (50 if args.smoke else 5000)
    args.per_rep = args.per_rep or (2 if args.smoke else 10)
    args.samples = args.samples or (40 if args.smoke else 400)
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
