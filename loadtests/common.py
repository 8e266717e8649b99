"""Shared set-up for the core benchmarks: backends, an org of N reps, API processes, CPU meters,
percentiles and the figures table. Everything talks to 127.0.0.1 only.

Backends come from DATABASE_URL and REDIS_URL. `--reset` (full runs only) drops and re-creates
the database and flushes the Redis db, and refuses unless they are the benchmark's own
(a database named `bench*`, a Redis db other than 15). Smoke runs never drop or flush anything:
they make a fresh org and delete only the keys they made themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx
import psutil
from sqlalchemy import func, insert, select, text

from loadtests.children import die_with_parent
from loadtests.realtime_setup import ABUSE_LIMITS_OFF
from server.accounts import api_keys, sessions
from server.accounts import service as accounts
from server.accounts.models import User
from server.board import keys
from server.board.ranking import unpack_metric
from server.board.store import Profile, board_store
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.settings import Settings, load_settings
from server.demo.seed import random_activity
from server.features import make_runtime
from server.ledger import ingest as ingestion
from server.ledger.models import Activity, BoardPending, LedgerEntry

ROOT = Path(__file__).resolve().parent.parent
JWT_SECRET = "bench-secret-" + "b" * 40


# -- backends -------------------------------------------------------------------------------------
def env() -> dict[str, str]:
    """The environment for the API processes and this one: same backends, same JWT secret."""
    out = {**os.environ, "JWT_SECRET": os.environ.get("JWT_SECRET") or JWT_SECRET, "LOG_LEVEL": "warning",
           **ABUSE_LIMITS_OFF}
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not out.get(name):
            raise SystemExit(f"{name} must be set (real PostgreSQL and Redis at 127.0.0.1)")
    return out


def settings() -> Settings:
    return load_settings(env())


def db_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def redis_target(url: str) -> tuple[str, int, int]:
    u = urlparse(url)
    return u.hostname or "127.0.0.1", u.port or 6379, int(u.path.strip("/") or 0)


async def run_cmd(*cmd: str, limit_s: float = 120, **kw) -> str:
    proc = await asyncio.create_subprocess_exec(*cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), limit_s)
    except TimeoutError:
        proc.kill()
        raise
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd[:4])} failed: {out.decode()[-2000:]}")
    return out.decode()


async def reset_backends(s: Settings) -> None:
    """Drop and re-create the benchmark database, flush the benchmark Redis db (full runs only)."""
    name, (_, _, rdb) = db_name(s.database_url), redis_target(s.redis_url)
    if not name.startswith("bench") or rdb == 15:
        raise SystemExit(f"--reset only touches a database named bench* and a Redis db other than 15 "
                         f"(got {name!r}, db {rdb})")
    import asyncpg

    u = urlparse(s.database_url)
    conn = await asyncpg.connect(host=u.hostname, port=u.port or 5432, user=u.username or "postgres",
                                 database="postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    from redis.asyncio import Redis

    r = Redis.from_url(s.redis_url)
    await r.flushdb()
    await r.aclose()


async def migrate() -> None:
    """`reprally migrate` (a no-op when the schema is current; never drops anything)."""
    await run_cmd(sys.executable, "-m", "server.cli", "migrate", env=env(), cwd=ROOT)


async def vacuum(s: Settings) -> None:
    """VACUUM ANALYZE the benchmark database before measuring. Queue-like tables (`board_pending`,
    the push outbox) leave dead rows behind that the sync and sender loops read again; before
    session 5 every ledger row was also updated once it reached Redis (measured then: 82 ms per
    sync query after a few benchmark runs, 0.05 ms after VACUUM). Production PostgreSQL runs
    autovacuum; this machine's runs with `autovacuum = off`."""
    if not s.database_url.startswith("postgresql"):
        return
    from sqlalchemy.ext.asyncio import create_async_engine

    from server.core.db import normalise_url

    engine = create_async_engine(normalise_url(s.database_url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text("VACUUM ANALYZE"))
    finally:
        await engine.dispose()


# -- the org ----------------------------------------------------------------------------------------
@dataclass
class Org:
    org_id: int
    api_key: str
    admin_token: str
    rep_ids: list[int]
    api_key_id: int = 0


async def make_org(rt: Runtime, reps: int, team_size: int = 10) -> Org:
    """An org with `reps` reps in teams of `team_size` (10, as sales teams are), inserted in bulk with
    one shared password hash, and an API key."""
    tag = f"{os.getpid()}-{int(time.time() * 1000)}"
    org, admin = await accounts.create_org(rt, name=f"Bench {tag}", timezone="America/New_York",
                                           week_start="monday", admin_email=f"admin-{tag}@bench.example",
                                           admin_password="Rally-otter-sunrise-42", admin_name="Bench Admin")
    principal = Principal(org.id, "admin", admin.id)
    teams = [await accounts.create_team(rt, principal, f"Team {i}", f"Region {i % 3}")
             for i in range(max(1, reps // team_size))]
    pw = await rt.passwords.hash("Rally-otter-sunrise-42")
    rows = [{"org_id": org.id, "email": f"rep{i}-{tag}@bench.example", "password_hash": pw,
             "display_name": f"Rep {i}", "role": "rep", "team_id": teams[i % len(teams)].id, "region": f"Region {i % 3}",
             "job_role": "AE" if i % 2 else "SDR", "active": True} for i in range(reps)]
    ids: list[int] = []
    async with rt.engine.begin() as conn:
        for i in range(0, len(rows), 1000):
            ids += (await conn.execute(insert(User).returning(User.id), rows[i:i + 1000])).scalars().all()
    await board_store(rt).set_profiles(org.id, {uid: Profile(r["display_name"], r["team_id"])
                                          for uid, r in zip(ids, rows, strict=True)})
    key_row, api_key = await api_keys.create_api_key(rt, principal, "bench")
    token, _ = await sessions.start(rt, admin, "benchmark")
    return Org(org.id, api_key, token, ids, key_row.id)


async def single_activities(rt: Runtime, principal: Principal, reps: list[int], n: int) -> list[float]:
    """`n` calls, one after the other, each recording one call for the next rep: their latencies (s)."""
    lat = []
    for i in range(n):
        item = ingestion.ActivityInput(type="call", user_id=reps[(i * 7919) % len(reps)])
        t = time.perf_counter()
        out = await ingestion.record(rt, principal, [item])
        lat.append(time.perf_counter() - t)
        assert out[0].recorded is not None, out[0].error
    return lat


async def start_the_day(rt: Runtime, org: Org) -> None:
    """Steady state of a working day with the habit loop on: every rep has logged their first
    activity of the day (which creates their missions, as the worker does at the start of their
    day). The measured activities are then the day's ordinary ones, not 5,000 first ones."""

    key = Principal(org.org_id, "integration", None, api_key_id=org.api_key_id)
    t = time.monotonic()
    for i in range(0, len(org.rep_ids), 500):
        await ingestion.record(rt, key, [ingestion.ActivityInput(type="email", user_id=u)
                                         for u in org.rep_ids[i:i + 500]], batch=True)
    took = time.monotonic() - t
    print(f"start of the day: one activity per rep (missions created) in {took:.1f} s "
          f"({took * 1000 / max(len(org.rep_ids), 1):.1f} ms per rep)")


def activity_bodies(rep_ids: list[int], n: int, seed: int) -> list[dict]:
    """`n` activities for random reps in the demo's type mix (server/demo.py)."""
    rnd = random.Random(seed)
    return [random_activity(rnd, rep_ids) for _ in range(n)]


# -- API processes ------------------------------------------------------------------------------------
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """`n` API processes, each `uvicorn server.app:app` (uvloop, httptools) on its own port of
    127.0.0.1; the load generator splits its connections evenly over them. (With uvicorn's
    --workers the kernel hands keep-alive connections to whichever worker accepts first, and one
    worker can end up with all of them.)"""

    def __init__(self, n: int, extra_env: dict[str, str] | None = None, stderr=None) -> None:
        self.n, self.extra_env, self.stderr = n, extra_env or {}, stderr
        self.ports = [free_port() for _ in range(n)]
        self.urls = [f"http://127.0.0.1:{p}" for p in self.ports]
        self.url = self.urls[0]
        self.procs: list[subprocess.Popen] = []

    async def start(self) -> Api:
        for port in self.ports:
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "server.app:app", "--host", "127.0.0.1", "--port", str(port),
                 "--log-level", "warning", "--no-access-log"], env={**env(), **self.extra_env}, cwd=ROOT,
                stderr=self.stderr, preexec_fn=die_with_parent))
        deadline = time.monotonic() + 40
        async with httpx.AsyncClient(timeout=2) as c:
            for url, proc in zip(self.urls, self.procs, strict=True):
                while True:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        self.stop()
                        raise RuntimeError("an API process exited or was not ready in 40 s")
                    try:
                        if (await c.get(f"{url}/readyz")).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    await asyncio.sleep(0.2)
        return self

    def pids(self) -> list[int]:
        return [p.pid for p in self.procs if p.poll() is None]

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(5)


# -- CPU accounting -----------------------------------------------------------------------------------
def _busy() -> float:
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + t.irq + t.softirq + getattr(t, "steal", 0.0)


def _proc_cpu(pid: int) -> float:
    """CPU seconds of a process; of its exited, reaped children for a negative pid."""
    try:
        t = psutil.Process(abs(pid)).cpu_times()
        return t.user + t.system if pid > 0 else t.children_user + t.children_system
    except psutil.Error:
        return 0.0


class CpuMeter:
    """CPU per role over a block, in cores (CPU seconds per wall second), from /proc via psutil.

    api: each API process; postgres: backends of the benchmark database, the WAL writer,
    checkpointer and background writer, and backends that exited meanwhile (the postmaster's
    reaped children: new connections come and go); redis: redis-server on REDIS_URL's port; generator:
    this process and its exited children (wrk); other: everything else on the machine
    (other people's jobs, the kernel) = machine busy time minus the above.
    """

    def __init__(self, api: Api | None = None) -> None:
        self.api = api
        s = settings()
        self.db, self.redis_port = db_name(s.database_url), redis_target(s.redis_url)[1]

    def _roles(self) -> dict[int, str]:
        roles: dict[int, str] = {}
        for pid in self.api.pids() if self.api else []:
            roles[pid] = f"api{len([r for r in roles.values() if r.startswith('api')]) + 1}"
        for p in psutil.process_iter(["name", "cmdline"]):
            cmd = " ".join(p.info["cmdline"] or [])
            if p.info["name"] == "postgres" and (f" {self.db} " in cmd or any(
                    w in cmd for w in ("walwriter", "checkpointer", "background writer"))):
                roles[p.pid] = "postgres"
                with contextlib.suppress(psutil.Error):
                    if "checkpointer" in cmd:
                        roles[-p.ppid()] = "postgres"  # negative: the postmaster's reaped children
            elif p.info["name"] == "redis-server" and f":{self.redis_port}" in cmd:
                roles[p.pid] = "redis"
        return roles

    def _self(self) -> float:
        t = psutil.Process().cpu_times()
        return t.user + t.system + t.children_user + t.children_system

    def __enter__(self) -> CpuMeter:
        self.t0, self.busy0, self.self0 = time.monotonic(), _busy(), self._self()
        self.before = {pid: _proc_cpu(pid) for pid in self._roles()}
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.monotonic() - self.t0
        used: dict[str, float] = {}
        for pid, role in self._roles().items():
            used[role] = used.get(role, 0.0) + _proc_cpu(pid) - self.before.get(pid, 0.0)
        used["generator"] = self._self() - self.self0
        self.cores = {k: v / self.wall for k, v in used.items()}
        self.machine = (_busy() - self.busy0) / self.wall
        self.cores["other"] = max(0.0, self.machine - sum(self.cores.values()))

    @property
    def api_cores(self) -> list[float]:
        return [v for k, v in sorted(self.cores.items()) if k.startswith("api")]

    def line(self) -> str:
        api = "+".join(f"{c:.2f}" for c in self.api_cores)
        parts = [f"api {api}"] if api else []
        parts += [f"{k} {self.cores.get(k, 0.0):.2f}" for k in ("postgres", "redis", "generator", "other")]
        return f"CPU cores: {', '.join(parts)}; machine {self.machine:.2f} of {psutil.cpu_count()}"

    def binds(self) -> str:
        """A first reading of what limits the run (the docs discuss each case)."""
        if any(c >= 0.85 for c in self.api_cores):
            return "API process CPU (one core per Python process)"
        if self.machine >= 0.9 * psutil.cpu_count():
            return "machine CPU (all cores busy)"
        if self.cores.get("redis", 0.0) >= 0.85:
            return "Redis (one core)"
        return "no CPU saturated (latency / concurrency bound)"


async def wait_quiet(max_wait: float, threshold: float = 0.3) -> float:
    """Wait (at most `max_wait` s) until other load on the machine is below `threshold` cores.
    Returns the last 1-second reading."""
    deadline = time.monotonic() + max_wait
    while True:
        b0, t0 = _busy(), time.monotonic()
        await asyncio.sleep(1.0)
        load = (_busy() - b0) / (time.monotonic() - t0)
        if load < threshold or time.monotonic() >= deadline:
            if load >= threshold:
                print(f"  (machine still busy with other work: {load:.2f} cores; measuring anyway)")
            return load


# -- figures ------------------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of unsorted values; nan when empty."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s), max(1, math.ceil(p / 100 * len(s)))) - 1]


@dataclass
class Figure:
    """One line of the results table."""

    path: str
    setup: str
    rate: float
    unit: str
    p50: float = float("nan")
    p95: float = float("nan")
    p99: float = float("nan")
    target: str = ""
    met: bool | None = None
    cpu: str = ""
    binds: str = ""
    notes: list[str] = field(default_factory=list)

    def show(self) -> None:
        lat = f"  p50 {self.p50:7.1f}  p95 {self.p95:7.1f}  p99 {self.p99:7.1f} ms" if self.p50 == self.p50 else ""
        verdict = "" if self.met is None else ("  [target met]" if self.met else "  [target NOT met]")
        print(f"{self.path} | {self.setup}: {self.rate:,.0f} {self.unit}{lat}  (target {self.target}){verdict}")
        for line in ([self.cpu] if self.cpu else []) + ([f"binds: {self.binds}"] if self.binds else []) + self.notes:
            print(f"    {line}")


def table(figures: list[Figure]) -> str:
    """Markdown table of every figure (as pasted into docs/performance.md)."""
    out = ["| hot path | setup | throughput | p50 ms | p95 ms | p99 ms | target | met |",
           "|---|---|---:|---:|---:|---:|---|---|"]
    for f in figures:
        lat = [f"{v:.1f}" if v == v else "" for v in (f.p50, f.p95, f.p99)]
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        out.append(f"| {f.path} | {f.setup} | {f.rate:,.0f} {f.unit} | {' | '.join(lat)} | {f.target} | {met} |")
    return "\n".join(out)


# -- the shared run context ---------------------------------------------------------------------------
class Bench:
    """What benchmarks of one run share: a runtime for set-up and checks, one org, one API at a time."""

    def __init__(self, smoke: bool, reps: int, seconds: float, reset: bool = False) -> None:
        self.smoke, self.reps, self.seconds, self.reset = smoke, reps, seconds, reset
        self._org: Org | None = None
        self._api: Api | None = None
        self.figures: list[Figure] = []
        self.failures: list[str] = []

    async def __aenter__(self) -> Bench:
        s = settings()
        if self.reset:
            if self.smoke:
                raise SystemExit("--reset is for full runs on the benchmark's own database")
            await reset_backends(s)
        await migrate()
        await vacuum(s)
        self.settings, self.rt = s, make_runtime(s)
        print(f"backends: PostgreSQL database {db_name(s.database_url)!r}, Redis {s.redis_url}; "
              f"{psutil.cpu_count()} cores; {'smoke' if self.smoke else 'full'} run, {self.reps} reps")
        return self

    async def __aexit__(self, *exc) -> None:
        self.stop_api()
        await self.rt.close()

    async def org(self) -> Org:
        if self._org is None:
            t = time.monotonic()
            self._org = await make_org(self.rt, self.reps)
            print(f"org {self._org.org_id}: {len(self._org.rep_ids)} reps created in {time.monotonic() - t:.1f} s")
            if self.settings.habits_enabled:
                await start_the_day(self.rt, self._org)
            # Statistics of the new org's rows: with autovacuum off, plans made from statistics
            # taken before 5,000 users existed scanned the whole org per winner (team wins) and
            # the whole ledger per update.
            await vacuum(self.settings)
        return self._org

    async def api(self, workers: int) -> Api:
        if self._api is None or self._api.n != workers:
            self.stop_api()
            self._api = await Api(workers).start()
        return self._api

    def stop_api(self) -> None:
        if self._api:
            self._api.stop()
            self._api = None

    def check(self, ok: bool, what: str) -> str:
        """A sanity check: smoke runs stop on a failure (exit 1); full runs record it and go on."""
        if ok:
            return ""
        if self.smoke:
            raise SystemExit(f"check failed: {what}")
        print(f"  CHECK FAILED: {what}", flush=True)
        self.failures.append(what)
        return f"CHECK FAILED: {what}"

    def add(self, fig: Figure) -> None:
        fig.show()
        self.figures.append(fig)

    async def quiet(self) -> None:
        if not self.smoke:
            await wait_quiet(90)

    # -- checks after write runs --
    async def max_activity_id(self) -> int:
        async with self.rt.engine.connect() as conn:
            return (await conn.scalar(select(func.max(Activity.id)))) or 0

    async def count_since(self, org_id: int, after_id: int) -> int:
        async with self.rt.engine.connect() as conn:
            return await conn.scalar(select(func.count()).select_from(Activity)
                                     .where(Activity.org_id == org_id, Activity.id > after_id))

    async def boards_match_ledger(self, org: Org, wait_s: float = 20) -> str:
        """Wait for every entry to be on the boards, then compare the all-time points board with the ledger.

        Requests still in flight when the load generator stopped keep committing for a moment; an
        entry committed between the two reads would be on the board but not in the ledger sum
        read before it. So the two sums are read until they agree with nothing pending, and a
        difference only counts once it outlives `wait_s`."""
        deadline = time.monotonic() + wait_s
        key = keys.board(org.org_id, "points", "all", "all")
        while True:
            async with self.rt.engine.connect() as conn:
                pending = await conn.scalar(select(func.count()).select_from(BoardPending).where(
                    BoardPending.org_id == org.org_id))
                ledger = await conn.scalar(select(func.coalesce(func.sum(LedgerEntry.points), 0))
                                           .where(LedgerEntry.org_id == org.org_id))
            board = sum(unpack_metric("all", s) for _, s in await self.rt.redis.zrange(key, 0, -1, withscores=True))
            if (not pending and board == ledger) or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.5)
        return self.check(not pending and board == ledger, f"boards vs ledger: {pending} inserts pending, "
                          f"board sum {board} vs ledger sum {ledger}") or \
            f"checked: all entries boarded; all-time points board sum {board:,} = ledger sum"

    async def pg_sessions(self) -> int:
        """Sessions (connections) ever opened to the benchmark database (pg_stat_database)."""
        async with self.rt.engine.connect() as conn:
            return await conn.scalar(text("select sessions from pg_stat_database where datname = current_database()"))

    async def pg_settings(self) -> str:
        async with self.rt.engine.connect() as conn:
            rows = (await conn.execute(text(
                "select name, setting from pg_settings where name in "
                "('synchronous_commit','fsync','shared_buffers','max_connections') order by name"))).all()
        return ", ".join(f"{n}={v}" for n, v in rows)


def parse_args(argv: list[str] | None, doc: str, *, seconds: float = 20, workers: str = "1,2") -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, ~1-2 s per part, no timing checks (CI)")
    ap.add_argument("--reps", type=int, default=5000)
    ap.add_argument("--seconds", type=float, help=f"measured seconds per scenario (default {seconds:g}; smoke 1.5)")
    ap.add_argument("--workers", help=f"API process counts to run, one port each (default {workers}; smoke 1)")
    ap.add_argument("--reset", action="store_true",
                    help="full runs: drop/re-create the bench* database and flush the Redis db first")
    ap.add_argument("--connections", type=int, help="HTTP connections per API process (default: per benchmark)")
    ap.add_argument("--size", type=int, help="activities per batch (batch benchmark; default 500)")
    ap.add_argument("--profile", action="store_true", help="also py-spy the API during an extra run")
    args = ap.parse_args(argv)
    if args.smoke:
        args.reps = min(args.reps, 200)
    args.workers = args.workers or ("1" if args.smoke else workers)
    args.seconds = args.seconds or (1.5 if args.smoke else seconds)
    args.worker_counts = [int(w) for w in args.workers.split(",")]
    return args


def standalone(run, argv: list[str] | None, doc: str, **defaults) -> None:
    """Run one benchmark module on its own: `python -m loadtests.bench_x [--smoke] ...`."""
    run_with(run, parse_args(argv, doc, **defaults))


def run_with(run, args: argparse.Namespace) -> None:
    """`run(bench, args)` in a fresh Bench; prints the figures, exits 1 if a check failed."""

    async def go() -> None:
        async with Bench(args.smoke, args.reps, args.seconds, getattr(args, "reset", False)) as bench:
            await run(bench, args)
            print()
            print(table(bench.figures))
            if bench.failures:
                raise SystemExit(f"{len(bench.failures)} check(s) failed")

    asyncio.run(go())


# -- sampling the server during a run -----------------------------------------------------------------
async def activity_rate(bench: Bench, interval: float, stop: asyncio.Event) -> list[float]:
    """Server-side activities/s per `interval` window, from max(activities.id) (one writer org)."""
    rates, last, t_last = [], await bench.max_activity_id(), time.monotonic()
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), interval)
        except TimeoutError:
            pass
        now_id, now = await bench.max_activity_id(), time.monotonic()
        if not stop.is_set():
            rates.append((now_id - last) / (now - t_last))
        last, t_last = now_id, now
    return rates


async def while_sampling(bench: Bench, coro, interval: float):
    """Run `coro`, sampling the server-side activity rate meanwhile; returns (result, window rates)."""
    stop = asyncio.Event()
    sampler = asyncio.create_task(activity_rate(bench, interval, stop))
    try:
        result = await coro
    finally:
        stop.set()
    return result, await sampler


def _area(path: str) -> str:
    """py-spy names files relative to their sys.path entry: the first part is the package."""
    top = path.split("/", 1)[0].removesuffix(".py")
    return "server (RepRally)" if top == "server" else top


def summarize_profile(raw: str, top: int = 22) -> list[str]:
    """py-spy's collapsed stacks -> busy-time share by package of the running frame (self), and the
    inclusive share of RepRally's own functions."""
    import re

    frame = re.compile(r"^(.*) \((.*?)(?::\d+)?\)$")
    total, self_by_area, incl = 0, {}, {}
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [frame.match(f) for f in stack.split(";")]
        frames = [(m.group(1), m.group(2)) for m in frames if m]
        if frames:
            area = _area(frames[-1][1])
            self_by_area[area] = self_by_area.get(area, 0) + n
        for fn, path in {(fn, path) for fn, path in frames if path.startswith("server/")}:
            name = f"{path}:{fn}"
            incl[name] = incl.get(name, 0) + n
    if not total:
        return ["(no samples)"]
    out = [f"{total} busy samples; by package of the running frame (self time):"]
    out += [f"  {v / total:6.1%}  {k}" for k, v in sorted(self_by_area.items(), key=lambda kv: -kv[1])[:12]]
    out.append("inclusive time of RepRally functions (server/...):")
    out += [f"  {v / total:6.1%}  {k}" for k, v in sorted(incl.items(), key=lambda kv: -kv[1])[:top]]
    return out


async def profile(pid: int, seconds: float, label: str) -> list[str]:
    """py-spy record (100 Hz, non-blocking) of one API process; the collapsed stacks are kept in /tmp."""
    import shutil

    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        return ["py-spy not installed (pip install py-spy)"]
    out = Path(tempfile.gettempdir()) / f"reprally-profile-{label}.txt"
    await run_cmd(spy, "record", "-p", str(pid), "-d", str(max(1, int(seconds))), "-r", "100", "-f", "raw",
               "-o", str(out), "--nonblocking", limit_s=seconds + 60)
    return [f"py-spy stacks: {out}"] + summarize_profile(out.read_text())
