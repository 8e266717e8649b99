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
import logging
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.core.settings import Settings

log = logging.getLogger("reprally")
ROOT = Path(__file__).resolve().parent.parent
#: Weeks of history the demo org gets (the insights show a believable team).
DEMO_HISTORY_WEEKS = 12


def _setup_logging(level: str = "info") -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)


def migrate(database_url: str | None = None) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.attributes["configure_logging"] = False
    if database_url:
        cfg.attributes["url"] = database_url
    command.upgrade(cfg, "head")


def _settings() -> Settings:
    from server.core.settings import get_settings

    return get_settings()


def cmd_migrate(_args: argparse.Namespace) -> None:
    migrate()
    print("database is at the latest schema")


def cmd_rebuild(args: argparse.Namespace) -> None:
    from server.features import make_runtime
    from server.ledger.sync import rebuild_all

    async def run() -> None:
        rt = make_runtime(_settings())
        try:
            reports = await rebuild_all(rt, [args.org] if args.org else None)
            for r in reports:
                print(f"org {r.org_id}: {r.entries} ledger entries -> {r.boards} boards (epoch {r.epoch})")
        finally:
            await rt.close()

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

    from server.demo.history import PASSWORD, create_org, seed_history
    from server.features import make_runtime

    async def run() -> None:
        rt = make_runtime(_settings())
        try:
            org_id, admin, ids = await create_org(rt, args.reps, args.team_size, rng=random.Random(args.seed))
            report = await seed_history(rt.settings, admin, ids, weeks=args.weeks, end=rt.now(), seed=args.seed,
                                        day_closes=not args.no_day_closes)
            print(f"org {org_id}: {report.reps} reps, {report.activities} activities over {report.days} days, "
                  f"{report.alerts} alerts (admin: admin-*@history.reprally.dev / {PASSWORD})")
        finally:
            await rt.close()

    asyncio.run(run())


def cmd_simulate(args: argparse.Namespace) -> None:
    import json

    from server.simulate.backends import backends
    from server.simulate.driver import Config
    from server.simulate.programs import parse
    from server.simulate.report import build, run, write

    programs = parse(args.programs)
    cfg = Config(reps=args.reps, weeks=args.weeks, seed=args.seed, history_weeks=args.history_weeks)
    with backends(migrate) as settings:
        outcomes, info = asyncio.run(run(settings, programs, cfg))
        data = build(outcomes, info, settings.push_cap_per_hour)
    out = Path(args.out)
    before = json.loads(Path(args.before).read_text()) if args.before else None
    write(data, out, Path(args.json) if args.json else None, before, args.before_note or "")
    for g in data["goals"]:
        met = "n/a" if g["met"] is None else ("met" if g["met"] else "NOT met")
        print(f"{met:8} {g['goal']}: {g['figure']} (target {g['target']})")
    print(f"report: {out / 'report.md'} ({info['seconds']:.0f} s, {info['simulated_activities']} activities)")


def cmd_api(args: argparse.Namespace) -> None:
    import uvicorn

    from server.core.edge.http_server import uvicorn_options

    s = _settings()
    uvicorn.run("server.app:app", host=args.host or s.api_host, port=args.port or s.api_port,
                workers=args.workers, log_level=s.log_level, **uvicorn_options(s))


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


def cmd_worker(_args: argparse.Namespace) -> None:
    from server.features import make_runtime

    async def run() -> None:
        from server.worker import run_worker

        rt = make_runtime(_settings())
        stop = _stop_event()
        try:
            await run_worker(rt, stop)
        finally:
            await rt.close()

    asyncio.run(run())


def cmd_realtime(args: argparse.Namespace) -> None:
    from realtime.server import run
    from server.features import make_runtime

    s = _settings()

    async def main_() -> None:
        rt = make_runtime(s)
        try:
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

    embedded: EmbeddedRedis | None = None
    if "REDIS_URL" not in os.environ:
        embedded = EmbeddedRedis(VAR_DIR)
        os.environ["REDIS_URL"] = embedded.start()
    settings = _settings()
    migrate(settings.database_url)

    async def run() -> None:
        from server.app import create_app
        from server.core.edge.http_server import uvicorn_options
        from server.demo.seed import (
            ADMIN_EMAIL,
            MANAGER_EMAIL,
            PASSWORD,
            display_code,
            rep_ids,
            seed,
            simulate,
        )
        from server.features import make_runtime
        from server.ledger.sync import rebuild_all

        rt = make_runtime(settings)
        stop = _stop_event()
        org_id, key, _ = await seed(rt, VAR_DIR / "demo-api-key", history_weeks=DEMO_HISTORY_WEEKS)
        await rebuild_all(rt)  # the bundled Redis keeps nothing across restarts: rebuild from the ledger
        ids = await rep_ids(rt, org_id)
        host, port = args.host or settings.api_host, args.port or settings.api_port
        base = f"http://{host}:{port}"
        server = uvicorn.Server(uvicorn.Config(create_app(rt=rt), host=host, port=port,
                                               log_level="warning", **uvicorn_options(settings)))
        server_task = asyncio.create_task(server.serve())
        from realtime.server import run as run_realtime

        rt_ready = asyncio.Event()
        rt_host, rt_port = settings.realtime_host, args.realtime_port or settings.realtime_port
        game_task = asyncio.create_task(run_realtime(rt, rt_host, rt_port, stop, rt_ready))
        from server.worker import run_worker

        worker_task = asyncio.create_task(run_worker(rt, stop, sync=False))  # the API runs the board sync
        while not server.started or not rt_ready.is_set():
            if game_task.done():
                game_task.result()
            await asyncio.sleep(0.05)
        tv_code = await display_code(rt, org_id)
        print(f"""
RepRally is running on embedded defaults (database {settings.database_url}, Redis {settings.redis_url}).

  API            {base}/api/v1
  API docs       {base}/schema/swagger
  Health         {base}/readyz
  Org board      {base}/api/v1/leaderboards/points?window=week
  Game server    ws://{rt_host}:{rt_port}/ws   (protocol: docs/realtime-protocol.md)
  Office TV      {base}/tv   pairing code {tv_code} (valid 15 minutes; a new one at every start)

  Admin login    {ADMIN_EMAIL} / {PASSWORD}
  Manager login  {MANAGER_EMAIL} / {PASSWORD}
  Rep logins     rep1@demo.reprally.dev ... rep30@demo.reprally.dev / {PASSWORD}
  Get a token:   curl -s -XPOST {base}/api/v1/auth/login -H 'content-type: application/json' \\
                   -d '{{"email":"{ADMIN_EMAIL}","password":"{PASSWORD}"}}'

Simulating about {args.rate} activities a second from the demo CRM key. Ctrl-C stops everything.
""", flush=True)
        sim = asyncio.create_task(simulate(base, key, ids, args.rate, stop))
        await stop.wait()
        sim.cancel()
        server.should_exit = True
        await server_task
        await game_task
        await worker_task
        await rt.close()

    try:
        asyncio.run(run())
    finally:
        if embedded:
            embedded.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="reprally", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="run everything on embedded defaults with demo data")
    up.add_argument("--host")
    up.add_argument("--port", type=int)
    up.add_argument("--realtime-port", type=int)
    up.add_argument("--rate", type=float, default=2.0, help="simulated activities per second")
    up.set_defaults(func=cmd_up)
    api = sub.add_parser("api", help="run the HTTP API")
    api.add_argument("--host")
    api.add_argument("--port", type=int)
    api.add_argument("--workers", type=int, default=1)
    api.set_defaults(func=cmd_api)
    rt_cmd = sub.add_parser("realtime", help="run the websocket game server")
    rt_cmd.add_argument("--host")
    rt_cmd.add_argument("--port", type=int)
    rt_cmd.set_defaults(func=cmd_realtime)
    sub.add_parser("worker", help="run background jobs").set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="upgrade the database to the latest schema").set_defaults(func=cmd_migrate)
    rb = sub.add_parser("rebuild", help="recompute Redis state from the ledger")
    rb.add_argument("--org", type=int, help="only this org")
    rb.set_defaults(func=cmd_rebuild)
    ins = sub.add_parser("insights", help="run an org's early-warning day close now")
    ins.add_argument("--org", type=int, required=True)
    ins.add_argument("--day", help="the local day to close (default: today in the org's time zone)")
    ins.add_argument("--rebuild-rollups", action="store_true", help="first make the rollups match the ledger")
    ins.set_defaults(func=cmd_insights)
    sh = sub.add_parser("seed-history", help="a new org with weeks of realistic history (the real activity path)")
    sh.add_argument("--reps", type=int, default=30)
    sh.add_argument("--weeks", type=int, default=12)
    sh.add_argument("--team-size", type=int, default=8)
    sh.add_argument("--seed", type=int, default=7)
    sh.add_argument("--no-day-closes", action="store_true", help="skip the early warning of the last weeks")
    sh.set_defaults(func=cmd_seed_history)
    sim = sub.add_parser("simulate", help="run programs on a simulated team through the real engine")
    sim.add_argument("--reps", type=int, default=50)
    sim.add_argument("--weeks", type=int, default=8)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--history-weeks", type=int, default=4, help="history before the programs start")
    sim.add_argument("--programs", default="plain,missions,improvement,brackets,targets,default")
    sim.add_argument("--out", default="sim-report")
    sim.add_argument("--json", help="also write the figures as JSON to this file")
    sim.add_argument("--before", help="an earlier run's JSON: the report compares its goals (before and after)")
    sim.add_argument("--before-note", help="what changed since that run, for the report")
    sim.set_defaults(func=cmd_simulate)
    demo = sub.add_parser("demo", help="seed the demo org and stream activities at a running API")
    demo.add_argument("--url", default="http://127.0.0.1:8000")
    demo.add_argument("--rate", type=float, default=2.0)
    demo.set_defaults(func=cmd_demo)
    sub.add_parser("redis", help="run the bundled redis-server").set_defaults(func=cmd_redis)
    args = parser.parse_args(argv)
    _setup_logging(os.environ.get("LOG_LEVEL", "info"))
    from server.core.settings import SettingsError

    try:
        args.func(args)
    except SettingsError as exc:  # a setting no process may start with (e.g. a short JWT_SECRET)
        raise SystemExit(f"reprally: {exc}") from None


if __name__ == "__main__":
    main()
