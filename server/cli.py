"""`reprally`: one command for every process of the product.

  reprally up        everything on embedded defaults (SQLite, bundled Redis) with a demo org
  reprally api       the HTTP API (uvicorn)
  reprally realtime  the websocket game server (REALTIME_HOST:REALTIME_PORT, path /ws)
  reprally worker    background jobs: board sync and every feature's timed jobs
  reprally migrate   alembic upgrade head on DATABASE_URL
  reprally rebuild   recompute Redis state from the SQL ledger
  reprally insights  run an org's early-warning day close now (and rebuild its rollups)
  reprally seed-history  an org with weeks of realistic history, through the activity path
  reprally simulate  run programs on a simulated team through the real engine; report the wins
  reprally demo      seed the demo org and stream simulated activities at a running API
  reprally redis     run the bundled redis-server in the foreground
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from server.core.settings import Settings
    from server.simulate.driver import Config

log = logging.getLogger("reprally")
ROOT = Path(__file__).resolve().parent.parent
#: Weeks of history the demo org gets (the insights show a believable team).
DEMO_HISTORY_WEEKS = 12


def _setup_logging() -> None:
    """LOG_FORMAT (console|json) and LOG_LEVEL, for every command (docs/observability.md)."""
    from server.core.observability.logs import configure_from_env

    try:
        configure_from_env(os.environ)
    except ValueError as exc:
        raise SystemExit(f"reprally: {exc}") from None


def migrate(database_url: str | None = None) -> None:
    from alembic import command

    from server.core.ops.schema import alembic_config

    command.upgrade(alembic_config(database_url), "head")


def _settings() -> Settings:
    from server.core.settings import get_settings

    return get_settings()


def cmd_migrate(args: argparse.Namespace) -> None:
    """Migrate; a database that cannot be reached yet is waited for (one line per 30 s, backoff)."""
    import time

    from server.core.ops.config import mask_url
    from server.core.ops.dependencies import REPORT, Backoff, reason, unreachable

    url = _settings().database_url
    deadline: float | None = None  # --wait seconds from the first failure (imports take no part)
    backoff = Backoff()
    while True:
        try:
            migrate()
            break
        except Exception as exc:
            if not unreachable(exc):
                raise  # a broken migration: its traceback is what one needs
            deadline = deadline or time.monotonic() + args.wait
            delay = backoff.next()
            if time.monotonic() + delay > deadline:
                raise SystemExit(f"reprally: database {mask_url(url)} cannot be reached ({reason(exc)}); "
                                 f"gave up after {args.wait:g} s") from None
            REPORT.failed("database", url, exc, delay)
            time.sleep(delay)
    print("database is at the latest schema")


def cmd_rebuild(args: argparse.Namespace) -> None:
    import time

    from server.accounts.service import all_org_ids
    from server.core.ops.progress import Progress, summary
    from server.features import make_runtime
    from server.ledger.sync import rebuild_all

    async def run() -> None:
        started = time.monotonic()
        rt = make_runtime(_settings())
        entries = boards = 0
        try:
            orgs = [args.org] if args.org else await all_org_ids(rt)
            with Progress("rebuilding", total=len(orgs), unit="orgs") as progress:
                for org_id in orgs:
                    for r in await rebuild_all(rt, [org_id]):
                        entries, boards = entries + r.entries, boards + r.boards
                        print(f"org {r.org_id}: {r.entries} ledger entries -> {r.boards} boards (epoch {r.epoch})")
                    progress.advance(1)
        finally:
            await rt.close()
        print(summary("rebuild", {"org": len(orgs), "ledger entry|ledger entries": entries, "board": boards},
                      time.monotonic() - started))

    asyncio.run(run())


def cmd_insights(args: argparse.Namespace) -> None:
    from datetime import date

    from server.features import make_runtime
    from server.insights.detection import close_org
    from server.targets.rollups import rebuild

    async def run() -> None:
        rt = make_runtime(_settings())
        try:
            if args.rebuild_rollups:
                print(f"org {args.org}: {await rebuild(rt, args.org)} rollup rows corrected from the ledger")
            day = date.fromisoformat(args.day) if args.day else None
            closes = await close_org(rt, args.org, day, force=True)
            for c in closes:
                print(f"org {args.org} team {c.team_id or '(none)'}: {c.flagged} new alert(s)")
        finally:
            await rt.close()

    asyncio.run(run())


def cmd_seed_history(args: argparse.Namespace) -> None:
    import random
    import time

    from server.core.ops.progress import Progress, summary
    from server.demo.history import PASSWORD, create_org, seed_history
    from server.features import make_runtime

    async def run() -> None:
        started = time.monotonic()
        rt = make_runtime(_settings())
        try:
            org_id, admin, ids = await create_org(rt, args.reps, args.team_size, rng=random.Random(args.seed))
            with Progress("logging history", total=args.weeks * 7, unit="days") as progress:
                report = await seed_history(rt.settings, admin, ids, weeks=args.weeks, end=rt.now(),
                                            seed=args.seed, day_closes=not args.no_day_closes, progress=progress)
            print(f"org {org_id}: {report.reps} reps, {report.activities} activities over {report.days} days, "
                  f"{report.alerts} alerts (admin: admin-*@history.reprally.dev / {PASSWORD})")
        finally:
            await rt.close()
        print(summary("seed-history", {"rep": report.reps, "activity|activities": report.activities, "day": report.days,
                                       "alert": report.alerts}, time.monotonic() - started))

    asyncio.run(run())


def cmd_simulate(args: argparse.Namespace) -> None:
    import json
    import time

    from server.core.ops.progress import Progress, summary
    from server.simulate.backends import backends
    from server.simulate.driver import Config
    from server.simulate.programs import parse
    from server.simulate.report import build, run, write

    cfg = Config(reps=args.reps, weeks=args.weeks, seed=args.seed, history_weeks=args.history_weeks)
    started = time.monotonic()
    if args.experiment:
        _simulate_experiment(args, cfg, started)
        return
    programs = parse(args.programs)
    with backends(migrate) as settings, Progress("simulating", total=len(programs), unit="programs") as progress:
        outcomes, info = asyncio.run(run(settings, programs, cfg, progress))
        data = build(outcomes, info, settings.push_cap_per_hour)
    out = Path(args.out)
    before = json.loads(Path(args.before).read_text()) if args.before else None
    write(data, out, Path(args.json) if args.json else None, before, args.before_note or "")
    for g in data["goals"]:
        met = "n/a" if g["met"] is None else ("met" if g["met"] else "NOT met")
        print(f"{met:8} {g['goal']}: {g['figure']} (target {g['target']})")
    print(f"report: {out / 'report.md'} ({info['seconds']:.0f} s, {info['simulated_activities']} activities)")
    goals_met = sum(1 for g in data["goals"] if g["met"])
    print(summary("simulate", {"program": len(programs), "activity|activities": info["simulated_activities"],
                               "goal met|goals met": goals_met, "goal": len(data["goals"])}, time.monotonic() - started))


def _simulate_experiment(args: argparse.Namespace, cfg: Config, started: float) -> None:
    import time

    from server.core.ops.progress import summary
    from server.simulate.backends import backends
    from server.simulate.experiment import markdown, run_experiment

    with backends(migrate) as settings:
        found = asyncio.run(run_experiment(settings, args.experiment, cfg))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "experiment.md").write_text(markdown(found, cfg))
    for v in found.results.variants:
        ci = "n/a" if v.lift.ci_low is None else f"{v.lift.ci_low:+.1f} to {v.lift.ci_high:+.1f}"
        print(f"lift of {v.name} over the hold-out: {v.lift.diff:+.1f} activities per rep (95% CI {ci}; "
              f"n {v.lift.n_variant} vs {v.lift.n_holdout})")
    for w in found.results.warnings:
        print(f"warning: {w}")
    print(f"report: {out / 'experiment.md'}")
    print(summary("simulate", {"experiment": args.experiment, "reps": cfg.reps, "weeks": cfg.weeks},
                  time.monotonic() - started))


def cmd_api(args: argparse.Namespace) -> None:
    import uvicorn

    from server.core.edge.http_server import uvicorn_options

    s = _settings()
    shared: Path | None = None
    if args.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # the processes' metrics summed by whichever answers /metrics (docs/observability.md)
        from server.core.observability.metrics import prepare_multiprocess
        from server.core.settings import VAR_DIR

        shared = VAR_DIR / f"metrics-{os.getpid()}"
        prepare_multiprocess(str(shared))
    try:
        # no uvicorn log config: its loggers go to ours (its access log is off: the app logs each request)
        uvicorn.run("server.app:app", host=args.host or s.api_host, port=args.port or s.api_port,
                    workers=args.workers, log_level=s.log_level, log_config=None, **uvicorn_options(s))
    finally:
        if shared is not None:
            import shutil

            shutil.rmtree(shared, ignore_errors=True)


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


def cmd_worker(args: argparse.Namespace) -> None:
    from server.features import make_runtime

    if args.check:
        raise SystemExit(asyncio.run(_check_worker()))

    async def run() -> None:
        from server.core.observability.exporter import serving
        from server.core.observability.tracing import setup_from_env
        from server.worker import run_worker

        s = _settings()
        setup_from_env(os.environ, "reprally-worker")
        rt = make_runtime(s)
        stop = _stop_event()
        try:
            async with serving(s.metrics_host, s.worker_metrics_port, s.metrics_token, "worker"):
                await run_worker(rt, stop)
        finally:
            await rt.close()

    asyncio.run(run())


async def _check_worker() -> int:
    """`reprally worker --check`: 0 when this host's worker wrote its heartbeat within WORKER_STALE_S."""
    from server.core.ops.config import mask_url
    from server.core.ops.dependencies import reason
    from server.core.runtime import Runtime
    from server.heartbeat import host, status

    settings = _settings()
    rt = Runtime(settings)
    try:
        found = await status(rt, on_host=host())
    except Exception as exc:  # noqa: BLE001 - the check fails, on one line
        print(f"reprally: worker check: redis {mask_url(settings.redis_url)} cannot be reached ({reason(exc)})",
              file=sys.stderr)
        return 1
    finally:
        await rt.close()
    print(f"worker on {host()}: {found.describe()}")
    return 0 if found.state == "ok" else 1


def cmd_realtime(args: argparse.Namespace) -> None:
    from realtime.server import run
    from server.features import make_runtime

    s = _settings()

    async def main_() -> None:
        from server.core.observability.exporter import serving
        from server.core.observability.tracing import setup_from_env

        setup_from_env(os.environ, "reprally-realtime")
        rt = make_runtime(s)
        try:
            async with serving(s.metrics_host, s.realtime_metrics_port, s.metrics_token, "game server"):
                await run(rt, args.host or s.realtime_host, args.port or s.realtime_port, _stop_event())
        finally:
            await rt.close()

    asyncio.run(main_())


def cmd_redis(_args: argparse.Namespace) -> None:
    from server.core.embedded import redis_server_binary
    from server.core.settings import VAR_DIR

    os.execv(redis_server_binary(), [redis_server_binary(), "--port", "0", "--unixsocket",
                                     str(VAR_DIR / "redis.sock"), "--dir", str(VAR_DIR), "--save", ""])


def cmd_demo(args: argparse.Namespace) -> None:
    """Seed the demo org and stream activities at an API that is already running."""
    from server.core.settings import VAR_DIR
    from server.demo.seed import rep_ids, seed, simulate
    from server.features import make_runtime

    async def run() -> None:
        stop = _stop_event()  # Ctrl-C while seeding lets the seed finish, then stops
        rt = make_runtime(_settings())
        try:
            org_id, key, _ = await seed(rt, VAR_DIR / "demo-api-key", history_weeks=DEMO_HISTORY_WEEKS)
            ids = await rep_ids(rt, org_id)
        finally:
            await rt.close()
        await simulate(args.url, key, ids, args.rate, stop)

    asyncio.run(run())


def cmd_up(args: argparse.Namespace) -> None:
    """Everything in one go on embedded defaults: Redis, migrations, demo data, API, worker, stream."""
    import uvicorn

    from server.core.embedded import EmbeddedRedis
    from server.core.settings import VAR_DIR

    # one process: the API's /metrics shows the game server's and the worker's metrics too; the
    # access log stays off unless ACCESS_LOG says otherwise (the demo's stream would bury the banner)
    os.environ.setdefault("ACCESS_LOG", "false")
    import time

    t_start = time.monotonic()
    embedded: EmbeddedRedis | None = None
    if "REDIS_URL" not in os.environ:
        embedded = EmbeddedRedis(VAR_DIR)
        os.environ["REDIS_URL"] = embedded.start()
    settings = _settings()
    migrate(settings.database_url)
    t_migrated = time.monotonic()

    async def run() -> None:
        from server.app import create_app
        from server.core.edge.http_server import uvicorn_options
        from server.core.ops.progress import Progress
        from server.demo.history import Interrupted
        from server.demo.seed import (
            ADMIN_EMAIL,
            MANAGER_EMAIL,
            PASSWORD,
            create_demo_org,
            demo_key,
            display_code,
            finish_demo,
            rep_ids,
            seeded,
            simulate,
        )
        from server.features import make_runtime
        from server.ledger.sync import rebuild_all
        from server.worker import run_worker

        rt = make_runtime(settings)
        stop = _stop_event()
        key_file = VAR_DIR / "demo-api-key"
        # the org and its people first (a second): the product is served at once, and the demo's
        # history is logged in the background through the same activity path (docs/operations.md)
        org_id, admin, created = await create_demo_org(rt)
        complete = not created and await seeded(rt, admin)
        await rebuild_all(rt)  # the bundled Redis keeps nothing across restarts: rebuild from the ledger
        ids = await rep_ids(rt, org_id)
        host, port = args.host or settings.api_host, args.port or settings.api_port
        base = f"http://{host}:{port}"
        server = uvicorn.Server(uvicorn.Config(create_app(rt=rt), host=host, port=port,
                                               log_level="warning", log_config=None,
                                               **uvicorn_options(settings)))
        server_task = asyncio.create_task(server.serve())
        from realtime.server import run as run_realtime

        rt_ready = asyncio.Event()
        rt_host, rt_port = settings.realtime_host, args.realtime_port or settings.realtime_port
        game_task = asyncio.create_task(run_realtime(rt, rt_host, rt_port, stop, rt_ready))
        while not server.started or not rt_ready.is_set():
            if game_task.done():
                game_task.result()
            if server_task.done():
                server_task.result()
                raise SystemExit(f"reprally: the API could not start on {host}:{port}")
            await asyncio.sleep(0.05)
        tv_code = await display_code(rt, org_id)
        history = (f"12 weeks ({DEMO_HISTORY_WEEKS * 7} days), logged at the first start" if complete else
                   f"STILL BEING FILLED in the background: {DEMO_HISTORY_WEEKS} weeks through the activity path\n"
                   "                 (1-3 minutes on SQLite; boards, insights, contests, the worker and the simulated\n"
                   "                 stream follow when a 'demo history filled' line says so)")
        print(f"""
RepRally is running on embedded defaults (database {settings.database_url}, Redis {settings.redis_url}).

  API            {base}/api/v1
  API docs       {base}/schema/swagger
  Health         {base}/readyz
  Metrics        {base}/metrics   (Prometheus; docs/observability.md)
  Org board      {base}/api/v1/leaderboards/points?window=week
  Game server    ws://{rt_host}:{rt_port}/ws   (protocol: docs/realtime-protocol.md)
  Office TV      {base}/tv   pairing code {tv_code} (valid 15 minutes; a new one at every start)
  Web admin      {base}/admin/   sign in as the admin or the manager below (docs/admin.md)

  Admin login    {ADMIN_EMAIL} / {PASSWORD}
  Manager login  {MANAGER_EMAIL} / {PASSWORD}
  Rep logins     rep1@demo.reprally.dev ... rep30@demo.reprally.dev / {PASSWORD}
  Get a token:   curl -s -XPOST {base}/api/v1/auth/login -H 'content-type: application/json' \\
                   -d '{{"email":"{ADMIN_EMAIL}","password":"{PASSWORD}"}}'

  Demo history   {history}

Simulating about {args.rate} activities a second from the demo CRM key. Ctrl-C stops everything.
Started in {time.monotonic() - t_start:.1f} s ({time.monotonic() - t_migrated:.1f} s after the migrations).
""", flush=True)

        async def fill() -> str:
            """The rest of the demo (history, contests, habits, recognition, key), as `seed` does it."""
            if complete:
                return await demo_key(rt, admin, key_file)
            started = time.monotonic()
            weeks = DEMO_HISTORY_WEEKS if created else 0  # an interrupted first start: no second history
            with Progress("demo history", total=weeks * 7, unit="days", every_s=15, plain=True) as progress:
                key = await finish_demo(rt, admin, key_file, weeks, progress=progress, stop=stop)
            await rebuild_all(rt)
            print(f"demo history filled: {weeks * 7} days in {time.monotonic() - started:.0f} s; the worker and "
                  "the simulated stream start now", flush=True)
            return key

        background: list[asyncio.Task[None]] = []

        async def then_run() -> None:
            try:
                key = await fill()
            except Interrupted:
                return
            except Exception:
                log.exception("filling the demo data failed; the API and the game server keep running without it")
                return
            background.append(asyncio.create_task(run_worker(rt, stop, sync=False)))  # the API syncs boards
            background.append(asyncio.create_task(simulate(base, key, ids, args.rate, stop)))

        filler = asyncio.create_task(then_run())
        await stop.wait()
        # the history stops at its next day (cancelling it mid-transaction is slower: a day's batch
        # finishes under a shield), then nothing more of the demo is seeded
        for task in background[1:]:
            task.cancel()
        server.should_exit = True
        await server_task
        await game_task
        for task in (filler, *background):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await rt.close()

    try:
        asyncio.run(run())
    finally:
        if embedded:
            embedded.stop()


#: The environment every command reads (its own list follows in each command's --help).
COMMON_ENV = "LOG_LEVEL (info), LOG_FORMAT (console), REPRALLY_VAR_DIR (./var: the SQLite file, the bundled Redis, the kept JWT secret)"
STORES_ENV = ("DATABASE_URL (default sqlite:///var/reprally.db), REDIS_URL (default: the bundled Redis socket "
              "var/redis.sock), REDIS_PREFIX, DB_POOL_SIZE")
SECRET_ENV = "JWT_SECRET (default: made once in var/jwt-secret), JWT_PREVIOUS_SECRET"


def _epilog(*env: str) -> str:
    lines = "\n".join(f"  {e}" for e in (*env, COMMON_ENV))
    return (f"environment variables:\n{lines}\n\nEvery setting, its default and its check: server/core/settings.py "
            "and docs/operations.md. A malformed one stops the command with exit code 2.")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reprally")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reprally", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"reprally {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str, *env: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=summary, description=f"{summary}.\n\n{description}", epilog=_epilog(*env),
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    up = command("up", "run everything on embedded defaults with demo data",
                 "Starts the bundled Redis (unless REDIS_URL is set), migrates, seeds the demo org, then runs the\n"
                 "API, the game server, the worker and a simulated CRM in one process until Ctrl-C or SIGTERM.",
                 STORES_ENV, SECRET_ENV, "API_HOST (127.0.0.1), API_PORT (8000), REALTIME_HOST (127.0.0.1), "
                 "REALTIME_PORT (8001)")
    up.add_argument("--host", help="the API's address (default: API_HOST, 127.0.0.1)")
    up.add_argument("--port", type=int, help="the API's port (default: API_PORT, 8000)")
    up.add_argument("--realtime-port", type=int, help="the game server's port (default: REALTIME_PORT, 8001)")
    up.add_argument("--rate", type=float, default=2.0, help="simulated activities per second (default: 2.0)")
    up.set_defaults(func=cmd_up)
    api = command("api", "run the HTTP API",
                  "uvicorn serving server.app:app. GET /healthz answers while the process lives; GET /readyz\n"
                  "answers 200 once the database, Redis and (when required) a worker's heartbeat answer, else 503.",
                  STORES_ENV, SECRET_ENV, "API_HOST (127.0.0.1), API_PORT (8000), TRUSTED_PROXIES, CORS_ORIGINS, "
                  "PUBLIC_URL, PUBLIC_REALTIME_URL",
                  "API_KEEP_ALIVE_S (5), API_MAX_CONCURRENCY (1000), API_MAX_HEADER_BYTES (16384)",
                  "REQUIRE_WORKER (false), WORKER_STALE_S (60): /readyz and the worker's heartbeat")
    api.add_argument("--host", help="the address to listen on (default: API_HOST, 127.0.0.1)")
    api.add_argument("--port", type=int, help="the port to listen on (default: API_PORT, 8000)")
    api.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default: 1)")
    api.set_defaults(func=cmd_api)
    rt_cmd = command("realtime", "run the websocket game server",
                     "Websockets on /ws (docs/realtime-protocol.md); GET /healthz and GET /readyz on the same port.",
                     STORES_ENV, SECRET_ENV, "REALTIME_HOST (127.0.0.1), REALTIME_PORT (8001), WS_PER_USER (20), "
                     "WS_PER_ADDRESS (200), TRUSTED_PROXIES")
    rt_cmd.add_argument("--host", help="the address to listen on (default: REALTIME_HOST, 127.0.0.1)")
    rt_cmd.add_argument("--port", type=int, help="the port to listen on (default: REALTIME_PORT, 8001)")
    rt_cmd.set_defaults(func=cmd_realtime)
    wk = command("worker", "run background jobs",
                 "The board sync loop and every feature's timed jobs; writes a heartbeat to Redis every\n"
                 "WORKER_HEARTBEAT_S. With --check: exit 0 when this host's worker wrote one within WORKER_STALE_S,\n"
                 "else 1 (a container healthcheck).",
                 STORES_ENV, SECRET_ENV, "WORKER_HEARTBEAT_S (5), WORKER_STALE_S (60)",
                 "FIREBASE_CREDENTIALS, FCM_PROJECT_ID, FCM_ENDPOINT, PUSH_* and NOTIFY_* (push notifications)")
    wk.add_argument("--check", action="store_true",
                    help="only check the heartbeat of this host's worker and exit (default: run the worker)")
    wk.set_defaults(func=cmd_worker)
    mg = command("migrate", "upgrade the database to the latest schema",
                 "alembic upgrade head with the migrations shipped in the package; waits (with backoff, up to\n"
                 "--wait seconds) for a database that does not answer yet, then exits 1 naming it.",
                 "DATABASE_URL (default sqlite:///var/reprally.db)")
    mg.add_argument("--wait", type=float, default=30.0,
                    help="seconds to wait for an unreachable database (default: 30)")
    mg.set_defaults(func=cmd_migrate)
    rb = command("rebuild", "recompute Redis state from the ledger",
                 "Every org's boards (or one org's) from the SQL ledger, then prints one line per org.",
                 STORES_ENV)
    rb.add_argument("--org", type=int, help="only this org (default: every org)")
    rb.set_defaults(func=cmd_rebuild)
    ins = command("insights", "run an org's early-warning day close now",
                  "Closes the org's day (alerts for reps falling behind) and prints the alerts made per team.",
                  STORES_ENV)
    ins.add_argument("--org", type=int, required=True, help="the org (required)")
    ins.add_argument("--day", help="the local day to close, YYYY-MM-DD (default: today in the org's time zone)")
    ins.add_argument("--rebuild-rollups", action="store_true",
                     help="first make the rollups match the ledger (default: off)")
    ins.set_defaults(func=cmd_insights)
    sh = command("seed-history", "a new org with weeks of realistic history (the real activity path)",
                 "Creates an org, its teams and reps, and logs their history through the activity path.",
                 STORES_ENV, SECRET_ENV)
    sh.add_argument("--reps", type=int, default=30, help="reps in the org (default: 30)")
    sh.add_argument("--weeks", type=int, default=12, help="weeks of history (default: 12)")
    sh.add_argument("--team-size", type=int, default=8, help="reps per team (default: 8)")
    sh.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    sh.add_argument("--no-day-closes", action="store_true",
                    help="skip the early warning of the last weeks (default: run them)")
    sh.set_defaults(func=cmd_seed_history)
    sim = command("simulate", "run programs on a simulated team through the real engine",
                  "Each program on the same simulated team and history, on a simulated clock, through the real\n"
                  "activity path and jobs; writes a Markdown report with plots (docs/simulation.md). Without\n"
                  "DATABASE_URL and REDIS_URL it runs on a fresh embedded database and Redis of its own.",
                  STORES_ENV)
    sim.add_argument("--reps", type=int, default=50, help="reps in the simulated team (default: 50)")
    sim.add_argument("--weeks", type=int, default=8, help="weeks each program runs (default: 8)")
    sim.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    sim.add_argument("--history-weeks", type=int, default=4, help="history before the programs start (default: 4)")
    sim.add_argument("--programs", default="plain,missions,improvement,brackets,targets,default",
                     help="comma-separated (default: plain,missions,improvement,brackets,targets,default)")
    sim.add_argument("--experiment", choices=("missions",),
                     help="instead of the programs, a hold-out experiment on one simulated team (missions: the "
                          "hold-out has missions withheld); reports the lift, its interval and a power table "
                          "(default: none)")
    sim.add_argument("--out", default="sim-report", help="the report's folder (default: sim-report)")
    sim.add_argument("--json", help="also write the figures as JSON to this file (default: none)")
    sim.add_argument("--before", help="an earlier run's JSON: the report compares its goals (default: none)")
    sim.add_argument("--before-note", help="what changed since that run, for the report (default: none)")
    sim.set_defaults(func=cmd_simulate)
    demo = command("demo", "seed the demo org and stream activities at a running API",
                   "Seeds the demo org (its API key in var/demo-api-key), then posts simulated CRM activities.",
                   STORES_ENV, SECRET_ENV)
    demo.add_argument("--url", default="http://127.0.0.1:8000", help="the API (default: http://127.0.0.1:8000)")
    demo.add_argument("--rate", type=float, default=2.0, help="activities per second (default: 2.0)")
    demo.set_defaults(func=cmd_demo)
    command("redis", "run the bundled redis-server",
            "In the foreground, on the socket var/redis.sock (no TCP port, nothing saved).").set_defaults(
        func=cmd_redis, settings=False)
    return parser


def _config_error(exc: Exception) -> NoReturn:
    for line in str(exc).splitlines():
        print(f"reprally: configuration error: {line}", file=sys.stderr)
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    from server.core.settings import SettingsError, parse_env

    if getattr(args, "settings", True):
        try:  # every setting converted and checked once, before anything starts
            parse_env()
        except SettingsError as exc:
            _config_error(exc)
    _setup_logging()
    try:
        args.func(args)
    except SettingsError as exc:  # a setting no process may start with (e.g. a short JWT_SECRET)
        _config_error(exc)


if __name__ == "__main__":
    main()
