"""Insights benchmark: the manager summary and the day-close detection on an org with a year of
history, beside the same on an org with one month of it and beside a leaderboard read (the floor),
all in one run; and what the daily rollups add to the activity path.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<db> REDIS_URL=redis://127.0.0.1:6379/<n> \\
        python -m loadtests.bench_insights [--smoke] [--reps 1000] [--weeks 52] [--month-weeks 5]
                                           [--team-size 50] [--samples 20]

In one process (no HTTP: the service calls the routes make), habit loop off:
  1. two orgs of --reps reps in teams of --team-size: one with --weeks weeks of history, one with
     --month-weeks, logged through the real activity path (`seed-history`, day by day on a manual
     clock); the seeding rate is reported;
  2. the same targets for this month in both orgs, then VACUUM ANALYZE (this machine has no autovacuum);
  3. per org, interleaved, --samples times each: a leaderboard read (top 50 of the org's points
     board this week; and the team's board), the summary of one team for this month (as read again
     within 10 minutes: leading vs lagging cached; and with it recomputed), the summary of the org,
     and the day close of every team (`close_org`, forced: the rules run every time, the weekly
     de-duplication leaves the alerts as they are);
  4. single activities through `ingestion.record` with the targets' rollup hooks and without them.
Goals (issue 17): the summary on a year of history costs at most 1.5x the same on a month; the team
summary answers in the time of a few leaderboard reads.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import msgspec
from sqlalchemy import select

from loadtests.common import db_name, make_org, percentile, settings, single_activities, vacuum
from server.accounts.models import User
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.demo import history
from server.features import FEATURES, build_registry, make_runtime
from server.insights import summary
from server.insights.detection import close_org
from server.leaderboards import service as leaderboards
from server.targets import service as targets

Step = Callable[[], Awaitable[object]]


def _ms(values: list[float]) -> str:
    return f"p50 {percentile(values, 50) * 1000:7.1f} ms  p95 {percentile(values, 95) * 1000:7.1f} ms"


async def _admin(rt: Runtime, org_id: int) -> Principal:
    async with rt.engine.connect() as conn:
        uid = await conn.scalar(select(User.id).where(User.org_id == org_id, User.role == "admin"))
    return Principal(org_id, "admin", int(uid))


async def _seeded(rt: Runtime, reps: int, weeks: int, team_size: int) -> tuple[Principal, int, list[int]]:
    org = await make_org(rt, reps, team_size)
    admin = await _admin(rt, org.org_id)
    t = time.perf_counter()
    report = await history.seed_history(rt.settings, admin, org.rep_ids, weeks=weeks, end=datetime.now(UTC),
                                        day_closes=False)
    took = time.perf_counter() - t
    async with rt.engine.connect() as conn:
        team_id = int(await conn.scalar(select(User.team_id).where(User.id == org.rep_ids[0])))
    print(f"org {org.org_id}: {reps} reps, {weeks} weeks: {report.activities:,} activities through the activity "
          f"path in {took:.0f} s ({report.activities / took:,.0f}/s)", flush=True)
    return admin, team_id, org.rep_ids


async def _existing(rt: Runtime, org_id: int) -> tuple[Principal, int, list[int]]:
    async with rt.engine.connect() as conn:
        reps = (await conn.execute(select(User.id, User.team_id).where(User.org_id == org_id, User.role == "rep")
                                   .order_by(User.id))).all()
    return await _admin(rt, org_id), int(reps[0].team_id), [r.id for r in reps]


async def _sample(steps: dict[str, Step], n: int) -> dict[str, list[float]]:
    """Each step `n` times, the steps interleaved so that load on the machine hits them alike."""
    out: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(n):
        for name, step in steps.items():
            t = time.perf_counter()
            await step()
            out[name].append(time.perf_counter() - t)
    return out


def _steps(rt: Runtime, admin: Principal, team_id: int) -> dict[str, Step]:
    org_id = admin.org_id
    return {
        "leaderboard read, org top 50 (the floor)": lambda: leaderboards.read(rt, org_id, "points", "week", "org",
                                                                             limit=50, offset=0),
        "leaderboard read, the team's board": lambda: leaderboards.read(rt, org_id, "points", "week",
                                                                        f"team:{team_id}", limit=50, offset=0),
        "summary, one team, this month": lambda: summary.summary(rt, admin, team_id, "month", None),
        "summary, the org, this month": lambda: summary.summary(rt, admin, None, "month", None),
        "day close, every team of the org": lambda: close_org(rt, org_id, force=True),
    }


async def _cold(rt: Runtime, admin: Principal, team_id: int) -> object:
    rt.part(summary._LINKS).clear()
    return await summary.summary(rt, admin, team_id, "month", None)


async def run(args: argparse.Namespace) -> int:
    s = msgspec.structs.replace(settings(), habits_enabled=False)
    rt = make_runtime(s)
    failures = 0
    try:
        print(f"backends: database {db_name(s.database_url)!r}, Redis {s.redis_url}; "
              f"{'smoke' if args.smoke else 'full'} run", flush=True)
        if args.orgs:  # orgs a previous run seeded (their ids, year first)
            year, month = [await _existing(rt, int(x)) for x in args.orgs.split(",")]
        else:
            year = await _seeded(rt, args.reps, args.weeks, args.team_size)
            month = await _seeded(rt, args.reps, args.month_weeks, args.team_size)
        for admin, _, reps in (year, month):  # the same targets in both (the month org has no history for suggestions)
            first = (await targets.span(rt, admin.org_id, "month")).first
            await targets.put_targets(rt, admin, "points", "month", first, [(uid, 2000) for uid in reps])
        await vacuum(s)  # this machine runs without autovacuum: fresh statistics, as production has
        for admin, team_id, _ in (year, month):  # warm the caches and the plans
            await _sample(_steps(rt, admin, team_id), 1)
        got: dict[str, dict[str, list[float]]] = {"year": {}, "month": {}}
        for _ in range(args.samples):
            for label, (admin, team_id, _) in (("year", year), ("month", month)):
                for name, values in (await _sample(_steps(rt, admin, team_id), 1)).items():
                    got[label].setdefault(name, []).extend(values)
        cold = "summary, one team, leading vs lagging recomputed"
        for _ in range(args.samples):  # apart: the cache is the process's, and these empty it
            for label, (admin, team_id, _) in (("year", year), ("month", month)):
                t = time.perf_counter()
                await _cold(rt, admin, team_id)
                got[label].setdefault(cold, []).append(time.perf_counter() - t)
        print(f"\n{'':48} {f'{args.weeks} weeks of history':>30} {f'{args.month_weeks} weeks':>30}  ratio (p50)")
        for name in got["year"]:
            y, m = got["year"][name], got["month"][name]
            print(f"{name:48} {_ms(y):>30} {_ms(m):>30}  {statistics.median(y) / statistics.median(m):5.2f}")
        floor = statistics.median(got["year"]["leaderboard read, org top 50 (the floor)"])
        team = statistics.median(got["year"]["summary, one team, this month"])
        ratio = team / statistics.median(got["month"]["summary, one team, this month"])
        print(f"\nteam summary on a year of history = {team / floor:.1f} leaderboard reads; "
              f"year / month = {ratio:.2f} (goal <= 1.5)")
        if not args.smoke and ratio > 1.5:
            print("CHECK FAILED: the team summary grows with the history")
            failures += 1

        admin, _, reps = year
        bare = build_registry(tuple(f for f in FEATURES if f.name not in ("targets", "insights")))
        without = Runtime(s, registry=bare)
        try:
            await single_activities(rt, admin, reps, 5)
            await single_activities(without, admin, reps, 5)
            with_hook: list[float] = []
            no_hook: list[float] = []
            for _ in range(args.samples):
                with_hook += await single_activities(rt, admin, reps, 10)
                no_hook += await single_activities(without, admin, reps, 10)
        finally:
            await without.close()
        print(f"\nsingle activity, rollups on:  {_ms(with_hook)}\nsingle activity, rollups off: {_ms(no_hook)}"
              f"\n(+{(statistics.median(with_hook) - statistics.median(no_hook)) * 1000:.2f} ms p50)")
    finally:
        await rt.close()
    return failures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--reps", type=int, default=1000)
    p.add_argument("--weeks", type=int, default=52)
    p.add_argument("--month-weeks", type=int, default=5)
    p.add_argument("--team-size", type=int, default=50)
    p.add_argument("--samples", type=int, default=20)
    p.add_argument("--orgs", help="measure these already seeded orgs instead (year,month ids)")
    args = p.parse_args(argv)
    if args.smoke:
        args.reps, args.weeks, args.month_weeks, args.team_size, args.samples = 40, 6, 2, 20, 2
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
