"""Push outbox benchmark: notifications/s from the event to the HTTP request at the FCM stand-in,
and the event-to-send latency (p50/p99), with the real firebase-admin SDK.

  python -m loadtests.bench_push --smoke          # tiny (50 reps), seconds; exits 1 if a push is lost/doubled
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<db> REDIS_URL=redis://127.0.0.1:6379/<n> \\
      python -m loadtests.bench_push --reps 5000  # the figures in docs/performance-push.md

Without DATABASE_URL/REDIS_URL it uses a temporary SQLite file and the bundled redis-server.
It makes a fresh org of --reps reps with one device each (nothing is dropped or flushed) and
starts the FCM stand-in (tests/notifications/support_fcm.py, a real HTTP server on 127.0.0.1).

Scenarios (each --reps notifications, one per rep, written as `events.Notice`s through the
notice sink in transactions of --per-tx, exactly as features write them):
  live     the producer writes events as fast as it can while --senders sender loops run
           (`services.push.send_due`, as `reprally worker` runs it): throughput and latency
           from the commit of the event to the stand-in receiving the request.
  paced    the same at --rate events/s (below capacity): the latency a rep sees.
  backlog  the same number of events is written first, then the senders drain them: the sender's
           own throughput.
Latency = stand-in arrival (time.time()) - notification created_at; one clock, one machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import msgspec
from sqlalchemy import insert, select

import server.features  # noqa: F401 - installs the notice sink
from loadtests.children import die_with_parent
from server.core import events
from server.core.db import normalise_url
from server.core.runtime import Runtime
from server.core.settings import Settings
from server.features import make_runtime
from server.ledger import sinks
from server.notifications import fcm, push
from server.notifications.models import Device, Notification

ROOT = Path(__file__).resolve().parent.parent


class StandIn:
    """tests/notifications/support_fcm.py in its own process (in this one it would share the GIL with the sender)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.notifications.support_fcm"], cwd=ROOT, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, preexec_fn=die_with_parent)
        self.url = self.proc.stdout.readline().strip()
        self.seen = 0

    async def requests(self, client: httpx.AsyncClient, start: int = 0) -> list[dict]:
        r = await client.get(f"{self.url}/_requests", params={"from": start})
        return r.json()

    def stop(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(10)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


async def backends(tmp: Path) -> tuple[str, str, object | None]:
    db, redis = os.environ.get("DATABASE_URL"), os.environ.get("REDIS_URL")
    embedded = None
    if not redis:
        from server.core.embedded import EmbeddedRedis

        embedded = EmbeddedRedis(tmp / "redis")
        redis = embedded.start()
    db = normalise_url(db or f"sqlite+aiosqlite:///{tmp / 'bench.db'}")
    from server.cli import migrate

    await asyncio.to_thread(migrate, db)
    return db, redis, embedded


async def make_reps(rt: Runtime, reps: int) -> tuple[int, list[int], dict[str, int]]:
    from loadtests.common import make_org

    org = await make_org(rt, reps)
    now = datetime.now(UTC)
    tag = f"{os.getpid()}x{int(time.time())}"
    rows = [{"org_id": org.org_id, "user_id": uid, "token": f"bench-{tag}-{uid}-" + "t" * 100,
             "platform": ("android", "ios", "web")[i % 3], "created_at": now, "last_seen_at": now}
            for i, uid in enumerate(org.rep_ids)]
    async with rt.engine.begin() as conn:
        for i in range(0, len(rows), 1000):
            await conn.execute(insert(Device), rows[i:i + 1000])
    return org.org_id, org.rep_ids, {r["token"]: r["user_id"] for r in rows}


async def produce(rt: Runtime, org_id: int, reps: list[int], per_tx: int, tag: str, rate: float = 0) -> None:
    """Write one notice per rep, `per_tx` per transaction, at `rate` notices/s (0: as fast as possible)."""
    start = time.monotonic()
    for i in range(0, len(reps), per_tx):
        if rate:
            await asyncio.sleep(max(0.0, start + i / rate - time.monotonic()))
        notices = [events.Notice(uid, "kudos", "Kudos!", "Someone appreciated your call", {"bench": tag},
                                dedupe_key=f"bench:{tag}:{uid}") for uid in reps[i:i + per_tx]]
        async with rt.engine.begin() as conn:
            await sinks.write_notices(rt, conn, org_id, notices)


async def drain(rt: Runtime, limit_s: float = 120.0) -> int:
    """Send what is already due (the sender is global: a database shared with the test suite or
    other benchmarks holds their notices) so the scenarios time only their own."""
    sent, deadline = 0, time.monotonic() + limit_s
    while time.monotonic() < deadline:
        report = await push.send_due(rt)
        if report.claimed == 0:
            break
        sent += report.claimed
    return sent


async def sender_loop(rt: Runtime, stop: asyncio.Event) -> None:
    while not stop.is_set():
        report = await push.send_due(rt)
        if report.claimed == 0:
            await asyncio.sleep(0.02)


async def scenario(rt, standin: StandIn, http: httpx.AsyncClient, org_id: int, reps: list[int],
                   by_token: dict[str, int], args, name: str) -> dict:
    tag = f"{name}{time.time_ns()}"
    first = len(await standin.requests(http, standin.seen))
    first += standin.seen
    stop = asyncio.Event()
    t0 = time.time()
    if name == "backlog":
        await produce(rt, org_id, reps, args.per_tx, tag)
        t_sender = time.time()
        senders = [asyncio.create_task(sender_loop(rt, stop)) for _ in range(args.senders)]
    else:
        senders = [asyncio.create_task(sender_loop(rt, stop)) for _ in range(args.senders)]
        t_sender = t0
        await produce(rt, org_id, reps, args.per_tx, tag, args.rate if name == "paced" else 0)
    deadline = time.time() + args.timeout
    got: list[dict] = []
    while time.time() < deadline:
        got += [r for r in await standin.requests(http, first + len(got))]
        if sum(1 for r in got if r["status"] == 200 and tag in r["data"].get("data", "")) >= len(reps):
            break
        await asyncio.sleep(0.2)
    stop.set()
    await asyncio.gather(*senders)
    got += await standin.requests(http, first + len(got))
    standin.seen = first + len(got)
    ok = [r for r in got if r["status"] == 200 and tag in r["data"].get("data", "")]
    ids = [int(r["data"]["notification_id"]) for r in ok]
    created: dict[int, float] = {}
    N = Notification.__table__
    async with rt.engine.connect() as conn:
        for i in range(0, len(ids), 1000):
            created.update({r.id: r.created_at.timestamp() for r in (await conn.execute(
                select(N.c.id, N.c.created_at).where(N.c.id.in_(ids[i:i + 1000])))).all()})
    lat = [r["at"] - created[int(r["data"]["notification_id"])] for r in ok]
    users = [by_token.get(r["token"]) for r in ok]
    last = max((r["at"] for r in ok), default=t0)
    span = last - (t_sender if name == "backlog" else t0)
    out = {"scenario": name, "reps": len(reps), "received": len(ok), "duplicates": len(users) - len(set(users)),
           "seconds": round(span, 2), "per_s": round(len(ok) / span, 1) if span > 0 else 0.0,
           "p50_ms": round(pct(lat, 50) * 1000, 1), "p99_ms": round(pct(lat, 99) * 1000, 1),
           "max_ms": round(max(lat, default=0) * 1000, 1)}
    if name == "backlog":
        out["write_s"] = round(t_sender - t0, 2)
    return out


async def main_async(args) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-push-"))
    db, redis_url, embedded = await backends(tmp)
    standin = StandIn()
    http = httpx.AsyncClient(timeout=60)
    settings = Settings(database_url=db, redis_url=redis_url, jwt_secret="bench-" + "p" * 40, password_time_cost=1,
                        fcm_endpoint=standin.url, push_claim=args.claim, db_pool_size=10)
    rt = make_runtime(settings)
    rc = 0
    try:
        org_id, reps, by_token = await make_reps(rt, args.reps)
        print(f"org {org_id}: {len(reps)} reps, one device each; senders={args.senders} claim={args.claim} "
              f"per_tx={args.per_tx} db={msgspec.json.encode(db.split('://')[0]).decode()}", flush=True)
        drained = await drain(rt)
        if drained:
            print(f"sent {drained} notifications already due in this database before measuring", flush=True)
        for name in ("live", "paced", "backlog"):
            fig = await scenario(rt, standin, http, org_id, reps, by_token, args, name)
            print(" ".join(f"{k}={v}" for k, v in fig.items()), flush=True)
            if fig["received"] != len(reps) or fig["duplicates"]:
                print(f"FAILED: {name}: expected {len(reps)} pushes once each", flush=True)
                rc = 1
        if args.smoke:
            print("(smoke sizes: not a measurement)")
    finally:
        await fcm.close()
        await rt.close()
        await http.aclose()
        standin.stop()
        if embedded is not None:
            embedded.stop()
    return rc


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true", help="50 reps")
    p.add_argument("--reps", type=int, default=5000)
    p.add_argument("--senders", type=int, default=2, help="concurrent sender loops")
    p.add_argument("--claim", type=int, default=500, help="outbox rows one sender run claims")
    p.add_argument("--per-tx", type=int, default=20, help="notices per event transaction")
    p.add_argument("--rate", type=float, default=100, help="events/s of the paced scenario")
    p.add_argument("--timeout", type=float, default=300)
    a = p.parse_args(argv)
    if a.smoke:
        a.reps, a.timeout, a.rate = 50, 60, 50
    return a


def main(argv=None) -> int:
    return asyncio.run(main_async(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
