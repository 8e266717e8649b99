"""CRM connectors against their floors, side by side in one run (docs/performance.md, "CRM connectors").

    python -m loadtests.bench_integrations [--smoke] [--reps 5000] [--seconds 10] [--connections 4]

1. Acknowledgement: p99 of a 100-event HubSpot delivery (verified on its raw bytes, every event
   persisted with its key in one transaction, answered) against a plain single POST /activities,
   from the same client at the same concurrency, against the same API process. Goal <= 2x.
2. Throughput: inbox events (Standard Webhooks, the events carry their data) to points, the
   worker's drain in this process, against activities through POST /activities/batch (500 each,
   wrk, 1 API process) measured just before. Goal >= 70 %.
3. Lag at a sustained 200 events/s, `reprally worker` running: from when the API kept each event
   to the rep's live `points` frame (published once the boards moved), read from Redis pub/sub
   here. HubSpot deliveries of 10 new deals (read back from a loopback HubSpot stand-in, as in
   the tests), and Standard Webhooks deliveries (one event each, as fast as one API process takes
   them). Goal p99 <= 1 s.

Every run checks that each event scored exactly once and that the boards match the ledger.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from redis.asyncio import Redis
from sqlalchemy import func, select
from standardwebhooks.webhooks import Webhook

from loadtests import bench_http_batch, loadgen
from loadtests.children import die_with_parent
from loadtests.common import (
    ROOT,
    Bench,
    CpuMeter,
    Figure,
    activity_bodies,
    env,
    percentile,
    standalone,
    vacuum,
)
from server.accounts.models import User
from server.board.channels import pubsub_name
from server.core.clock import wall_time
from server.integrations import inbox, intake, jobs
from server.integrations.connectors.base import Parsed
from server.integrations.connectors.hubspot import signature_v3
from server.integrations.models import InboxEvent
from server.ledger.models import Activity
from tests.integrations.standins import HubSpotStandIn

ACK_RATIO = 2.0
THROUGHPUT_SHARE = 0.70
LAG_P99_MS = 1000.0
RATE = 200  # events/s for the lag run
TYPES = ("call", "email", "meeting_booked", "proposal_sent", "opportunity_created")
_events = itertools.count(1)


async def emails(bench: Bench, org_id: int) -> list[str]:
    async with bench.rt.engine.connect() as conn:
        return list((await conn.execute(select(User.email).where(User.org_id == org_id, User.role == "rep")))
                    .scalars().all())


async def integration(client: httpx.AsyncClient, token: str, body: dict) -> dict:
    r = await client.post("/api/v1/integrations", json=body, headers={"authorization": f"Bearer {token}"})
    r.raise_for_status()
    return r.json()


def std_event(external_id: str, email: str, rnd: random.Random) -> dict:
    return {"type": "activity.upsert", "data": {"external_id": external_id, "activity_type": rnd.choice(TYPES),
                                                 "owner": {"email": email}}}


async def closed_loop(url: str, make, connections: int, seconds: float) -> tuple[list[float], Counter[int]]:
    """`connections` clients, each sending `make()` (path, headers, body) back to back for `seconds`."""
    lat: list[float] = []
    statuses: Counter[int] = Counter()
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as c:
        async def user() -> None:
            while time.monotonic() < stop:
                path, headers, body = make()
                t = time.monotonic()
                r = await c.post(path, content=body, headers=headers)
                lat.append((time.monotonic() - t) * 1000)
                statuses[r.status_code] += 1

        await asyncio.gather(*(user() for _ in range(connections)))
    return lat, statuses


# -- 1. acknowledgement ---------------------------------------------------------------------------------------
async def acknowledgement(bench: Bench, args, url: str, org, hs: dict, secret: str, portal: int) -> None:
    conns = args.connections or 4
    seconds = bench.seconds
    hook = httpx.URL(hs["webhook_url"]).path
    now_ms = lambda: round(datetime.now(UTC).timestamp() * 1000)  # noqa: E731

    def delivery() -> tuple[str, dict[str, str], bytes]:
        at = now_ms()
        events = [{"eventId": next(_events), "subscriptionId": 1, "portalId": portal, "occurredAt": at,
                   "subscriptionType": "deal.propertyChange", "objectId": next(_events), "propertyName": "amount",
                   "propertyValue": "100", "attemptNumber": 0} for _ in range(100)]
        body = json.dumps(events).encode()
        ts = str(at)
        return hook, {"content-type": "application/json", "x-hubspot-request-timestamp": ts,
                      "x-hubspot-signature-v3": signature_v3(secret, "POST", url + hook, body, ts)}, body

    bodies = itertools.cycle([json.dumps(b).encode() for b in activity_bodies(org.rep_ids, 2000, seed=7)])

    def single() -> tuple[str, dict[str, str], bytes]:
        return "/api/v1/activities", {"content-type": "application/json", "x-api-key": org.api_key}, next(bodies)

    await closed_loop(url, single, conns, 1 if bench.smoke else 3)  # warm-up: caches, pools
    await closed_loop(url, delivery, conns, 1 if bench.smoke else 3)
    await bench.quiet()
    results = {}
    for name, make in (("single", single), ("delivery", delivery)):
        with CpuMeter(bench._api) as cpu:
            lat, statuses = await closed_loop(url, make, conns, seconds)
        results[name] = (lat, statuses, cpu)
    s_lat, s_st, s_cpu = results["single"]
    d_lat, d_st, d_cpu = results["delivery"]
    failed = bench.check(set(s_st) <= {201} and set(d_st) <= {200}, f"statuses: single {dict(s_st)}, "
                                                                     f"deliveries {dict(d_st)}")
    ratio = percentile(d_lat, 99) / percentile(s_lat, 99)
    notes = [failed] if failed else []
    bench.add(Figure("POST /activities (single), the floor", f"1 API process, {conns} connections, closed loop",
                     len(s_lat) / seconds, "requests/s", percentile(s_lat, 50), percentile(s_lat, 95),
                     percentile(s_lat, 99), target="floor", cpu=s_cpu.line(), binds=s_cpu.binds()))
    bench.add(Figure("HubSpot delivery of 100 events, acknowledged", f"same process and client, {conns} connections",
                     len(d_lat) * 100 / seconds, "events/s", percentile(d_lat, 50), percentile(d_lat, 95),
                     percentile(d_lat, 99), target=f"p99 <= {ACK_RATIO:g}x the floor's",
                     met=None if bench.smoke else ratio <= ACK_RATIO, cpu=d_cpu.line(), binds=d_cpu.binds(),
                     notes=notes + [f"p99 ratio to the single post: {ratio:.2f}; {len(d_lat):,} deliveries "
                                    f"= {len(d_lat) * 100:,} events persisted"]))


# -- 2. throughput --------------------------------------------------------------------------------------------
async def fill(bench: Bench, org_id: int, integration_id: int, addresses: list[str], n: int, tag: str) -> None:
    """`n` Standard Webhooks events in the inbox, as the intake persists them."""
    rnd = random.Random(5)
    signed = datetime.now(UTC).isoformat()
    for i in range(0, n, 1000):
        parsed = []
        for k in range(i, min(n, i + 1000)):
            ext = f"{tag}-{k}"
            event = std_event(ext, rnd.choice(addresses), rnd)
            parsed.append(Parsed(f"msg_{tag}_{k}", "activity.upsert", "activity", ext, None,
                                 {**event, "timestamp": None, "signed_at": signed}))
        await intake.persist(bench.rt, org_id, integration_id, parsed)


async def drain_all(bench: Bench, org, std: dict, addresses: list[str], n: int) -> tuple[float, float, str]:
    """`n` events into the inbox, then the worker's inbox job in this process until it is empty.
    Returns (events/s, this process's CPU ms per event, a failed check or "")."""
    tag = uuid.uuid4().hex[:8]
    # What autovacuum does in production (this machine runs without it): the inbox is a queue, and
    # the pending index's dead entries (the last round's, the acknowledgement run's deleted
    # integration's 100,000) would be walked by every claim.
    await vacuum(bench.settings)
    await fill(bench, org.org_id, std["id"], addresses, n, tag)
    await bench.quiet()
    with CpuMeter() as cpu:
        t = time.monotonic()
        while await inbox.drain(bench.rt, limit=1):  # what the worker's job does, until nothing is left
            await jobs.inbox_job(bench.rt)
        took = time.monotonic() - t
    async with bench.rt.engine.connect() as conn:
        scored = await conn.scalar(select(func.count()).select_from(Activity).where(
            Activity.org_id == org.org_id, Activity.external_id.like(f"webhook:{std['id']}:{tag}-%")))
        pending = await conn.scalar(select(func.count()).select_from(InboxEvent).where(
            InboxEvent.integration_id == std["id"], InboxEvent.status == "pending"))
    failed = bench.check(scored == n and not pending, f"{scored} activities for {n} events, {pending} pending")
    return n / took, cpu.cores["generator"] * took * 1000 / n, failed


async def throughput(bench: Bench, args, org, std: dict, addresses: list[str]) -> None:
    """Rounds of batches and of the inbox in turn: on a machine shared with other work, one
    measurement of each can land in different weather."""
    batch_args = type(args)(**{**vars(args), "worker_counts": [1], "size": None, "connections": None})
    rounds = 1 if bench.smoke else 3
    floors, rates, cpu_ms, failures = [], [], [], []
    for _ in range(rounds):
        await bench_http_batch.run(bench, batch_args)
        fig = bench.figures[-1]
        floors.append(fig.rate)
        api = float(fig.cpu.split("api ", 1)[1].split(",", 1)[0].split("+")[0]) if "api " in fig.cpu else 0.0
        cpu_ms.append(("batch", api * 1000 / fig.rate))
        rate, ms, failed = await drain_all(bench, org, std, addresses, 500 if bench.smoke else 20_000)
        rates.append(rate)
        cpu_ms.append(("inbox", ms))
        failures += [failed] if failed else []
    floor, rate = sorted(floors)[len(floors) // 2], sorted(rates)[len(rates) // 2]
    per = {k: sorted(v for kk, v in cpu_ms if kk == k) for k in ("batch", "inbox")}
    notes = failures + [
        f"rounds: batches {' / '.join(f'{r:,.0f}' for r in floors)} activities/s, inbox {' / '.join(f'{r:,.0f}' for r in rates)} "
        f"events/s; medians {rate:,.0f} vs {floor:,.0f} = {rate / floor:.0%}",
        f"CPU per activity (median): the API in batches {per['batch'][len(per['batch']) // 2]:.3f} ms, the inbox job "
        f"{per['inbox'][len(per['inbox']) // 2]:.3f} ms (one process, {jobs.INBOX_CONCURRENCY} chunks at once)",
        await bench.boards_match_ledger(org)]
    bench.add(Figure("inbox to points (Standard Webhooks events)", f"1 process, chunks of {inbox.BATCH}", rate,
                     "events/s", target=f">= {THROUGHPUT_SHARE:.0%} of /activities/batch",
                     met=None if bench.smoke else rate >= THROUGHPUT_SHARE * floor, notes=notes))


# -- 3. lag ---------------------------------------------------------------------------------------------------
@dataclass
class LagRun:
    """One lag run: wrk paces `reqs` (each connection pauses ~`think_ms` between requests; wrk takes
    none of this process's CPU) while `reprally worker` runs; each lag is from an event's
    `received_at` (when the API persisted it) to the moment its points frame reached this process
    (both this machine's clock)."""

    name: str
    integration_id: int
    reqs: list[loadgen.Req]
    connections: int
    think_ms: int
    #: the inbox `object_id` an activity's external id names
    object_of: Callable[[str], str]
    tag: str
    #: sent first, for two seconds, and not measured: the worker's and the CRM's first calls
    #: (connections, prepared statements, HubSpot's owner list) are not the steady state
    warm_up: list[loadgen.Req]


async def measure_lag(bench: Bench, url: str, org, run: LagRun, seconds: float) -> None:
    frames: dict[int, float] = {}
    redis = Redis.from_url(bench.settings.redis_url)
    pubsub = redis.pubsub()
    await pubsub.psubscribe(pubsub_name(org.org_id, "user:*"))
    worker = subprocess.Popen([sys.executable, "-m", "server.cli", "worker"], env=env(), cwd=ROOT,
                              stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)

    async def listen() -> None:
        async for msg in pubsub.listen():
            if msg["type"] == "pmessage":
                data = json.loads(msg["data"]).get("data", {})
                if data.get("kind") == "points":
                    frames.setdefault(int(data["activity_id"]), wall_time())

    listener = asyncio.create_task(listen())
    pending = select(func.count()).select_from(InboxEvent).where(InboxEvent.integration_id == run.integration_id,
                                                                   InboxEvent.status == "pending")
    try:
        await asyncio.sleep(2)  # the worker starts
        await loadgen.run([url], run.warm_up, connections=run.connections, seconds=2, think_ms=run.think_ms,
                          threads=1)
        async with bench.rt.engine.connect() as conn:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and await conn.scalar(pending):
                await asyncio.sleep(0.2)
        with CpuMeter(bench._api) as cpu:
            res = await loadgen.run([url], run.reqs, connections=run.connections, seconds=seconds,  # one wrk
                                    think_ms=run.think_ms, expect=200, threads=1)  # thread: no request twice
            async with bench.rt.engine.connect() as conn:
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline and await conn.scalar(pending):
                    await asyncio.sleep(0.2)
            await asyncio.sleep(1)  # the last frames
    finally:
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
        await pubsub.aclose()
        await redis.aclose()
        worker.terminate()
        worker.wait(20)
    async with bench.rt.engine.connect() as conn:
        rows = (await conn.execute(select(InboxEvent.object_id, InboxEvent.received_at, InboxEvent.processed_at)
                                   .where(InboxEvent.integration_id == run.integration_id,
                                          InboxEvent.object_id.like(f"{run.tag}%")))).all()
        scored = dict((await conn.execute(select(Activity.id, Activity.external_id).where(
            Activity.org_id == org.org_id, Activity.external_id.like(f"%:{run.tag}%")))).all())
    received = {r.object_id: r.received_at for r in rows}
    to_applied = [(r.processed_at - r.received_at).total_seconds() * 1000 for r in rows if r.processed_at]
    lags = [(frames[a] - received[run.object_of(ext)].timestamp()) * 1000 for a, ext in scored.items()
            if a in frames]
    failed = bench.check(res.good > 0 and len(scored) == len(received) == len(lags),
                         f"{res.good} deliveries acknowledged, {len(received)} events kept, {len(scored)} scored, "
                         f"{len(lags)} points frames seen")
    p99 = percentile(lags, 99)
    notes = [failed] if failed else []
    notes += [f"{res.good:,} deliveries = {len(received):,} events in {res.seconds:.1f} s ({res.tool}, "
              f"{run.connections} connections paced ~{run.think_ms} ms); acknowledged p50 {res.p50:.1f} ms, "
              f"p99 {res.p99:.1f} ms; the worker polls the inbox every 0.1 s",
              f"of which received -> applied (the worker's transaction committed): p50 "
              f"{percentile(to_applied, 50):.0f} ms, p99 {percentile(to_applied, 99):.0f} ms", cpu.line()]
    bench.add(Figure(f"lag: delivery to the rep's live points, {run.name}", "1 API process + 1 worker",
                     len(received) / res.seconds, "events/s", percentile(lags, 50), percentile(lags, 95), p99,
                     target=f"p99 <= {LAG_P99_MS:.0f} ms at {RATE}/s", met=None if bench.smoke else (
                         p99 <= LAG_P99_MS and len(received) / res.seconds >= 0.9 * RATE), notes=notes))


def standard_lag_run(std: dict, addresses: list[str], seconds: float) -> LagRun:
    """Standard Webhooks: one event a delivery, 40 connections each pausing ~100 ms between them."""
    hook = httpx.URL(std["webhook_url"]).path
    signer = Webhook(std["signing_secret"])
    rnd = random.Random(9)
    at = datetime.now(UTC)

    def deliveries(tag: str, n: int) -> list[loadgen.Req]:
        out = []
        for k in range(n):
            body = json.dumps(std_event(f"{tag}-{k}", rnd.choice(addresses), rnd))
            msg_id = f"msg_{tag}_{k}"
            out.append(loadgen.Req("POST", hook, "", body, (
                ("webhook-id", msg_id), ("webhook-timestamp", str(int(at.timestamp()))),
                ("webhook-signature", signer.sign(msg_id, at, body.encode())))))
        return out

    tag = "s" + uuid.uuid4().hex[:8]
    return LagRun("Standard Webhooks, 1 event a delivery", std["id"],
                  deliveries(tag, int(RATE * seconds * 3)),  # more than wrk sends, so none repeats
                  40, 100, lambda ext: ext.rsplit(":", 1)[1], tag, deliveries("w" + tag, RATE * 6))


def hubspot_lag_run(url: str, hs: dict, secret: str, portal: int, standin: HubSpotStandIn, owners: list[str],
                    seconds: float) -> LagRun:
    """HubSpot: 10 new deals a delivery, ~20 deliveries a second; the worker reads the deals (one
    batch read a chunk) and their owners from the loopback stand-in."""
    hook = httpx.URL(hs["webhook_url"]).path
    rnd = random.Random(11)
    at = round(datetime.now(UTC).timestamp() * 1000)

    def deliveries(tag: str, n: int) -> list[loadgen.Req]:
        out = []
        for i in range(n):
            events = []
            for k in range(10):
                deal = f"{tag}{i * 10 + k:06d}"
                standin.deal(deal, hubspot_owner_id=rnd.choice(owners), dealstage="appointmentscheduled")
                events.append({"eventId": int(deal), "subscriptionId": 1, "portalId": portal, "occurredAt": at,
                               "subscriptionType": "deal.creation", "objectId": int(deal), "attemptNumber": 0})
            body = json.dumps(events)
            out.append(loadgen.Req("POST", hook, "", body, (
                ("x-hubspot-request-timestamp", str(at)),
                ("x-hubspot-signature-v3", signature_v3(secret, "POST", url + hook, body.encode(), str(at))))))
        return out

    first = 700_000_000 + random.Random().randrange(10_000_000)
    tag, warm = str(first), str(first + 1)
    return LagRun("HubSpot, 10 deals a delivery", hs["id"], deliveries(tag, int(RATE / 10 * seconds * 2)), 8, 300,
                  lambda ext: ext.split(":")[3], tag, deliveries(warm, RATE // 10 * 4))


async def run(bench: Bench, args) -> None:
    org = await bench.org()
    addresses = await emails(bench, org.org_id)
    # The webhook limiter stays on (its cost is part of every acknowledgement) but never trips:
    # every request of this run comes from one address.
    os.environ["WEBHOOK_RATE_PER_MIN"] = "10000000"
    bench.stop_api()
    api = await bench.api(1)
    portal = 424242
    secret = f"bench-client-secret-{uuid.uuid4()}"
    async with httpx.AsyncClient(base_url=api.url, timeout=30) as c:
        hs = await integration(c, org.admin_token, {"kind": "hubspot", "name": "bench", "client_secret": secret,
                                                    "access_token": "unused-token", "portal_id": portal,
                                                    "api_base": "http://127.0.0.1:9", "poll_every_s": 0})
        std = await integration(c, org.admin_token, {"kind": "standard_webhooks", "name": "bench"})
    await acknowledgement(bench, args, api.url, org, hs, secret, portal)
    async with httpx.AsyncClient(base_url=api.url, timeout=30) as c:  # its inbox goes with it
        (await c.delete(f"/api/v1/integrations/{hs['id']}",
                        headers={"authorization": f"Bearer {org.admin_token}"})).raise_for_status()
    await throughput(bench, args, org, std, addresses)
    seconds = 3 if bench.smoke else bench.seconds
    url = (await bench.api(1)).url
    await measure_lag(bench, url, org, standard_lag_run(std, addresses, seconds), seconds)
    standin = HubSpotStandIn("bench-hubspot-token").start()
    try:
        owners = [str(9000 + i) for i in range(min(200, len(addresses)))]
        standin.owners.update(zip(owners, addresses, strict=False))
        lag_secret = f"bench-client-secret-{uuid.uuid4()}"
        async with httpx.AsyncClient(base_url=url, timeout=30) as c:
            lag_hs = await integration(c, org.admin_token, {
                "kind": "hubspot", "name": "bench lag", "client_secret": lag_secret,
                "access_token": "bench-hubspot-token", "portal_id": portal + 1, "api_base": standin.url,
                "poll_every_s": 0})
        await measure_lag(bench, url, org, hubspot_lag_run(url, lag_hs, lag_secret, portal + 1, standin, owners,
                                                           seconds), seconds)
    finally:
        standin.stop()


def main(argv: list[str] | None = None) -> None:
    standalone(run, argv, __doc__, seconds=10, workers="1")


if __name__ == "__main__":
    main()
