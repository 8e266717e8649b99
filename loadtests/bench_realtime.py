"""Realtime game-server benchmark: memory per idle connection, and activity -> delta latency.

  python -m loadtests.bench_realtime --smoke   # tiny, ~20 s, exits 0 when every delta reached every probe
  python -m loadtests.bench_realtime           # full: 10k idle sockets; 5k clients at 300/s, on one and
                                               # on two game servers (docs/performance-realtime.md)

What it starts (all on 127.0.0.1, all stopped at the end): a fresh PostgreSQL database
(dropped and re-created, migrated), the HTTP API (`server.cli api`), one or two game servers
(`server.cli realtime`), and N client processes (loadtests/realtime_clients.py) holding the
websockets (Redis: --redis-url, db 13 by default; org ids start at a random 9-digit number, so
nothing needs flushing). The load generator (this process) creates an
org through the API, an org API key (`rrk_...`), inserts reps with SQLAlchemy Core, mints
access tokens with the shared JWT_SECRET (what POST /auth/login would return), and posts
activities for random reps through POST /api/v1/activities at a fixed rate (open loop).

Scenarios
  memory    one game server, --idle-conns sockets that sent auth and got auth_ok (then one
            subscription each unless --no-idle-subscribe); VmRSS before / after, per connection.
  latency1  --clients subscribed to the org's boards (mix: --channels) on one game server while
            --rate activities/s flow in. Latency = time a probe client first sees the rep's score
            reach the expected value in a delta - time the HTTP response arrived (time.monotonic(),
            one clock for every process on Linux). Only activities that leave the rep inside the top
            50 (the channel's view) by a margin are measured, per the generator's own model of the board.
  latency2  the same with two game servers, clients alternating between them; also checks that
            both deliver the same frames (same offsets, same bytes).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

try:
    from loadtests import realtime_setup as rs
except ImportError:  # run as a script: loadtests/ is on sys.path
    import realtime_setup as rs

HERE = Path(__file__).resolve().parent
CLIENTS_SCRIPT = HERE / "realtime_clients.py"
VIEW_SIZE = 50  # realtime/views.py VIEW_SIZE: a leaderboard channel carries the top 50
CONTAMINATION = 0.35  # CPU of processes not ours (incl. kernel softirq) above this share of one core
VISIBLE_MARGIN = 5  # measured only if fewer than VIEW_SIZE - margin others are at or above the new score
FAST_HTTP_MS = 25  # see "fast_http_ms": a slow answer makes "from the response" look shorter than it is
HTTP_TIMEOUT_S = 30

#: (type, weight, quantity range, value range) - the demo's mix (server/demo.py)
MIX = (("call", 40, (1, 4), None), ("email", 20, (1, 3), None), ("meeting_booked", 12, (1, 1), None),
       ("meeting_held", 8, (1, 1), None), ("proposal_sent", 6, (1, 1), None),
       ("opportunity_created", 5, (1, 1), None), ("deal_won", 2, (1, 1), (2_000, 60_000)))


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


# -- the load generator's model of the boards -------------------------------------------------------
class BoardModel:
    """Scores per rep as the responses report them, and whether a new score is inside the view."""

    def __init__(self) -> None:
        self.scores: dict[int, int] = {}
        self.sorted: list[int] = []

    def add(self, uid: int, delta: int) -> tuple[int, bool]:
        old = self.scores.get(uid)
        if old is not None:
            del self.sorted[bisect.bisect_left(self.sorted, old)]
        new = (old or 0) + delta
        self.scores[uid] = new
        bisect.insort(self.sorted, new)
        others_at_or_above = len(self.sorted) - bisect.bisect_left(self.sorted, new) - 1
        return new, others_at_or_above < VIEW_SIZE - VISIBLE_MARGIN


@dataclass
class GenResult:
    sent: int = 0
    ok: int = 0
    statuses: Counter = field(default_factory=Counter)
    http_ms: list[float] = field(default_factory=list)
    lag_ms: list[float] = field(default_factory=list)
    skipped: int = 0
    not_boarded: int = 0
    zero_points: int = 0
    events: list[tuple[str, int, int, float, float, bool]] = field(default_factory=list)  # metric, user,
    # expected score, t_response, t_sent, inside the view
    t_start: float = 0.0
    t_end: float = 0.0


async def generate(api_port: int, api_key: str, reps: list[int], *, rate: float, seconds: float, http_conns: int,
                   hot: int, hot_share: float, batch: int = 1, models: tuple[BoardModel, BoardModel] | None = None,
                   seed: int = 1) -> GenResult:
    """Post activities at `rate`/s for `seconds` (open loop: a request is due at its time whether or not
    earlier ones have answered; --http-conns keep-alive connections carry them).

    batch=1: one POST /api/v1/activities per activity. batch=N: every N/rate seconds one
    POST /api/v1/activities/batch with N activities (what a CRM sync does); each activity's latency is
    then measured from that batch's HTTP response."""
    rng = random.Random(seed)
    hot_reps = reps[:hot]
    points, calls = models or (BoardModel(), BoardModel())
    res = GenResult()
    queue: asyncio.Queue = asyncio.Queue()
    headers = {"authorization": f"Bearer {api_key}"}
    weights = [m[1] for m in MIX]

    def record(item: dict, uid: int, kind: str, qty: int, t0: float, t1: float) -> None:
        res.ok += 1
        if not item.get("boards_updated"):
            res.not_boarded += 1
        pts = item["points_awarded"]
        if pts > 0:
            new, vis = points.add(uid, pts)
            res.events.append(("points", uid, new, t1, t0, vis))
        else:
            res.zero_points += 1
        if kind == "call":
            new, vis = calls.add(uid, qty)
            res.events.append(("call", uid, new, t1, t0, vis))

    async def worker() -> None:
        conn = rs.HttpConn("127.0.0.1", api_port)
        try:
            for _ in range(10**7):  # bounded: stops at the None sentinel
                job = await queue.get()
                if job is None:
                    return
                due, items = job
                t0 = time.monotonic()
                res.lag_ms.append((t0 - due) * 1000)
                if batch == 1:
                    path, body = "/api/v1/activities", json.dumps(items[0][0]).encode()
                else:
                    path, body = "/api/v1/activities/batch", json.dumps({"activities": [i[0] for i in items]}).encode()
                try:
                    async with asyncio.timeout(HTTP_TIMEOUT_S):
                        status, data = await conn.request("POST", path, body, headers)
                except (OSError, asyncio.IncompleteReadError, RuntimeError, TimeoutError) as exc:
                    res.statuses[f"error:{type(exc).__name__}"] += 1
                    await conn.close()  # the stream may be mid-response: start a fresh connection
                    continue
                t1 = time.monotonic()
                res.http_ms.append((t1 - t0) * 1000)
                if batch == 1:
                    res.statuses[status] += 1
                    if status == 201:
                        record(json.loads(data), items[0][1], items[0][2], items[0][3], t0, t1)
                    continue
                if status != 200:
                    res.statuses[status] += len(items)
                    continue
                for out, (_, uid, kind, qty) in zip(json.loads(data)["results"], items, strict=True):
                    res.statuses[out["status"]] += 1
                    if out["status"] == 201:
                        record(out["activity"], uid, kind, qty, t0, t1)
        finally:
            await conn.close()

    workers = [asyncio.create_task(worker()) for _ in range(http_conns)]
    res.t_start = t0 = time.monotonic()
    total = int(rate * seconds) // batch
    for i in range(total):
        due = t0 + i * batch / rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        if queue.qsize() * batch > max(50, rate * 2):  # the API is far behind: do not queue without bound
            res.skipped += batch
            continue
        items = []
        for _ in range(batch):
            kind, _, qrange, vrange = rng.choices(MIX, weights=weights)[0]
            uid = rng.choice(hot_reps) if hot_reps and rng.random() < hot_share else rng.choice(reps)
            qty = rng.randint(*qrange)
            item = {"type": kind, "quantity": qty, "user_id": uid}
            if vrange:
                item["value"] = float(rng.randrange(*vrange, 500))
            items.append((item, uid, kind, qty))
        queue.put_nowait((due, items))
        res.sent += batch
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.wait_for(asyncio.gather(*workers), timeout=120)
    res.t_end = time.monotonic()
    return res


async def warm_up(api_port: int, api_key: str, reps: list[int], per_request: int = 200) -> tuple[BoardModel, BoardModel]:
    """One call for every rep before the measurement, through POST /activities/batch.

    A rep's first activity of the day plans their daily missions (the habit loop), which costs far
    more than the activities after it. In a real org that happens once per rep per day, spread over
    the morning; a fresh benchmark org would pay it for 2,000 reps inside the measured window.
    Returns the board models (points, calls) with these activities counted."""
    points, calls = BoardModel(), BoardModel()
    conn = rs.HttpConn("127.0.0.1", api_port)
    headers = {"authorization": f"Bearer {api_key}"}
    try:
        for start in range(0, len(reps), per_request):
            chunk = reps[start:start + per_request]
            body = json.dumps({"activities": [{"type": "call", "quantity": 1, "user_id": u} for u in chunk]}).encode()
            status, data = await conn.request("POST", "/api/v1/activities/batch", body, headers)
            if status != 200:
                raise RuntimeError(f"warm-up batch answered {status}: {data[:300]!r}")
            for out, uid in zip(json.loads(data)["results"], chunk, strict=True):
                if out["status"] != 201:
                    raise RuntimeError(f"warm-up activity refused: {out}")
                if out["activity"]["points_awarded"] > 0:
                    points.add(uid, out["activity"]["points_awarded"])
                calls.add(uid, 1)
    finally:
        await conn.close()
    return points, calls


# -- client processes -------------------------------------------------------------------------------
class ClientProc:
    def __init__(self, idx: int, proc: asyncio.subprocess.Process, config_path: Path) -> None:
        self.idx = idx
        self.proc = proc
        self.config_path = config_path
        self.pid = proc.pid

    async def cmd(self, obj: dict, timeout_s: float = 300) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write((json.dumps(obj) + "\n").encode())
        await self.proc.stdin.drain()
        line = await asyncio.wait_for(self.proc.stdout.readline(), timeout_s)
        if not line:
            raise RuntimeError(f"client process {self.idx} exited (command {obj})")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"client process {self.idx}: {reply['error']}")
        return reply

    async def stop(self) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(Exception):
                await self.cmd({"cmd": "close"}, timeout_s=60)
            try:
                await asyncio.wait_for(self.proc.wait(), 15)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()


def _open_log(path: Path):
    return open(path, "wb")  # noqa: SIM115 - handed to the child process, closed right after


async def start_clients(per_proc: list[list[dict]], workdir: Path, max_seconds: float) -> list[ClientProc]:
    out: list[ClientProc] = []
    try:
        for i, conns in enumerate(per_proc):
            cfg = workdir / f"clients-{i}.json"
            cfg.write_text(json.dumps({"conns": conns, "connect_concurrency": 100, "open_timeout": 60,
                                       "max_seconds": max_seconds}))
            err = _open_log(workdir / f"clients-{i}.log")
            proc = await asyncio.create_subprocess_exec(rs.PY, str(CLIENTS_SCRIPT), str(cfg), stdin=subprocess.PIPE,
                                                        stdout=subprocess.PIPE, stderr=err, cwd=rs.ROOT)
            err.close()
            cp = ClientProc(i, proc, cfg)
            out.append(cp)
            first = json.loads(await asyncio.wait_for(proc.stdout.readline(), 60))
            if not first.get("ready"):
                raise RuntimeError(f"client process {i} did not start: {first}")
    except BaseException:
        for cp in out:
            await cp.stop()
        raise
    return out


async def all_cmd(procs: list[ClientProc], obj: dict, timeout_s: float = 600) -> list[dict]:
    return list(await asyncio.gather(*(p.cmd(obj, timeout_s) for p in procs)))


def parse_channels(spec: str) -> list[tuple[str, float]]:
    out = []
    for part in spec.split(","):
        name, _, w = part.partition("=")
        out.append((name.strip(), float(w or 1)))
    return out


def plan_clients(n: int, procs: int, nservers: int, urls: list[str], tokens: list[str],
                 channels: list[tuple[str, float]], probes: int, seed: int = 3) -> list[list[dict]]:
    """Specs per client process: server alternates per socket, channel by weight, probes spread over
    every (process, server, channel) group in proportion to its size (at least one each)."""
    rng = random.Random(seed)
    names, weights = [c[0] for c in channels], [c[1] for c in channels]
    per_proc: list[list[dict]] = [[] for _ in range(procs)]
    for i in range(n):
        p = i % procs
        j = len(per_proc[p])
        per_proc[p].append({"url": urls[j % nservers], "server": j % nservers,
                            "channel": rng.choices(names, weights=weights)[0] if names else None,
                            "token": tokens[i % len(tokens)], "probe": False})
    if probes and names:
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for p, specs in enumerate(per_proc):
            for s in specs:
                groups[(p, s["server"], s["channel"])].append(s)
        for members in groups.values():
            quota = max(1, round(probes * len(members) / n))
            for s in members[:quota]:
                s["probe"] = True
    return per_proc


# -- scenarios ----------------------------------------------------------------------------------------
@dataclass
class Env:
    args: argparse.Namespace
    workdir: Path
    database_url: str
    redis_url: str
    secret: str
    api: rs.Proc
    api_port: int
    redis_pid: int | None
    procs: list[rs.Proc] = field(default_factory=list)

    def server_env(self) -> dict[str, str]:
        return rs.server_env(self.database_url, self.redis_url, self.secret)


async def new_org(env: Env, reps: int) -> tuple[rs.Org, list[str]]:
    org = await rs.create_org(env.api_port, rs.noon_zone())
    if env.args.privacy:  # every rep's board through a privacy mode: per-viewer frames (realtime/private.py)
        mode, _, n = env.args.privacy.partition(":")
        conn = rs.HttpConn("127.0.0.1", env.api_port)
        try:
            await rs.http_json(conn, "PUT", "/api/v1/privacy/org", {"mode": mode} | ({"n": int(n)} if n else {}),
                               token=org.admin_token)
        finally:
            await conn.close()
    org.rep_ids = await rs.insert_reps(env.database_url, org.org_id, reps, secrets.token_hex(3))
    tokens = await rs.mint_tokens(env.database_url, env.secret, org.org_id, org.rep_ids)
    return org, [tokens[u] for u in org.rep_ids]


async def start_game_servers(env: Env, count: int) -> tuple[list[rs.Proc], list[str]]:
    servers, urls = [], []
    for _ in range(count):
        port = rs.free_port()
        gs = rs.start_game_server(port, env.server_env(), env.workdir, uvloop=env.args.uvloop_game_server,
                                  min_interval=env.args.min_interval, writer_tick=env.args.writer_tick)
        env.procs.append(gs)
        await rs.wait_tcp(port, gs)
        servers.append(gs)
        urls.append(f"ws://127.0.0.1:{port}/ws")
    return servers, urls


async def scenario_memory(env: Env) -> dict:
    a = env.args
    log(f"memory: one game server, {a.idle_conns} idle authenticated sockets from {a.client_procs} client processes")
    org, tokens = await new_org(env, min(a.reps, a.idle_conns))
    (gs,), urls = await start_game_servers(env, 1)
    await asyncio.sleep(a.settle)
    rss0 = rs.rss_kib(gs.pid)
    chans = [("lb:points:day:org", 1.0)] if a.idle_subscribe else []
    plan = plan_clients(a.idle_conns, a.client_procs, 1, urls, tokens, chans, probes=0)
    clients = await start_clients(plan, env.workdir, max_seconds=1800)
    out: dict = {"conns": a.idle_conns, "rss_before_kib": rss0}
    try:
        t0 = time.monotonic()
        rep = await all_cmd(clients, {"cmd": "connect"})
        auth_ok = sum(r["auth_ok"] for r in rep)
        out.update(auth_ok=auth_ok, connect_s=round(time.monotonic() - t0, 1),
                   connect_errors=_merge([r["errors"] for r in rep]))
        await asyncio.sleep(a.settle)
        out["rss_auth_kib"] = rs.rss_kib(gs.pid)
        if a.idle_subscribe:
            t0 = time.monotonic()
            rep = await all_cmd(clients, {"cmd": "subscribe"})
            out.update(subscribed=sum(r["subscribed"] for r in rep), subscribe_s=round(time.monotonic() - t0, 1))
            await asyncio.sleep(a.settle)
            out["rss_subscribed_kib"] = rs.rss_kib(gs.pid)
        await asyncio.sleep(a.settle)
        stats = await all_cmd(clients, {"cmd": "stats"})
        out["open_at_end"] = sum(s["open"] for s in stats)
        out["client_rss_kib"] = [s["rss_kib"] for s in stats]
        out["rss_final_kib"] = rs.rss_kib(gs.pid)
    finally:
        for c in clients:
            await c.stop()
        gs.stop()
    n = max(1, out["auth_ok"])
    out["per_conn_auth_kib"] = round((out["rss_auth_kib"] - rss0) / n, 1)
    if "rss_subscribed_kib" in out:
        out["per_conn_subscribed_kib"] = round((out["rss_subscribed_kib"] - rss0) / n, 1)
    peak = out.get("rss_subscribed_kib", out["rss_auth_kib"])
    out["target_met"] = peak < 1024 * 1024 and out["auth_ok"] == a.idle_conns
    print(f"FIGURE memory conns={out['auth_ok']}/{a.idle_conns} (connect {out['connect_s']} s)")
    print(f"FIGURE memory game-server RSS before={rss0 / 1024:.1f} MiB  after auth={out['rss_auth_kib'] / 1024:.1f} MiB"
          f"  per conn={out['per_conn_auth_kib']:.1f} KiB")
    if "rss_subscribed_kib" in out:
        print(f"FIGURE memory game-server RSS after 1 subscription each={out['rss_subscribed_kib'] / 1024:.1f} MiB  "
              f"per conn={out['per_conn_subscribed_kib']:.1f} KiB  (subscribed {out['subscribed']})")
    print(f"FIGURE memory client processes RSS: {', '.join(f'{k / 1024:.0f} MiB' for k in out['client_rss_kib'])}")
    print(f"FIGURE memory target <1 GiB for {a.idle_conns}: {'MET' if out['target_met'] else 'NOT MET'}"
          + (" (smoke sizes: not a measurement)" if a.smoke else ""))
    return out


def _merge(dicts: list[dict]) -> dict:
    c: Counter = Counter()
    for d in dicts:
        c.update(d)
    return dict(c)


async def _py_spy(env: Env, pid: int, name: str, seconds: int) -> asyncio.subprocess.Process | None:
    exe = shutil.which("py-spy") or str(Path(rs.PY).parent / "py-spy")
    if not Path(exe).exists():
        log("py-spy not found; skipping the profile")
        return None
    raw = env.workdir / f"{name}.pyspy.txt"
    return await asyncio.create_subprocess_exec(exe, "record", "-d", str(seconds), "-r", "50", "--nonblocking",
                                                "--format", "raw", "-o", str(raw), "--pid", str(pid),
                                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise_profile(path: Path, top: int = 25) -> list[str]:
    """Inclusive and self sample shares per function from py-spy's raw (collapsed) output."""
    if not path.exists():
        return []
    incl: Counter = Counter()
    selfc: Counter = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        names = []
        for fr in frames:
            fn = fr.split(" (")[0]
            loc = fr[len(fn):].strip(" ()")
            mod = loc.split(":")[0].replace(str(rs.ROOT) + "/", "")
            mod = mod.split("site-packages/")[-1]
            names.append(f"{fn} ({mod})")
        for nm in set(names):
            incl[nm] += n
        if names:
            selfc[names[-1]] += n
    if not total:
        return []
    out = [f"py-spy {path.name}: {total} samples"]
    out += [f"  incl {100 * c / total:5.1f}%  {nm}" for nm, c in incl.most_common(top)]
    out += [f"  self {100 * c / total:5.1f}%  {nm}" for nm, c in selfc.most_common(top)]
    return out


async def scenario_latency(env: Env, nservers: int) -> dict:
    a = env.args
    label = f"latency{nservers}"
    log(f"{label}: {a.clients} clients on {nservers} game server(s) from {a.client_procs} client processes, "
        f"{a.probes} probes, {a.rate}/s for {a.warmup}+{a.duration} s, {a.reps} reps ({a.hot} hot, "
        f"share {a.hot_share})")
    org, tokens = await new_org(env, a.reps)
    models = None
    if a.habits:
        t0 = time.monotonic()
        models = await warm_up(env.api_port, org.api_key, org.rep_ids)
        log(f"{label}: warm-up, one call per rep through /activities/batch: {time.monotonic() - t0:.1f} s")
    servers, urls = await start_game_servers(env, nservers)
    channels = parse_channels(a.channels)
    plan = plan_clients(a.clients, a.client_procs, nservers, urls, tokens, channels, a.probes)
    total_s = a.warmup + a.duration
    clients = await start_clients(plan, env.workdir, max_seconds=total_s + 900)
    out: dict = {"nservers": nservers, "clients": a.clients, "rate": a.rate, "reps": a.reps}
    try:
        t0 = time.monotonic()
        rep = await all_cmd(clients, {"cmd": "connect"})
        out["auth_ok"] = sum(r["auth_ok"] for r in rep)
        out["connect_s"] = round(time.monotonic() - t0, 1)
        t0 = time.monotonic()
        rep = await all_cmd(clients, {"cmd": "subscribe"})
        out["subscribe_s"] = round(time.monotonic() - t0, 1)
        out["subscribed"] = sum(r["subscribed"] for r in rep)
        out["subscribe_errors"] = _merge([r["errors"] for r in rep])
        log(f"{label}: {out['auth_ok']} authenticated, {out['subscribed']} subscribed "
            f"(connect {out['connect_s']} s, subscribe {out['subscribe_s']} s, errors {out['subscribe_errors']})")
        rss_before = [rs.rss_kib(s.pid) for s in servers]
        await asyncio.sleep(1)
        gen_task = asyncio.create_task(generate(env.api_port, org.api_key, org.rep_ids, rate=a.rate, seconds=total_s,
                                                http_conns=a.http_conns, hot=a.hot, hot_share=a.hot_share,
                                                batch=a.batch, models=models))
        await asyncio.sleep(a.warmup)
        groups: dict[str, list[int] | str] = {"api": "api"}
        for i, s in enumerate(servers):
            groups[f"game-server-{i}"] = [s.pid]
        if env.redis_pid:
            groups["redis"] = [env.redis_pid]
        groups["postgres"] = "postgres"
        groups["load generator"] = [os.getpid()]
        for c in clients:
            groups[f"ws clients-{c.idx}"] = [c.pid]
        cpu = rs.CpuWindow(groups, api_pid=env.api.pid, database=a.db)
        await all_cmd(clients, {"cmd": "mark"})
        redis0 = await rs.redis_commandstats(env.redis_url)
        flushes0 = sum(redis0.get(k, (0, 0))[0] for k in ("flushall", "flushdb"))
        cpu.start()
        t_win0 = time.monotonic()
        spies = []
        if a.py_spy:
            for i, s in enumerate(servers):
                sp = await _py_spy(env, s.pid, f"{label}-game-server-{i}", min(a.py_spy, int(a.duration)))
                if sp is not None:
                    spies.append(sp)
        if a.redis_monitor:
            await asyncio.sleep(min(5.0, a.duration / 3))
            out["evalsha_per_s"] = await rs.redis_monitor(env.redis_url, a.redis_monitor)
        gen = await gen_task
        t_win1 = time.monotonic()
        cpu.stop()
        redis1 = await rs.redis_commandstats(env.redis_url)
        flushes1 = sum(redis1.get(k, (0, 0))[0] for k in ("flushall", "flushdb"))
        stats = await all_cmd(clients, {"cmd": "stats"})
        rss_after = [rs.rss_kib(s.pid) for s in servers]
        for sp in spies:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(sp.wait(), 60)
            if sp.returncode is None:
                sp.kill()
                await sp.wait()
        await asyncio.sleep(a.drain)
        win_events = [e for e in gen.events if t_win0 <= e[3] <= t_win1]
        measured = [[m, u, s, t, t_sent] for (m, u, s, t, t_sent, vis) in win_events if vis]
        ev_path = env.workdir / f"{label}-events.json"
        ev_path.write_text(json.dumps(measured))
        reports = []
        for c in clients:
            outp = env.workdir / f"{label}-report-{c.idx}.json"
            await c.cmd({"cmd": "report", "events": str(ev_path), "out": str(outp)}, timeout_s=600)
            reports.append(json.loads(outp.read_text()))
    finally:
        for c in clients:
            await c.stop()
        for s in servers:
            s.stop()
    win = t_win1 - t_win0
    lat_by_channel: dict[str, list[float]] = defaultdict(list)
    missed: Counter = Counter()
    all_sent: list[float] = []
    fast: list[float] = []  # samples whose HTTP request took <= FAST_HTTP_MS: the response time ~ the commit
    for r in reports:
        for ch, vals in r["latencies_ms"].items():
            lat_by_channel[ch].extend(vals)
            sent = r["from_sent_ms"].get(ch, [])
            fast.extend(v for v, s in zip(vals, sent, strict=False) if s - v <= FAST_HTTP_MS)
        for vals in r["from_sent_ms"].values():
            all_sent.extend(vals)
        missed.update(r["missed"])
    all_lat = [v for vals in lat_by_channel.values() for v in vals]
    frames = sum(s["frames"] for s in stats)
    nbytes = sum(s["bytes"] for s in stats)
    published: dict[str, int] = {}
    for s in stats:
        for key, (lo, hi) in s["window_offsets"].items():
            published[key] = max(published.get(key, 0), hi - lo)
    out.update({
        "window_s": round(win, 2), "posted": gen.sent, "ok": gen.ok, "skipped": gen.skipped,
        "statuses": {str(k): v for k, v in gen.statuses.items()}, "not_boarded": gen.not_boarded,
        "achieved_rate": round(gen.ok / max(1e-9, gen.t_end - gen.t_start), 1),
        "http_p50_ms": round(pct(gen.http_ms, 50), 1), "http_p99_ms": round(pct(gen.http_ms, 99), 1),
        "generator_lag_p99_ms": round(pct(gen.lag_ms, 99), 1),
        "events_in_window": len(win_events), "events_measured": len(measured),
        "probe_samples": len(all_lat), "missed": dict(missed), "probes": sum(r["probes"] for r in reports),
        "latency_ms": {"p50": pct(all_lat, 50), "p95": pct(all_lat, 95), "p99": pct(all_lat, 99),
                       "max": max(all_lat) if all_lat else None, "negative": sum(1 for v in all_lat if v < 0)},
        "from_sent_ms": {"p50": pct(all_sent, 50), "p95": pct(all_sent, 95), "p99": pct(all_sent, 99)},
        "fast_http_ms": {"n": len(fast), "p50": pct(fast, 50), "p95": pct(fast, 95), "p99": pct(fast, 99)},
        "latency_by_channel": {ch: {"n": len(v), "p50": pct(v, 50), "p95": pct(v, 95), "p99": pct(v, 99)}
                               for ch, v in sorted(lat_by_channel.items())},
        "frames": frames, "frames_per_s": round(frames / win, 1), "mbytes_per_s": round(nbytes / win / 1e6, 2),
        "published_per_channel": published,
        "gaps": sum(s["gaps"] for s in stats), "dups": sum(s["dups"] for s in stats),
        "mismatch": sum(s["mismatch"] for s in stats), "closed": _merge([s["closed"] for s in stats]),
        "open_at_end": sum(s["open"] for s in stats), "client_errors": _merge([s["errors"] for s in stats]),
        "cpu": cpu.as_dict(), "rss_before_kib": rss_before, "rss_after_kib": rss_after,
    })
    out["consistency"] = compare_servers(reports, nservers)
    out["redis_commands"] = rs.commandstats_diff(redis0, redis1, win)
    out["redis_flushes_in_window"] = flushes1 - flushes0
    out["epoch_changes"] = sum(s.get("epoch_changes", 0) for s in stats)
    other = cpu.machine_busy_s - sum(cpu.result.values())
    out["not_ours_cpu_share"] = round(other / win, 2)
    out["contaminated"] = out["epoch_changes"] > 0 or out["not_ours_cpu_share"] > CONTAMINATION
    lat = out["latency_ms"]
    out["target_met"] = bool(all_lat) and lat["p50"] <= 50 and lat["p99"] <= 250
    print(f"FIGURE {label} servers={nservers} clients={out['subscribed']}/{a.clients} probes={out['probes']} "
          f"window={win:.1f}s")
    print(f"FIGURE {label} activities posted={gen.sent} ok={gen.ok} achieved={out['achieved_rate']}/s "
          f"skipped={gen.skipped} statuses={out['statuses']} http p50={out['http_p50_ms']} ms "
          f"p99={out['http_p99_ms']} ms (generator lag p99 {out['generator_lag_p99_ms']} ms)")
    print(f"FIGURE {label} latency activity->delta (ms): p50={lat['p50']:.1f} p95={lat['p95']:.1f} "
          f"p99={lat['p99']:.1f} max={lat['max'] if lat['max'] is None else round(lat['max'], 1)} "
          f"samples={len(all_lat)} (events measured {len(measured)} of {len(win_events)}; "
          f"missed {sum(missed.values())}; negative {lat['negative']})")
    fs = out["from_sent_ms"]
    print(f"FIGURE {label} latency request sent->delta (ms): p50={fs['p50']:.1f} p95={fs['p95']:.1f} "
          f"p99={fs['p99']:.1f}")
    ff = out["fast_http_ms"]
    print(f"FIGURE {label} latency activity->delta, only requests answered within {FAST_HTTP_MS} ms (ms): "
          f"p50={ff['p50']:.1f} p95={ff['p95']:.1f} p99={ff['p99']:.1f} samples={ff['n']}")
    for ch, v in out["latency_by_channel"].items():
        print(f"FIGURE {label}   {ch:<22} n={v['n']:<7} p50={v['p50']:.1f} p95={v['p95']:.1f} p99={v['p99']:.1f}")
    print(f"FIGURE {label} delivered frames={frames} = {out['frames_per_s']}/s ({out['mbytes_per_s']} MB/s); "
          f"published per channel in window: {published}")
    print(f"FIGURE {label} gaps={out['gaps']} dups={out['dups']} epoch changes={out['epoch_changes']} "
          f"mismatched bytes={out['mismatch']} "
          f"closed={out['closed']} open at end={out['open_at_end']} errors={out['client_errors']}")
    print(f"FIGURE {label} game-server RSS before={[round(k / 1024) for k in rss_before]} MiB "
          f"after={[round(k / 1024) for k in rss_after]} MiB")
    for line in cpu.lines():
        print(f"FIGURE {label} {line}")
    print(f"FIGURE {label} redis commands/s (whole server) by CPU time: "
          + ", ".join(f"{k} {v['calls_per_s']}/s {v['usec_per_s'] / 1e4:.1f}%"
                      for k, v in list(out["redis_commands"].items())[:8]))
    if "evalsha_per_s" in out:
        print(f"FIGURE {label} Lua scripts per second (MONITOR, {a.redis_monitor} s): {out['evalsha_per_s']}")
    if nservers > 1:
        print(f"FIGURE {label} same frames on both servers: {out['consistency']}")
    bad = {k: v for k, v in out["statuses"].items() if not k.startswith("2")}
    if bad:
        print(f"WARNING {label}: non-2xx answers {bad}; API log excerpt:")
        for line in _log_excerpt(env.api.log_path):
            print(f"WARNING   {line}")
    print(f"FIGURE {label} target p50<=50 ms, p99<=250 ms: {'MET' if out['target_met'] else 'NOT MET'}"
          + (" (smoke sizes: not a measurement)" if a.smoke else ""))
    if out["contaminated"]:
        print(f"WARNING {label}: this run was disturbed from outside: epoch changes (frames of another install "
              f"or a flushed Redis) {out['epoch_changes']}, CPU of other processes "
              f"{100 * out['not_ours_cpu_share']:.0f}% of one core (threshold {100 * CONTAMINATION:.0f}%); "
              f"FLUSHALL/FLUSHDB calls on the Redis server (any db) {out['redis_flushes_in_window']}; "
              f"repeat it on a quiet machine")
    if a.py_spy:
        for i in range(nservers):
            for line in summarise_profile(env.workdir / f"{label}-game-server-{i}.pyspy.txt", a.profile_top):
                print(f"PROFILE {line}")
    return out


def _log_excerpt(path: Path, limit: int = 40) -> list[str]:
    """The last traceback or error lines of a process log."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    idx = [i for i, ln in enumerate(lines) if "Traceback" in ln or " ERROR " in ln]
    if not idx:
        return lines[-10:]
    return lines[idx[-1]:idx[-1] + limit]


def compare_servers(reports: list[dict], nservers: int) -> dict:
    """Per channel: the (epoch, offset)s each server delivered and whether the bytes agree."""
    per: dict[tuple[str, str], dict[str, int]] = {}
    conflicts = 0
    for r in reports:
        for key, ref in r["refs"].items():
            server, _, ch = key.partition("|")
            d = per.setdefault((server, ch), {})
            for pos, crc in ref.items():
                prev = d.setdefault(pos, crc)
                if prev != crc:
                    conflicts += 1
    out: dict = {"within_server_conflicts": conflicts}
    if nservers < 2:
        return out
    for ch in sorted({ch for _, ch in per}):
        a, b = per.get(("0", ch), {}), per.get(("1", ch), {})
        common = set(a) & set(b)
        only_a = only_b = 0
        for epoch in {p.split(":")[0] for p in common}:
            oa = {int(p.split(":")[1]) for p in a if p.startswith(epoch + ":")}
            ob = {int(p.split(":")[1]) for p in b if p.startswith(epoch + ":")}
            lo, hi = max(min(oa), min(ob)), min(max(oa), max(ob))
            only_a += sum(1 for o in oa - ob if lo <= o <= hi)
            only_b += sum(1 for o in ob - oa if lo <= o <= hi)
        out[ch] = {"frames_server0": len(a), "frames_server1": len(b), "common": len(common),
                   "bytes_differ": sum(1 for p in common if a[p] != b[p]),
                   "only_server0_in_range": only_a, "only_server1_in_range": only_b}
    return out


# -- main ---------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true", help="tiny run: 50 sockets, 20 activities, no timing targets")
    p.add_argument("--scenario", default="all", choices=["all", "memory", "latency1", "latency2", "latency"],
                   help="latency = latency1 + latency2")
    p.add_argument("--idle-conns", type=int, default=10_000)
    p.add_argument("--no-idle-subscribe", dest="idle_subscribe", action="store_false")
    p.add_argument("--clients", type=int, default=5000)
    p.add_argument("--client-procs", type=int, default=2)
    p.add_argument("--probes", type=int, default=100)
    p.add_argument("--channels", default="lb:points:day:org=0.6,lb:points:week:org=0.2,lb:call:day:org=0.2")
    p.add_argument("--reps", type=int, default=2000)
    p.add_argument("--privacy", default="", metavar="MODE[:N]",
                   help="the org's board privacy mode, e.g. top_n:50 (every rep sees the channel's 50 rows, "
                        "each through the per-viewer filter: the filter's cost with the same frames to measure)")
    p.add_argument("--hot", type=int, default=40, help="reps that get --hot-share of the activities")
    p.add_argument("--hot-share", type=float, default=0.5)
    p.add_argument("--rate", type=float, default=300.0, help="activities per second")
    p.add_argument("--duration", type=float, default=60.0, help="measured seconds")
    p.add_argument("--warmup", type=float, default=10.0)
    p.add_argument("--drain", type=float, default=3.0)
    p.add_argument("--settle", type=float, default=3.0, help="seconds to let RSS settle between memory steps")
    p.add_argument("--http-conns", type=int, default=32)
    p.add_argument("--habits", action="store_true",
                   help="run the API with the habit loop on (HABITS_ENABLED); off by default: its mission and combo "
                        "bonuses move the points boards in ways the generator's model does not predict")
    p.add_argument("--batch", type=int, default=1,
                   help="activities per request: 1 = POST /activities, N > 1 = POST /activities/batch")
    p.add_argument("--api-workers", type=int, default=1, help="uvicorn workers of the API (reprally api --workers)")
    p.add_argument("--db", default=None,
                   help="PostgreSQL database to (re)create on 127.0.0.1:5432 as postgres and drop at the end "
                        "(default $RTBENCH_DB, else rtbench, rtbench_smoke with --smoke)")
    p.add_argument("--flush-redis", action="store_true",
                   help="FLUSHDB the Redis db first (not needed: org ids are random, keys are prefixed per db)")
    p.add_argument("--redis-url", default=os.environ.get("RTBENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
                   help="default: $RTBENCH_REDIS_URL, else db 13")
    p.add_argument("--uvloop-game-server", action="store_true",
                   help="experiment: run the game server's entry point on uvloop")
    p.add_argument("--min-interval", type=float, default=None,
                   help="experiment: override realtime.hub.MIN_INTERVAL_S (0.1) in the game server process")
    p.add_argument("--writer-tick", type=float, default=None,
                   help="experiment: override realtime.hub.WRITER_TICK_S (0.02) in the game server process")
    p.add_argument("--py-spy", type=int, default=0, metavar="SECONDS", help="profile the game server(s)")
    p.add_argument("--redis-monitor", type=float, default=0.0, metavar="SECONDS",
                   help="diagnostic: count Lua script calls with MONITOR during the window (slows Redis)")
    p.add_argument("--profile-top", type=int, default=20)
    p.add_argument("--json-out", help="write every figure as JSON here")
    p.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                   help="before each scenario, wait up to this long for the machine to be <25%% busy")
    p.add_argument("--keep", action="store_true", help="keep the work directory (logs, configs, reports)")
    args = p.parse_args(argv)
    if args.db is None:
        args.db = os.environ.get("RTBENCH_DB") or ("rtbench_smoke" if args.smoke else "rtbench")
    if args.smoke:
        args.idle_conns, args.clients, args.probes, args.reps, args.hot = 50, 50, 10, 20, 0
        args.rate, args.duration, args.warmup, args.drain, args.http_conns = 20.0, 1.0, 0.0, 1.5, 4
        args.settle = 0.5
    return args


def check_smoke(results: dict, args) -> list[str]:
    problems = []
    mem = results.get("memory")
    if mem and mem["auth_ok"] != args.idle_conns:
        problems.append(f"memory: {mem['auth_ok']}/{args.idle_conns} authenticated")
    for key in ("latency1", "latency2"):
        r = results.get(key)
        if not r:
            continue
        if r["subscribed"] != args.clients:
            problems.append(f"{key}: {r['subscribed']}/{args.clients} subscribed")
        if r["ok"] != r["posted"]:
            problems.append(f"{key}: {r['ok']}/{r['posted']} activities accepted")
        if r["events_measured"] == 0 or r["probe_samples"] == 0:
            problems.append(f"{key}: nothing measured")
        if sum(r["missed"].values()):
            problems.append(f"{key}: probes missed {r['missed']}")
        if (r["gaps"] or r["dups"] or r["mismatch"] or r["epoch_changes"]
                or r["consistency"]["within_server_conflicts"]):
            problems.append(f"{key}: gaps={r['gaps']} dups={r['dups']} epoch changes={r['epoch_changes']} "
                            f"mismatch={r['mismatch']}")
        if r["open_at_end"] != args.clients:
            problems.append(f"{key}: {r['open_at_end']}/{args.clients} sockets open at the end ({r['closed']})")
        for ch, c in r["consistency"].items():
            if isinstance(c, dict) and (c["bytes_differ"] or c["only_server0_in_range"]
                                        or c["only_server1_in_range"]):
                problems.append(f"{key}: servers differ on {ch}: {c}")
    return problems


async def run(args) -> int:
    nofile = rs.raise_nofile()
    workdir = Path(tempfile.mkdtemp(prefix="rtbench-"))
    log(f"code {rs.git_revision()}; work directory {workdir}; open-files limit {nofile}; "
        f"load average {os.getloadavg()}")
    secret = "rtbench-" + secrets.token_hex(24)
    database_url = rs.fresh_database(args.db)
    if args.flush_redis:
        await rs.flush_redis(args.redis_url)
    api_port = rs.free_port()
    env_vars = rs.server_env(database_url, args.redis_url, secret,
                             HABITS_ENABLED="true" if args.habits else "false")
    api = rs.start_api(api_port, env_vars, workdir, workers=args.api_workers)
    env = Env(args, workdir, database_url, args.redis_url, secret, api, api_port, await rs.redis_pid(args.redis_url))
    env.procs.append(api)
    results: dict = {"args": vars(args), "code": rs.git_revision()}
    code = 0
    try:
        await rs.wait_http(api_port, api)
        log(f"API up on {api_port} (pid {api.pid}); database {database_url}")
        todo = {"all": ["memory", "latency1", "latency2"], "latency": ["latency1", "latency2"]}.get(
            args.scenario, [args.scenario])
        for name in todo:
            if args.wait_quiet:
                busy = await rs.wait_quiet(args.wait_quiet)
                log(f"machine busy {100 * busy:.0f}% before {name}; load average {os.getloadavg()}")
                results.setdefault("busy_before", {})[name] = round(busy, 3)
            if name == "memory":
                results["memory"] = await scenario_memory(env)
            else:
                results[name] = await scenario_latency(env, 1 if name == "latency1" else 2)
        if args.smoke:
            problems = check_smoke(results, args)
            for pr in problems:
                print(f"SMOKE FAIL {pr}")
            print("SMOKE OK" if not problems else "SMOKE FAILED")
            code = 1 if problems else 0
    finally:
        for p in reversed(env.procs):
            p.stop()
        if args.json_out:
            Path(args.json_out).write_text(json.dumps(results, indent=1, default=str))
        if args.keep:
            log(f"kept {workdir} and database {args.db}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            rs.drop_database(args.db)
    return code


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    t0 = time.monotonic()
    code = asyncio.run(run(args))
    log(f"done in {time.monotonic() - t0:.1f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
