"""Test fixtures: a real database and a real Redis, never mocks.

Backends come from the environment: `DATABASE_URL` and `REDIS_URL` when set (CI runs the
suite against PostgreSQL 15 and Redis 7 that way); otherwise the embedded defaults, a
SQLite file and the bundled redis-server, both in a temporary directory.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import tempfile
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from server.app import create_app
from server.cli import migrate
from server.core.db import create_engine, normalise_url
from server.core.embedded import EmbeddedRedis
from server.core.runtime import Runtime
from server.core.settings import Settings
from server.features import make_runtime
from tests.support.contract import client_of

TMP = Path(tempfile.mkdtemp(prefix="reprally-tests-"))


def _database_url() -> str:
    return normalise_url(os.environ.get("DATABASE_URL") or f"sqlite+aiosqlite:///{TMP / 'test.db'}")


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    server = EmbeddedRedis(TMP / "redis")
    yield server.start()
    server.stop()


@pytest.fixture(scope="session")
def database_url():
    url = _database_url()
    if make_url(url).get_backend_name() == "postgresql":
        asyncio.run(_reset_postgres(url))
    migrate(url)
    return url


async def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


#: The abuse limits, high enough that the whole suite (one client address, 127.0.0.1) never meets
#: them while every request still goes through them; tests/core/test_abuse_limits.py and
#: tests/realtime/test_connection_limits.py pin each one with small values of their own.
SUITE_LIMITS = dict(limit_login_account="100000/hour", limit_login_address="100000/hour",
                    limit_signup_address="100000/hour", limit_pairing_address="100000/hour",
                    ws_per_user=10_000, ws_per_address=100_000)


def make_settings(database_url: str, redis_url: str, **over) -> Settings:
    base = dict(database_url=database_url, redis_url=redis_url, jwt_secret="test-secret-" + "x" * 32,
                password_time_cost=1, board_sync_after_s=0.0, redis_retry_after_s=0.2,
                habits_enabled=False,  # exact-points tests; the habit tests run their own app with it on
                **SUITE_LIMITS)
    base.update(over)
    return Settings(**base)


@pytest.fixture(scope="session")
def settings(database_url, redis_url) -> Settings:
    return make_settings(database_url, redis_url)


@pytest.fixture(scope="session")
async def rt(settings):
    runtime = make_runtime(settings)
    await runtime.redis.flushdb()
    yield runtime
    await runtime.close()


def _app_of(runtime: Runtime):
    application = create_app(rt=runtime, background=False)
    application.state.rt = runtime
    return application


def _client_of(application):
    """A client of the app; every response it gets is checked against the OpenAPI document."""
    return client_of(application)


@pytest.fixture(scope="session")
async def app(rt):
    return _app_of(rt)


@pytest.fixture
async def client(app):
    async with _client_of(app) as c:
        yield c


# The habit loop runs with HABITS_ENABLED off in `rt` (bonuses would move the exact points other
# features' tests assert); the habit tests use these, with it on.
@pytest.fixture(scope="session")
async def hrt(database_url, redis_url):
    runtime = make_runtime(make_settings(database_url, redis_url, habits_enabled=True))
    yield runtime
    await runtime.close()


@pytest.fixture(scope="session")
async def happ(hrt):
    return _app_of(hrt)


@pytest.fixture
async def hclient(happ):
    async with _client_of(happ) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
async def game_server(rt):
    """One game server on a free port for the module; yields its websocket URL."""
    from realtime.server import run

    port = free_port()
    stop, ready = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(run(rt, "127.0.0.1", port, stop, ready))
    await asyncio.wait_for(ready.wait(), 10)
    yield f"ws://127.0.0.1:{port}/ws"
    stop.set()
    await task


_seq = itertools.count(1)

#: The password of every user the tests create: strong enough for the password policy
#: (`accounts/passwords.py`), so tests that sign in never trip it.
PASSWORD = "Rally-otter-sunrise-42"


def unique(prefix: str) -> str:
    return f"{prefix}{os.getpid()}x{next(_seq)}"


class Api:
    """A thin helper over the HTTP API, as the mobile app or the admin would use it."""

    def __init__(self, client: httpx.AsyncClient, token: str, org_id: int, user_id: int) -> None:
        self.client = client
        self.token = token
        self.org_id = org_id
        self.user_id = user_id

    @property
    def headers(self) -> dict:
        return {"authorization": f"Bearer {self.token}"}

    async def get(self, path: str, **params) -> httpx.Response:
        return await self.client.get(f"/api/v1{path}", headers=self.headers, params=params)

    async def post(self, path: str, json=None) -> httpx.Response:
        return await self.client.post(f"/api/v1{path}", headers=self.headers, json=json)

    async def put(self, path: str, json=None) -> httpx.Response:
        return await self.client.put(f"/api/v1{path}", headers=self.headers, json=json)

    async def patch(self, path: str, json=None) -> httpx.Response:
        return await self.client.patch(f"/api/v1{path}", headers=self.headers, json=json)

    async def delete(self, path: str) -> httpx.Response:
        return await self.client.delete(f"/api/v1{path}", headers=self.headers)

    async def ok(self, method: str, path: str, json=None, status: int | tuple = (200, 201), **params):
        if method == "get":
            r = await self.get(path, **params)
        elif method == "delete":
            r = await self.delete(path)
        else:
            r = await getattr(self, method)(path, json=json)
        statuses = status if isinstance(status, tuple) else (status,)
        assert r.status_code in statuses, f"{method.upper()} {path} -> {r.status_code} {r.text}"
        return r.json()

    async def log(self, type_: str = "call", **fields) -> dict:
        return await self.ok("post", "/activities", {"type": type_, **fields})

    async def user(self, role: str = "rep", **fields) -> Api:
        """Create a user in this org and return an Api logged in as them."""
        email = f"{unique('u')}@example.com"
        body = {"email": email, "display_name": fields.pop("display_name", email.split("@")[0]),
                "password": PASSWORD, "role": role, **fields}
        created = await self.ok("post", "/users", body, status=201)
        r = await self.client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert r.status_code == 200, r.text
        return Api(self.client, r.json()["access_token"], self.org_id, created["id"])

    async def board(self, metric: str = "points", **params) -> dict:
        return await self.ok("get", f"/leaderboards/{metric}", **params)


async def new_org(client: httpx.AsyncClient, timezone: str = "UTC", **extra) -> Api:
    body = {"name": unique("Org "), "timezone": timezone,
            "admin": {"email": f"{unique('admin')}@example.com", "password": PASSWORD,
                      "display_name": "Admin"}, **extra}
    r = await client.post("/api/v1/orgs", json=body)
    assert r.status_code == 201, r.text
    data = r.json()
    return Api(client, data["access_token"], data["org"]["id"], data["user"]["id"])


@pytest.fixture
async def org(client) -> Api:
    return await new_org(client)


@pytest.fixture(scope="session")
async def demo_org(rt, tmp_path_factory) -> tuple[int, str]:
    """The demo org (it is a singleton: one admin e-mail), seeded once per session with 6 reps,
    enough for every feature's demo data. Returns (org id, integration key)."""
    from server.demo import seed as demo

    org_id, key, _ = await demo.seed(rt, tmp_path_factory.mktemp("demo") / "key", reps=6)
    return org_id, key


@pytest.fixture
def installed():
    """Register hooks for one test only."""
    added: list[tuple[list, object]] = []

    def install(registry: list, fn, *, first: bool = False):
        registry.insert(0, fn) if first else registry.append(fn)
        added.append((registry, fn))
        return fn

    yield install
    for registry, fn in added:
        registry.remove(fn)
