"""Setup for the realtime benchmark: database, processes, org and reps, CPU/RSS sampling, and a
tiny keep-alive HTTP/1.1 client (cheaper than httpx, so the load generator leaves CPU to the
system under test). Everything talks to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psutil

from loadtests.children import die_with_parent

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def git_revision() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "server", "realtime"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        return rev + (" (server/ or realtime/ modified)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def raise_nofile() -> int:
    """Raise the open-files soft limit to the hard limit (children inherit it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def noon_zone(now: datetime | None = None) -> str:
    """An IANA zone where it is about noon now, so "today" cannot roll over during a run."""
    now = now or datetime.now(UTC)
    offset = 12 - now.hour
    if offset == 0:
        return "Etc/GMT"
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"  # Etc/GMT-N is UTC+N


# -- processes ----------------------------------------------------------------------------------
@dataclass
class Proc:
    name: str
    popen: subprocess.Popen
    log_path: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, timeout_s: float = 10.0) -> int | None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
        return self.popen.returncode

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def start_process(name: str, args: list[str], env: dict[str, str], log_dir: Path) -> Proc:
    log_path = log_dir / f"{name}.log"
    log = open(log_path, "wb")  # noqa: SIM115 - handed to the child, closed with it
    popen = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
    log.close()
    return Proc(name, popen, log_path)


#: The benchmarks drive every process from one address (127.0.0.1), with thousands of sockets and
#: far more sign-ups than the abuse limits allow one client (docs/security.md): they are off here.
ABUSE_LIMITS_OFF = {"LIMIT_LOGIN_ACCOUNT": "", "LIMIT_LOGIN_ADDRESS": "", "LIMIT_SIGNUP_ADDRESS": "",
                    "LIMIT_PAIRING_ADDRESS": "", "WS_PER_USER": "0", "WS_PER_ADDRESS": "0"}


def server_env(database_url: str, redis_url: str, jwt_secret: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DATABASE_URL": database_url, "REDIS_URL": redis_url, "JWT_SECRET": jwt_secret,
                "LOG_LEVEL": "warning", "PYTHONUNBUFFERED": "1", **ABUSE_LIMITS_OFF})
    env.update(extra)
    return env


def start_api(port: int, env: dict[str, str], log_dir: Path, workers: int = 1) -> Proc:
    env = {**env, "API_PORT": str(port)}
    return start_process(f"api-{port}", [PY, "-m", "server.cli", "api", "--host", "127.0.0.1", "--port", str(port),
                                         "--workers", str(workers)], env, log_dir)


def start_game_server(port: int, env: dict[str, str], log_dir: Path, *, uvloop: bool = False,
                      min_interval: float | None = None, writer_tick: float | None = None) -> Proc:
    """`reprally realtime` as shipped. The keyword arguments are experiments for the report, applied
    in the child process without touching the code: uvloop as the event loop, or other values of
    realtime.hub.MIN_INTERVAL_S / WRITER_TICK_S (module globals read on every writer tick). The
    broadcast fan-out once measured here as an experiment (X2) now ships in realtime/fanout.py."""
    env = {**env, "REALTIME_PORT": str(port)}
    head = [PY, "-m", "server.cli"]
    if uvloop or min_interval is not None or writer_tick is not None:
        code = ["import sys, asyncio"]
        if uvloop:
            code.append("import uvloop; asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())")
        if min_interval is not None:
            code.append(f"import realtime.hub as h; h.MIN_INTERVAL_S = {float(min_interval)!r}")
        if writer_tick is not None:
            code.append(f"import realtime.hub as h; h.WRITER_TICK_S = {float(writer_tick)!r}")
        code.append("from server.cli import main; main(sys.argv[1:])")
        head = [PY, "-c", "; ".join(code)]
    return start_process(f"game-{port}", [*head, "realtime", "--host", "127.0.0.1", "--port", str(port)],
                         env, log_dir)


async def wait_tcp(port: int, proc: Proc, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited early:\n{proc.log_tail()}")
        try:
            _, w = await asyncio.open_connection("127.0.0.1", port)
            w.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{proc.name} did not listen on {port} within {timeout_s}s:\n{proc.log_tail()}")


def rss_kib(pid: int) -> int:
    """VmRSS of a process in KiB, from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# -- database -----------------------------------------------------------------------------------
def _pg_args(host: str, port: int, user: str) -> list[str]:
    return ["-h", host, "-p", str(port), "-U", user]


def drop_database(name: str, host: str = "127.0.0.1", port: int = 5432, user: str = "postgres") -> None:
    subprocess.run(["dropdb", *_pg_args(host, port, user), "--if-exists", "--force", name], check=False,
                   capture_output=True)


def fresh_database(name: str, host: str = "127.0.0.1", port: int = 5432, user: str = "postgres") -> str:
    """Drop and create the database, migrate it; returns its URL."""
    base = _pg_args(host, port, user)
    subprocess.run(["dropdb", *base, "--if-exists", "--force", name], check=True, capture_output=True)
    subprocess.run(["createdb", *base, name], check=True, capture_output=True)
    url = f"postgresql://{user}@{host}:{port}/{name}"
    subprocess.run([PY, "-m", "server.cli", "migrate"], cwd=ROOT, env={**os.environ, "DATABASE_URL": url},
                   check=True, capture_output=True)
    # Org ids name Redis keys and pub/sub topics, and pub/sub ignores the db number. Since 88be4cc
    # the topics carry a per-deployment prefix (rr<db>); before that, another install with an org of
    # the same id on any db of this Redis cross-talked with ours. Start our org ids where nobody else
    # is anyway, so a shared Redis cannot disturb a run.
    first_org = secrets.randbelow(9 * 10**8) + 10**8
    subprocess.run(["psql", *base, "-d", name, "-qc", f"ALTER SEQUENCE orgs_id_seq RESTART WITH {first_org}"],
                   check=True, capture_output=True)
    return url


async def flush_redis(redis_url: str) -> None:
    from redis.asyncio import Redis

    r = Redis.from_url(redis_url)
    try:
        await r.flushdb()
    finally:
        await r.aclose()


async def redis_pid(redis_url: str) -> int | None:
    from redis.asyncio import Redis

    r = Redis.from_url(redis_url)
    try:
        return int((await r.info("server"))["process_id"])
    except Exception:  # noqa: BLE001 - only used for CPU accounting
        return None
    finally:
        await r.aclose()


async def redis_commandstats(redis_url: str) -> dict[str, tuple[int, int]]:
    """{command: (calls, usec)} of the whole Redis server (not only our db)."""
    from redis.asyncio import Redis

    r = Redis.from_url(redis_url)
    try:
        raw = await r.info("commandstats")
    finally:
        await r.aclose()
    return {k.removeprefix("cmdstat_"): (int(v["calls"]), int(v["usec"])) for k, v in raw.items()}


async def redis_monitor(redis_url: str, seconds: float) -> dict[str, float]:
    """EVALSHA calls per second by script, from MONITOR (diagnostic only: MONITOR slows Redis down).
    Scripts are told apart by their first key: ...:lease (game-server lease), ...:meta (apply.lua),
    ...:ch:...:m (publish.lua), ...:lb:... (page.lua)."""
    from redis.asyncio import Redis

    r = Redis.from_url(redis_url)
    counts: Counter[str] = Counter()
    t0 = time.monotonic()
    try:
        async with r.monitor() as m:
            async with asyncio.timeout(seconds):
                async for item in m.listen():  # bounded by the timeout
                    parts = item["command"].split()
                    if not parts or parts[0].upper() != "EVALSHA" or len(parts) < 4:
                        continue
                    key = parts[3]
                    kind = ("lease" if key.endswith(":lease") else "apply.lua" if key.endswith(":meta")
                            else "publish.lua" if ":ch:" in key and key.endswith(":m")
                            else "page.lua" if ":lb:" in key else "other")
                    counts[kind] += 1
    except TimeoutError:
        pass
    finally:
        await r.aclose()
    secs = time.monotonic() - t0
    return {k: round(v / secs, 1) for k, v in counts.most_common()}


def commandstats_diff(before: dict, after: dict, secs: float) -> dict[str, dict]:
    out = {}
    for cmd, (calls, usec) in after.items():
        c0, u0 = before.get(cmd, (0, 0))
        if calls - c0 > 0:
            out[cmd] = {"calls_per_s": round((calls - c0) / secs, 1), "usec_per_s": round((usec - u0) / secs)}
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["usec_per_s"]))


async def insert_reps(database_url: str, org_id: int, count: int, tag: str, team_size: int = 100) -> list[int]:
    """Insert `count` reps in teams of `team_size` with SQLAlchemy Core, sharing one password hash.

    Teams matter since the habit loop (issue 5): a rep's first activity of the day plans their
    missions from their team's history, so one team of every rep would make that O(reps)."""
    from argon2 import PasswordHasher
    from sqlalchemy import insert

    from server.accounts.models import Team, User
    from server.core.db import create_engine

    pw_hash = PasswordHasher(time_cost=1, memory_cost=19 * 1024, parallelism=1).hash("bench-password")
    engine = create_engine(database_url, pool_size=2)
    now = datetime.now(UTC)
    ids: list[int] = []
    try:
        async with engine.begin() as conn:
            teams = [r[0] for r in await conn.execute(insert(Team.__table__).returning(Team.__table__.c.id), [
                {"org_id": org_id, "name": f"Team {t}", "created_at": now} for t in range(-(-count // team_size))])]
            for start in range(0, count, 1000):
                rows = [{"org_id": org_id, "email": f"rep{i}.{tag}@bench.reprally.dev", "password_hash": pw_hash,
                         "display_name": f"Rep {i:05d}", "role": "rep", "team_id": teams[i // team_size],
                         "active": True,
                         "created_at": now} for i in range(start, min(count, start + 1000))]
                result = await conn.execute(insert(User.__table__).returning(User.__table__.c.id), rows)
                ids.extend(r[0] for r in result)
    finally:
        await engine.dispose()
    return ids


async def mint_tokens(database_url: str, jwt_secret: str, org_id: int, user_ids: list[int],
                      ttl_s: int = 4 * 3600) -> dict[int, str]:
    """Access tokens as the API would issue them at login: one sign-in session row per user
    (inserted in bulk), the same secret and claims."""
    from datetime import timedelta

    from sqlalchemy import insert

    from server.accounts.models import AuthSession
    from server.core.auth import Tokens, new_jti
    from server.core.db import create_engine, table_of

    tokens, now, jti = Tokens(jwt_secret, ttl_s, ttl_s), datetime.now(UTC), new_jti()
    table = table_of(AuthSession)
    engine = create_engine(database_url, pool_size=2)
    sessions: dict[int, int] = {}
    try:
        async with engine.begin() as conn:
            for start in range(0, len(user_ids), 1000):
                rows = [{"org_id": org_id, "user_id": uid, "device": "benchmark", "refresh_jti": jti, "created_at": now,
                         "last_used_at": now, "expires_at": now + timedelta(seconds=ttl_s)}
                        for uid in user_ids[start:start + 1000]]
                result = await conn.execute(insert(table).returning(table.c.user_id, table.c.id), rows)
                sessions.update({uid: sid for uid, sid in result})
    finally:
        await engine.dispose()
    return {uid: tokens.issue(uid, org_id, sessions[uid], jti)[0] for uid in user_ids}


# -- a minimal keep-alive HTTP/1.1 client -----------------------------------------------------------
class HttpConn:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def request(self, method: str, path: str, body: bytes | None = None,
                      headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        for attempt in range(2):
            if self.writer is None:
                await self._open()
            try:
                return await self._request(method, path, body, headers or {})
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    async def _request(self, method, path, body, headers) -> tuple[int, bytes]:
        assert self.reader is not None and self.writer is not None
        lines = [f"{method} {path} HTTP/1.1", f"host: {self.host}:{self.port}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if body is not None:
            lines += ["content-type: application/json", f"content-length: {len(body)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b""))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        length = 0
        for h in header_lines:
            k, _, v = h.partition(":")
            if k.strip().lower() == "content-length":
                length = int(v.strip())
            elif k.strip().lower() == "transfer-encoding":
                raise RuntimeError("chunked responses are not supported by this client")
        data = await self.reader.readexactly(length) if length else b""
        return status, data

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


async def http_json(conn: HttpConn, method: str, path: str, payload=None, token: str | None = None,
                    expect: tuple[int, ...] = (200, 201)) -> dict:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    body = json.dumps(payload).encode() if payload is not None else None
    status, data = await conn.request(method, path, body, headers)
    if status not in expect:
        raise RuntimeError(f"{method} {path} -> {status} {data[:500]!r}")
    return json.loads(data) if data else {}


async def wait_http(port: int, proc: Proc, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited early:\n{proc.log_tail()}")
        conn = HttpConn("127.0.0.1", port)
        try:
            status, _ = await conn.request("GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        finally:
            await conn.close()
        await asyncio.sleep(0.2)
    raise RuntimeError(f"{proc.name} did not answer /healthz within {timeout_s}s:\n{proc.log_tail()}")


@dataclass
class Org:
    org_id: int
    admin_token: str
    api_key: str
    rep_ids: list[int] = field(default_factory=list)


async def create_org(api_port: int, timezone: str) -> Org:
    conn = HttpConn("127.0.0.1", api_port)
    try:
        tag = secrets.token_hex(4)
        body = {"name": f"Realtime bench {tag}", "timezone": timezone,
                "admin": {"email": f"admin.{tag}@bench.reprally.dev", "password": "bench-password-1",
                          "display_name": "Bench Admin"}}
        created = await http_json(conn, "POST", "/api/v1/orgs", body)
        token = created["access_token"]
        key = await http_json(conn, "POST", "/api/v1/api-keys", {"name": "bench CRM"}, token=token)
        return Org(created["org"]["id"], token, key["key"])
    finally:
        await conn.close()


# -- CPU accounting -------------------------------------------------------------------------------
def _cpu_s(pid: int) -> float:
    try:
        t = psutil.Process(pid).cpu_times()
        return t.user + t.system
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0.0


def _children(pid: int) -> list[int]:
    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def postgres_pids(database: str | None = None) -> list[int]:
    """PostgreSQL processes: the shared ones (postmaster, writers) and the backends of `database`
    (other sessions' backends on the same server are not ours)."""
    out = []
    for p in psutil.process_iter(["name", "cmdline"]):
        if p.info["name"] != "postgres":
            continue
        cmd = " ".join(p.info["cmdline"] or [])
        is_backend = "(" in cmd and ")" in cmd  # "postgres: 15/main: user db 127.0.0.1(port) state"
        if database is None or not is_backend or f" {database} " in cmd:
            out.append(p.pid)
    return out


def _busy(t) -> float:
    return sum(getattr(t, f, 0.0) for f in ("user", "nice", "system", "irq", "softirq", "steal"))


async def wait_quiet(max_wait_s: float, busy_below: float = 0.25, sample_s: float = 2.0) -> float:
    """Wait (bounded) until the machine is mostly idle: other sessions share these 2 cores.
    Returns the busy fraction of the last sample (0..1 of all cores)."""
    deadline = time.monotonic() + max_wait_s
    busy = 1.0
    while True:
        t0 = psutil.cpu_times()
        await asyncio.sleep(sample_s)
        t1 = psutil.cpu_times()
        total = sum(getattr(t1, f) - getattr(t0, f) for f in ("user", "nice", "system", "irq", "softirq", "steal",
                                                               "idle", "iowait"))
        busy = (_busy(t1) - _busy(t0)) / total if total > 0 else 1.0
        if busy < busy_below or time.monotonic() >= deadline:
            return busy


class CpuWindow:
    """CPU seconds used by named groups of processes between start() and stop()."""

    def __init__(self, groups: dict[str, list[int] | str], api_pid: int | None = None,
                 database: str | None = None) -> None:
        # name -> pids, or "postgres" (every postgres process), or "api" (api_pid and its children)
        self.groups = groups
        self.api_pid = api_pid
        self.database = database
        self._start: dict[str, dict[int, float]] = {}
        self._sys_start = None
        self.wall = 0.0
        self.result: dict[str, float] = {}
        self.machine_busy_s = 0.0

    def _sample(self) -> dict[str, dict[int, float]]:
        out = {}
        for name, pids in self.groups.items():
            if pids == "postgres":
                ids = postgres_pids(self.database)
            elif pids == "api":
                ids = [self.api_pid] + _children(self.api_pid) if self.api_pid else []
            else:
                ids = pids
            out[name] = {pid: _cpu_s(pid) for pid in ids}
        return out

    def start(self) -> None:
        self._t0 = time.monotonic()
        self._start = self._sample()
        self._sys_start = psutil.cpu_times()

    def stop(self) -> dict[str, float]:
        end = self._sample()
        self.wall = time.monotonic() - self._t0
        for name, per_pid in end.items():
            before = self._start.get(name, {})
            self.result[name] = sum(v - before.get(pid, 0.0) for pid, v in per_pid.items())
        s0, s1 = self._sys_start, psutil.cpu_times()
        self.machine_busy_s = _busy(s1) - _busy(s0)
        return self.result

    def lines(self) -> list[str]:
        ncpu = psutil.cpu_count() or 1
        out = []
        for name, secs in self.result.items():
            out.append(f"cpu {name:<18} {secs:7.1f} s  = {100 * secs / self.wall:5.1f}% of one core")
        ours = sum(self.result.values())
        out.append(f"cpu {'(sum of the above)':<18} {ours:7.1f} s  = {100 * ours / self.wall:5.1f}% of one core")
        other = self.machine_busy_s - ours
        out.append(f"cpu {'(not ours: kernel, other sessions)':<18} {other:7.1f} s  = "
                   f"{100 * other / self.wall:5.1f}% of one core")
        out.append(f"cpu {'(whole machine)':<18} {self.machine_busy_s:7.1f} s  = "
                   f"{100 * self.machine_busy_s / self.wall:5.1f}% of one core "
                   f"({100 * self.machine_busy_s / self.wall / ncpu:.0f}% of {ncpu} cores) over {self.wall:.1f} s")
        return out

    def as_dict(self) -> dict:
        return {"wall_s": round(self.wall, 2), "cpu_s": {k: round(v, 2) for k, v in self.result.items()},
                "machine_busy_s": round(self.machine_busy_s, 2)}
