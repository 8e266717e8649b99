"""Shared set-up for the core benchmarks: an org with N reps (inserted in bulk), an API key,
and `reprally api` processes started and stopped around a run."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert

from server.board.store import Profile
from server.runtime import Runtime
from server.services import accounts
from server.services.auth import Principal
from server.storage import orgs as orgs_repo
from server.storage.models import User

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Org:
    org_id: int
    admin_token: str
    api_key: str
    rep_ids: list[int]


def env() -> dict[str, str]:
    return {**os.environ, "JWT_SECRET": os.environ.get("JWT_SECRET", "bench-secret-bench-secret-bench-secret"),
            "LOG_LEVEL": "warning"}


async def make_org(rt: Runtime, reps: int, name: str) -> Org:
    """An org, `reps` reps in 10 teams (one password hash shared, users inserted in bulk), an API key."""
    suffix = f"{os.getpid()}-{int(time.time() * 1000)}"
    org, admin = await accounts.create_org(rt, name=f"{name} {suffix}", timezone="America/New_York",
                                           week_start="monday", admin_email=f"admin-{suffix}@bench.example",
                                           admin_password="password123", admin_name="Bench Admin")
    principal = Principal(org.id, "admin", admin.id)
    teams = [await accounts.create_team(rt, principal, f"Team {i}", f"Region {i % 3}") for i in range(10)]
    pw = await rt.passwords.hash("password123")
    rows = [{"org_id": org.id, "email": f"rep{i}-{suffix}@bench.example", "password_hash": pw,
             "display_name": f"Rep {i}", "role": "rep", "team_id": teams[i % 10].id, "region": f"Region {i % 3}",
             "job_role": "AE" if i % 2 else "SDR", "active": True} for i in range(reps)]
    async with rt.engine.begin() as conn:
        for i in range(0, len(rows), 1000):
            await conn.execute(insert(User), rows[i:i + 1000])
    async with rt.sessions() as s:
        _, users = await orgs_repo.list_users(s, org.id, team_id=None, role="rep", active=True,
                                              limit=reps + 10, offset=0)
    await rt.boards.set_profiles(org.id, {u.id: Profile(u.display_name, u.team_id) for u in users})
    _, key = await accounts.create_api_key(rt, principal, "bench")
    token, _ = rt.tokens.issue(admin.id, org.id, "admin")
    return Org(org.id, token, key, [u.id for u in users])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ApiProcesses:
    """`reprally api --workers W` on a free port."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ApiProcesses:
        self.proc = subprocess.Popen([sys.executable, "-m", "server.cli", "api", "--port", str(self.port),
                                      "--workers", str(self.workers)], env=env(), cwd=ROOT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    time.sleep(0.5 * self.workers)
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("API did not start")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def runtime() -> Runtime:
    from server.config import load_settings

    return Runtime(load_settings(env()))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def run(coro):
    return asyncio.run(coro)
